// Element-wise indexing along one dim: gather, scatter (tensor or value) and scatter_add, out of place and in place.
// gather's backward is scatter_add into zeros; scatter_add's backward (for src) is gather: differentiable to any order.
import type { BackwardFn } from '../../autograd/node';
import { needsGrad, record } from '../../autograd/record';
import { gatherInto, scatterInto as scatterKernel } from '../../backend/indexing';
import { full } from '../../creation/factories';
import { DTypeError, IndexError } from '../../errors';
import { normalizeDim, shapeString } from '../../shape';
import { Tensor } from '../../tensor';
import { defineOp } from '../define';
import { checkIndexBounds, checkIndexDType, checkKernelDims, copyOf, packed, releaseTemp } from './common';
import { pad } from './pad';

/** Sizes with a 0-d tensor read as shape [1] (PyTorch's ensure_nonempty for these ops). */
function sizesOf(t: Tensor): number[] {
  return t.ndim === 0 ? [1] : t.shape;
}

/** Strides with a 0-d tensor read as shape [1]; the stride of `zeroDim` (when given) replaced by 0. */
function stridesOf(t: Tensor, zeroDim = -1): number[] {
  const strides = t.ndim === 0 ? [0] : t._strides.slice();
  if (zeroDim >= 0) strides[zeroDim] = 0;
  return strides;
}

const gatherBackward: BackwardFn<{ shape: number[]; d: number }> = ([g], [ix], { shape, d }) => [scatterAddToZeros(shape, d, ix, g)];

/** x.gather(dim, index): out[p] = x[p with p[dim] replaced by index[p]], in index's shape. */
function gatherOp(x: Tensor, dim: number, index: Tensor): Tensor {
  x._check();
  checkIndexDType('gather', index);
  const d = normalizeDim(dim, x.ndim);
  const xs = sizesOf(x);
  const is = sizesOf(index);
  if (is.length !== xs.length) throw new IndexError('Index tensor must have the same number of dimensions as input tensor');
  for (let k = 0; k < xs.length; k++) {
    if (k !== d && is[k] > xs[k]) {
      throw new IndexError(
        `Size does not match at dimension ${k} expected index ${shapeString(index.shape)} to be no larger than self ${shapeString(x.shape)} apart from dimension ${d}`,
      );
    }
  }
  checkKernelDims('gather', xs.length, 4);
  const idx = packed(index);
  try {
    checkIndexBounds(idx, d, xs[d]);
    const out = Tensor._empty(index.shape.slice(), x.dtype);
    if (out.numel() > 0) gatherInto(x, out, idx, is, stridesOf(x, d), stridesOf(x)[d]);
    if (needsGrad(x)) record('GatherBackward0', [x], [out], gatherBackward, [index], { shape: x.shape, d });
    return out;
  } finally {
    releaseTemp(idx, index);
  }
}
export const gather = defineOp('gather', gatherOp);

/** Checks scatter/scatter_add arguments (src null: a scalar value); returns the normalised dim. */
function checkScatter(op: string, x: Tensor, dim: number, index: Tensor, src: Tensor | null): number {
  x._check();
  checkIndexDType(op, index);
  const d = normalizeDim(dim, x.ndim);
  if (src !== null) {
    src._check();
    if (src.dtype !== x.dtype) throw new DTypeError(`${op}(): Expected self.dtype to be equal to src.dtype`);
  }
  const xs = sizesOf(x);
  const is = sizesOf(index);
  const ss = src === null ? null : sizesOf(src);
  if (is.length !== xs.length) throw new IndexError('Index tensor must have the same number of dimensions as self tensor');
  if (ss !== null && is.length !== ss.length) throw new IndexError('Index tensor must have the same number of dimensions as src tensor');
  for (let k = 0; k < xs.length; k++) {
    if ((k !== d && is[k] > xs[k]) || (ss !== null && is[k] > ss[k])) {
      const srcPart = ss === null ? '' : ` and to be no larger size than src ${shapeString(src!.shape)}`;
      throw new IndexError(
        `Expected index ${shapeString(index.shape)} to be no larger than self ${shapeString(x.shape)} apart from dimension ${d}${srcPart}`,
      );
    }
  }
  checkKernelDims(op, xs.length, 6);
  return d;
}

/**
 * Writes (or adds) src's elements into dst (any layout) at the positions index names along dim d.
 * `src` is a tensor of at least index's sizes, or a one-element tensor read with zero strides.
 */
function scatterInto(dst: Tensor, d: number, index: Tensor, src: Tensor, broadcastSrc: boolean, accumulate: boolean): void {
  const idx = packed(index);
  try {
    const ds = sizesOf(dst);
    checkIndexBounds(idx, d, ds[d]);
    if (idx.numel() === 0) return;
    if (accumulate && dst.dtype === 'bool') throw new DTypeError(`scatter_add(): not implemented for 'Bool'`);
    const is = sizesOf(idx);
    const srcStrides = broadcastSrc ? is.map(() => 0) : stridesOf(src);
    scatterKernel(dst, src, idx, is, stridesOf(dst, d), srcStrides, stridesOf(dst)[d], accumulate);
  } finally {
    releaseTemp(idx, index);
  }
}

