// Ternary elementwise kernels, out = f(a, b, c), float32 and float64 (lerp, addcmul, addcdiv, clamp with tensor
// bounds). Pointers are byte addresses; strides and sizes count elements; the output is contiguous.
// - ternaryX(op, a, aStride, b, bStride, c, cStride, out, n, p): one row; each stride is 1 (contiguous, same numel)
//   or 0 (one value, read from memory and splat), any other value gathers lanes.
// - ternaryNdX(op, a, b, c, out, ndim, meta, p): broadcasting; meta (i32) holds shape[ndim], aStrides[ndim],
//   bStrides[ndim], cStrides[ndim] (0 on broadcast dims, merged by the host) and ndim scratch words for the counter.
//   The inner dim is one row call.
// As in elementwise-drivers.ts, a row's last partial vector and gathered rows go through the same op.vec with lanes filled
// from real operands, so an element's result does not depend on its position.
import { ADDCDIV, ADDCMUL, CLAMP_BOUNDS, LERP } from '../abi/elementwise-ops';
import { loadLanes, splatParam, storeLanes } from './elementwise-lanes';
import { lanes } from './simd';
import { carryDelta, nextIndex, startOdometer } from './strided';

/** PyTorch's lerp: a + w (b - a) for |w| < 0.5, else b - (b - a) (1 - w), so that w = 1 gives b exactly. */
@final @unmanaged class LerpOp<T> {
  @inline vec(a: v128, b: v128, w: v128, p: v128): v128 {
    const d = v128.sub<T>(b, a);
    const small = v128.lt<T>(v128.abs<T>(w), v128.splat<T>(<T>0.5));
    const low = v128.add<T>(a, v128.mul<T>(w, d));
    const high = v128.sub<T>(b, v128.mul<T>(d, v128.sub<T>(v128.splat<T>(<T>1), w)));
    return v128.bitselect(low, high, small);
  }
}
/** a + (p * b) * c, PyTorch's order of operations. */
@final @unmanaged class AddcmulOp<T> {
  @inline vec(a: v128, b: v128, c: v128, p: v128): v128 {
    return v128.add<T>(a, v128.mul<T>(v128.mul<T>(p, b), c));
  }
}
/** a + (p * b) / c. */
@final @unmanaged class AddcdivOp<T> {
  @inline vec(a: v128, b: v128, c: v128, p: v128): v128 {
    return v128.add<T>(a, v128.div<T>(v128.mul<T>(p, b), c));
  }
}
/** min(max(a, b), c); NaN in any operand propagates (as maximum then minimum). */
@final @unmanaged class ClampBoundsOp<T> {
  @inline vec(a: v128, b: v128, c: v128, p: v128): v128 {
    return v128.min<T>(v128.max<T>(a, b), c);
  }
}

@inline
function at<T>(base: usize, i: i32, stride: i32): usize {
  return base + <usize>(<isize>i * <isize>stride * <isize>sizeof<T>());
}

/** The `count` elements of an operand at element i (stride 0: its one value in every lane). */
@inline
function operand<T>(x: usize, stride: i32, i: i32, count: i32): v128 {
  if (stride == 0) return loadLanes<T>(x, 0, 1);
  if (stride == 1 && count == lanes<T>()) return v128.load(at<T>(x, i, 1));
  return loadLanes<T>(at<T>(x, i, stride), stride, count);
}

@inline
function ternaryRow<T, O>(a: usize, sa: i32, b: usize, sb: i32, c: usize, sc: i32, out: usize, n: i32, p: v128): void {
  const op = changetype<O>(0);
  const L = lanes<T>();
  for (let i = 0; i < n; i += L) {
    const count = min(L, n - i);
    const v = op.vec(operand<T>(a, sa, i, count), operand<T>(b, sb, i, count), operand<T>(c, sc, i, count), p);
    if (count == L) v128.store(at<T>(out, i, 1), v);
    else storeLanes<T>(at<T>(out, i, 1), v, count);
  }
}

function ternaryFloatRow<T>(op: i32, a: usize, sa: i32, b: usize, sb: i32, c: usize, sc: i32, out: usize, n: i32, p: v128): void {
  switch (op) {
    case LERP: ternaryRow<T, LerpOp<T>>(a, sa, b, sb, c, sc, out, n, p); break;
    case ADDCMUL: ternaryRow<T, AddcmulOp<T>>(a, sa, b, sb, c, sc, out, n, p); break;
    case ADDCDIV: ternaryRow<T, AddcdivOp<T>>(a, sa, b, sb, c, sc, out, n, p); break;
    case CLAMP_BOUNDS: ternaryRow<T, ClampBoundsOp<T>>(a, sa, b, sb, c, sc, out, n, p); break;
    default: unreachable();
  }
}

/** Odometer over the outer dims; each inner row is one ternaryFloatRow call. */
@inline
function ternaryNd<T>(op: i32, a: usize, b: usize, c: usize, out: usize, ndim: i32, meta: usize, p: v128): void {
  if (ndim == 0) {
    ternaryFloatRow<T>(op, a, 0, b, 0, c, 0, out, 1, p);
    return;
  }
  const w = <usize>ndim << 2;
  const shapeP = meta;
  const aStrideP = meta + w;
  const bStrideP = aStrideP + w;
  const cStrideP = bStrideP + w;
  const counterP = cStrideP + w;
  const outer = ndim - 1;
  const last = <usize>outer << 2;
  const inner = load<i32>(shapeP + last);
  const aInner = load<i32>(aStrideP + last);
  const bInner = load<i32>(bStrideP + last);
  const cInner = load<i32>(cStrideP + last);
  const total = startOdometer(outer, shapeP, counterP);
  const rowBytes = <usize>inner * sizeof<T>();
  let aOffset: isize = 0;
  let bOffset: isize = 0;
  let cOffset: isize = 0;
  let o = out;
  for (let r = 0; r < total; r++) {
    const elem = <isize>sizeof<T>();
    ternaryFloatRow<T>(op, a + <usize>(aOffset * elem), aInner, b + <usize>(bOffset * elem), bInner, c + <usize>(cOffset * elem), cInner, o, inner, p);
    o += rowBytes;
    if (r + 1 == total) break;
    const d = nextIndex(outer, shapeP, counterP);
    aOffset += carryDelta(d, outer, shapeP, aStrideP);
    bOffset += carryDelta(d, outer, shapeP, bStrideP);
    cOffset += carryDelta(d, outer, shapeP, cStrideP);
  }
}

export function ternaryF32(op: i32, a: usize, aStride: i32, b: usize, bStride: i32, c: usize, cStride: i32, out: usize, n: i32, p: f64): void {
  ternaryFloatRow<f32>(op, a, aStride, b, bStride, c, cStride, out, n, splatParam<f32>(p));
}

export function ternaryF64(op: i32, a: usize, aStride: i32, b: usize, bStride: i32, c: usize, cStride: i32, out: usize, n: i32, p: f64): void {
  ternaryFloatRow<f64>(op, a, aStride, b, bStride, c, cStride, out, n, splatParam<f64>(p));
}

export function ternaryNdF32(op: i32, a: usize, b: usize, c: usize, out: usize, ndim: i32, meta: usize, p: f64): void {
  ternaryNd<f32>(op, a, b, c, out, ndim, meta, splatParam<f32>(p));
}

export function ternaryNdF64(op: i32, a: usize, b: usize, c: usize, out: usize, ndim: i32, meta: usize, p: f64): void {
  ternaryNd<f64>(op, a, b, c, out, ndim, meta, splatParam<f64>(p));
}
