// View ops: new shape/strides/offset over the same storage (no copy), each with its backward beside it,
// plus contiguous/clone/detach/to, which copy through the strided-copy kernel. Each is declared once in the op
// table (function and Tensor method); mT and T are properties, defined at the end.
import type { BackwardFn } from '../autograd/node';
import { needsGrad, record } from '../autograd/record';
import { checkDType, type DType } from '../dtype';
import { IndexError, ShapeError } from '../errors';
import { full } from '../creation/factories';
import { cast } from './cast';
import { broadcastStrides, contiguousStrides, intsFromArgs, normalizeDim, numelOf, sameShape, shapeString, type IntsArgs } from '../shape';
import { copyInto, copyTensorInto } from '../backend/copy';
import { Tensor } from '../tensor';
import { defineOp } from './define';

/** Resolves one -1 in a requested shape, with PyTorch's messages. */
export function inferShape(requested: readonly number[], numel: number): number[] {
  const shape = requested.slice();
  let inferAt = -1;
  let known = 1;
  shape.forEach((s, i) => {
    if (s === -1) {
      if (inferAt >= 0) throw new ShapeError('only one dimension can be inferred');
      inferAt = i;
    } else if (!Number.isInteger(s) || s < 0) {
      throw new ShapeError(`invalid shape dimension ${s}`);
    } else known *= s;
  });
  if (inferAt >= 0) {
    if (known === 0 || numel % known !== 0) throw new ShapeError(`shape '${shapeString(requested)}' is invalid for input of size ${numel}`);
    shape[inferAt] = numel / known;
  } else if (known !== numel) {
    throw new ShapeError(`shape '${shapeString(requested)}' is invalid for input of size ${numel}`);
  }
  return shape;
}

/**
 * Strides that let `newShape` view the existing layout, or null when a copy is needed
 * (PyTorch's computeStride: old dims are split into chunks that are contiguous among themselves,
 * and each chunk must be covered exactly by a run of new dims).
 */
export function viewStrides(oldShape: readonly number[], oldStrides: readonly number[], newShape: readonly number[]): number[] | null {
  if (oldShape.length === 0 || numelOf(oldShape) === 0) return contiguousStrides(newShape);
  const newStrides = new Array<number>(newShape.length);
  let viewD = newShape.length - 1;
  let chunkBaseStride = oldStrides[oldStrides.length - 1];
  let tensorNumel = 1;
  let viewNumel = 1;
  for (let d = oldShape.length - 1; d >= 0; d--) {
    tensorNumel *= oldShape[d];
    if (d === 0 || (oldShape[d - 1] !== 1 && oldStrides[d - 1] !== tensorNumel * chunkBaseStride)) {
      while (viewD >= 0 && (viewNumel < tensorNumel || newShape[viewD] === 1)) {
        newStrides[viewD] = viewNumel * chunkBaseStride;
        viewNumel *= newShape[viewD];
        viewD--;
      }
      if (viewNumel !== tensorNumel) return null;
      if (d > 0) {
        chunkBaseStride = oldStrides[d - 1];
        tensorNumel = 1;
        viewNumel = 1;
      }
    }
  }
  return viewD === -1 ? newStrides : null;
}

/** A view of x with autograd: `backward` (static) gets the call's `args` (the input's shape, the dims ...). */
function makeView<A>(x: Tensor, name: string, shape: number[], strides: number[], offset: number, backward: BackwardFn<A>, args: A): Tensor {
  const out = x._view(shape, strides, offset);
  if (needsGrad(x)) record(name, [x], [out], backward, [], args);
  return out;
}

const identityBackward: BackwardFn = ([g]) => [g];
/** The gradient of a view that only regroups its input's elements: reshaped back to the input's shape. */
const reshapeBackward: BackwardFn<number[]> = ([g], _, inShape) => [g.reshape(inShape)];
const permuteBackward: BackwardFn<number[]> = ([g], _, inverse) => [g.permute(inverse)];
const transposeBackward: BackwardFn<[number, number]> = ([g], _, [a, b]) => [g.transpose(a, b)];
const tBackward: BackwardFn = ([g]) => [g.t()];
const expandBackward: BackwardFn<number[]> = ([g], _, inShape) => [g.sumToSize(inShape)];
const unsqueezeBackward: BackwardFn<number> = ([g], _, d) => [g.squeeze(d)];

