/** Index and shape kernels (assembly/indexing.ts): index checks, index_select, gather, scatter, index_add, triu/tril, nonzero. */
export interface IndexingKernels {
  /** Position of the first of n int32 indices outside [lo, hi), or -1. */
  findIndexOutside(idx: number, n: number, lo: number, hi: number): number;
  /** dst[i] = idx[i] + size where idx[i] < 0 (dst may equal idx). */
  wrapNegativeIndices(idx: number, dst: number, n: number, size: number): void;
  /** Contiguous src [outer, srcDim, inner] -> dst [outer, count, inner] along int32 idx[count]. */
  indexSelect(elemBytes: number, src: number, dst: number, idx: number, outer: number, srcDim: number, inner: number, count: number): void;
  /** meta: shape[ndim] (index), srcStrides[ndim] (0 at dim), 2 * ndim scratch words. */
  gather(elemBytes: number, src: number, dst: number, idx: number, ndim: number, dimStride: number, meta: number): void;
  /** meta: shape[ndim] (index), dstStrides[ndim] (0 at dim), srcStrides[ndim], 3 * ndim scratch words. */
  scatter(elemBytes: number, dst: number, src: number, idx: number, ndim: number, dimStride: number, meta: number): void;
  scatterAddF32(dst: number, src: number, idx: number, ndim: number, dimStride: number, meta: number): void;
  scatterAddF64(dst: number, src: number, idx: number, ndim: number, dimStride: number, meta: number): void;
  scatterAddI32(dst: number, src: number, idx: number, ndim: number, dimStride: number, meta: number): void;
  /** Contiguous dst [outer, dstDim, inner] += alpha * src [outer, count, inner] at rows idx[count]. */
  indexAddF32(dst: number, src: number, idx: number, outer: number, dstDim: number, inner: number, count: number, alpha: number): void;
  indexAddF64(dst: number, src: number, idx: number, outer: number, dstDim: number, inner: number, count: number, alpha: number): void;
  indexAddI32(dst: number, src: number, idx: number, outer: number, dstDim: number, inner: number, count: number, alpha: number): void;
  /** Contiguous [batch, rows, cols]: upper != 0 keeps j - i >= k (triu), else j - i <= k (tril). */
  triangleMask(elemBytes: number, src: number, dst: number, batch: number, rows: number, cols: number, k: number, upper: number): void;
  /** Counts v != 0 (so NaN counts); one per element type, bool read as bytes. */
  countNonzeroF32(src: number, n: number): number;
  countNonzeroF64(src: number, n: number): number;
  countNonzeroI32(src: number, n: number): number;
  countNonzeroU8(src: number, n: number): number;
  /** Writes ascending flat positions of nonzero elements to dst; returns their count. */
  nonzeroIndicesF32(src: number, n: number, dst: number): number;
  nonzeroIndicesF64(src: number, n: number, dst: number): number;
  nonzeroIndicesI32(src: number, n: number, dst: number): number;
  nonzeroIndicesU8(src: number, n: number, dst: number): number;
  /** Ascending flat positions -> dst [n, ndim] coordinates. meta: shape[ndim], ndim scratch words. */
  unravelIndices(flat: number, n: number, ndim: number, meta: number, dst: number): void;
}
