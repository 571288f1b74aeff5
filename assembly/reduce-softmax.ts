// softmax, log_softmax and logsumexp over one dim, fused: the maximum, then exp(x - max) and its sum, then the
// output, in the element type (PyTorch's CPU kernels work in float for float32 too). Layouts as in reduce-map.ts:
// inner (the dim is contiguous: rows x len) or outer (outer x len x cols, the dim strided, cols contiguous).
//   softmax:     y = exp(x - m) * (1 / s)         with m = max x, s = sum exp(x - m)
//   log_softmax: y = (x - m) - log s
//   logsumexp:   log(sum exp(x - m')) + m'       with m' = m, or 0 when m is +-inf (so all -inf gives -inf)
// exp and log are the vectorised ones of the elementwise family (math-f32.ts, math-f64.ts), but for the float64
// exp (see expVec); the scalar tails use the standard library's. A NaN anywhere in a slice gives NaN: the maximum may skip it (pmax), but exp(NaN - m)
// then makes the sum, and so every output, NaN.
import { OP_MAX } from '../abi/reduce-ops';
import { at, reduceRun } from './reduce-common';
import { expF32x4, logF32x4 } from './math-f32';
import { logF64x2 } from './math-f64';
import { lanes } from './simd';

// One export per float type (suffix F32, F64), each an instance of one generic.

/** Softmax (log = 0) or log-softmax (log = 1) of each of rows contiguous runs of len elements. */
export function softmaxInnerF32(log: i32, src: usize, dst: usize, rows: i32, len: i32): void {
  softmaxRows<f32>(log != 0, src, dst, rows, len);
}
export function softmaxInnerF64(log: i32, src: usize, dst: usize, rows: i32, len: i32): void {
  softmaxRows<f64>(log != 0, src, dst, rows, len);
}

/** Softmax or log-softmax over len of an outer x len x cols block. */
export function softmaxOuterF32(log: i32, src: usize, dst: usize, outer: i32, len: i32, cols: i32): void {
  softmaxColumns<f32>(log != 0, src, dst, outer, len, cols);
}
export function softmaxOuterF64(log: i32, src: usize, dst: usize, outer: i32, len: i32, cols: i32): void {
  softmaxColumns<f64>(log != 0, src, dst, outer, len, cols);
}

/** Scalar reference of both softmax layouts (inner is cols = 1). */
export function softmaxReferenceF32(log: i32, src: usize, dst: usize, outer: i32, len: i32, cols: i32): void {
  softmaxColumnsScalar<f32>(log != 0, src, dst, outer, len, cols, 0);
}
export function softmaxReferenceF64(log: i32, src: usize, dst: usize, outer: i32, len: i32, cols: i32): void {
  softmaxColumnsScalar<f64>(log != 0, src, dst, outer, len, cols, 0);
}

/** logsumexp of each of rows contiguous runs of len elements. */
export function logsumexpInnerF32(src: usize, dst: usize, rows: i32, len: i32): void {
  logsumexpRows<f32>(src, dst, rows, len);
}
export function logsumexpInnerF64(src: usize, dst: usize, rows: i32, len: i32): void {
  logsumexpRows<f64>(src, dst, rows, len);
}

/** logsumexp over len of an outer x len x cols block. */
export function logsumexpOuterF32(src: usize, dst: usize, outer: i32, len: i32, cols: i32): void {
  logsumexpColumns<f32>(src, dst, outer, len, cols);
}
export function logsumexpOuterF64(src: usize, dst: usize, outer: i32, len: i32, cols: i32): void {
  logsumexpColumns<f64>(src, dst, outer, len, cols);
}

/** Scalar reference of both logsumexp layouts. */
export function logsumexpReferenceF32(src: usize, dst: usize, outer: i32, len: i32, cols: i32): void {
  logsumexpColumnsScalar<f32>(src, dst, outer, len, cols, 0);
}
export function logsumexpReferenceF64(src: usize, dst: usize, outer: i32, len: i32, cols: i32): void {
  logsumexpColumnsScalar<f64>(src, dst, outer, len, cols, 0);
}

// ---------------------------------------------------------------- element-type helpers

/**
 * exp of a vector of T. float64 lanes go through the scalar exp one by one rather than expF64x2: the standard
 * library's exp is table-driven (2^(j/128) from a table and a degree-4 polynomial), far less arithmetic than the
 * two-lane degree-9 polynomial, and float64 softmax / logsumexp measured 1.4-1.6x faster with it, at the same
 * accuracy (both within a few ulp of a float64 reference).
 */
@inline
function expVec<T>(x: v128): v128 {
  if (sizeof<T>() == 4) return expF32x4(x);
  const lo = Math.exp(f64x2.extract_lane(x, 0));
  return f64x2.replace_lane(f64x2.splat(lo), 1, Math.exp(f64x2.extract_lane(x, 1)));
}

