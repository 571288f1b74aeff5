// torch.linalg.matrix_norm and vector_norm.
import { isFloat } from '../dtype';
import { DTypeError, ShapeError } from '../errors';
import { typeName } from '../ops/elementwise/operands';
import type { Tensor } from '../tensor';
import { svdvals } from './svd';

export type MatrixNormOrd = 'fro' | 'nuc' | number;

/**
 * torch.linalg.matrix_norm(A, ord='fro', dim=(-2, -1), keepdim=False): 'fro', 'nuc', 2 / -2 (largest / smallest
 * singular value), 1 / -1 (max / min column abs sum), Infinity / -Infinity (max / min row abs sum).
 */
export function matrixNorm(A: Tensor, ord: MatrixNormOrd = 'fro', options: { keepdim?: boolean } = {}): Tensor {
  A._check();
  if (A.ndim < 2) throw new ShapeError(`linalg.matrix_norm: The input tensor A must have at least 2 dimensions.`);
  if (!isFloat(A.dtype)) {
    throw new DTypeError(`linalg.matrix_norm: Expected a floating point or complex tensor as input. Got ${typeName(A.dtype)}`);
  }
  const keepdim = options.keepdim ?? false;
  const restore = (t: Tensor) => (keepdim ? t.unsqueeze(-1).unsqueeze(-1) : t);
  switch (ord) {
    case 'fro':
      // the vector 2-norm over both dims, as PyTorch computes it: its gradient x / norm stays finite where the
      // squares overflow (sqrt(sum(x^2)) would give inf * 0)
      return A.norm(2, [-2, -1], keepdim);
    case 'nuc':
      return restore(svdvals(A).sum(-1));
    case 2:
      return restore(svdvals(A).amax(-1));
    case -2:
      return restore(svdvals(A).amin(-1));
    case 1:
    case -1:
      return A.abs().sum(-2, keepdim)[ord === 1 ? 'amax' : 'amin'](-1, keepdim);
    case Infinity:
    case -Infinity:
      return A.abs().sum(-1, keepdim)[ord === Infinity ? 'amax' : 'amin'](-1, keepdim);
    default:
      throw new RangeError(`linalg.matrix_norm: Order ${String(ord)} not supported.`);
  }
}
