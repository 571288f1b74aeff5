// Generic loops of the elementwise kernels, with no knowledge of any op: each takes a zero-size op class O (a `vec`
// method, called through changetype<O>(0)) or a row dispatcher C, so every (type, op) pair compiles to its own inlined
// loop. The op families (elementwise-unary.ts, elementwise-binary.ts, elementwise-compare.ts, elementwise-where.ts)
// hold the op classes, the opcode switches and the exported kernels.
// Pointers are byte addresses; strides and sizes count elements. Outputs are contiguous.
// Every loop works on whole vectors; a row's last partial vector and gathered rows use lanes filled from memory, so
// results are identical whatever path or position an element takes (see elementwise-lanes.ts).
import { loadLanes, storeLanes, storeMaskBytes } from './elementwise-lanes';
import { lanes } from './simd';
import { startOdometer } from './strided';

/** out[i] = op(x[i]) over a contiguous run; the last partial vector goes through the same op.vec call site. */
@inline
export function unaryRun<T, O>(x: usize, out: usize, n: i32, p: v128, q: v128): void {
  const op = changetype<O>(0);
  const L = lanes<T>();
  for (let i = 0; i < n; i += L) {
    const offset = <usize>i * sizeof<T>();
    const full = i + L <= n;
    const v = op.vec(full ? v128.load(x + offset) : loadLanes<T>(x + offset, 1, n - i), p, q);
    if (full) v128.store(out + offset, v);
    else storeLanes<T>(out + offset, v, n - i);
  }
}

/**
 * unaryRun for the float32 exp-based ops: four vectors per iteration, as four independent dependency chains the CPU
 * overlaps (each op is one long chain of dependent multiply-adds), then unaryRun for the remainder. Every vector goes
 * through the same lane-wise op.vec, so results do not depend on which loop handles an element.
 */
@inline
export function unaryRunX4<T, O>(x: usize, out: usize, n: i32, p: v128, q: v128): void {
  const op = changetype<O>(0);
  const L = lanes<T>();
  let i = 0;
  if (sizeof<T>() == 4) {
    const bytes = <usize>L * sizeof<T>();
    for (; i + 4 * L <= n; i += 4 * L) {
      const src = x + <usize>i * sizeof<T>();
      const dst = out + <usize>i * sizeof<T>();
      const v0 = op.vec(v128.load(src), p, q);
      const v1 = op.vec(v128.load(src + bytes), p, q);
      const v2 = op.vec(v128.load(src + 2 * bytes), p, q);
      const v3 = op.vec(v128.load(src + 3 * bytes), p, q);
      v128.store(dst, v0);
      v128.store(dst + bytes, v1);
      v128.store(dst + 2 * bytes, v2);
      v128.store(dst + 3 * bytes, v3);
    }
  }
  const done = <usize>i * sizeof<T>();
  unaryRun<T, O>(x + done, out + done, n - i, p, q);
}

/** Stores `count` results at element index i of a contiguous output of R (T values, or bytes for masks). */
@inline
export function storeResults<T, R>(out: usize, i: i32, v: v128, count: i32): void {
  if (sizeof<R>() == 1) storeMaskBytes<T>(out + <usize>i, v, count);
  else if (count == lanes<T>()) v128.store(out + <usize>i * sizeof<T>(), v);
  else storeLanes<T>(out + <usize>i * sizeof<T>(), v, count);
}

@inline
export function at<T>(base: usize, i: i32, stride: i32): usize {
  return base + <usize>(<isize>i * <isize>stride * <isize>sizeof<T>());
}

/**
 * out[i] = op(a[i * aStride], b[i * bStride]) for one row: a vector loop when both operands are contiguous, else
 * lanes gathered by stride (stride 0 is a broadcast scalar: one load and a splat). Each path has one op.vec call site.
 */