/** Resolves the requested shape and the strides that view x with it (null: x's layout needs a copy). */
function viewLayout(x: Tensor, args: IntsArgs): { shape: number[]; strides: number[] | null } {
  const shape = inferShape(intsFromArgs(args), x.numel());
  return { shape, strides: viewStrides(x.shape, x._strides, shape) };
}

function viewOp(x: Tensor, ...args: IntsArgs): Tensor {
  const { shape, strides } = viewLayout(x, args);
  if (strides === null) {
    throw new ShapeError(
      "view size is not compatible with input tensor's size and stride (at least one dimension spans across two contiguous subspaces). Use .reshape(...) instead.",
    );
  }
  return makeView(x, 'ViewBackward0', shape, strides, x._offset, reshapeBackward, x.shape);
}
export const view = defineOp('view', viewOp);

function reshapeOp(x: Tensor, ...args: IntsArgs): Tensor {
  const { shape, strides } = viewLayout(x, args);
  if (strides !== null) return makeView(x, 'ViewBackward0', shape, strides, x._offset, reshapeBackward, x.shape);
  // Not viewable: copy, then view the copy (PyTorch: CloneBackward0 then UnsafeViewBackward0).
  const copy = contiguous(x);
  const out = makeView(copy, 'UnsafeViewBackward0', shape, contiguousStrides(shape), copy._offset, reshapeBackward, x.shape);
  if (copy !== x) copy.dispose();
  return out;
}
export const reshape = defineOp('reshape', reshapeOp);

function viewAsOp(x: Tensor, other: Tensor): Tensor {
  return view(x, other.shape);
}
export const viewAs = defineOp('viewAs', viewAsOp);

function reshapeAsOp(x: Tensor, other: Tensor): Tensor {
  return reshape(x, other.shape);
}
export const reshapeAs = defineOp('reshapeAs', reshapeAsOp);

function permuteOp(x: Tensor, ...args: IntsArgs): Tensor {
  const dims = intsFromArgs(args).map((d) => normalizeDim(d, x.ndim));
  if (new Set(dims).size !== dims.length) throw new ShapeError('permute(): duplicate dims are not allowed.');
  if (dims.length !== x.ndim) {
    throw new ShapeError(
      `permute(): number of dimensions in the tensor input does not match the length of the desired ordering of dimensions i.e. input.dim() = ${x.ndim} is not equal to len(dims) = ${dims.length}`,
    );
  }
  const inverse = new Array<number>(dims.length);
  dims.forEach((d, i) => (inverse[d] = i));
  return makeView(
    x,
    'PermuteBackward0',
    dims.map((d) => x.shape[d]),
    dims.map((d) => x._strides[d]),
    x._offset,
    permuteBackward,
    inverse,
  );
}
export const permute = defineOp('permute', permuteOp);

function transposeOp(x: Tensor, dim0: number, dim1: number): Tensor {
  const a = normalizeDim(dim0, x.ndim);
  const b = normalizeDim(dim1, x.ndim);
  if (x.ndim === 0) return makeView(x, 'TransposeBackward0', [], [], x._offset, identityBackward, null);
  const shape = x.shape.slice();
  const strides = x._strides.slice();
  [shape[a], shape[b]] = [shape[b], shape[a]];
  [strides[a], strides[b]] = [strides[b], strides[a]];
  return makeView(x, 'TransposeBackward0', shape, strides, x._offset, transposeBackward, [a, b]);
}
export const transpose = defineOp('transpose', transposeOp);

/** torch.t: transposes a 2-D tensor; 0-D and 1-D tensors are returned as views unchanged. */
function tOp(x: Tensor): Tensor {
  if (x.ndim > 2) throw new ShapeError(`t() expects a tensor with <= 2 dimensions, but self is ${x.ndim}D`);
  if (x.ndim < 2) return makeView(x, 'TBackward0', x.shape.slice(), x._strides.slice(), x._offset, tBackward, null);
  return makeView(x, 'TBackward0', [x.shape[1], x.shape[0]], [x._strides[1], x._strides[0]], x._offset, tBackward, null);
}
export const t = defineOp('t', tOp);

