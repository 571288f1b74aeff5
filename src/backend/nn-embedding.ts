// Embedding and one-hot drivers (assembly/nn-embed.ts) over contiguous tensors and int32 indices. Outputs are
// allocated by the caller.
import type { TensorBuffer } from './buffer';
import { DTYPES } from '../dtype';
import { heapI32 } from './heap';
import { byDType, kernelFor } from './kernel-table';
import { packInts } from './scratch';
import { kernels } from './wasm';

const ROW_SCATTER_ADD = byDType('rowScatterAdd');
const ROW_RENORM = byDType('rowRenorm');

/** The smallest and largest of a non-empty contiguous int32 tensor. */
export function minMaxOf(indices: TensorBuffer): [number, number] {
  const out = packInts([0, 0]);
  kernels.minMaxI32(indices._ptr, indices.numel(), out);
  const heap = heapI32();
  return [heap[out >>> 2], heap[(out >>> 2) + 1]];
}

/** out[i, :] = table[indices[i], :] for table [V, D] (zero rows where the index is zeroIndex; -1 for none). */
export function rowGatherInto(table: TensorBuffer, indices: TensorBuffer, out: TensorBuffer, zeroIndex: number): void {
  if (out.numel() === 0) return;
  kernels.rowGather(DTYPES[table.dtype].bytes, table._ptr, indices._ptr, out._ptr, indices.numel(), table.shape[1], zeroIndex);
}

/** out [V, D] = zeros, then src's row i added into row indices[i] (indices equal to skipIndex skipped; -1 for none). */
export function rowScatterAddInto(src: TensorBuffer, indices: TensorBuffer, out: TensorBuffer, skipIndex: number): void {
  const [V, D] = out.shape;
  kernelFor(ROW_SCATTER_ADD, out.dtype, 'embedding backward')(src._ptr, indices._ptr, out._ptr, indices.numel(), D, V, skipIndex);
}

/** Rescales in place every row of table [V, D] referenced by indices whose p-norm exceeds maxNorm to norm maxNorm. */
export function rowRenormInPlace(table: TensorBuffer, indices: TensorBuffer, maxNorm: number, p: number): void {
  kernelFor(ROW_RENORM, table.dtype, 'embedding max_norm')(table._ptr, indices._ptr, indices.numel(), table.shape[1], maxNorm, p);
}

/** out [n, classes] int32: 1 at (i, indices[i]), 0 elsewhere (indices checked to be in range). */
export function oneHotInto(indices: TensorBuffer, out: TensorBuffer, classes: number): void {
  if (out.numel() === 0) return;
  kernels.oneHotI32(indices._ptr, indices.numel(), classes, out._ptr);
}
