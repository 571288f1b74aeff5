// Host side of the index kernels (assembly/indexing.ts): index bounds checks, index_select, gather, scatter,
// index_add, triangle masks and nonzero. Inputs and outputs are allocated by the op layer; index tensors are
// contiguous int32. Dtype-specialised kernels come from byDType tables; the data-movement ones take the element
// size in bytes, derived here from the tensor's dtype.
import type { TensorBuffer } from './buffer';
import { heapI32 } from './heap';
import { byDType, kernelFor } from './kernel-table';
import { packInts } from './scratch';
import { kernels } from './wasm';
import { DTYPES } from '../dtype';

const SCATTER_ADD = byDType('scatterAdd');
const INDEX_ADD = byDType('indexAdd');
const COUNT_NONZERO = byDType('countNonzero');
const NONZERO_INDICES = byDType('nonzeroIndices');

/** The first value of the contiguous int32 tensor `index` outside [lo, hi), or null when every value lies inside. */
export function findIndexOutside(index: TensorBuffer, lo: number, hi: number): number | null {
  const at = kernels.findIndexOutside(index._ptr, index.numel(), lo, hi);
  return at < 0 ? null : heapI32()[(index._ptr >>> 2) + at];
}

/** Adds `size` to the negative values of the contiguous int32 tensor `index`, in place. */
export function wrapNegativeIndices(index: TensorBuffer, size: number): void {
  kernels.wrapNegativeIndices(index._ptr, index._ptr, index.numel(), size);
}

/** Contiguous src [outer, srcDim, inner] -> contiguous dst [outer, index.numel(), inner], the rows named by index. */
export function indexSelectInto(src: TensorBuffer, dst: TensorBuffer, index: TensorBuffer, outer: number, srcDim: number, inner: number): void {
  kernels.indexSelect(DTYPES[src.dtype].bytes, src._ptr, dst._ptr, index._ptr, outer, srcDim, inner, index.numel());
}

/**
 * dst[p] = src[p with p[dim] replaced by index[p]] over index's sizes `shape` (dst contiguous in that shape).
 * `srcStrides` has 0 at dim; `dimStride` is src's stride along dim.
 */
export function gatherInto(src: TensorBuffer, dst: TensorBuffer, index: TensorBuffer, shape: readonly number[], srcStrides: readonly number[], dimStride: number): void {
  const meta = packInts(shape, srcStrides);
  kernels.gather(DTYPES[src.dtype].bytes, src._ptr, dst._ptr, index._ptr, shape.length, dimStride, meta);
}

/**
 * dst[p with p[dim] replaced by index[p]] = src[p] (or += with `accumulate`) over index's sizes `shape`.
 * `dstStrides` has 0 at dim; `dimStride` is dst's stride along dim; `srcStrides` may be all 0 (a broadcast value).
 */
export function scatterInto(
  dst: TensorBuffer,
  src: TensorBuffer,
  index: TensorBuffer,
  shape: readonly number[],
  dstStrides: readonly number[],
  srcStrides: readonly number[],
  dimStride: number,
  accumulate: boolean,
): void {
  const meta = packInts(shape, dstStrides, srcStrides);
  if (!accumulate) kernels.scatter(DTYPES[dst.dtype].bytes, dst._ptr, src._ptr, index._ptr, shape.length, dimStride, meta);
  else kernelFor(SCATTER_ADD, dst.dtype, 'scatter_add')(dst._ptr, src._ptr, index._ptr, shape.length, dimStride, meta);
}

/** Contiguous dst [outer, dstDim, inner] += alpha * contiguous src [outer, index.numel(), inner] at the rows named by index. */
export function indexAddInto(dst: TensorBuffer, src: TensorBuffer, index: TensorBuffer, outer: number, dstDim: number, inner: number, alpha: number): void {
  kernelFor(INDEX_ADD, dst.dtype, 'index_add')(dst._ptr, src._ptr, index._ptr, outer, dstDim, inner, index.numel(), alpha);
}

/** Contiguous [batch, rows, cols] src -> dst (may be src): keeps j - i >= k (upper) or j - i <= k, zeroes the rest. */
export function triangleMaskInto(src: TensorBuffer, dst: TensorBuffer, batch: number, rows: number, cols: number, k: number, upper: boolean): void {
  kernels.triangleMask(DTYPES[src.dtype].bytes, src._ptr, dst._ptr, batch, rows, cols, k, upper ? 1 : 0);
}

/** The number of nonzero elements of the contiguous src (NaN counts as nonzero). */
export function countNonzero(src: TensorBuffer): number {
  return kernelFor(COUNT_NONZERO, src.dtype, 'count_nonzero')(src._ptr, src.numel());
}

/** Writes the ascending flat positions of src's nonzero elements into the contiguous int32 dst (of countNonzero(src) elements). */
export function nonzeroPositionsInto(src: TensorBuffer, dst: TensorBuffer): void {
  kernelFor(NONZERO_INDICES, src.dtype, 'nonzero')(src._ptr, src.numel(), dst._ptr);
}

/** Ascending flat positions (int32 [n]) -> int32 [n, shape.length] row-major coordinates in `shape`. */
export function unravelIndicesInto(positions: TensorBuffer, shape: readonly number[], dst: TensorBuffer): void {
  kernels.unravelIndices(positions._ptr, positions.numel(), shape.length, packInts(shape), dst._ptr);
}
