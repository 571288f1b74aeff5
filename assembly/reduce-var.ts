// Variance and standard deviation: two passes (the mean, then the sum of squared deviations) accumulated in
// float64 for both float types, as PyTorch's CPU kernels accumulate variance in double. The result is
// m2 / max(0, n - correction), so n <= correction gives inf or NaN as in PyTorch. Layouts as in reduce-map.ts.
import { at } from './reduce-common';

// One export per float type (suffix F32, F64), each an instance of one generic.

/** Per row of len contiguous elements: variance (or std when takeSqrt) to dstVar, and the mean to dstMean unless 0. */
export function varianceInnerF32(src: usize, dstVar: usize, dstMean: usize, rows: i32, len: i32, correction: f64, takeSqrt: i32): void {
  varInner<f32>(src, dstVar, dstMean, rows, len, correction, takeSqrt != 0);
}
export function varianceInnerF64(src: usize, dstVar: usize, dstMean: usize, rows: i32, len: i32, correction: f64, takeSqrt: i32): void {
  varInner<f64>(src, dstVar, dstMean, rows, len, correction, takeSqrt != 0);
}

/** For outer x len x cols: the variance over len of each (outer, col). */
export function varianceOuterF32(src: usize, dstVar: usize, dstMean: usize, outer: i32, len: i32, cols: i32, correction: f64, takeSqrt: i32): void {
  varOuter<f32>(src, dstVar, dstMean, outer, len, cols, correction, takeSqrt != 0);
}
export function varianceOuterF64(src: usize, dstVar: usize, dstMean: usize, outer: i32, len: i32, cols: i32, correction: f64, takeSqrt: i32): void {
  varOuter<f64>(src, dstVar, dstMean, outer, len, cols, correction, takeSqrt != 0);
}

/** Scalar reference of both layouts (inner is cols = 1). */
export function varianceReferenceF32(src: usize, dstVar: usize, dstMean: usize, outer: i32, len: i32, cols: i32, correction: f64, takeSqrt: i32): void {
  varReference<f32>(src, dstVar, dstMean, outer, len, cols, correction, takeSqrt != 0);
}
export function varianceReferenceF64(src: usize, dstVar: usize, dstMean: usize, outer: i32, len: i32, cols: i32, correction: f64, takeSqrt: i32): void {
  varReference<f64>(src, dstVar, dstMean, outer, len, cols, correction, takeSqrt != 0);
}

/** Four elements from q as two f64x2 (low pair, high pair). */
@inline
function loadLow<T>(q: usize): v128 {
  if (sizeof<T>() == 4) return f64x2.promote_low_f32x4(v128.load(q));
  return v128.load(q);
}

@inline
function loadHigh<T>(q: usize): v128 {
  if (sizeof<T>() == 4) return f64x2.promote_low_f32x4(v128.load64_zero(q + 8));
  return v128.load(q + 16);
}

@inline
function finishVar(m2: f64, len: i32, correction: f64, takeSqrt: bool): f64 {
  const v = m2 / max(0.0, <f64>len - correction);
  return takeSqrt ? Math.sqrt(v) : v;
}

@inline
function varInner<T>(src: usize, dstVar: usize, dstMean: usize, rows: i32, len: i32, correction: f64, takeSqrt: bool): void {
  const end4 = len & ~3;
  for (let r = 0; r < rows; r++) {
    const row = at<T>(src, r * len);
    let s0 = f64x2.splat(0), s1 = f64x2.splat(0);
    let i = 0;
    for (; i < end4; i += 4) {
      s0 = f64x2.add(s0, loadLow<T>(at<T>(row, i)));
      s1 = f64x2.add(s1, loadHigh<T>(at<T>(row, i)));
    }
    const v = f64x2.add(s0, s1);
    let total = f64x2.extract_lane(v, 0) + f64x2.extract_lane(v, 1);
    for (let j = i; j < len; j++) total += <f64>load<T>(at<T>(row, j));
    const mean = total / <f64>len;
    const mv = f64x2.splat(mean);
    s0 = f64x2.splat(0);
    s1 = f64x2.splat(0);
    for (i = 0; i < end4; i += 4) {
      const d0 = f64x2.sub(loadLow<T>(at<T>(row, i)), mv);
      const d1 = f64x2.sub(loadHigh<T>(at<T>(row, i)), mv);
      s0 = f64x2.add(s0, f64x2.mul(d0, d0));
      s1 = f64x2.add(s1, f64x2.mul(d1, d1));
    }
    const w = f64x2.add(s0, s1);
    let m2 = f64x2.extract_lane(w, 0) + f64x2.extract_lane(w, 1);
    for (let j = i; j < len; j++) {
      const d = <f64>load<T>(at<T>(row, j)) - mean;
      m2 += d * d;
    }
    store<T>(at<T>(dstVar, r), <T>finishVar(m2, len, correction, takeSqrt));
    if (dstMean != 0) store<T>(at<T>(dstMean, r), <T>mean);
  }
}