/** Matrix transpose of the last two dims (the property Tensor.mT). */
export function mT(x: Tensor): Tensor {
  if (x.ndim < 2) throw new ShapeError(`tensor.mT is only supported on matrices or batches of matrices. Got ${x.ndim}-D tensor.`);
  return transpose(x, -2, -1);
}

function expandOp(x: Tensor, ...args: IntsArgs): Tensor {
  const sizes = intsFromArgs(args);
  if (sizes.length < x.ndim) {
    throw new ShapeError(
      `expand(${x._torchTypeName()}{[${x.shape.join(', ')}]}, size=[${sizes.join(', ')}]): the number of sizes provided (${sizes.length}) must be greater or equal to the number of dimensions in the tensor (${x.ndim})`,
    );
  }
  const lead = sizes.length - x.ndim;
  const shape: number[] = [];
  const strides: number[] = [];
  sizes.forEach((s, i) => {
    if (!Number.isInteger(s) || s < -1) {
      throw new ShapeError(`expand(): sizes must be non-negative integers, or -1 to keep a dim; got ${s} at dimension ${i}`);
    }
    const d = i - lead;
    const have = d >= 0 ? x.shape[d] : 1;
    const size = s === -1 ? (d >= 0 ? have : -1) : s;
    if (size < 0) throw new ShapeError(`The expanded size of the tensor (-1) isn't allowed in a leading, non-existing dimension ${i}`);
    if (d >= 0 && have !== size && have !== 1) {
      throw new ShapeError(
        `The expanded size of the tensor (${size}) must match the existing size (${have}) at non-singleton dimension ${i}.  Target sizes: [${sizes.join(', ')}].  Tensor sizes: [${x.shape.join(', ')}]`,
      );
    }
    shape.push(size);
    strides.push(d >= 0 && have === size ? x._strides[d] : 0);
  });
  return makeView(x, 'ExpandBackward0', shape, strides, x._offset, expandBackward, x.shape);
}
export const expand = defineOp('expand', expandOp);

function expandAsOp(x: Tensor, other: Tensor): Tensor {
  return expand(x, other.shape);
}
export const expandAs = defineOp('expandAs', expandAsOp);

function unsqueezeOp(x: Tensor, dim: number): Tensor {
  const d = normalizeDim(dim, x.ndim + 1);
  const shape = x.shape.slice();
  const strides = x._strides.slice();
  const stride = d < x.ndim ? x.shape[d] * x._strides[d] : 1;
  shape.splice(d, 0, 1);
  strides.splice(d, 0, stride);
  return makeView(x, 'UnsqueezeBackward0', shape, strides, x._offset, unsqueezeBackward, d);
}
export const unsqueeze = defineOp('unsqueeze', unsqueezeOp);

/** squeeze(): drops every size-1 dim; squeeze(dim) or squeeze([dims]): only those that have size 1. */
function squeezeOp(x: Tensor, dim?: number | number[]): Tensor {
  const dims =
    dim === undefined
      ? x.shape.map((_, i) => i)
      : (Array.isArray(dim) ? dim : [dim]).map((d) => normalizeDim(d, x.ndim));
  const drop = new Set(dims.filter((d) => x.shape[d] === 1));
  const shape = x.shape.filter((_, i) => !drop.has(i));
  const strides = x._strides.filter((_, i) => !drop.has(i));
  const name = dim === undefined ? 'SqueezeBackward0' : Array.isArray(dim) ? 'SqueezeBackward2' : 'SqueezeBackward1';
  return makeView(x, name, shape, strides, x._offset, reshapeBackward, x.shape);
}
export const squeeze = defineOp('squeeze', squeezeOp);

function flattenOp(x: Tensor, startDim = 0, endDim = -1): Tensor {
  if (x.ndim === 0) return reshape(x, [1]);
  const s = normalizeDim(startDim, x.ndim);
  const e = normalizeDim(endDim, x.ndim);
  if (s > e) throw new ShapeError('flatten() has invalid args: start_dim cannot come after end_dim');
  if (s === e) return x;
  const shape = [...x.shape.slice(0, s), numelOf(x.shape.slice(s, e + 1)), ...x.shape.slice(e + 1)];
  return reshape(x, shape);
}
export const flatten = defineOp('flatten', flattenOp);

