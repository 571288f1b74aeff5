// Shape arithmetic shared by views and ops: sizes, strides, dim normalisation, broadcasting.
import { IndexError, ShapeError } from './errors';

/** Ints given as separate arguments or as one array, as PyTorch takes sizes and dims: x.view(2, 3) or x.view([2, 3]). */
export type IntsArgs = number[] | [readonly number[]];

/** The ints of such arguments, in a new array. */
export function intsFromArgs(args: IntsArgs): number[] {
  return (args.length === 1 && Array.isArray(args[0]) ? args[0] : args).slice() as number[];
}

export function numelOf(shape: readonly number[]): number {
  let n = 1;
  for (let i = 0; i < shape.length; i++) n *= shape[i];
  return n;
}

/** Row-major strides in elements. */
export function contiguousStrides(shape: readonly number[]): number[] {
  const strides = new Array<number>(shape.length);
  let s = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    strides[i] = s;
    s *= Math.max(shape[i], 1);
  }
  return strides;
}

/** True when the strides describe a row-major layout (size-1 dims may have any stride). */
export function isContiguousLayout(shape: readonly number[], strides: readonly number[]): boolean {
  let expected = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    if (shape[i] === 1) continue;
    if (strides[i] !== expected) return shape[i] === 0 || numelOf(shape) === 0;
    expected *= shape[i];
  }
  return true;
}

/** Wraps a possibly negative dim into [0, ndim), with PyTorch's message. A 0-d tensor accepts dims -1 and 0. */
export function normalizeDim(dim: number, ndim: number): number {
  const range = Math.max(ndim, 1);
  if (!Number.isInteger(dim) || dim < -range || dim >= range) {
    throw new IndexError(`Dimension out of range (expected to be in range of [${-range}, ${range - 1}], but got ${dim})`);
  }
  return dim < 0 ? dim + range : dim;
}

export function checkSizes(shape: readonly number[]): number[] {
  for (const s of shape) {
    if (!Number.isInteger(s) || s < 0) {
      throw new ShapeError(`invalid shape [${shape.join(', ')}]: sizes must be non-negative integers`);
    }
  }
  return shape.slice();
}

/** torch.broadcast_shapes. */
export function broadcastShapes(a: readonly number[], b: readonly number[]): number[] {
  const n = Math.max(a.length, b.length);
  const out = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    const da = i < n - a.length ? 1 : a[i - (n - a.length)];
    const db = i < n - b.length ? 1 : b[i - (n - b.length)];
    if (da !== db && da !== 1 && db !== 1) {
      throw new ShapeError(
        `The size of tensor a (${da}) must match the size of tensor b (${db}) at non-singleton dimension ${i}`,
      );
    }
    out[i] = da === 1 ? db : da;
  }
  return out;
}

/**
 * Element strides that view a tensor of `shape`/`strides` as `target` under broadcasting: 0 on new leading dims and
 * on size-1 dims that are stretched. Null when the shapes do not broadcast to `target`.
 */
export function broadcastStrides(shape: readonly number[], strides: readonly number[], target: readonly number[]): number[] | null {
  const lead = target.length - shape.length;
  if (lead < 0) return null;
  const out = new Array<number>(target.length);
  for (let i = 0; i < target.length; i++) {
    const d = i - lead;
    if (d < 0) out[i] = 0;
    else if (shape[d] === target[i]) out[i] = shape[d] === 1 ? 0 : strides[d];
    else if (shape[d] === 1) out[i] = 0;
    else return null;
  }
  return out;
}

export function sameShape(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** PyTorch's rendering of a shape in messages: [2, 3]. */
export function shapeString(shape: readonly number[]): string {
  return `[${shape.join(', ')}]`;
}
