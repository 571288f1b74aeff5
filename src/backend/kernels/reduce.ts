import {
  OP_MAX, OP_MEAN, OP_MIN, OP_NORM0, OP_NORM1, OP_NORM2, OP_NORM_INF, OP_NORM_NEG_INF, OP_NORMP, OP_PROD, OP_SUM,
  SCAN_EXCLUSIVE, SCAN_PROD, SCAN_REVERSE, SCAN_SUM,
} from '../../../abi/reduce-ops';

/**
 * Reduction kernels (assembly/reduce*.ts), one per element type, the dtype a suffix of the name (F32, F64, I32, U8:
 * bool read as bytes; src/backend/kernel-table.ts). Pointers are byte addresses. Layouts: "inner" reduces each of
 * `rows` contiguous runs of `len` elements; "outer" reduces an outer x len x cols block over len, with the cols
 * contiguous.
 */
export interface ReduceKernels {
  /**
   * dst[r] = op over src[r, 0..len) (dst has the element type of src). p: the order of OP.normP. int32 takes sum,
   * prod, max, min; bool max and min.
   */
  reduceInnerF32(op: number, src: number, dst: number, rows: number, len: number, p: number): void;
  reduceInnerF64(op: number, src: number, dst: number, rows: number, len: number, p: number): void;
  reduceInnerI32(op: number, src: number, dst: number, rows: number, len: number, p: number): void;
  reduceInnerU8(op: number, src: number, dst: number, rows: number, len: number, p: number): void;
  /** dst[o, c] = op over src[o, 0..len, c]. */
  reduceOuterF32(op: number, src: number, dst: number, outer: number, len: number, cols: number, p: number): void;
  reduceOuterF64(op: number, src: number, dst: number, outer: number, len: number, cols: number, p: number): void;
  reduceOuterI32(op: number, src: number, dst: number, outer: number, len: number, cols: number, p: number): void;
  reduceOuterU8(op: number, src: number, dst: number, outer: number, len: number, cols: number, p: number): void;
  /** Scalar references of the two above (one sequential accumulator per output), for tests. */
  reduceInnerReferenceF32(op: number, src: number, dst: number, rows: number, len: number, p: number): void;
  reduceInnerReferenceF64(op: number, src: number, dst: number, rows: number, len: number, p: number): void;
  reduceInnerReferenceI32(op: number, src: number, dst: number, rows: number, len: number, p: number): void;
  reduceInnerReferenceU8(op: number, src: number, dst: number, rows: number, len: number, p: number): void;
  reduceOuterReferenceF32(op: number, src: number, dst: number, outer: number, len: number, cols: number, p: number): void;
  reduceOuterReferenceF64(op: number, src: number, dst: number, outer: number, len: number, cols: number, p: number): void;
  reduceOuterReferenceI32(op: number, src: number, dst: number, outer: number, len: number, cols: number, p: number): void;
  reduceOuterReferenceU8(op: number, src: number, dst: number, outer: number, len: number, cols: number, p: number): void;

  /**
   * max (isMin 0) or min (isMin 1) with its index: first occurrence on ties, the first NaN when there is one.
   * dstValues (element type) or dstIndices (int32) may be 0 to skip them. len must be > 0.
   */
  argReduceInnerF32(isMin: number, src: number, dstValues: number, dstIndices: number, rows: number, len: number): void;
  argReduceInnerF64(isMin: number, src: number, dstValues: number, dstIndices: number, rows: number, len: number): void;
  argReduceInnerI32(isMin: number, src: number, dstValues: number, dstIndices: number, rows: number, len: number): void;
  argReduceInnerU8(isMin: number, src: number, dstValues: number, dstIndices: number, rows: number, len: number): void;
  argReduceOuterF32(isMin: number, src: number, dstValues: number, dstIndices: number, outer: number, len: number, cols: number): void;
  argReduceOuterF64(isMin: number, src: number, dstValues: number, dstIndices: number, outer: number, len: number, cols: number): void;
  argReduceOuterI32(isMin: number, src: number, dstValues: number, dstIndices: number, outer: number, len: number, cols: number): void;
  argReduceOuterU8(isMin: number, src: number, dstValues: number, dstIndices: number, outer: number, len: number, cols: number): void;
  /** Scalar reference of both (inner is cols = 1). */
  argReduceReferenceF32(isMin: number, src: number, dstValues: number, dstIndices: number, outer: number, len: number, cols: number): void;
  argReduceReferenceF64(isMin: number, src: number, dstValues: number, dstIndices: number, outer: number, len: number, cols: number): void;
  argReduceReferenceI32(isMin: number, src: number, dstValues: number, dstIndices: number, outer: number, len: number, cols: number): void;
  argReduceReferenceU8(isMin: number, src: number, dstValues: number, dstIndices: number, outer: number, len: number, cols: number): void;

