// Vector helpers shared by the nn kernels (not exported from the module): each SIMD loop has its scalar
// reference beside it, and nn-conv exports both forms of addRun so that tests compare them.
import { lanes } from './simd';

/** to[i] += from[i] for i < count (contiguous runs of f32 or f64): SIMD body, scalar tail. */
@inline
export function addRun<T>(to: usize, from: usize, count: i32): void {
  const eb = <usize>sizeof<T>();
  const L = lanes<T>();
  let i = 0;
  for (; i + L <= count; i += L) {
    const at = to + <usize>i * eb;
    v128.store(at, v128.add<T>(v128.load(at), v128.load(from + <usize>i * eb)));
  }
  for (; i < count; i++) {
    const at = to + <usize>i * eb;
    store<T>(at, load<T>(at) + load<T>(from + <usize>i * eb));
  }
}

/** Scalar reference for addRun, and the path for strided runs: to[i * toStep] += from[i * fromStep]. */
@inline
export function addStrided<T>(to: usize, from: usize, count: i32, toStep: i32, fromStep: i32): void {
  const eb = <isize>sizeof<T>();
  for (let i = 0; i < count; i++) {
    const at = to + <usize>(<isize>(i * toStep) * eb);
    store<T>(at, load<T>(at) + load<T>(from + <usize>(<isize>(i * fromStep) * eb)));
  }
}
