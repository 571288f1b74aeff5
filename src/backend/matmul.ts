// Host side of the GEMM kernels: a batch of strided matrix products into a row-major output tensor, with a packing
// workspace that is allocated once and grown when a larger product needs it. Operands are read on their strides
// (transposed views are packed in place, never copied).
import { allocate, release } from './allocator';
import type { TensorBuffer } from './buffer';
import { byDType, kernelFor } from './kernel-table';
import { kernels } from './wasm';
import { DTYPES } from '../dtype';

/** Matrices in wasm memory: element [b][i][j] is at ptr + (b * batchStride + i * rowStride + j * colStride) elements. */
export interface StridedMatrices {
  ptr: number;
  batchStride: number;
  rowStride: number;
  colStride: number;
}

/** A 2-D tensor as one matrix. */
export function matrixOf(t: TensorBuffer): StridedMatrices {
  return { ptr: t._ptr, batchStride: 0, rowStride: t._strides[0], colStride: t._strides[1] };
}

/** A 3-D tensor as a batch of matrices. */
export function batchOf(t: TensorBuffer): StridedMatrices {
  return { ptr: t._ptr, batchStride: t._strides[0], rowStride: t._strides[1], colStride: t._strides[2] };
}

/** A 1-D tensor as a column (k x 1) or as a row (1 x k). */
export function vectorAs(t: TensorBuffer, shape: 'column' | 'row'): StridedMatrices {
  const s = t._strides[0];
  return shape === 'column'
    ? { ptr: t._ptr, batchStride: 0, rowStride: s, colStride: 1 }
    : { ptr: t._ptr, batchStride: 0, rowStride: 1, colStride: s };
}

const GEMM = byDType('gemm');

let workPtr = 0;
let workBytes = 0;

/** The packing scratch, kept between calls and replaced by a larger block when a product needs more. */
function workspace(bytes: number): number {
  if (bytes <= workBytes) return workPtr;
  const grown = Math.max(bytes, workBytes * 2);
  const ptr = allocate(grown);
  if (workBytes > 0) release(workPtr, workBytes);
  workPtr = ptr;
  workBytes = grown;
  return workPtr;
}

/**
 * out[b] = alpha * a[b] @ b[b] + beta * out[b] for b < batch, each m x k times k x n, in out's dtype (float32 or
 * float64, the operands' dtype). out is contiguous: one row-major m x n matrix after another. beta = 0 ignores what
 * out held.
 */
export function gemm(
  batch: number, m: number, n: number, k: number,
  a: StridedMatrices, b: StridedMatrices, out: TensorBuffer, alpha = 1, beta = 0,
): void {
  if (!out._contiguous) throw new Error('internal: gemm() into a strided output');
  if (batch === 0 || m === 0 || n === 0) return;
  const run = kernelFor(GEMM, out.dtype, 'gemm');
  const work = workspace(kernels.gemmWorkspaceBytes(m, n, k, DTYPES[out.dtype].bytes));
  run(batch, m, n, k, alpha, a.ptr, a.batchStride, a.rowStride, a.colStride, b.ptr, b.batchStride, b.rowStride, b.colStride, beta, out._ptr, m * n, n, work);
}