  /** m2 / max(0, len - correction) (its sqrt when takeSqrt), and the mean to dstMean unless 0. */
  varianceInnerF32(src: number, dstVar: number, dstMean: number, rows: number, len: number, correction: number, takeSqrt: number): void;
  varianceInnerF64(src: number, dstVar: number, dstMean: number, rows: number, len: number, correction: number, takeSqrt: number): void;
  varianceOuterF32(src: number, dstVar: number, dstMean: number, outer: number, len: number, cols: number, correction: number, takeSqrt: number): void;
  varianceOuterF64(src: number, dstVar: number, dstMean: number, outer: number, len: number, cols: number, correction: number, takeSqrt: number): void;
  varianceReferenceF32(src: number, dstVar: number, dstMean: number, outer: number, len: number, cols: number, correction: number, takeSqrt: number): void;
  varianceReferenceF64(src: number, dstVar: number, dstMean: number, outer: number, len: number, cols: number, correction: number, takeSqrt: number): void;

  /** Softmax (log 0) or log-softmax (log 1); dst has the shape of src. */
  softmaxInnerF32(log: number, src: number, dst: number, rows: number, len: number): void;
  softmaxInnerF64(log: number, src: number, dst: number, rows: number, len: number): void;
  softmaxOuterF32(log: number, src: number, dst: number, outer: number, len: number, cols: number): void;
  softmaxOuterF64(log: number, src: number, dst: number, outer: number, len: number, cols: number): void;
  softmaxReferenceF32(log: number, src: number, dst: number, outer: number, len: number, cols: number): void;
  softmaxReferenceF64(log: number, src: number, dst: number, outer: number, len: number, cols: number): void;

  /** log(sum(exp(x))), stable. */
  logsumexpInnerF32(src: number, dst: number, rows: number, len: number): void;
  logsumexpInnerF64(src: number, dst: number, rows: number, len: number): void;
  logsumexpOuterF32(src: number, dst: number, outer: number, len: number, cols: number): void;
  logsumexpOuterF64(src: number, dst: number, outer: number, len: number, cols: number): void;
  logsumexpReferenceF32(src: number, dst: number, outer: number, len: number, cols: number): void;
  logsumexpReferenceF64(src: number, dst: number, outer: number, len: number, cols: number): void;

  /** Cumulative sum (op SCAN.sum) or product (SCAN.prod); flags: SCAN.reverse | SCAN.exclusive. */
  scanInnerF32(op: number, flags: number, src: number, dst: number, rows: number, len: number): void;
  scanInnerF64(op: number, flags: number, src: number, dst: number, rows: number, len: number): void;
  scanInnerI32(op: number, flags: number, src: number, dst: number, rows: number, len: number): void;
  scanOuterF32(op: number, flags: number, src: number, dst: number, outer: number, len: number, cols: number): void;
  scanOuterF64(op: number, flags: number, src: number, dst: number, outer: number, len: number, cols: number): void;
  scanOuterI32(op: number, flags: number, src: number, dst: number, outer: number, len: number, cols: number): void;
  scanReferenceF32(op: number, flags: number, src: number, dst: number, outer: number, len: number, cols: number): void;
  scanReferenceF64(op: number, flags: number, src: number, dst: number, outer: number, len: number, cols: number): void;
  scanReferenceI32(op: number, flags: number, src: number, dst: number, outer: number, len: number, cols: number): void;
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
