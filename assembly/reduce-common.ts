// Helpers shared by the reduction kernels (assembly/reduce-*.ts). Not re-exported: nothing here is a kernel.
// The op codes they dispatch on are in abi/reduce-ops.ts.
import {
  OP_MAX, OP_MEAN, OP_MIN, OP_NORM0, OP_NORM1, OP_NORM2, OP_NORM_INF, OP_NORM_NEG_INF, OP_NORMP, OP_PROD,
} from '../abi/reduce-ops';
import { lanes } from './simd';

// Cascade sizes: a level-0 accumulator takes BLOCK steps before it is folded into level 1, which takes BLOCK
// blocks before it is folded into level 2. Each partial sum therefore adds at most BLOCK terms of similar
// magnitude, so the rounding error of a float32 sum grows like BLOCK + BLOCK + n / BLOCK^2 instead of n
// (the idea of PyTorch's cascade_sum and of pairwise summation, with a fixed depth that stays in registers).
@inline export const BLOCK: i32 = 64;

/** Byte address of element i of a T array at base. */
@inline
export function at<T>(base: usize, i: i32): usize {
  return base + (<usize>i) * sizeof<T>();
}

/** Horizontal combine of the lanes of v with a scalar combine. */
@inline
export function horizontal<T>(op: i32, v: v128): T {
  if (sizeof<T>() == 8) {
    return combine<T>(op, v128.extract_lane<T>(v, 0), v128.extract_lane<T>(v, 1));
  } else if (sizeof<T>() == 4) {
    const a = combine<T>(op, v128.extract_lane<T>(v, 0), v128.extract_lane<T>(v, 1));
    const b = combine<T>(op, v128.extract_lane<T>(v, 2), v128.extract_lane<T>(v, 3));
    return combine<T>(op, a, b);
  } else {
    let acc = v128.extract_lane<T>(v, 0);
    acc = combine<T>(op, acc, v128.extract_lane<T>(v, 1));
    acc = combine<T>(op, acc, v128.extract_lane<T>(v, 2));
    acc = combine<T>(op, acc, v128.extract_lane<T>(v, 3));
    acc = combine<T>(op, acc, v128.extract_lane<T>(v, 4));
    acc = combine<T>(op, acc, v128.extract_lane<T>(v, 5));
    acc = combine<T>(op, acc, v128.extract_lane<T>(v, 6));
    acc = combine<T>(op, acc, v128.extract_lane<T>(v, 7));
    acc = combine<T>(op, acc, v128.extract_lane<T>(v, 8));
    acc = combine<T>(op, acc, v128.extract_lane<T>(v, 9));
    acc = combine<T>(op, acc, v128.extract_lane<T>(v, 10));
    acc = combine<T>(op, acc, v128.extract_lane<T>(v, 11));
    acc = combine<T>(op, acc, v128.extract_lane<T>(v, 12));
    acc = combine<T>(op, acc, v128.extract_lane<T>(v, 13));
    acc = combine<T>(op, acc, v128.extract_lane<T>(v, 14));
    return combine<T>(op, acc, v128.extract_lane<T>(v, 15));
  }
}

/** The identity of op's combine. */
@inline
export function identity<T>(op: i32): T {
  if (op == OP_PROD) return <T>1;
  if (op == OP_MAX) {
    if (isFloat<T>()) return <T>-Infinity;
    if (sizeof<T>() == 1) return <T>0;
    return <T>i32.MIN_VALUE;
  }
  if (op == OP_MIN || op == OP_NORM_NEG_INF) {
    if (isFloat<T>()) return <T>Infinity;
    if (sizeof<T>() == 1) return <T>255;
    return <T>i32.MAX_VALUE;
  }
  return <T>0;
}

/** Scalar per-element map. */
@inline
export function mapOne<T>(op: i32, x: T, p: f64): T {
  if (isFloat<T>()) {
    if (op == OP_NORM1 || op == OP_NORM_INF || op == OP_NORM_NEG_INF) return abs<T>(x);
    if (op == OP_NORM2) return x * x;
    if (op == OP_NORM0) return x != 0 ? <T>1 : <T>0;
    if (op == OP_NORMP) return <T>Math.pow(<f64>abs<T>(x), p);
  }
  return x;
}

