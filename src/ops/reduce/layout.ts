// How a reduction reaches a kernel. The reduction kernels read one of two layouts:
//   inner: rows x len, the reduced elements of each output contiguous;
//   outer: outer x len x cols, the reduced dim in the middle and the kept inner elements contiguous.
// The planner walks the input in memory order (a dense permuted view needs no copy), drops size-1 dims and merges
// neighbours that are both reduced or both kept. One reduced group gives [outer, len, cols] directly; several
// (e.g. dims 0 and 2 of a 3-D tensor) are gathered by one strided copy into kept-then-reduced order, which is
// inner. The kernels write the outputs in memory order of the kept dims; the result is a view with matching strides,
// so a permuted input gives a permuted (dense) result, as in PyTorch.
import { normalizeDim, numelOf } from '../../shape';
import { ShapeError } from '../../errors';
import { copyInto } from '../../backend/copy';
import type { ReduceShape } from '../../backend/reduce';
import { Tensor } from '../../tensor';
import type { DType } from '../../dtype';

/** Which dims are reduced: one flag per dim of the input. */
export type ReduceMask = boolean[];

/** A dim argument as PyTorch accepts it: one dim, a list (an empty list means every dim), or none (every dim). */
export type DimArg = number | readonly number[] | null | undefined;

/** The reduced dims as flags; `name` is the op, for PyTorch's message about repeated dims. */
export function reduceMask(dim: DimArg, ndim: number, name: string): ReduceMask {
  const mask = new Array<boolean>(ndim).fill(false);
  if (dim == null || (Array.isArray(dim) && dim.length === 0)) return mask.fill(true);
  const dims = typeof dim === 'number' ? [dim] : (dim as readonly number[]);
  for (const d of dims) {
    if (typeof d !== 'number') throw new TypeError(`${name}(): dim must be an integer or a list of integers, got ${JSON.stringify(dim)}`);
    const k = normalizeDim(d, ndim);
    if (ndim === 0) continue;
    if (mask[k]) throw new ShapeError(`dim ${k} appears multiple times in the list of dims`);
    mask[k] = true;
  }
  return mask;
}

/** The result's shape: reduced dims removed, or kept with size 1. */
export function reducedShape(shape: readonly number[], mask: ReduceMask, keepdim: boolean): number[] {
  const out: number[] = [];
  shape.forEach((s, d) => {
    if (!mask[d]) out.push(s);
    else if (keepdim) out.push(1);
  });
  return out;
}

/** What a reduction's kernel reads (src, as an outer x len x cols block) and how its output becomes the result. */
export interface ReducePlan extends ReduceShape {
  /** The input's own memory or a gathered copy (then `owned`). */
  src: Tensor;
  owned: boolean;
  /** Result shape and strides of the result over the kernel's output buffer (outer * cols elements). */
  outShape: number[];
  outStrides: number[];
}

/** Dims in memory order (outermost first): identity for contiguous tensors, else by decreasing stride. */
function memoryOrder(x: Tensor): number[] {
  const order = x.shape.map((_, d) => d);
  if (x._contiguous) return order;
  return order.sort((a, b) => x._strides[b] - x._strides[a] || a - b);
}

/** True when walking `order` visits every element of x once, innermost stride 1 (a permuted contiguous tensor). */
function isDenseIn(x: Tensor, order: number[]): boolean {
  let expected = 1;
  for (let i = order.length - 1; i >= 0; i--) {
    const d = order[i];
    if (x.shape[d] === 1) continue;
    if (x._strides[d] !== expected) return false;
    expected *= x.shape[d];
  }
  return true;
}

/** A contiguous copy of the view of x with dims taken in `order` (no autograd). */
function gather(x: Tensor, order: number[]): Tensor {
  const view = x._view(order.map((d) => x.shape[d]), order.map((d) => x._strides[d]), x._offset);
  const out = Tensor._empty(view.shape.slice(), x.dtype);
  copyInto(view, out);
  view.dispose();
  return out;
}

