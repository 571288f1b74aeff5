// Whole-slice indexing along one dim: index_select, index_add (out of place and in place) and take.
// index_select's backward is index_add into zeros and index_add's backward (for the source) is index_select,
// so both are differentiable to any order.
import type { BackwardFn } from '../../autograd/node';
import { needsGrad, record } from '../../autograd/record';
import { findIndexOutside, indexAddInto as indexAddKernel, indexSelectInto, wrapNegativeIndices } from '../../backend/indexing';
import { full } from '../../creation/factories';
import { DTYPES } from '../../dtype';
import { DTypeError, IndexError, ShapeError } from '../../errors';
import { normalizeDim, shapeString } from '../../shape';
import { copyTensorInto } from '../../backend/copy';
import { Tensor } from '../../tensor';
import { defineOp } from '../define';
import { checkIndexBounds, checkIndexDType, copyOf, packed, releaseTemp, sizeBetween } from './common';

/** Sizes of a tensor seen as at least 1-D (PyTorch treats a 0-d self as one element along dim 0). */
function atLeast1dShape(t: Tensor): number[] {
  return t.ndim === 0 ? [1] : t.shape;
}

/**
 * The slices of x at positions idx (contiguous int32, already checked against x's size) along dim d, as a new
 * contiguous tensor; no autograd. A 0-d x is read as shape [1] and gives a 0-d result.
 */
export function selectAlong(x: Tensor, d: number, idx: Tensor): Tensor {
  const shape = atLeast1dShape(x);
  const count = idx.numel();
  const out = Tensor._empty(x.ndim === 0 ? [] : shape.map((s, k) => (k === d ? count : s)), x.dtype);
  const src = packed(x);
  indexSelectInto(src, out, idx, sizeBetween(shape, 0, d), shape[d], sizeBetween(shape, d + 1, shape.length));
  releaseTemp(src, x);
  return out;
}

const indexSelectBackward: BackwardFn<{ shape: number[]; d: number }> = ([g], [ix], { shape, d }) => [indexAddToZeros(shape, d, ix, g)];

/**
 * x.index_select(dim, index): the slices of x at the given positions along dim (index: 1-D or 0-d int32).
 * The result has x's shape with dim replaced by the number of indices.
 */
function indexSelectOp(x: Tensor, dim: number, index: Tensor): Tensor {
  x._check();
  checkIndexDType('index_select', index);
  if (index.ndim > 1) throw new IndexError('index_select(): Index is supposed to be a vector');
  const shape = atLeast1dShape(x);
  const d = normalizeDim(dim, x.ndim);
  const count = index.numel();
  if (x.ndim === 0 && count !== 1) throw new IndexError(`index_select(): Index to scalar can have only 1 value, got ${count} value(s)`);
  const idx = packed(index);
  try {
    checkIndexBounds(idx, d, shape[d]);
    const out = selectAlong(x, d, idx);
    if (needsGrad(x)) record('IndexSelectBackward0', [x], [out], indexSelectBackward, [index], { shape: x.shape, d });
    return out;
  } finally {
    releaseTemp(idx, index);
  }
}
export const indexSelect = defineOp('indexSelect', indexSelectOp);

/** Checks index_add's arguments; returns the normalised dim. */
function checkIndexAdd(op: string, x: Tensor, dim: number, index: Tensor, source: Tensor, alpha: number): number {
  x._check();
  source._check();
  checkIndexDType(op, index);
  if (index.ndim > 1) throw new IndexError(`${op}(): Index is supposed to be a vector`);
  const d = normalizeDim(dim, x.ndim);
  if (x.dtype !== source.dtype) {
    throw new DTypeError(`${op}(): self (${DTYPES[x.dtype].torchName}) and source (${DTYPES[source.dtype].torchName}) must have the same scalar type`);
  }
  if (x.dtype === 'bool') throw new DTypeError(`${op}(): not implemented for 'Bool'`);
  if (x.dtype === 'int32' && !Number.isInteger(alpha)) throw new DTypeError(`${op}(): alpha must be an integer for an int32 tensor, got ${alpha}`);
  const xShape = atLeast1dShape(x);
  const sShape = atLeast1dShape(source);
  if (sShape.length === xShape.length && index.numel() !== sShape[d]) {
    throw new IndexError(`${op}(): Number of indices (${index.numel()}) should be equal to source.size(dim) (${sShape[d]})`);
  }
  if (sShape.length !== xShape.length || sShape.some((s, k) => k !== d && s !== xShape[k])) {
    throw new ShapeError(
      `source tensor shape must match self tensor shape, excluding the specified dimension. Got self.shape = ${shapeString(x.shape)} source.shape = ${shapeString(source.shape)}`,
    );
  }
  return d;
}