// Outer: four columns at a time (two f64x2 lanes pairs), both passes walking down the rows.
@inline
function varOuter<T>(src: usize, dstVar: usize, dstMean: usize, outer: i32, len: i32, cols: i32, correction: f64, takeSqrt: bool): void {
  const rowBytes = <usize>cols * sizeof<T>();
  const n = <f64>len;
  for (let o = 0; o < outer; o++) {
    const base = at<T>(src, o * len * cols);
    let c = 0;
    for (; c + 4 <= cols; c += 4) {
      let s0 = f64x2.splat(0), s1 = f64x2.splat(0);
      let q = at<T>(base, c);
      for (let r = 0; r < len; r++) {
        s0 = f64x2.add(s0, loadLow<T>(q));
        s1 = f64x2.add(s1, loadHigh<T>(q));
        q += rowBytes;
      }
      const nv = f64x2.splat(n);
      const mean0 = f64x2.div(s0, nv);
      const mean1 = f64x2.div(s1, nv);
      s0 = f64x2.splat(0);
      s1 = f64x2.splat(0);
      q = at<T>(base, c);
      for (let r = 0; r < len; r++) {
        const d0 = f64x2.sub(loadLow<T>(q), mean0);
        const d1 = f64x2.sub(loadHigh<T>(q), mean1);
        s0 = f64x2.add(s0, f64x2.mul(d0, d0));
        s1 = f64x2.add(s1, f64x2.mul(d1, d1));
        q += rowBytes;
      }
      const outAt = o * cols + c;
      store<T>(at<T>(dstVar, outAt), <T>finishVar(f64x2.extract_lane(s0, 0), len, correction, takeSqrt));
      store<T>(at<T>(dstVar, outAt + 1), <T>finishVar(f64x2.extract_lane(s0, 1), len, correction, takeSqrt));
      store<T>(at<T>(dstVar, outAt + 2), <T>finishVar(f64x2.extract_lane(s1, 0), len, correction, takeSqrt));
      store<T>(at<T>(dstVar, outAt + 3), <T>finishVar(f64x2.extract_lane(s1, 1), len, correction, takeSqrt));
      if (dstMean != 0) {
        store<T>(at<T>(dstMean, outAt), <T>f64x2.extract_lane(mean0, 0));
        store<T>(at<T>(dstMean, outAt + 1), <T>f64x2.extract_lane(mean0, 1));
        store<T>(at<T>(dstMean, outAt + 2), <T>f64x2.extract_lane(mean1, 0));
        store<T>(at<T>(dstMean, outAt + 3), <T>f64x2.extract_lane(mean1, 1));
      }
    }
    for (; c < cols; c++) columnVariance<T>(at<T>(base, c), rowBytes, len, at<T>(dstVar, o * cols + c), dstMean == 0 ? <usize>0 : at<T>(dstMean, o * cols + c), correction, takeSqrt);
  }
}

@inline
function columnVariance<T>(q0: usize, strideBytes: usize, len: i32, outVar: usize, outMean: usize, correction: f64, takeSqrt: bool): void {
  let total = 0.0;
  let q = q0;
  for (let r = 0; r < len; r++) {
    total += <f64>load<T>(q);
    q += strideBytes;
  }
  const mean = total / <f64>len;
  let m2 = 0.0;
  q = q0;
  for (let r = 0; r < len; r++) {
    const d = <f64>load<T>(q) - mean;
    m2 += d * d;
    q += strideBytes;
  }
  store<T>(outVar, <T>finishVar(m2, len, correction, takeSqrt));
  if (outMean != 0) store<T>(outMean, <T>mean);
}

@inline
function varReference<T>(src: usize, dstVar: usize, dstMean: usize, outer: i32, len: i32, cols: i32, correction: f64, takeSqrt: bool): void {
  const rowBytes = <usize>cols * sizeof<T>();
  for (let o = 0; o < outer; o++) {
    for (let c = 0; c < cols; c++) {
      const outAt = o * cols + c;
      columnVariance<T>(at<T>(src, o * len * cols + c), rowBytes, len, at<T>(dstVar, outAt), dstMean == 0 ? <usize>0 : at<T>(dstMean, outAt), correction, takeSqrt);
    }
  }
}