export function planReduction(x: Tensor, mask: ReduceMask, keepdim: boolean): ReducePlan {
  x._check();
  const outShape = reducedShape(x.shape, mask, keepdim);
  let order = memoryOrder(x);
  const dense = isDenseIn(x, order);
  if (!dense) order = x.shape.map((_, d) => d);
  // Output strides: the kept dims are written in memory order.
  const outStridesByDim = new Array<number>(x.ndim).fill(0);
  let acc = 1;
  for (let i = order.length - 1; i >= 0; i--) {
    const d = order[i];
    if (mask[d] && !keepdim) continue;
    outStridesByDim[d] = acc;
    if (!mask[d]) acc *= x.shape[d];
  }
  const outStrides = outStridesByDim.filter((_, d) => !mask[d] || keepdim);
  if (x.numel() === 0) {
    return { src: x, owned: false, outer: numelOf(outShape), len: 0, cols: 1, outShape, outStrides };
  }
  // Groups in memory order: [size, reduced], neighbours of the same kind merged, size-1 dims dropped.
  const groups: [number, boolean][] = [];
  for (const d of order) {
    const size = x.shape[d];
    if (size === 1) continue;
    const last = groups[groups.length - 1];
    if (last !== undefined && last[1] === mask[d]) last[0] *= size;
    else groups.push([size, mask[d]]);
  }
  if (groups.filter((g) => g[1]).length > 1) {
    const kept = order.filter((d) => !mask[d]);
    const reduced = order.filter((d) => mask[d]);
    const src = gather(x, [...kept, ...reduced]);
    const len = numelOf(reduced.map((d) => x.shape[d]));
    return { src, owned: true, outer: x.numel() / len, len, cols: 1, outShape, outStrides };
  }
  let outer = 1;
  let len = 1;
  let cols = 1;
  let seen = false;
  for (const [size, reduced] of groups) {
    if (reduced) {
      len = size;
      seen = true;
    } else if (seen) cols *= size;
    else outer *= size;
  }
  if (!seen) {
    outer *= cols;
    cols = 1;
  }
  const src = dense ? x : gather(x, order);
  return { src, owned: !dense, outer, len, cols, outShape, outStrides };
}

/** Plans the reduction, runs fn on the plan, then frees the plan's gathered copy (if any). */
export function withPlan<R>(x: Tensor, mask: ReduceMask, keepdim: boolean, fn: (plan: ReducePlan) => R): R {
  const plan = planReduction(x, mask, keepdim);
  try {
    return fn(plan);
  } finally {
    if (plan.owned) plan.src.dispose();
  }
}

/** A flat buffer for one output of the plan: outer * cols elements, the kept dims in the input's memory order. */
export function planBuffer(plan: ReducePlan, dtype: DType): Tensor {
  return Tensor._empty([plan.outer * plan.cols], dtype);
}

/** The result over a filled plan buffer: a view with the plan's shape and strides. */
export function planView(plan: ReducePlan, buffer: Tensor): Tensor {
  return buffer._view(plan.outShape, plan.outStrides, 0);
}

/** A new result of the plan's shape and the given dtype, which `launch(dst)` writes into a plan buffer. */
export function planOutput(plan: ReducePlan, dtype: DType, launch: (dst: Tensor) => void): Tensor {
  const buffer = planBuffer(plan, dtype);
  try {
    launch(buffer);
    return planView(plan, buffer);
  } finally {
    buffer.dispose();
  }
}

/** A contiguous shape split around one dim d: [outer, len, cols] = [prod(shape[:d]), shape[d], prod(shape[d+1:])]. */
function splitAround(shape: readonly number[], d: number): ReduceShape {
  if (shape.length === 0) return { outer: 1, len: 1, cols: 1 };
  return { outer: numelOf(shape.slice(0, d)), len: shape[d], cols: numelOf(shape.slice(d + 1)) };
}

/**
 * A result of x's shape and dtype computed along dim d (softmax, cumsum): `launch(src, dst, split)` reads x as
 * contiguous memory (a copy when x is strided) and writes the new result dst.
 */
export function alongDim(x: Tensor, d: number, launch: (src: Tensor, dst: Tensor, split: ReduceShape) => void): Tensor {
  x._check();
  const src = x._contiguous ? x : gather(x, x.shape.map((_, k) => k));
  try {
    const out = Tensor._emptyLike(x);
    launch(src, out, splitAround(x.shape, d));
    return out;
  } finally {
    if (src !== x) src.dispose();
  }
}
