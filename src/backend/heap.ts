// Typed views over linear memory. memory.grow replaces the buffer, so views are re-created lazily when it changed:
// call these right before use and never keep the result across an allocation.
//
// A grow detaches the old buffer, and a view of a detached buffer has length 0: that is the (cheap) test for a
// stale view. Reading memory.buffer on every call would cost a call into the engine (~10 ns) per access.
import { memory } from './wasm';

let f32 = new Float32Array(memory.buffer);
let f64 = new Float64Array(memory.buffer);
let i32 = new Int32Array(memory.buffer);
let u8 = new Uint8Array(memory.buffer);

function refresh(): void {
  const buffer = memory.buffer;
  f32 = new Float32Array(buffer);
  f64 = new Float64Array(buffer);
  i32 = new Int32Array(buffer);
  u8 = new Uint8Array(buffer);
}

export function heapF32(): Float32Array {
  if (f32.length === 0) refresh();
  return f32;
}
export function heapF64(): Float64Array {
  if (f64.length === 0) refresh();
  return f64;
}
export function heapI32(): Int32Array {
  if (i32.length === 0) refresh();
  return i32;
}
export function heapU8(): Uint8Array {
  if (u8.length === 0) refresh();
  return u8;
}