/** Scalar combine (max/min are wasm's, which return NaN when either operand is NaN). */
@inline
export function combine<T>(op: i32, a: T, b: T): T {
  if (op == OP_PROD) return a * b;
  if (op == OP_MAX || op == OP_NORM_INF) return max<T>(a, b);
  if (op == OP_MIN || op == OP_NORM_NEG_INF) return min<T>(a, b);
  return a + b;
}

/** Vector per-element map (OP_NORMP has none: callers take the scalar path). */
@inline
export function mapVec<T>(op: i32, v: v128): v128 {
  if (isFloat<T>()) {
    if (op == OP_NORM1 || op == OP_NORM_INF || op == OP_NORM_NEG_INF) return v128.abs<T>(v);
    if (op == OP_NORM2) return v128.mul<T>(v, v);
    if (op == OP_NORM0) return v128.and(v128.ne<T>(v, v128.splat<T>(<T>0)), v128.splat<T>(<T>1));
  }
  return v;
}

/** Vector combine, lane by lane. */
@inline
export function combineVec<T>(op: i32, a: v128, b: v128): v128 {
  if (op == OP_PROD) {
    if (sizeof<T>() > 1) return v128.mul<T>(a, b);
    unreachable();
  }
  if (op == OP_MAX || op == OP_NORM_INF) return v128.max<T>(a, b);
  if (op == OP_MIN || op == OP_NORM_NEG_INF) return v128.min<T>(a, b);
  return v128.add<T>(a, b);
}

/** True for the ops that combine with max or min. */
@inline
export function isExtremum(op: i32): bool {
  return op == OP_MAX || op == OP_MIN || op == OP_NORM_INF || op == OP_NORM_NEG_INF;
}

/**
 * The combine of the hot loops. For floats, max/min use pmax/pmin (one instruction on most hardware, where wasm's
 * NaN-propagating max/min take several) and the NaNs are tracked apart by nanLanes, then restored by withNaN.
 */
@inline
export function stepVec<T>(op: i32, acc: v128, x: v128): v128 {
  if (isFloat<T>()) {
    if (op == OP_MAX || op == OP_NORM_INF) return v128.pmax<T>(acc, x);
    if (op == OP_MIN || op == OP_NORM_NEG_INF) return v128.pmin<T>(acc, x);
  }
  return combineVec<T>(op, acc, x);
}

/** Lanes that have seen a NaN (float max/min only; otherwise nan is returned as is and optimised away). */
@inline
export function nanLanes<T>(op: i32, nan: v128, x: v128): v128 {
  if (isFloat<T>() && isExtremum(op)) return v128.or(nan, v128.ne<T>(x, x));
  return nan;
}

/** acc with NaN in the lanes nanLanes marked. */
@inline
export function withNaN<T>(op: i32, acc: v128, nan: v128): v128 {
  if (isFloat<T>() && isExtremum(op)) return v128.bitselect(v128.splat<T>(<T>NaN), acc, nan);
  return acc;
}

/** The last step on an accumulated value: mean divides (as PyTorch: sum, then divide), norms take the root. */
@inline
export function finish<T>(op: i32, acc: T, n: i32, p: f64): T {
  if (isFloat<T>()) {
    if (op == OP_MEAN) return acc / <T>n;
    if (op == OP_NORM2) return sqrt<T>(acc);
    if (op == OP_NORMP) return <T>Math.pow(<f64>acc, 1.0 / p);
  }
  return acc;
}

/** True for ops whose finish step changes the accumulated value. */
@inline
export function hasFinish(op: i32): bool {
  return op == OP_MEAN || op == OP_NORM2 || op == OP_NORMP;
}

/**
 * op over n contiguous elements (no finish step): the vector cascade over runs of four vectors (4 * lanes partial
 * results), then the last n mod (4 * lanes) elements through the scalar cascade.
 */
