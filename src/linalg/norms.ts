// torch.linalg.matrix_norm and vector_norm.
import { DTypeError, ShapeError } from '../errors';
import { tidy } from '../lifetime';
import { checkOptionKeys } from '../options';
import { normalizeDim } from '../shape';
import type { Tensor } from '../tensor';
import { svdvals } from './svd';

export type MatrixNormOrd = 'fro' | 'nuc' | number;

export interface MatrixNormOptions {
  /** The two dims that hold the matrices (default [-2, -1]); the other dims are batch dims. */
  dim?: [number, number];
  keepdim?: boolean;
}

/** The matrix dims as two distinct non-negative dims (PyTorch's checks, in its words). */
function matrixDims(A: Tensor, dim: readonly number[]): [number, number] {
  if (dim.length !== 2) throw new ShapeError(`linalg.matrix_norm: dim must be a 2-tuple. Got ${dim.join(' ')}`);
  const rows = normalizeDim(dim[0], A.ndim);
  const cols = normalizeDim(dim[1], A.ndim);
  if (rows === cols) throw new ShapeError(`linalg.matrix_norm: dims must be different. Got (${dim[0]}, ${dim[1]})`);
  return [rows, cols];
}

/** A function of the singular values of each matrix (batch dims first, then the matrix dims), reduced over them. */
function singularValueNorm(A: Tensor, rows: number, cols: number, keepdim: boolean, reduce: (s: Tensor) => Tensor): Tensor {
  const batch = A.shape.map((_, i) => i).filter((i) => i !== rows && i !== cols);
  const norm = reduce(svdvals(A.permute([...batch, rows, cols])));
  if (!keepdim) return norm;
  // the reduced dims come back as size 1 at their places, the lower one first
  return norm.unsqueeze(Math.min(rows, cols)).unsqueeze(Math.max(rows, cols));
}

/**
 * torch.linalg.matrix_norm(A, ord='fro', dim=(-2, -1), keepdim=False): 'fro', 'nuc', 2 / -2 (largest / smallest
 * singular value), 1 / -1 (max / min column abs sum), Infinity / -Infinity (max / min row abs sum).
 */
export function matrixNorm(A: Tensor, ord: MatrixNormOrd = 'fro', options: MatrixNormOptions = {}): Tensor {
  A._check();
  checkOptionKeys('linalg.matrix_norm', options, ['dim', 'keepdim']);
  if (A.ndim < 2) throw new ShapeError(`linalg.matrix_norm: The input tensor A must have at least 2 dimensions.`);
  if (A.dtype !== 'float32' && A.dtype !== 'float64') {
    throw new DTypeError(`linalg.matrix_norm: Expected a floating point tensor as input. Got ${A.dtype}`);
  }
  const keepdim = options.keepdim ?? false;
  const [rows, cols] = matrixDims(A, options.dim ?? [-2, -1]);
  // composed of recorded ops; tidy frees the intermediate tensors (the graph keeps what it saved)
  return tidy(() => normOf(A, ord, rows, cols, keepdim));
}

function normOf(A: Tensor, ord: MatrixNormOrd, rows: number, cols: number, keepdim: boolean): Tensor {
  // the abs sums along one matrix dim, then their max / min along the other, both kept until the end
  const absSumExtreme = (sumDim: number, extremeDim: number, largest: boolean): Tensor => {
    const sums = A.abs().sum(sumDim, true);
    const norm = largest ? sums.amax(extremeDim, true) : sums.amin(extremeDim, true);
    return keepdim ? norm : norm.squeeze([rows, cols]);
  };
  switch (ord) {
    case 'fro':
      // the vector 2-norm over both dims, as PyTorch computes it: its gradient x / norm stays finite where the
      // squares overflow (sqrt(sum(x^2)) would give inf * 0)
      return A.norm(2, [rows, cols], keepdim);
    case 'nuc':
      return singularValueNorm(A, rows, cols, keepdim, (s) => s.sum(-1));
    case 2:
    case -2:
      return singularValueNorm(A, rows, cols, keepdim, (s) => (ord === 2 ? s.amax(-1) : s.amin(-1)));
    case 1:
    case -1:
      return absSumExtreme(rows, cols, ord === 1);
    case Infinity:
    case -Infinity:
      return absSumExtreme(cols, rows, ord === Infinity);
    default:
      throw new RangeError(`linalg.matrix_norm: Order ${String(ord)} not supported.`);
  }
}