/** Adds alpha * source into the contiguous tensor `dst` (x's shape) at the indexed rows. Bounds are checked first. */
function indexAddInto(dst: Tensor, d: number, index: Tensor, source: Tensor, alpha: number): void {
  const idx = packed(index);
  try {
    const shape = atLeast1dShape(dst);
    checkIndexBounds(idx, d, shape[d]);
    const src = packed(source);
    const outer = sizeBetween(shape, 0, d);
    const inner = sizeBetween(shape, d + 1, shape.length);
    indexAddKernel(dst, src, idx, outer, shape[d], inner, alpha);
    releaseTemp(src, source);
  } finally {
    releaseTemp(idx, index);
  }
}

interface IndexAddArgs {
  d: number;
  alpha: number;
  sourceShape: number[];
  /** False for index_add into zeros, which has no self to differentiate. */
  hasSelf: boolean;
}

const indexAddBackward: BackwardFn<IndexAddArgs> = ([g], [ix], { d, alpha, sourceShape, hasSelf }) => {
  let gs = (g.ndim === 0 ? g.reshape([1]) : g).indexSelect(d, ix);
  if (alpha !== 1) gs = gs.mul(alpha);
  return [hasSelf ? g : null, gs.ndim !== sourceShape.length ? gs.reshape(sourceShape) : gs];
};

/** Records IndexAddBackward0 for out = x.index_add(d, index, source, alpha) (out may be x itself, in place; x null: zeros). */
function recordIndexAdd(x: Tensor | null, out: Tensor, d: number, index: Tensor, source: Tensor, alpha: number): void {
  if (!needsGrad(x, source)) return;
  record('IndexAddBackward0', [x, source], [out], indexAddBackward, [index], { d, alpha, sourceShape: source.shape, hasSelf: x !== null });
}

/**
 * zeros(shape).index_add(d, index, source) without copying the zeros: the backward of index_select, take,
 * masked_select and the indexed paddings. The caller's forward already checked index against shape[d].
 */
export function indexAddToZeros(shape: number[], d: number, index: Tensor, source: Tensor): Tensor {
  const out = full(shape, 0, { dtype: source.dtype });
  indexAddInto(out, d, index, source, 1);
  recordIndexAdd(null, out, d, index, source, 1);
  return out;
}

/**
 * x.index_add(dim, index, source, alpha=1): a copy of x where slice index[i] along dim gets alpha * source's
 * slice i added (repeated indices accumulate).
 */
function indexAddOutOfPlace(x: Tensor, dim: number, index: Tensor, source: Tensor, alpha = 1): Tensor {
  const d = checkIndexAdd('index_add', x, dim, index, source, alpha);
  const out = copyOf(x);
  try {
    indexAddInto(out, d, index, source, alpha);
  } catch (e) {
    out.dispose();
    throw e;
  }
  recordIndexAdd(x, out, d, index, source, alpha);
  return out;
}

/** In-place x.index_add_(dim, index, source, alpha=1). */
export function indexAdd_(x: Tensor, dim: number, index: Tensor, source: Tensor, alpha = 1): Tensor {
  const d = checkIndexAdd('index_add_', x, dim, index, source, alpha);
  x._checkInplace();
  if (x._contiguous) {
    indexAddInto(x, d, index, source, alpha);
  } else {
    const work = copyOf(x);
    try {
      indexAddInto(work, d, index, source, alpha);
      copyTensorInto(work, x);
    } finally {
      work.dispose();
    }
  }
  x._bumpVersion();
  recordIndexAdd(x, x, d, index, source, alpha);
  return x;
}

const takeBackward: BackwardFn<{ n: number; shape: number[] }> = ([g], [flatIndex], { n, shape }) => [
  indexAddToZeros([n], 0, flatIndex.reshape([-1]), g.reshape([-1])).reshape(shape),
];

/**
 * torch.take(x, index): the elements of x (read as flat, row-major) at the given positions, in index's shape.
 * Negative positions count from the end.
 */
function takeOp(x: Tensor, index: Tensor): Tensor {
  x._check();
  index._check();
  if (index.dtype !== 'int32') throw new DTypeError(`take(): Expected a int32 tensor for index, but got ${DTYPES[index.dtype].torchName}`);
  const n = x.numel();
  const wrapped = copyOf(index);
  const bad = findIndexOutside(wrapped, -n, n);
  if (bad !== null) {
    wrapped.dispose();
    throw new IndexError(`out of range: tried to access index ${bad} on a tensor of ${n} elements.`);
  }
  wrapNegativeIndices(wrapped, n);
  const out = Tensor._empty(index.shape.slice(), x.dtype);
  const src = packed(x);
  indexSelectInto(src, out, wrapped, 1, n, 1);
  releaseTemp(src, x);
  if (needsGrad(x)) record('TakeBackward0', [x], [out], takeBackward, [wrapped], { n, shape: x.shape });
  wrapped.dispose();
  return out;
}
export const take = defineOp('take', takeOp);

export const indexAdd = defineOp('indexAdd', indexAddOutOfPlace, { inplace: indexAdd_ });