@inline
export function reduceRun<T>(op: i32, ptr: usize, n: i32, p: f64): T {
  const steps = op == OP_NORMP ? 0 : n / (4 * lanes<T>());
  const vecEnd = steps * 4 * lanes<T>();
  const vec = horizontal<T>(op, cascadeQuad<T>(op, ptr, steps, 64, false, 0));
  const tail = stridedRun<T>(op, at<T>(ptr, vecEnd), n - vecEnd, <usize>sizeof<T>(), p);
  return combine<T>(op, vec, tail);
}

/**
 * The vector cascade: op over `steps` steps of four adjacent vectors (at q, q + 16, q + 32, q + 48; q advances by
 * stepBytes per step) in four independent accumulators, three cascade levels each: one run of a row (inner
 * layout, stepBytes 64) or four vectors of columns down the rows (outer layout, stepBytes = the row). Returns the
 * lane-wise combine of the four results; when `store` (a constant) they are also stored at out, out + 16, ...
 * Float max/min results get their NaN lanes back (see stepVec).
 */
@inline
export function cascadeQuad<T>(op: i32, q: usize, steps: i32, stepBytes: usize, store: bool, out: usize): v128 {
  const idv = v128.splat<T>(identity<T>(op));
  let t0 = idv, t1 = idv, t2 = idv, t3 = idv;
  let n0 = v128.splat<i32>(0), n1 = n0, n2 = n0, n3 = n0;
  let s = 0;
  while (s < steps) {
    let m0 = idv, m1 = idv, m2 = idv, m3 = idv;
    const superEnd = min(steps, s + BLOCK * BLOCK);
    while (s < superEnd) {
      let a0 = idv, a1 = idv, a2 = idv, a3 = idv;
      const blockEnd = min(superEnd, s + BLOCK);
      for (; s < blockEnd; s++) {
        const x0 = mapVec<T>(op, v128.load(q));
        const x1 = mapVec<T>(op, v128.load(q, 16));
        const x2 = mapVec<T>(op, v128.load(q, 32));
        const x3 = mapVec<T>(op, v128.load(q, 48));
        a0 = stepVec<T>(op, a0, x0);
        a1 = stepVec<T>(op, a1, x1);
        a2 = stepVec<T>(op, a2, x2);
        a3 = stepVec<T>(op, a3, x3);
        n0 = nanLanes<T>(op, n0, x0);
        n1 = nanLanes<T>(op, n1, x1);
        n2 = nanLanes<T>(op, n2, x2);
        n3 = nanLanes<T>(op, n3, x3);
        q += stepBytes;
      }
      m0 = combineVec<T>(op, m0, a0);
      m1 = combineVec<T>(op, m1, a1);
      m2 = combineVec<T>(op, m2, a2);
      m3 = combineVec<T>(op, m3, a3);
    }
    t0 = combineVec<T>(op, t0, m0);
    t1 = combineVec<T>(op, t1, m1);
    t2 = combineVec<T>(op, t2, m2);
    t3 = combineVec<T>(op, t3, m3);
  }
  if (store) {
    v128.store(out, withNaN<T>(op, t0, n0));
    v128.store(out, withNaN<T>(op, t1, n1), 16);
    v128.store(out, withNaN<T>(op, t2, n2), 32);
    v128.store(out, withNaN<T>(op, t3, n3), 48);
  }
  const folded = combineVec<T>(op, combineVec<T>(op, t0, t1), combineVec<T>(op, t2, t3));
  return withNaN<T>(op, folded, v128.or(v128.or(n0, n1), v128.or(n2, n3)));
}

/** op over n elements strideBytes apart, scalar, with the same cascade (used for tails, columns and OP_NORMP). */
@inline
export function stridedRun<T>(op: i32, ptr: usize, n: i32, strideBytes: usize, p: f64): T {
  const id = identity<T>(op);
  let total = id;
  let i = 0;
  while (i < n) {
    let mid = id;
    const superEnd = min(n, i + BLOCK * BLOCK);
    while (i < superEnd) {
      let acc = id;
      const blockEnd = min(superEnd, i + BLOCK);
      for (; i < blockEnd; i++) {
        acc = combine<T>(op, acc, mapOne<T>(op, load<T>(ptr), p));
        ptr += strideBytes;
      }
      mid = combine<T>(op, mid, acc);
    }
    total = combine<T>(op, total, mid);
  }
  return total;
}