@inline
export function binaryRow<T, O, R>(a: usize, aStride: i32, b: usize, bStride: i32, out: usize, n: i32, p: v128): void {
  const op = changetype<O>(0);
  const L = lanes<T>();
  if (aStride == 1 && bStride == 1) {
    for (let i = 0; i < n; i += L) {
      const full = i + L <= n;
      const count = full ? L : n - i;
      const av = full ? v128.load(at<T>(a, i, 1)) : loadLanes<T>(at<T>(a, i, 1), 1, count);
      const bv = full ? v128.load(at<T>(b, i, 1)) : loadLanes<T>(at<T>(b, i, 1), 1, count);
      storeResults<T, R>(out, i, op.vec(av, bv, p), count);
    }
    return;
  }
  for (let i = 0; i < n; i += L) {
    const count = min(L, n - i);
    const av = aStride == 0 ? loadLanes<T>(a, 0, 1) : loadLanes<T>(at<T>(a, i, aStride), aStride, count);
    const bv = bStride == 0 ? loadLanes<T>(b, 0, 1) : loadLanes<T>(at<T>(b, i, bStride), bStride, count);
    storeResults<T, R>(out, i, op.vec(av, bv, p), count);
  }
}

/**
 * Odometer over the outer dims of a broadcast op; each inner row is one call of the row dispatcher C (a zero-size
 * class whose row() switches on the op code). Binary ops and comparisons have two operands of T, a and b (meta:
 * shape[ndim], aStrides[ndim], bStrides[ndim], then ndim counter words); where (`withCond`, a constant) has the
 * condition bytes c as a third, strides first (meta: shape, cStrides, aStrides, bStrides, counter). Outputs of R
 * are written contiguously.
 */
@inline
export function broadcastRows<T, R, C>(withCond: bool, op: i32, c: usize, a: usize, b: usize, out: usize, ndim: i32, meta: usize, p: v128): void {
  const rows = changetype<C>(0);
  if (ndim == 0) {
    rows.row(op, c, 0, a, 0, b, 0, out, 1, p);
    return;
  }
  const w = <usize>ndim << 2;
  const shapeP = meta;
  const cStrideP = meta + w;
  const aStrideP = withCond ? cStrideP + w : meta + w;
  const bStrideP = aStrideP + w;
  const counterP = bStrideP + w;
  const last = <usize>(ndim - 1) << 2;
  const inner = load<i32>(shapeP + last);
  const cInner = withCond ? load<i32>(cStrideP + last) : 0;
  const aInner = load<i32>(aStrideP + last);
  const bInner = load<i32>(bStrideP + last);
  const total = startOdometer(ndim - 1, shapeP, counterP);
  let cOffset: isize = 0;
  let aOffset: isize = 0;
  let bOffset: isize = 0;
  let o = out;
  const rowBytes = <usize>inner * sizeof<R>();
  for (let r = 0; r < total; r++) {
    rows.row(op, c + <usize>cOffset, cInner, a + <usize>(aOffset * sizeof<T>()), aInner, b + <usize>(bOffset * sizeof<T>()), bInner, o, inner, p);
    o += rowBytes;
    // Odometer step, moving every offset (kept inline: on short rows it is a large share of the time).
    for (let d = ndim - 2; d >= 0; d--) {
      const dp = <usize>d << 2;
      const k = load<i32>(counterP + dp) + 1;
      const sc = withCond ? <isize>load<i32>(cStrideP + dp) : 0;
      const sa = <isize>load<i32>(aStrideP + dp);
      const sb = <isize>load<i32>(bStrideP + dp);
      if (k < load<i32>(shapeP + dp)) {
        store<i32>(counterP + dp, k);
        cOffset += sc;
        aOffset += sa;
        bOffset += sb;
        break;
      }
      store<i32>(counterP + dp, 0);
      cOffset -= sc * <isize>(k - 1);
      aOffset -= sa * <isize>(k - 1);
      bOffset -= sb * <isize>(k - 1);
    }
  }
}
