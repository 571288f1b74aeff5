// The result of a matrix product: the operands must share one floating-point dtype (refused with PyTorch's messages
// otherwise), and the output is a new contiguous tensor of that dtype for the GEMM driver to write.
import type { DType } from '../../dtype';
import { DTypeError, NotSupportedError } from '../../errors';
import { Tensor } from '../../tensor';

const CPP_NAME: Record<DType, string> = { float32: 'float', float64: 'double', int32: 'int', bool: 'bool' };
const SCALAR_NAME: Record<DType, string> = { float32: 'Float', float64: 'Double', int32: 'Int', bool: 'Bool' };

/** PyTorch's scalar type name, as in its messages ('Float', 'Double' ...). */
export function scalarTypeName(dtype: DType): string {
  return SCALAR_NAME[dtype];
}

/**
 * A new tensor of `shape` in the dtype shared by the operands of a matrix product. Mixed dtypes are refused as
 * PyTorch refuses them; integer and bool products are not implemented (the kernels are float32 and float64).
 */
export function productResult(op: string, operands: readonly Tensor[], shape: number[], mismatch?: (a: DType, b: DType) => string): Tensor {
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
  return Tensor._empty(shape, dtype);
}
