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

  /** Cumulative sum (op 0) or product (op 1) for float32, float64, int32; flags: SCAN.reverse | SCAN.exclusive. */
  scanInner(dtype: number, op: number, flags: number, src: number, dst: number, rows: number, len: number): void;
  scanOuter(dtype: number, op: number, flags: number, src: number, dst: number, outer: number, len: number, cols: number): void;
  scanReference(dtype: number, op: number, flags: number, src: number, dst: number, outer: number, len: number, cols: number): void;
}

/** Flags of the scan kernels (assembly/reduce-scan.ts). */
export const SCAN = { reverse: 1, exclusive: 2 } as const;

/** Ops of the scan kernels (assembly/reduce-scan.ts). */
export const SCAN_OP = { sum: 0, prod: 1 } as const;
export type ScanOp = (typeof SCAN_OP)[keyof typeof SCAN_OP];

/** Map-reduce op codes (assembly/reduce-common.ts). */
export const OP = {
  sum: 0,
  prod: 1,
  max: 2,
  min: 3,
  mean: 4,
  /** sum |x| */
  norm1: 5,
  /** sqrt(sum x^2) */
  norm2: 6,
  /** max |x| */
  normInf: 7,
  /** min |x| */
  normNegInf: 8,
  /** count of x != 0 (in the element type) */
  norm0: 9,
  /** (sum |x|^p)^(1/p) */
  normP: 10,
} as const;
