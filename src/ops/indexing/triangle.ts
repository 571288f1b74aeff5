// Triangles and diagonals: triu, tril (and in place), diag, diagEmbed.
// triu/tril run a masked copy kernel (a kept run and a zeroed run per row); their backward is the same mask of the
// gradient. diag/diagEmbed write into the diagonal view of a zero tensor; their backward reads that diagonal back.
import { noGrad } from '../../autograd/grad-mode';
import type { BackwardFn } from '../../autograd/node';
import { needsGrad, record } from '../../autograd/record';
import { triangleMaskInto } from '../../backend/indexing';
import { full } from '../../creation/factories';
import { ShapeError } from '../../errors';
import { normalizeDim } from '../../shape';
import { copyTensorInto } from '../../backend/copy';
import { Tensor } from '../../tensor';
import { defineOp } from '../define';
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
  triangleMaskInto(src, dst, batch, rows, cols, clamped, upper);
}

function checkTriangle(op: string, x: Tensor, k: number): void {
  x._check();
  if (x.ndim < 2) throw new ShapeError(`${op}: input tensor must have at least 2 dimensions`);
  if (!Number.isInteger(k)) throw new ShapeError(`${op}: diagonal must be an integer, got ${k}`);
}

/** The same triangle of the gradient. */
const triangleBackward: BackwardFn<{ k: number; upper: boolean }> = ([g], _, { k, upper }) => [triangle(g, k, upper)];

function triangle(x: Tensor, k: number, upper: boolean): Tensor {
  checkTriangle(upper ? 'triu' : 'tril', x, k);
  const out = Tensor._emptyLike(x);
  const src = packed(x);
  maskInto(src, out, k, upper);
  releaseTemp(src, x);
  if (needsGrad(x)) record(upper ? 'TriuBackward0' : 'TrilBackward0', [x], [out], triangleBackward, [], { k, upper });
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
  if (needsGrad(x)) record(upper ? 'TriuBackward0' : 'TrilBackward0', [x], [x], triangleBackward, [], { k, upper });
  return x;
}

/** torch.triu(x, diagonal=0): zeroes the elements below the given diagonal of the last two dims. */
function triuOp(x: Tensor, diagonalOffset = 0): Tensor {
  return triangle(x, diagonalOffset, true);
}

/** torch.tril(x, diagonal=0): zeroes the elements above the given diagonal of the last two dims. */
function trilOp(x: Tensor, diagonalOffset = 0): Tensor {
  return triangle(x, diagonalOffset, false);
}

export function triu_(x: Tensor, diagonalOffset = 0): Tensor {
  return triangleInPlace(x, diagonalOffset, true);
}

export function tril_(x: Tensor, diagonalOffset = 0): Tensor {
  return triangleInPlace(x, diagonalOffset, false);
}

export const triu = defineOp('triu', triuOp, { inplace: triu_ });
export const tril = defineOp('tril', trilOp, { inplace: tril_ });

interface DiagonalArgs {
  offset: number;
  dim1: number;
  dim2: number;
}
/** The gradient of an embedded diagonal: the diagonal of the gradient. */
const embedDiagonalBackward: BackwardFn<DiagonalArgs> = ([g], _, { offset, dim1, dim2 }) => [g.diagonal(offset, dim1, dim2)];
/** The gradient of diag's copy of a diagonal: the gradient embedded into zeros of the input's shape. */
const diagBackward: BackwardFn<{ shape: number[]; offset: number }> = ([g], _, { shape, offset }) => [
  embedDiagonal(g, shape, offset, 0, 1, 'DiagonalBackwardBackward0'),
];

/**
 * Zeros of `shape` with src written into their diagonal(offset, dim1, dim2); recorded as `name`, whose backward
 * reads the diagonal of the gradient.
 */
function embedDiagonal(src: Tensor, shape: number[], offset: number, dim1: number, dim2: number, name: string): Tensor {
  const out = full(shape, 0, { dtype: src.dtype });
  const region = diagonal(out, offset, dim1, dim2);
  copyTensorInto(src, region);
  region.dispose();
  if (needsGrad(src)) record(name, [src], [out], embedDiagonalBackward, [], { offset, dim1, dim2 });
  return out;
}

/**
 * torch.diag(x, diagonal=0): a 1-D x becomes a square matrix with x on the given diagonal; a 2-D x gives a copy
 * of its diagonal.
 */
function diagOp(x: Tensor, diagonalOffset = 0): Tensor {
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
  if (needsGrad(x)) record('DiagonalBackward0_copy', [x], [out], diagBackward, [], { shape: x.shape, offset: diagonalOffset });
  return out;
}
export const diag = defineOp('diag', diagOp);

/**
 * torch.diag_embed(x, offset=0, dim1=-2, dim2=-1): the last dim of x becomes the diagonal of new dims dim1 and dim2
 * (of the output), of size x.shape[-1] + |offset|.
 */
function diagEmbedOp(x: Tensor, offset = 0, dim1 = -2, dim2 = -1): Tensor {
  x._check();
  if (x.ndim === 0) throw new ShapeError('diag_embed(): expected an input with at least 1 dimension, got a 0-dimensional tensor');
  const outDims = x.ndim + 1;
  const a = normalizeDim(dim1, outDims);
  const b = normalizeDim(dim2, outDims);
  if (a === b) throw new ShapeError(`diagonal dimensions cannot be identical ${dim1}, ${dim2}`);
  if (!Number.isInteger(offset)) throw new ShapeError(`diag_embed(): offset must be an integer, got ${offset}`);
  const n = x.shape[x.ndim - 1] + Math.abs(offset);
  const rest = x.shape.slice(0, -1);
  const shape: number[] = [];
  for (let k = 0, r = 0; k < outDims; k++) shape.push(k === a || k === b ? n : rest[r++]);
  return embedDiagonal(x, shape, offset, a, b, 'DiagEmbedBackward0');
}
export const diagEmbed = defineOp('diagEmbed', diagEmbedOp);
