// linalg and norms: inputs that are not matrices and orders that do not exist.
import { IndexError, ShapeError, linalg, zeros } from '../../src/index';
import { badCallOn, type BadCall } from './entry';

export const linalgCalls: BadCall[] = [
  badCallOn('linalg.svd: a 1-d input', () => zeros(3), (x) => linalg.svd(x), ShapeError, 'linalg.svd: The input tensor A must have at least 2 dimensions.'),
  badCallOn('linalg.svdvals: a 0-d input', () => zeros([]), (x) => linalg.svdvals(x), ShapeError, 'linalg.svdvals: The input tensor A must have at least 2 dimensions.'),
  badCallOn('linalg.matrixNorm: a 1-d input', () => zeros(3), (x) => linalg.matrixNorm(x), ShapeError,
    'linalg.matrix_norm: The input tensor A must have at least 2 dimensions.'),
  badCallOn('linalg.matrixNorm: order 3', () => zeros(3, 3), (x) => linalg.matrixNorm(x, 3 as never), RangeError, 'linalg.matrix_norm: Order 3 not supported.'),
  badCallOn("linalg.matrixNorm: order 'fro2'", () => zeros(3, 3), (x) => linalg.matrixNorm(x, 'fro2' as never), RangeError, 'linalg.matrix_norm: Order fro2 not supported.'),
  badCallOn("norm: p 'fro2'", () => zeros(3), (x) => x.norm('fro2' as never), TypeError, `norm(): p must be a number, 'fro' or 'nuc', got "fro2"`),
  badCallOn('norm: dim 5 of a 1-d tensor', () => zeros(3), (x) => x.norm(2, 5), IndexError, 'Dimension out of range (expected to be in range of [-1, 0], but got 5)'),
];
