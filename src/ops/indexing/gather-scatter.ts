// Element-wise indexing along one dim: gather, scatter (tensor or value) and scatter_add, out of place and in place.
// gather's backward is scatter_add into zeros; scatter_add's backward (for src) is gather: differentiable to any order.
import { needsGrad, record } from '../../autograd/record';
import { full } from '../../creation/factories';
import { packInts } from '../../backend/scratch';
import { kernels } from '../../backend/wasm';
import { DTYPES } from '../../dtype';
import { DTypeError, IndexError } from '../../errors';
import { normalizeDim, shapeString } from '../../shape';
import { Tensor } from '../../tensor';
import { installMethods } from '../install';
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

/** x.gather(dim, index): out[p] = x[p with p[dim] replaced by index[p]], in index's shape. */
export function gather(x: Tensor, dim: number, index: Tensor): Tensor {
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
    if (out.numel() > 0) {
      const meta = packInts(is, stridesOf(x, d));
      kernels.gather(DTYPES[x.dtype].bytes, x._ptr, out._ptr, idx._ptr, is.length, stridesOf(x)[d], meta);
    }
    if (needsGrad(x)) {
      const inShape = x.shape;
      record('GatherBackward0', [x], [out], ([g], [ix]) => [scatterAddToZeros(inShape, d, ix, g)], [index]);
    }
    return out;
  } finally {
    releaseTemp(idx, index);
  }
}

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
    const is = sizesOf(idx);
    const srcStrides = broadcastSrc ? is.map(() => 0) : stridesOf(src);
    const meta = packInts(is, stridesOf(dst, d), srcStrides);
    const dimStride = stridesOf(dst)[d];
    if (!accumulate) kernels.scatter(DTYPES[dst.dtype].bytes, dst._ptr, src._ptr, idx._ptr, is.length, dimStride, meta);
    else if (dst.dtype === 'float32') kernels.scatterAddF32(dst._ptr, src._ptr, idx._ptr, is.length, dimStride, meta);
    else if (dst.dtype === 'float64') kernels.scatterAddF64(dst._ptr, src._ptr, idx._ptr, is.length, dimStride, meta);
    else if (dst.dtype === 'int32') kernels.scatterAddI32(dst._ptr, src._ptr, idx._ptr, is.length, dimStride, meta);
    else throw new DTypeError(`scatter_add(): not implemented for 'Bool'`);
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
  if (accumulate) {
    const srcShape = srcTensor!.shape;
    record('ScatterAddBackward0', [x, srcTensor], [dst], ([g], [ix]) => [g, gatherForSource(g, d, ix, srcShape)], [index]);
  } else if (srcTensor !== null) {
    const srcShape = srcTensor.shape;
    record('ScatterBackward0', [x, srcTensor], [dst], ([g], [ix]) => [g.scatter(d, ix, 0), gatherForSource(g, d, ix, srcShape)], [index]);
  } else {
    record('ScatterBackward1', [x], [dst], ([g], [ix]) => [g.scatter(d, ix, 0)], [index]);
  }
}

/** zeros(shape).scatter_add(d, index, src) without copying the zeros: gather's backward (index already checked). */
function scatterAddToZeros(shape: number[], d: number, index: Tensor, src: Tensor): Tensor {
  const out = full(shape, 0, { dtype: src.dtype });
  scatterInto(out, d, index, src, false, true);
  if (needsGrad(src)) {
    const srcShape = src.shape;
    record('ScatterAddBackward0', [null, src], [out], ([g], [ix]) => [null, gatherForSource(g, d, ix, srcShape)], [index]);
  }
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
export function scatter(x: Tensor, dim: number, index: Tensor, src: ScatterSource): Tensor {
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
export function scatterAdd(x: Tensor, dim: number, index: Tensor, src: Tensor): Tensor {
  requireTensorSource('scatter_add', src);
  return outOfPlace('scatter_add', x, dim, index, src, true);
}

/** In-place x.scatter_add_(dim, index, src). */
export function scatterAdd_(x: Tensor, dim: number, index: Tensor, src: Tensor): Tensor {
  requireTensorSource('scatter_add_', src);
  return inPlace('scatter_add_', x, dim, index, src, true);
}

declare module '../../tensor' {
  interface Tensor {
    gather(dim: number, index: Tensor): Tensor;
    scatter(dim: number, index: Tensor, src: Tensor | number | boolean): Tensor;
    scatter_(dim: number, index: Tensor, src: Tensor | number | boolean): Tensor;
    scatterAdd(dim: number, index: Tensor, src: Tensor): Tensor;
    scatterAdd_(dim: number, index: Tensor, src: Tensor): Tensor;
  }
}

installMethods({ gather, scatter, scatter_, scatterAdd, scatterAdd_ });
