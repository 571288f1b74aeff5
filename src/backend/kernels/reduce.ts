import {
  OP_MAX, OP_MEAN, OP_MIN, OP_NORM0, OP_NORM1, OP_NORM2, OP_NORM_INF, OP_NORM_NEG_INF, OP_NORMP, OP_PROD, OP_SUM,
  SCAN_EXCLUSIVE, SCAN_PROD, SCAN_REVERSE, SCAN_SUM,
} from '../../../abi/reduce-ops';

/**
 * Reduction kernels (assembly/reduce*.ts). Pointers are byte addresses; `dtype` is DTYPES[dtype].code
 * (bool is read as bytes). Layouts: "inner" reduces each of `rows` contiguous runs of `len` elements;
 * "outer" reduces an outer x len x cols block over len, with the cols contiguous.
 */
export interface ReduceKernels {
  /** dst[r] = op over src[r, 0..len) (dst has the element type of src). p: the order of OP.normP. */
  reduceInner(dtype: number, op: number, src: number, dst: number, rows: number, len: number, p: number): void;
  /** dst[o, c] = op over src[o, 0..len, c]. */
  reduceOuter(dtype: number, op: number, src: number, dst: number, outer: number, len: number, cols: number, p: number): void;
  /** Scalar references of the two above (one sequential accumulator per output), for tests. */
  reduceInnerReference(dtype: number, op: number, src: number, dst: number, rows: number, len: number, p: number): void;
  reduceOuterReference(dtype: number, op: number, src: number, dst: number, outer: number, len: number, cols: number, p: number): void;

  /**
   * max (isMin 0) or min (isMin 1) with its index: first occurrence on ties, the first NaN when there is one.
   * dstValues (element type) or dstIndices (int32) may be 0 to skip them. len must be > 0.
   */
  argReduceInner(dtype: number, isMin: number, src: number, dstValues: number, dstIndices: number, rows: number, len: number): void;
  argReduceOuter(dtype: number, isMin: number, src: number, dstValues: number, dstIndices: number, outer: number, len: number, cols: number): void;
  /** Scalar reference of both (inner is cols = 1). */
  argReduceReference(dtype: number, isMin: number, src: number, dstValues: number, dstIndices: number, outer: number, len: number, cols: number): void;

  /** Float types only: m2 / max(0, len - correction) (its sqrt when takeSqrt), and the mean to dstMean unless 0. */
  varianceInner(dtype: number, src: number, dstVar: number, dstMean: number, rows: number, len: number, correction: number, takeSqrt: number): void;
  varianceOuter(dtype: number, src: number, dstVar: number, dstMean: number, outer: number, len: number, cols: number, correction: number, takeSqrt: number): void;
  varianceReference(dtype: number, src: number, dstVar: number, dstMean: number, outer: number, len: number, cols: number, correction: number, takeSqrt: number): void;

  /** Float types only: softmax (log 0) or log-softmax (log 1); dst has the shape of src. */
  softmaxInner(dtype: number, log: number, src: number, dst: number, rows: number, len: number): void;
  softmaxOuter(dtype: number, log: number, src: number, dst: number, outer: number, len: number, cols: number): void;
  softmaxReference(dtype: number, log: number, src: number, dst: number, outer: number, len: number, cols: number): void;

  /** Float types only: log(sum(exp(x))), stable. */
  logsumexpInner(dtype: number, src: number, dst: number, rows: number, len: number): void;
  logsumexpOuter(dtype: number, src: number, dst: number, outer: number, len: number, cols: number): void;
  logsumexpReference(dtype: number, src: number, dst: number, outer: number, len: number, cols: number): void;

  /** Cumulative sum (op SCAN.sum) or product (SCAN.prod) for float32, float64, int32; flags: SCAN.reverse | SCAN.exclusive. */
  scanInner(dtype: number, op: number, flags: number, src: number, dst: number, rows: number, len: number): void;
  scanOuter(dtype: number, op: number, flags: number, src: number, dst: number, outer: number, len: number, cols: number): void;
  scanReference(dtype: number, op: number, flags: number, src: number, dst: number, outer: number, len: number, cols: number): void;
}

/** The scan kernels' ops and flags (abi/reduce-ops.ts). */
export const SCAN = { sum: SCAN_SUM, prod: SCAN_PROD, reverse: SCAN_REVERSE, exclusive: SCAN_EXCLUSIVE } as const;

/** Map-reduce op codes (abi/reduce-ops.ts). */
export const OP = {
  sum: OP_SUM,
  prod: OP_PROD,
  max: OP_MAX,
  min: OP_MIN,
  mean: OP_MEAN,
  /** sum |x| */
  norm1: OP_NORM1,
  /** sqrt(sum x^2) */
  norm2: OP_NORM2,
  /** max |x| */
  normInf: OP_NORM_INF,
  /** min |x| */
  normNegInf: OP_NORM_NEG_INF,
  /** count of x != 0 (in the element type) */
  norm0: OP_NORM0,
  /** (sum |x|^p)^(1/p) */
  normP: OP_NORMP,
} as const;