@inline
function logVec<T>(x: v128): v128 {
  if (sizeof<T>() == 4) return logF32x4(x);
  return logF64x2(x);
}

@inline
function expOne<T>(x: T): T {
  if (sizeof<T>() == 4) return <T>Mathf.exp(<f32>x);
  return <T>Math.exp(<f64>x);
}

@inline
function logOne<T>(x: T): T {
  if (sizeof<T>() == 4) return <T>Mathf.log(<f32>x);
  return <T>Math.log(<f64>x);
}

/** The shift logsumexp subtracts: the maximum, or 0 when it is infinite. */
@inline
function lseShift<T>(m: T): T {
  return m == <T>Infinity || m == <T>-Infinity ? <T>0 : m;
}

/** The same, lane by lane (a NaN maximum stays NaN). */
@inline
function lseShiftVec<T>(m: v128): v128 {
  const infinite = v128.eq<T>(v128.abs<T>(m), v128.splat<T>(<T>Infinity));
  return v128.andnot(m, infinite);
}

// ---------------------------------------------------------------- inner layout

/** sum of exp(row[i] - shift) over len elements; when out != 0 the exps are also stored there. */
@inline
function sumExp<T>(row: usize, out: usize, len: i32, shift: T): T {
  const L = lanes<T>();
  const sv = v128.splat<T>(shift);
  let a0 = v128.splat<T>(<T>0), a1 = a0;
  let i = 0;
  for (; i + 2 * L <= len; i += 2 * L) {
    const e0 = expVec<T>(v128.sub<T>(v128.load(at<T>(row, i)), sv));
    const e1 = expVec<T>(v128.sub<T>(v128.load(at<T>(row, i), 16), sv));
    if (out != 0) {
      v128.store(at<T>(out, i), e0);
      v128.store(at<T>(out, i), e1, 16);
    }
    a0 = v128.add<T>(a0, e0);
    a1 = v128.add<T>(a1, e1);
  }
  const a = v128.add<T>(a0, a1);
  let total: T;
  if (sizeof<T>() == 4) total = <T>(f32x4.extract_lane(a, 0) + f32x4.extract_lane(a, 1) + (f32x4.extract_lane(a, 2) + f32x4.extract_lane(a, 3)));
  else total = <T>(f64x2.extract_lane(a, 0) + f64x2.extract_lane(a, 1));
  for (; i < len; i++) {
    const e = expOne<T>(load<T>(at<T>(row, i)) - shift);
    if (out != 0) store<T>(at<T>(out, i), e);
    total += e;
  }
  return total;
}

@inline
function softmaxRows<T>(log: bool, src: usize, dst: usize, rows: i32, len: i32): void {
  const L = lanes<T>();
  for (let r = 0; r < rows; r++) {
    const row = at<T>(src, r * len);
    const out = at<T>(dst, r * len);
    const m = reduceRun<T>(OP_MAX, row, len, 0);
    if (log) {
      // y = (x - m) - log s, as PyTorch: subtract the max first, then the log of the sum.
      const logSum = logOne<T>(sumExp<T>(row, 0, len, m));
      const mv = v128.splat<T>(m);
      const lv = v128.splat<T>(logSum);
      let i = 0;
      for (; i + L <= len; i += L) v128.store(at<T>(out, i), v128.sub<T>(v128.sub<T>(v128.load(at<T>(row, i)), mv), lv));
      for (; i < len; i++) store<T>(at<T>(out, i), load<T>(at<T>(row, i)) - m - logSum);
    } else {
      const scale = <T>1 / sumExp<T>(row, out, len, m);
      const sv = v128.splat<T>(scale);
      let i = 0;
      for (; i + L <= len; i += L) v128.store(at<T>(out, i), v128.mul<T>(v128.load(at<T>(out, i)), sv));
      for (; i < len; i++) store<T>(at<T>(out, i), load<T>(at<T>(out, i)) * scale);
    }
  }
}

@inline
function logsumexpRows<T>(src: usize, dst: usize, rows: i32, len: i32): void {
  for (let r = 0; r < rows; r++) {
    const row = at<T>(src, r * len);
    const shift = lseShift<T>(reduceRun<T>(OP_MAX, row, len, 0));
    store<T>(at<T>(dst, r), logOne<T>(sumExp<T>(row, 0, len, shift)) + shift);
  }
}

// ---------------------------------------------------------------- outer layout

