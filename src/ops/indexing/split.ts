// Splitting a tensor into views along a dim: split, chunk, unbind, tensorSplit. No data moves: every piece shares
// x's storage. split/chunk/unbind record one node with one output per piece (PyTorch's SplitBackward0 ...), whose
// backward joins the pieces' gradients (zeros for pieces that received none) with cat or stack.
import type { BackwardFn } from '../../autograd/node';
import { needsGrad, record } from '../../autograd/record';
import { IndexError, ShapeError } from '../../errors';
import { normalizeDim } from '../../shape';
import type { Tensor } from '../../tensor';
import { defineOp } from '../define';
import { slice } from '../views';
import { type DimArg, dimFrom } from './common';
import { cat, stack } from './join';

const splitBackward: BackwardFn<number> = (grads, _, d) => [cat(grads, d)];
const unbindBackward: BackwardFn<number> = (grads, _, d) => [stack(grads, d)];

/** Views of x along dim d with the given sizes, all outputs of one node whose backward concatenates their gradients. */
function splitViews(x: Tensor, d: number, sizes: readonly number[], name: string): Tensor[] {
  let start = 0;
  const pieces = sizes.map((size) => {
    const shape = x.shape.slice();
    shape[d] = size;
    const piece = x._view(shape, x._strides.slice(), x._offset + start * x._strides[d]);
    start += size;
    return piece;
  });
  if (needsGrad(x)) record(name, [x], pieces, splitBackward, [], d);
  return pieces;
}

/** PyTorch's split sizes for one split_size: equal pieces, the last one smaller. */
function equalSplitSizes(dimSize: number, splitSize: number): number[] {
  if (!Number.isInteger(splitSize) || splitSize < 0) {
    throw new ShapeError(`split expects split_size be non-negative, but got split_size=${splitSize}`);
  }
  if (splitSize === 0 && dimSize !== 0) {
    throw new ShapeError(`split_size can only be 0 if dimension size is 0, but got dimension size of ${dimSize}`);
  }
  const count = splitSize === 0 ? 1 : Math.max(Math.ceil(dimSize / splitSize), 1);
  const sizes = new Array<number>(count).fill(splitSize);
  sizes[count - 1] = splitSize - (splitSize * count - dimSize);
  return sizes;
}

/**
 * torch.split(x, splitSizeOrSections, dim=0): a number gives pieces of that size (the last may be smaller);
 * an array gives the size of each piece, which must add up to the dim's size.
 */
function splitOp(x: Tensor, splitSizeOrSections: number | readonly number[], dim: DimArg = 0): Tensor[] {
  x._check();
  if (x.ndim === 0) throw new ShapeError('split expects at least a 1-dimensional tensor');
  const d = normalizeDim(dimFrom('split', dim, 0), x.ndim);
  const dimSize = x.shape[d];
  if (typeof splitSizeOrSections === 'number') return splitViews(x, d, equalSplitSizes(dimSize, splitSizeOrSections), 'SplitBackward0');
  const sizes = splitSizeOrSections.slice();
  const listed = `[${sizes.join(', ')}]`;
  if (sizes.some((s) => !Number.isInteger(s) || s < 0)) {
    throw new ShapeError(`split_with_sizes expects split_sizes have only non-negative entries, but got split_sizes=${listed}`);
  }
  const total = sizes.reduce((a, b) => a + b, 0);
  if (total !== dimSize) {
    throw new ShapeError(
      `split_with_sizes expects split_sizes to sum exactly to ${dimSize} (input tensor's size at dimension ${d}), but got split_sizes=${listed}`,
    );
  }
  return splitViews(x, d, sizes, 'SplitWithSizesBackward0');
}
export const split = defineOp('split', splitOp);

/**
 * torch.chunk(x, chunks, dim=0): pieces of ceil(size / chunks) elements (the last smaller), so fewer than `chunks`
 * pieces can come back, as in PyTorch.
 */
function chunkOp(x: Tensor, chunks: number, dim: DimArg = 0): Tensor[] {
  x._check();
  if (x.ndim === 0) throw new ShapeError('chunk expects at least a 1-dimensional tensor');
  if (!Number.isInteger(chunks)) throw new ShapeError(`chunk expects \`chunks\` to be an integer, got: ${chunks}`);
  if (chunks <= 0) throw new ShapeError(`chunk expects \`chunks\` to be greater than 0, got: ${chunks}`);
  const d = normalizeDim(dimFrom('chunk', dim, 0), x.ndim);
  const dimSize = x.shape[d];
  const splitSize = Math.ceil(dimSize / chunks);
  if (splitSize === 0 && dimSize === 0) {
    // An empty dim gives `chunks` empty pieces (PyTorch goes through split_with_sizes here).
    return splitViews(x, d, new Array<number>(chunks).fill(0), 'SplitWithSizesBackward0');
  }
  return splitViews(x, d, equalSplitSizes(dimSize, splitSize), 'SplitBackward0');
}
export const chunk = defineOp('chunk', chunkOp);

/** torch.unbind(x, dim=0): the slices along dim, each without that dim. */
function unbindOp(x: Tensor, dim: DimArg = 0): Tensor[] {
  x._check();
  if (x.ndim === 0) throw new IndexError('Dimension specified as 0 but tensor has no dimensions');
  const d = normalizeDim(dimFrom('unbind', dim, 0), x.ndim);
  const shape = x.shape.filter((_, k) => k !== d);
  const strides = x._strides.filter((_, k) => k !== d);
  const pieces: Tensor[] = [];
  for (let i = 0; i < x.shape[d]; i++) pieces.push(x._view(shape.slice(), strides.slice(), x._offset + i * x._strides[d]));
  if (needsGrad(x) && pieces.length > 0) record('UnbindBackward0', [x], pieces, unbindBackward, [], d);
  return pieces;
}
export const unbind = defineOp('unbind', unbindOp);

/**
 * torch.tensor_split(x, indicesOrSections, dim=0): a number n gives n pieces whose sizes differ by at most one
 * (the first size % n pieces are one longer); an array of indices cuts before each index (Python slice bounds).
 * Each piece is a slice view (SliceBackward0), as in PyTorch.
 */
function tensorSplitOp(x: Tensor, indicesOrSections: number | readonly number[], dim: DimArg = 0): Tensor[] {
  x._check();
  if (x.ndim === 0) throw new ShapeError('tensor_split expected at least a 1-dimensional tensor, but got a tensor with 0 dims');
  const d = normalizeDim(dimFrom('tensor_split', dim, 0), x.ndim);
  const pieces: Tensor[] = [];
  if (typeof indicesOrSections === 'number') {
    const sections = indicesOrSections;
    if (!Number.isInteger(sections) || sections <= 0) throw new ShapeError(`number of sections must be larger than 0, got ${sections}`);
    const size = x.shape[d];
    const base = Math.floor(size / sections);
    const longer = size % sections;
    let start = 0;
    for (let i = 0; i < sections; i++) {
      const length = base + (i < longer ? 1 : 0);
      pieces.push(slice(x, d, start, start + length));
      start += length;
    }
    return pieces;
  }
  const bad = indicesOrSections.find((i) => !Number.isInteger(i));
  if (bad !== undefined) throw new TypeError(`tensor_split(): indices must be integers, got ${bad} in [${indicesOrSections.join(', ')}]`);
  let start = 0;
  for (const end of indicesOrSections) {
    pieces.push(slice(x, d, start, end));
    start = end;
  }
  pieces.push(slice(x, d, start, null));
  return pieces;
}
export const tensorSplit = defineOp('tensorSplit', tensorSplitOp);
