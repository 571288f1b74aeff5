// Triangles and diagonals: triu, tril (and in place), diag, diagEmbed.
// triu/tril run a masked copy kernel (a kept run and a zeroed run per row); their backward is the same mask of the
// gradient. diag/diagEmbed write into the diagonal view of a zero tensor; their backward reads that diagonal back.
import { noGrad } from '../../autograd/grad-mode';
import { needsGrad, record } from '../../autograd/record';
import { full } from '../../creation/factories';
import { kernels } from '../../backend/wasm';
import { DTYPES } from '../../dtype';
import { ShapeError } from '../../errors';
import { normalizeDim } from '../../shape';
import { copyTensorInto } from '../../backend/copy';
import { Tensor } from '../../tensor';
import { installMethods } from '../install';
import { diagonal } from '../views';
import { copyOf, packed, releaseTemp } from './common';

/** Masks the contiguous src into the contiguous dst of the same shape (src may be dst). */
function maskInto(src: Tensor, dst: Tensor, k: number, upper: boolean): void {
  const rows = src.shape[src.ndim - 2];
  const cols = src.shape[src.ndim - 1];
  if (rows === 0 || cols === 0) return;
  const batch = src.numel() / (rows * cols);
  // Offsets beyond the matrix select everything or nothing; clamping keeps the kernel's arithmetic in range.
  const clamped = Math.min(Math.max(k, -rows), cols);
  kernels.triangleMask(DTYPES[src.dtype].bytes, src._ptr, dst._ptr, batch, rows, cols, clamped, upper ? 1 : 0);
}

function checkTriangle(op: string, x: Tensor, k: number): void {
  x._check();
  if (x.ndim < 2) throw new ShapeError(`${op}: input tensor must have at least 2 dimensions`);
  if (!Number.isInteger(k)) throw new ShapeError(`${op}: diagonal must be an integer, got ${k}`);
}

function triangle(x: Tensor, k: number, upper: boolean): Tensor {
  checkTriangle(upper ? 'triu' : 'tril', x, k);
  const out = Tensor._empty(x.shape.slice(), x.dtype);
  const src = packed(x);
  maskInto(src, out, k, upper);
  releaseTemp(src, x);
  if (needsGrad(x)) record(upper ? 'TriuBackward0' : 'TrilBackward0', [x], [out], ([g]) => [triangle(g, k, upper)]);
  return out;
}

function triangleInPlace(x: Tensor, k: number, upper: boolean): Tensor {
  checkTriangle(upper ? 'triu_' : 'tril_', x, k);
  x._checkInplace();
  if (x._contiguous) maskInto(x, x, k, upper);
  else {
    const work = copyOf(x);
    maskInto(work, work, k, upper);
    copyTensorInto(work, x);
    work.dispose();
  }
  x._bumpVersion();
  if (needsGrad(x)) record(upper ? 'TriuBackward0' : 'TrilBackward0', [x], [x], ([g]) => [triangle(g, k, upper)]);
  return x;
}

/** torch.triu(x, diagonal=0): zeroes the elements below the given diagonal of the last two dims. */
export function triu(x: Tensor, diagonalOffset = 0): Tensor {
  return triangle(x, diagonalOffset, true);
}

/** torch.tril(x, diagonal=0): zeroes the elements above the given diagonal of the last two dims. */
export function tril(x: Tensor, diagonalOffset = 0): Tensor {
  return triangle(x, diagonalOffset, false);
}

export function triu_(x: Tensor, diagonalOffset = 0): Tensor {
  return triangleInPlace(x, diagonalOffset, true);
}

export function tril_(x: Tensor, diagonalOffset = 0): Tensor {
  return triangleInPlace(x, diagonalOffset, false);
}

/**
 * Zeros of `shape` with src written into their diagonal(offset, dim1, dim2); recorded as `name`, whose backward
 * reads the diagonal of the gradient.
 */
function embedDiagonal(src: Tensor, shape: number[], offset: number, dim1: number, dim2: number, name: string): Tensor {
  const out = full(shape, 0, { dtype: src.dtype });
  const region = diagonal(out, offset, dim1, dim2);
  copyTensorInto(src, region);
  region.dispose();
  if (needsGrad(src)) record(name, [src], [out], ([g]) => [g.diagonal(offset, dim1, dim2)]);
  return out;
}

/**
 * torch.diag(x, diagonal=0): a 1-D x becomes a square matrix with x on the given diagonal; a 2-D x gives a copy
 * of its diagonal.
 */
export function diag(x: Tensor, diagonalOffset = 0): Tensor {
  x._check();
  if (!Number.isInteger(diagonalOffset)) throw new ShapeError(`diag(): diagonal must be an integer, got ${diagonalOffset}`);
  if (x.ndim === 1) {
    const n = x.shape[0] + Math.abs(diagonalOffset);
    return embedDiagonal(x, [n, n], diagonalOffset, 0, 1, 'DiagEmbedBackward0');
  }
  if (x.ndim !== 2) throw new ShapeError(`diag(): Supports 1D or 2D tensors. Got ${x.ndim}D`);
  const view = noGrad(() => diagonal(x, diagonalOffset, 0, 1));
  const out = copyOf(view);
  view.dispose();
  if (needsGrad(x)) {
    const inShape = x.shape;
    record('DiagonalBackward0_copy', [x], [out], ([g]) => [embedDiagonal(g, inShape, diagonalOffset, 0, 1, 'DiagonalBackwardBackward0')]);
  }
  return out;
}

/**
 * torch.diag_embed(x, offset=0, dim1=-2, dim2=-1): the last dim of x becomes the diagonal of new dims dim1 and dim2
 * (of the output), of size x.shape[-1] + |offset|.
 */
export function diagEmbed(x: Tensor, offset = 0, dim1 = -2, dim2 = -1): Tensor {
  x._check();
  if (x.ndim === 0) throw new ShapeError('diag_embed(): expected an input with at least 1 dimension, got a 0-dimensional tensor');
  const outDims = x.ndim + 1;
  const a = normalizeDim(dim1, outDims);
  const b = normalizeDim(dim2, outDims);
  if (a === b) throw new ShapeError(`diagonal dimensions cannot be identical ${dim1}, ${dim2}`);
  const n = x.shape[x.ndim - 1] + Math.abs(offset);
  const rest = x.shape.slice(0, -1);
  const shape: number[] = [];
  for (let k = 0, r = 0; k < outDims; k++) shape.push(k === a || k === b ? n : rest[r++]);
  return embedDiagonal(x, shape, offset, a, b, 'DiagEmbedBackward0');
}

declare module '../../tensor' {
  interface Tensor {
    triu(diagonal?: number): Tensor;
    tril(diagonal?: number): Tensor;
    triu_(diagonal?: number): Tensor;
    tril_(diagonal?: number): Tensor;
    diag(diagonal?: number): Tensor;
    diagEmbed(offset?: number, dim1?: number, dim2?: number): Tensor;
  }
}

installMethods({ triu, tril, triu_, tril_, diag, diagEmbed });
