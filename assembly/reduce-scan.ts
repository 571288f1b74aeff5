// Cumulative sum and product along one dim (cumsum, cumprod), optionally from the end (reverse) and exclusive
// (each output leaves out its own element). Floats accumulate in float64, as PyTorch's CPU cumsum accumulates
// float in double; int32 wraps. Layouts as in reduce-map.ts, but the output has the input's shape:
// inner (rows x len, each run scanned) or outer (outer x len x cols, scanned over len, SIMD across cols).
import { SCAN_EXCLUSIVE, SCAN_REVERSE, SCAN_SUM } from '../abi/reduce-ops';
import { at } from './reduce-common';
import { lanes } from './simd';

// One export per element type (suffix F32, F64, I32), each an instance of one generic; A, the accumulator type,
// is float64 for both float types.

/** op: SCAN_SUM or SCAN_PROD. flags: SCAN_REVERSE | SCAN_EXCLUSIVE. */
export function scanInnerF32(op: i32, flags: i32, src: usize, dst: usize, rows: i32, len: i32): void {
  scanSerial<f32, f64>(op, flags, src, dst, rows, len, 1);
}
export function scanInnerF64(op: i32, flags: i32, src: usize, dst: usize, rows: i32, len: i32): void {
  scanSerial<f64, f64>(op, flags, src, dst, rows, len, 1);
}
export function scanInnerI32(op: i32, flags: i32, src: usize, dst: usize, rows: i32, len: i32): void {
  scanSerial<i32, i32>(op, flags, src, dst, rows, len, 1);
}

/** op and flags as scanInner, over len of an outer x len x cols block. */
export function scanOuterF32(op: i32, flags: i32, src: usize, dst: usize, outer: i32, len: i32, cols: i32): void {
  scanVector<f32, f64>(op, flags, src, dst, outer, len, cols);
}
export function scanOuterF64(op: i32, flags: i32, src: usize, dst: usize, outer: i32, len: i32, cols: i32): void {
  scanVector<f64, f64>(op, flags, src, dst, outer, len, cols);
}
export function scanOuterI32(op: i32, flags: i32, src: usize, dst: usize, outer: i32, len: i32, cols: i32): void {
  scanVector<i32, i32>(op, flags, src, dst, outer, len, cols);
}

/** Scalar reference of both layouts (inner is cols = 1). */
export function scanReferenceF32(op: i32, flags: i32, src: usize, dst: usize, outer: i32, len: i32, cols: i32): void {
  scanSerial<f32, f64>(op, flags, src, dst, outer, len, cols);
}
export function scanReferenceF64(op: i32, flags: i32, src: usize, dst: usize, outer: i32, len: i32, cols: i32): void {
  scanSerial<f64, f64>(op, flags, src, dst, outer, len, cols);
}
export function scanReferenceI32(op: i32, flags: i32, src: usize, dst: usize, outer: i32, len: i32, cols: i32): void {
  scanSerial<i32, i32>(op, flags, src, dst, outer, len, cols);
}

/**
 * The scalar scan of both layouts. A scan is sequential along the dim, so this is also the inner kernel: there is
 * nothing to vectorise within one run.
 */
@inline
function scanSerial<T, A>(op: i32, flags: i32, src: usize, dst: usize, outer: i32, len: i32, cols: i32): void {
  scanScalar<T, A>(op != SCAN_SUM, (flags & SCAN_REVERSE) != 0, (flags & SCAN_EXCLUSIVE) != 0, src, dst, outer, len, cols, 0);
}

/** The outer layout, SIMD across the cols. */
@inline
function scanVector<T, A>(op: i32, flags: i32, src: usize, dst: usize, outer: i32, len: i32, cols: i32): void {
  scanColumns<T, A>(op != SCAN_SUM, (flags & SCAN_REVERSE) != 0, (flags & SCAN_EXCLUSIVE) != 0, src, dst, outer, len, cols);
}

/** Scalar scans of the columns from firstCol on; A is the accumulator type. */
@inline
function scanScalar<T, A>(isProd: bool, reverse: bool, exclusive: bool, src: usize, dst: usize, outer: i32, len: i32, cols: i32, firstCol: i32): void {
  const step = <isize>cols * sizeof<T>();
  const dir: isize = reverse ? -step : step;
  for (let o = 0; o < outer; o++) {
    for (let c = firstCol; c < cols; c++) {
      const start = o * len * cols + c + (reverse ? (len - 1) * cols : 0);
      let q = at<T>(src, start);
      let w = at<T>(dst, start);
      let acc: A = isProd ? <A>1 : <A>0;
      for (let r = 0; r < len; r++) {
        const x = <A>load<T>(q);
        if (exclusive) {
          store<T>(w, <T>acc);
          acc = isProd ? acc * x : acc + x;
        } else {
          acc = isProd ? acc * x : acc + x;
          store<T>(w, <T>acc);
        }
        q += dir;
        w += dir;
      }
    }
  }
}

/** One vector of columns at a time: f32 as two f64x2 accumulators, f64 as one, i32 as i32x4. */
@inline
function scanColumns<T, A>(isProd: bool, reverse: bool, exclusive: bool, src: usize, dst: usize, outer: i32, len: i32, cols: i32): void {
  const L = lanes<T>();
  const step = <isize>cols * sizeof<T>();
  const dir: isize = reverse ? -step : step;
  for (let o = 0; o < outer; o++) {
    let c = 0;
    for (; c + L <= cols; c += L) {
      const start = o * len * cols + c + (reverse ? (len - 1) * cols : 0);
      let q = at<T>(src, start);
      let w = at<T>(dst, start);
      const init = isProd ? v128.splat<A>(<A>1) : v128.splat<A>(<A>0);
      let lo = init;
      let hi = init;
      for (let r = 0; r < len; r++) {
        const x = v128.load(q);
        if (exclusive) v128.store(w, packAcc<T>(lo, hi));
        if (sizeof<T>() == 4 && isFloat<T>()) {
          const xl = f64x2.promote_low_f32x4(x);
          const xh = f64x2.promote_low_f32x4(v128.shuffle<f32>(x, x, 2, 3, 2, 3));
          lo = isProd ? f64x2.mul(lo, xl) : f64x2.add(lo, xl);
          hi = isProd ? f64x2.mul(hi, xh) : f64x2.add(hi, xh);
        } else {
          lo = isProd ? v128.mul<A>(lo, x) : v128.add<A>(lo, x);
        }
        if (!exclusive) v128.store(w, packAcc<T>(lo, hi));
        q += dir;
        w += dir;
      }
    }
    scanScalar<T, A>(isProd, reverse, exclusive, at<T>(src, o * len * cols), at<T>(dst, o * len * cols), 1, len, cols, c);
  }
}

/** The accumulators as one vector of T (float32: both float64 pairs rounded and joined). */
@inline
function packAcc<T>(lo: v128, hi: v128): v128 {
  if (sizeof<T>() == 4 && isFloat<T>()) {
    return v128.shuffle<f32>(f32x4.demote_f64x2_zero(lo), f32x4.demote_f64x2_zero(hi), 0, 1, 4, 5);
  }
  return lo;
}
