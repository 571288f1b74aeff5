// Host side of the GEMM kernels: checks operand dtypes and runs a batch of strided matrix products into a
// row-major output, with a packing workspace that is allocated once and grown when a larger product needs it.
import { allocate, release } from '../../backend/allocator';
import { kernels } from '../../backend/wasm';
import { DTYPES, type DType } from '../../dtype';
import { DTypeError, NotSupportedError } from '../../errors';
import type { Tensor } from '../../tensor';

/** Matrices in wasm memory: element [b][i][j] is at ptr + (b * batchStride + i * rowStride + j * colStride) elements. */
export interface StridedMatrices {
  ptr: number;
  batchStride: number;
  rowStride: number;
  colStride: number;
}

/** A 2-D tensor as one matrix. */
export function matrixOf(t: Tensor): StridedMatrices {
  return { ptr: t._ptr, batchStride: 0, rowStride: t._strides[0], colStride: t._strides[1] };
}

/** A 3-D tensor as a batch of matrices. */
export function batchOf(t: Tensor): StridedMatrices {
  return { ptr: t._ptr, batchStride: t._strides[0], rowStride: t._strides[1], colStride: t._strides[2] };
}

/** A 1-D tensor as a column (k x 1) or as a row (1 x k). */
export function vectorAs(t: Tensor, shape: 'column' | 'row'): StridedMatrices {
  const s = t._strides[0];
  return shape === 'column'
    ? { ptr: t._ptr, batchStride: 0, rowStride: s, colStride: 1 }
    : { ptr: t._ptr, batchStride: 0, rowStride: 1, colStride: s };
}

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
 * out[b] = alpha * a[b] @ b[b] + beta * out[b] for b < batch, each m x k times k x n; out is row-major and
 * contiguous, one m x n matrix after another. beta = 0 ignores what out held.
 */
export function gemm(
  dtype: DType, batch: number, m: number, n: number, k: number,
  a: StridedMatrices, b: StridedMatrices, out: number, alpha = 1, beta = 0,
): void {
  if (batch === 0 || m === 0 || n === 0) return;
  const work = workspace(kernels.gemmWorkspaceBytes(m, n, k, DTYPES[dtype].bytes));
  const run = dtype === 'float64' ? kernels.gemmF64 : kernels.gemmF32;
  run(batch, m, n, k, alpha, a.ptr, a.batchStride, a.rowStride, a.colStride, b.ptr, b.batchStride, b.rowStride, b.colStride, beta, out, m * n, n, work);
}

const CPP_NAME: Record<DType, string> = { float32: 'float', float64: 'double', int32: 'int', bool: 'bool' };
const SCALAR_NAME: Record<DType, string> = { float32: 'Float', float64: 'Double', int32: 'Int', bool: 'Bool' };

/** PyTorch's scalar type name, as in its messages ('Float', 'Double' ...). */
export function scalarTypeName(dtype: DType): string {
  return SCALAR_NAME[dtype];
}

/**
 * The dtype shared by the operands of a matrix product. Mixed dtypes are refused as PyTorch refuses them;
 * integer and bool products are not implemented (the kernels are float32 and float64).
 */
export function productDType(op: string, operands: readonly Tensor[], mismatch?: (a: DType, b: DType) => string): DType {
  const dtype = operands[0].dtype;
  for (const t of operands) {
    t._check();
    if (t.dtype !== dtype) {
      throw new DTypeError(
        mismatch !== undefined ? mismatch(dtype, t.dtype) : `expected m1 and m2 to have the same dtype, but got: ${CPP_NAME[dtype]} != ${CPP_NAME[t.dtype]}`,
      );
    }
  }
  if (dtype !== 'float32' && dtype !== 'float64') {
    throw new NotSupportedError(`${op}: ${dtype} tensors are not supported; matrix products are computed in float32 or float64 (convert with .float() or .double())`);
  }
  return dtype;
}