function unflattenOp(x: Tensor, dim: number, sizes: readonly number[]): Tensor {
  const d = normalizeDim(dim, x.ndim);
  const inner = inferShape(sizes, x.shape[d]);
  return view(x, [...x.shape.slice(0, d), ...inner, ...x.shape.slice(d + 1)]);
}
export const unflatten = defineOp('unflatten', unflattenOp);

/**
 * A view that selects part of its input (slice, select, diagonal): `take(t, args)` takes the same view of any
 * tensor of the input's shape. Its gradient is zeros of that shape with g written into the view.
 */
interface Part<A> {
  inShape: number[];
  take: (t: Tensor, args: A) => Tensor;
  args: A;
  /** The grad_fn name of the gradient's own node. */
  name: string;
}

/** Zeros of the input's shape with g written into the part. Its own backward takes the part again (higher derivatives). */
function embedInZeros<A>(g: Tensor, part: Part<A>): Tensor {
  const out = full(part.inShape, 0, { dtype: g.dtype });
  const region = part.take(out._view(out.shape, out._strides, out._offset), part.args);
  copyTensorInto(g, region);
  region.dispose();
  if (needsGrad(g)) record(part.name, [g], [out], takePartBackward, [], part);
  return out;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const takePartBackward: BackwardFn<Part<any>> = ([gg], _, part) => [part.take(gg, part.args)];
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const partBackward: BackwardFn<Part<any>> = ([g], _, part) => [embedInZeros(g, part)];

/** Python slice semantics: clamps start/end into [0, size], negative values count from the end. */
function sliceBounds(size: number, start: number | null | undefined, end: number | null | undefined, step: number): [number, number, number] {
  if (!Number.isInteger(step) || step <= 0) throw new RangeError(`slice step must be positive, got ${step}`);
  const wrap = (v: number) => (v < 0 ? Math.max(v + size, 0) : Math.min(v, size));
  const s = start == null ? 0 : wrap(start);
  const e = end == null ? size : wrap(end);
  const len = e > s ? Math.ceil((e - s) / step) : 0;
  return [s, len, step];
}

const takeSlice = (z: Tensor, [d, start, end, step]: number[]): Tensor => slice(z, d, start, end, step);

/** x[..., start:end:step, ...] along one dim (a view). */
function sliceOp(x: Tensor, dim: number, start?: number | null, end?: number | null, step = 1): Tensor {
  const d = normalizeDim(dim, x.ndim);
  const [s, len, st] = sliceBounds(x.shape[d], start, end, step);
  const shape = x.shape.slice();
  const strides = x._strides.slice();
  shape[d] = len;
  strides[d] = x._strides[d] * st;
  const offset = x._offset + s * x._strides[d];
  const part: Part<number[]> = { inShape: x.shape, take: takeSlice, args: [d, s, s + len * st, st], name: 'SliceBackwardBackward0' };
  return makeView(x, 'SliceBackward0', shape, strides, offset, partBackward, part);
}
export const slice = defineOp('slice', sliceOp);

/** torch.narrow: length elements of dim starting at start. */
function narrowOp(x: Tensor, dim: number, start: number, length: number): Tensor {
  if (!Number.isInteger(start) || !Number.isInteger(length)) {
    throw new TypeError(`narrow(): start and length must be integers, got start=${start}, length=${length}`);
  }
  const d = normalizeDim(dim, x.ndim);
  const size = x.shape[d];
  const s = start < 0 ? start + size : start;
  if (s < 0 || length < 0 || s + length > size) {
    throw new IndexError(`start (${start}) + length (${length}) exceeds dimension size (${size}).`);
  }
  return slice(x, d, s, s + length, 1);
}
export const narrow = defineOp('narrow', narrowOp);

const takeSelect = (z: Tensor, [d, i]: [number, number]): Tensor => select(z, d, i);

/** x.select(dim, index): removes dim, taking one index (x[i] for dim 0). */
function selectOp(x: Tensor, dim: number, index: number): Tensor {
  const d = normalizeDim(dim, x.ndim);
  if (x.ndim === 0) throw new IndexError('select() cannot be applied to a 0-dim tensor.');
  const size = x.shape[d];
  if (!Number.isInteger(index) || index < -size || index >= size) {
    throw new IndexError(`index ${index} is out of bounds for dimension ${d} with size ${size}`);
  }
  const i = index < 0 ? index + size : index;
  const shape = x.shape.filter((_, k) => k !== d);
  const strides = x._strides.filter((_, k) => k !== d);
  const part: Part<[number, number]> = { inShape: x.shape, take: takeSelect, args: [d, i], name: 'SelectBackwardBackward0' };
  return makeView(x, 'SelectBackward0', shape, strides, x._offset + i * x._strides[d], partBackward, part);
}
export const select = defineOp('select', selectOp);

const takeDiagonal = (z: Tensor, [offset, a, b]: [number, number, number]): Tensor => diagonal(z, offset, a, b);

/** torch.diagonal(x, offset, dim1, dim2): a view of the diagonal, moved to the last dim. */
function diagonalOp(x: Tensor, offset = 0, dim1 = 0, dim2 = 1): Tensor {
  const a = normalizeDim(dim1, x.ndim);
  const b = normalizeDim(dim2, x.ndim);
  if (a === b) throw new ShapeError(`diagonal dimensions cannot be identical ${dim1}, ${dim2}`);
  if (!Number.isInteger(offset)) throw new ShapeError(`diagonal(): offset must be an integer, got ${offset}`);
  const len = Math.max(0, offset >= 0 ? Math.min(x.shape[a], x.shape[b] - offset) : Math.min(x.shape[a] + offset, x.shape[b]));
  const start = len === 0 ? 0 : offset >= 0 ? offset * x._strides[b] : -offset * x._strides[a];
  const shape = x.shape.filter((_, k) => k !== a && k !== b);
  const strides = x._strides.filter((_, k) => k !== a && k !== b);
  shape.push(len);
  strides.push(x._strides[a] + x._strides[b]);
  const part: Part<[number, number, number]> = { inShape: x.shape, take: takeDiagonal, args: [offset, a, b], name: 'DiagonalBackwardBackward0' };
  return makeView(x, 'DiagonalBackward0', shape, strides, x._offset + start, partBackward, part);
}
export const diagonal = defineOp('diagonal', diagonalOp);

/**
 * Indexing like Python's x[...]: `x.index(2)`, `x.index('1:3')`, `x.index(':, ::2')`, `x.index('-2:, 1:-1')`,
 * `x.index('..., 0')`, `x.index('None, :')`. Numbers select, slices view, `None` inserts a dim, `...` fills.
 */
function indexOp(x: Tensor, ...items: (number | string | null)[]): Tensor {
  const parts: (number | string | null)[] = [];
  for (const item of items) {
    if (typeof item === 'string') parts.push(...item.split(',').map((p) => p.trim()).filter((p) => p.length > 0));
    else parts.push(item);
  }
  const consumes = (p: number | string | null) => p !== null && p !== 'None' && p !== '...';
  const ellipsisAt = parts.indexOf('...');
  if (parts.lastIndexOf('...') !== ellipsisAt) throw new IndexError('an index can only have a single ellipsis (...)');
  const used = parts.filter(consumes).length;
  if (used > x.ndim) throw new IndexError(`too many indices for tensor of dimension ${x.ndim}`);
  if (ellipsisAt >= 0) parts.splice(ellipsisAt, 1, ...new Array<string>(x.ndim - used).fill(':'));
  let out = x;
  let dim = 0;
  const step = (next: Tensor) => {
    if (out !== x) out.dispose();
    out = next;
  };
  for (const p of parts) {
    if (p === null || p === 'None') {
      step(unsqueeze(out, dim));
      dim++;
    } else if (typeof p === 'number' || /^-?\d+$/.test(p)) {
      step(select(out, dim, Number(p)));
    } else {
      const m = /^(-?\d+)?\s*:\s*(-?\d+)?\s*(?::\s*(-?\d+)?)?$/.exec(p);
      if (m === null) throw new IndexError(`invalid index '${p}': expected an integer, a slice like 'start:end:step', '...' or 'None'`);
      step(slice(out, dim, m[1] === undefined ? null : Number(m[1]), m[2] === undefined ? null : Number(m[2]), m[3] === undefined ? 1 : Number(m[3])));
      dim++;
    }
  }
  return out === x ? makeView(x, 'AliasBackward0', x.shape.slice(), x._strides.slice(), x._offset, identityBackward, null) : out;
}
export const index = defineOp('index', indexOp);

/** A contiguous copy (CloneBackward0), or x itself when it already is contiguous. */
function contiguousOp(x: Tensor): Tensor {
  x._check();
  if (x._contiguous) return x;
  return clone(x);
}
export const contiguous = defineOp('contiguous', contiguousOp);

/** A contiguous copy with its own storage. */
function cloneOp(x: Tensor): Tensor {
  x._check();
  const out = Tensor._emptyLike(x);
  copyInto(x, out);
  if (needsGrad(x)) record('CloneBackward0', [x], [out], identityBackward);
  return out;
}
export const clone = defineOp('clone', cloneOp);

/** A tensor sharing x's storage, cut from the graph. */
function detachOp(x: Tensor): Tensor {
  return x._view(x.shape.slice(), x._strides.slice(), x._offset);
}
export const detach = defineOp('detach', detachOp);

const toBackward: BackwardFn<DType> = ([g], _, inType) => [g.to(inType)];

/** Converts to another dtype (ToCopyBackward0); the same dtype returns x itself. */
function toOp(x: Tensor, dtype: DType): Tensor {
  checkDType(dtype);
  x._check();
  if (dtype === x.dtype) return x;
  const out = cast(x, dtype);
  if (needsGrad(x) && out.isFloatingPoint()) record('ToCopyBackward0', [x], [out], toBackward, [], x.dtype);
  return out;
}
export const to = defineOp('to', toOp);

// The dtype shorthands (methods only in PyTorch: x.float(), x.double() ...).
function floatOp(x: Tensor): Tensor {
  return to(x, 'float32');
}
export const float = defineOp('float', floatOp);
function doubleOp(x: Tensor): Tensor {
  return to(x, 'float64');
}
export const double = defineOp('double', doubleOp);
function intOp(x: Tensor): Tensor {
  return to(x, 'int32');
}
export const int = defineOp('int', intOp);
function boolOp(x: Tensor): Tensor {
  return to(x, 'bool');
}
export const bool = defineOp('bool', boolOp);

const copyBackward: BackwardFn<{ srcShape: number[]; srcType: DType }> = ([g], _, { srcShape, srcType }) => [g.mul(0), g.sumToSize(srcShape).to(srcType)];

/** Tensor.copy_(src): writes src (broadcast, cast) into x in place. */
function copyInPlaceOp(x: Tensor, src: Tensor): Tensor {
  x._check();
  src._check();
  x._checkInplace();
  const from = src.dtype === x.dtype ? src : cast(src, x.dtype);
  let expanded = from;
  if (!sameShape(from.shape, x.shape)) {
    const strides = broadcastStrides(from.shape, from._strides, x.shape);
    if (strides === null) {
      throw new ShapeError(`output with shape ${shapeString(x.shape)} doesn't match the broadcast shape ${shapeString(from.shape)}`);
    }
    expanded = from._view(x.shape, strides, from._offset);
  }
  copyTensorInto(expanded, x);
  if (expanded !== from) expanded.dispose();
  if (from !== src) from.dispose();
  x._bumpVersion();
  if (needsGrad(src, x)) record('CopyBackwards', [x, src], [x], copyBackward, [], { srcShape: src.shape, srcType: src.dtype });
  return x;
}
export const copy_ = defineOp<typeof copyInPlaceOp>('copy_', copyInPlaceOp);

/** The Tensor properties of this module (getters, so not op-table methods): x.mT and x.T. */
export interface ViewProperties {
  /** The matrix transpose of the last two dims. */
  readonly mT: Tensor;
  /** All dims reversed. */
  readonly T: Tensor;
}

Object.defineProperty(Tensor.prototype, 'mT', {
  get(this: Tensor) {
    return mT(this);
  },
});
Object.defineProperty(Tensor.prototype, 'T', {
  get(this: Tensor) {
    return permute(this, this.shape.map((_, i) => this.ndim - 1 - i));
  },
});
