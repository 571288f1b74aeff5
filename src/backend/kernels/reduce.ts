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
}

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