/** Softmax over rows, one vector of columns at a time; leftover columns take the scalar path. */
@inline
function softmaxColumns<T>(log: bool, src: usize, dst: usize, outer: i32, len: i32, cols: i32): void {
  const L = lanes<T>();
  const rowBytes = <usize>cols * sizeof<T>();
  for (let o = 0; o < outer; o++) {
    const base = at<T>(src, o * len * cols);
    const outBase = at<T>(dst, o * len * cols);
    let c = 0;
    for (; c + L <= cols; c += L) {
      const first = at<T>(base, c);
      const firstOut = at<T>(outBase, c);
      let m = v128.splat<T>(<T>-Infinity);
      let q = first;
      for (let r = 0; r < len; r++, q += rowBytes) m = v128.pmax<T>(m, v128.load(q));
      let s = v128.splat<T>(<T>0);
      q = first;
      let w = firstOut;
      for (let r = 0; r < len; r++, q += rowBytes, w += rowBytes) {
        const e = expVec<T>(v128.sub<T>(v128.load(q), m));
        if (!log) v128.store(w, e);
        s = v128.add<T>(s, e);
      }
      q = first;
      w = firstOut;
      if (log) {
        const logS = logVec<T>(s);
        for (let r = 0; r < len; r++, q += rowBytes, w += rowBytes) v128.store(w, v128.sub<T>(v128.sub<T>(v128.load(q), m), logS));
      } else {
        const scale = v128.div<T>(v128.splat<T>(<T>1), s);
        for (let r = 0; r < len; r++, w += rowBytes) v128.store(w, v128.mul<T>(v128.load(w), scale));
      }
    }
    softmaxColumnsScalar<T>(log, base, outBase, 1, len, cols, c);
  }
}

/** Scalar softmax over rows for columns from firstCol on (the reference when firstCol is 0). */
@inline
function softmaxColumnsScalar<T>(log: bool, src: usize, dst: usize, outer: i32, len: i32, cols: i32, firstCol: i32): void {
  const rowBytes = <usize>cols * sizeof<T>();
  for (let o = 0; o < outer; o++) {
    for (let c = firstCol; c < cols; c++) {
      const first = at<T>(src, o * len * cols + c);
      const firstOut = at<T>(dst, o * len * cols + c);
      let m = <T>-Infinity;
      let q = first;
      for (let r = 0; r < len; r++, q += rowBytes) m = max<T>(m, load<T>(q));
      let s = <T>0;
      q = first;
      let w = firstOut;
      for (let r = 0; r < len; r++, q += rowBytes, w += rowBytes) {
        const e = expOne<T>(load<T>(q) - m);
        if (!log) store<T>(w, e);
        s += e;
      }
      q = first;
      w = firstOut;
      if (log) {
        const logS = logOne<T>(s);
        for (let r = 0; r < len; r++, q += rowBytes, w += rowBytes) store<T>(w, load<T>(q) - m - logS);
      } else {
        const scale = <T>1 / s;
        for (let r = 0; r < len; r++, w += rowBytes) store<T>(w, load<T>(w) * scale);
      }
    }
  }
}

@inline
function logsumexpColumns<T>(src: usize, dst: usize, outer: i32, len: i32, cols: i32): void {
  const L = lanes<T>();
  const rowBytes = <usize>cols * sizeof<T>();
  for (let o = 0; o < outer; o++) {
    const base = at<T>(src, o * len * cols);
    const out = at<T>(dst, o * cols);
    let c = 0;
    for (; c + L <= cols; c += L) {
      const first = at<T>(base, c);
      let m = v128.splat<T>(<T>-Infinity);
      let q = first;
      for (let r = 0; r < len; r++, q += rowBytes) m = v128.pmax<T>(m, v128.load(q));
      const shift = lseShiftVec<T>(m);
      let s = v128.splat<T>(<T>0);
      q = first;
      for (let r = 0; r < len; r++, q += rowBytes) s = v128.add<T>(s, expVec<T>(v128.sub<T>(v128.load(q), shift)));
      v128.store(at<T>(out, c), v128.add<T>(logVec<T>(s), shift));
    }
    logsumexpColumnsScalar<T>(base, out, 1, len, cols, c);
  }
}

@inline
function logsumexpColumnsScalar<T>(src: usize, dst: usize, outer: i32, len: i32, cols: i32, firstCol: i32): void {
  const rowBytes = <usize>cols * sizeof<T>();
  for (let o = 0; o < outer; o++) {
    for (let c = firstCol; c < cols; c++) {
      const first = at<T>(src, o * len * cols + c);
      let m = <T>-Infinity;
      let q = first;
      for (let r = 0; r < len; r++, q += rowBytes) m = max<T>(m, load<T>(q));
      const shift = lseShift<T>(m);
      let s = <T>0;
      q = first;
      for (let r = 0; r < len; r++, q += rowBytes) s += expOne<T>(load<T>(q) - shift);
      store<T>(at<T>(dst, o * cols + c), logOne<T>(s) + shift);
    }
  }
}