/** The gradient for src: g gathered at the index, zero-padded up to src's shape where src is larger than the index. */
function gatherForSource(g: Tensor, d: number, index: Tensor, srcShape: readonly number[]): Tensor {
  const gathered = g.gather(d, index);
  if (gathered.shape.every((s, k) => s === srcShape[k])) return gathered;
  const padding: number[] = [];
  for (let k = srcShape.length - 1; k >= 0; k--) padding.push(0, srcShape[k] - gathered.shape[k]);
  return pad(gathered, padding);
}

type ScatterSource = Tensor | number | boolean;

interface ScatterArgs {
  d: number;
  srcShape: number[];
}
const scatterAddBackward: BackwardFn<ScatterArgs> = ([g], [ix], { d, srcShape }) => [g, gatherForSource(g, d, ix, srcShape)];
const scatterBackward: BackwardFn<ScatterArgs> = ([g], [ix], { d, srcShape }) => [g.scatter(d, ix, 0), gatherForSource(g, d, ix, srcShape)];
const scatterValueBackward: BackwardFn<number> = ([g], [ix], d) => [g.scatter(d, ix, 0)];
/** scatter_add into zeros (gather's backward): no gradient for the zeros. */
const scatterAddToZerosBackward: BackwardFn<ScatterArgs> = ([g], [ix], { d, srcShape }) => [null, gatherForSource(g, d, ix, srcShape)];

/** Runs scatter or scatter_add into `dst` (x's copy, or x in place) and records the backward. */
function scatterOp(op: string, x: Tensor, dst: Tensor, dim: number, index: Tensor, source: ScatterSource, accumulate: boolean): void {
  const srcTensor = source instanceof Tensor ? source : null;
  const d = checkScatter(op, x, dim, index, srcTensor);
  const value = srcTensor ?? full([], source as number | boolean, { dtype: x.dtype });
  try {
    scatterInto(dst, d, index, value, srcTensor === null, accumulate);
  } finally {
    if (value !== srcTensor) value.dispose();
  }
  if (!needsGrad(x, srcTensor)) return;
  if (accumulate) record('ScatterAddBackward0', [x, srcTensor], [dst], scatterAddBackward, [index], { d, srcShape: srcTensor!.shape });
  else if (srcTensor !== null) record('ScatterBackward0', [x, srcTensor], [dst], scatterBackward, [index], { d, srcShape: srcTensor.shape });
  else record('ScatterBackward1', [x], [dst], scatterValueBackward, [index], d);
}

/** zeros(shape).scatter_add(d, index, src) without copying the zeros: gather's backward (index already checked). */
function scatterAddToZeros(shape: number[], d: number, index: Tensor, src: Tensor): Tensor {
  const out = full(shape, 0, { dtype: src.dtype });
  scatterInto(out, d, index, src, false, true);
  if (needsGrad(src)) record('ScatterAddBackward0', [null, src], [out], scatterAddToZerosBackward, [index], { d, srcShape: src.shape });
  return out;
}

/** Out-of-place form: the op runs on a contiguous copy of x. */
function outOfPlace(op: string, x: Tensor, dim: number, index: Tensor, source: ScatterSource, accumulate: boolean): Tensor {
  x._check();
  const out = copyOf(x);
  try {
    scatterOp(op, x, out, dim, index, source, accumulate);
  } catch (e) {
    out.dispose();
    throw e;
  }
  return out;
}

/** In-place form: writes through x's own strides. */
function inPlace(op: string, x: Tensor, dim: number, index: Tensor, source: ScatterSource, accumulate: boolean): Tensor {
  x._checkInplace();
  scatterOp(op, x, x, dim, index, source, accumulate);
  x._bumpVersion();
  return x;
}

/**
 * x.scatter(dim, index, src): a copy of x with out[p with p[dim] replaced by index[p]] = src[p] for every p in
 * index's shape; src may be a number. Where indices repeat, one of the writes wins (the last, here).
 */
function scatterOutOfPlace(x: Tensor, dim: number, index: Tensor, src: ScatterSource): Tensor {
  return outOfPlace('scatter', x, dim, index, src, false);
}

/** In-place x.scatter_(dim, index, src). */
export function scatter_(x: Tensor, dim: number, index: Tensor, src: ScatterSource): Tensor {
  return inPlace('scatter_', x, dim, index, src, false);
}

function requireTensorSource(op: string, src: unknown): void {
  if (!(src instanceof Tensor)) throw new TypeError(`${op}(): src must be a Tensor, got ${typeof src}`);
}

/** x.scatter_add(dim, index, src): as scatter, but adds, so repeated indices accumulate. */
function scatterAddOutOfPlace(x: Tensor, dim: number, index: Tensor, src: Tensor): Tensor {
  requireTensorSource('scatter_add', src);
  return outOfPlace('scatter_add', x, dim, index, src, true);
}

/** In-place x.scatter_add_(dim, index, src). */
export function scatterAdd_(x: Tensor, dim: number, index: Tensor, src: Tensor): Tensor {
  requireTensorSource('scatter_add_', src);
  return inPlace('scatter_add_', x, dim, index, src, true);
}

export const scatter = defineOp('scatter', scatterOutOfPlace, { inplace: scatter_ });
export const scatterAdd = defineOp('scatterAdd', scatterAddOutOfPlace, { inplace: scatterAdd_ });
