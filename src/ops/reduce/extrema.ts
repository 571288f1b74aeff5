// max, min (whole tensor, or along a dim with indices), amax, amin, argmax, argmin.
// PyTorch's rules: NaN propagates (a NaN anywhere in a slice makes it the result, at the first NaN's index), ties
// go to the first occurrence, reducing an empty slice is an error.
import { needsGrad, record } from '../../autograd/record';
import { kernels } from '../../backend/wasm';
import { OP } from '../../backend/kernels/reduce';
import { zeros } from '../../creation/factories';
import { scatter } from '../indexing/gather-scatter';
import { DTYPES } from '../../dtype';
import { IndexError, NotSupportedError } from '../../errors';
import { normalizeDim } from '../../shape';
import { copyInto } from '../../backend/copy';
import { Tensor } from '../../tensor';
import { boolArg, namedArgs } from './args';
import { planOutput, reduceMask, withPlan, type DimArg, type ReduceMask } from './layout';
import { mapReduce, restoreReducedDims } from './map-reduce';

/** What max(dim) and min(dim) return: PyTorch's (values, indices) named tuple; also destructures as an array. */
export class ValuesIndices implements Iterable<Tensor> {
  readonly 0: Tensor;
  readonly 1: Tensor;
  readonly length = 2;

  constructor(
    readonly values: Tensor,
    readonly indices: Tensor,
  ) {
    this[0] = values;
    this[1] = indices;
  }

  *[Symbol.iterator](): Iterator<Tensor> {
    yield this.values;
    yield this.indices;
  }
}

export interface DimKeepdimOptions {
  dim?: number;
  keepdim?: boolean;
}

export interface DimsKeepdimOptions {
  dim?: DimArg;
  keepdim?: boolean;
}

function checkNotEmptyAll(op: string, x: Tensor): void {
  if (x.numel() === 0) {
    throw new IndexError(`${op}(): Expected reduction dim to be specified for input.numel() == 0. Specify the reduction dim with the 'dim' argument.`);
  }
}

function checkNotEmptyDims(op: string, x: Tensor, mask: ReduceMask): void {
  if (x.ndim === 0) return;
  mask.forEach((reduced, d) => {
    if (reduced && x.shape[d] === 0) throw new IndexError(`${op}(): Expected reduction dim ${d} to have non-zero size.`);
  });
}

/** Values and int32 indices of the extreme along dim d (the kernel's index is the position along d). */
function extremeAlong(x: Tensor, d: number, keepdim: boolean, isMin: boolean, wantValues: boolean): [Tensor | null, Tensor] {
  const code = DTYPES[x.dtype].code;
  const flag = isMin ? 1 : 0;
  return withPlan(x, reduceMask(d, x.ndim, 'max'), keepdim, (plan) => {
    const launch = (dst: number, indexPtr: number): void => {
      if (plan.kind === 'inner') kernels.argReduceInner(code, flag, plan.src._ptr, dst, indexPtr, plan.outer, plan.len);
      else kernels.argReduceOuter(code, flag, plan.src._ptr, dst, indexPtr, plan.outer, plan.len, plan.cols);
    };
    // Both outputs are written by one kernel call: the indices buffer first, then the values around the call.
    const indexBuffer = Tensor._empty([plan.outer * plan.cols], 'int32');
    try {
      const values = wantValues ? planOutput(plan, x.dtype, (dst) => launch(dst, indexBuffer._ptr)) : null;
      if (!wantValues && indexBuffer.numel() > 0) launch(0, indexBuffer._ptr);
      return [values, indexBuffer._view(plan.outShape, plan.outStrides, 0)];
    } finally {
      indexBuffer.dispose();
    }
  });
}

/** The mask of the elements equal to the (broadcast) extreme, as g's dtype: the ties share the gradient. */
function tieMask(x: Tensor, value: Tensor, dtype: Tensor['dtype']): Tensor {
  return x.eq(value).to(dtype);
}

/** max() of every element; max(dim, keepdim?) as { values, indices }; max(other) is the elementwise maximum. */
export function max(x: Tensor): Tensor;
export function max(x: Tensor, other: Tensor): Tensor;
export function max(x: Tensor, dim: number, keepdim?: boolean | DimKeepdimOptions): ValuesIndices;
export function max(x: Tensor, options: DimKeepdimOptions & { dim: number }): ValuesIndices;
export function max(x: Tensor, ...args: unknown[]): Tensor | ValuesIndices {
  return extreme('max', x, args, false);
}

/** min() of every element; min(dim, keepdim?) as { values, indices }; min(other) is the elementwise minimum. */
export function min(x: Tensor): Tensor;
export function min(x: Tensor, other: Tensor): Tensor;
export function min(x: Tensor, dim: number, keepdim?: boolean | DimKeepdimOptions): ValuesIndices;
export function min(x: Tensor, options: DimKeepdimOptions & { dim: number }): ValuesIndices;
export function min(x: Tensor, ...args: unknown[]): Tensor | ValuesIndices {
  return extreme('min', x, args, true);
}

function extreme(op: 'max' | 'min', x: Tensor, args: unknown[], isMin: boolean): Tensor | ValuesIndices {
  x._check();
  if (args[0] instanceof Tensor) {
    const pairwise = op === 'max' ? 'maximum' : 'minimum';
    const fn = (x as unknown as Record<string, unknown>)[pairwise];
    if (typeof fn !== 'function') throw new NotSupportedError(`${op}(other): the elementwise ${pairwise} is not available`);
    return (fn as (o: Tensor) => Tensor).call(x, args[0]);
  }
  const a = namedArgs<DimKeepdimOptions>(op, ['dim', 'keepdim'], args);
  if (a.dim == null) {
    checkNotEmptyAll(op, x);
    const out = mapReduce(x, reduceMask(null, x.ndim, op), false, isMin ? OP.min : OP.max);
    if (needsGrad(x)) {
      // PyTorch's evenly_distribute_backward: ties (or the NaNs, when the result is NaN) share the gradient.
      record(
        op === 'max' ? 'MaxBackward1' : 'MinBackward1',
        [x],
        [out],
        ([g], [xs, value]) => {
          const v = value.item();
          const hits = Number.isNaN(v) ? xs.ne(xs).to(g!.dtype) : tieMask(xs, value, g!.dtype);
          return [hits.mul(g!.div(hits.sum()))];
        },
        [x, out],
      );
    }
    return out;
  }
  if (typeof a.dim !== 'number') throw new TypeError(`${op}(): dim must be an integer, got ${JSON.stringify(a.dim)}`);
  const keepdim = boolArg(op, 'keepdim', a.keepdim, false);
  const d = normalizeDim(a.dim, x.ndim);
  checkNotEmptyDims(op, x, reduceMask(d, x.ndim, op));
  const [values, indices] = extremeAlong(x, d, keepdim, isMin, true);
  if (needsGrad(x)) {
    const inShape = x.shape;
    const dimMask = reduceMask(d, x.ndim, op);
    // value_selecting_reduction_backward: the gradient goes to the selected index only.
    record(
      op === 'max' ? 'MaxBackward0' : 'MinBackward0',
      [x],
      [values!],
      ([g], [idx]) => {
        if (inShape.length === 0) return [g];
        return [scatter(zeros(inShape, { dtype: g!.dtype }), d, restoreReducedDims(idx, dimMask, keepdim), restoreReducedDims(g!, dimMask, keepdim))];
      },
      [indices],
    );
  }
  return new ValuesIndices(values!, indices);
}

function amaxAmin(op: 'amax' | 'amin', x: Tensor, args: unknown[], isMin: boolean): Tensor {
  x._check();
  const a = namedArgs<DimsKeepdimOptions>(op, ['dim', 'keepdim'], args);
  const keepdim = boolArg(op, 'keepdim', a.keepdim, false);
  const mask = reduceMask(a.dim, x.ndim, op);
  checkNotEmptyDims(op, x, mask);
  const out = mapReduce(x, mask, keepdim, isMin ? OP.min : OP.max);
  if (needsGrad(x)) {
    // scale_grad_by_count: ties share the gradient equally.
    record(
      op === 'amax' ? 'AmaxBackward0' : 'AminBackward0',
      [x],
      [out],
      ([g], [xs, value]) => {
        const hits = tieMask(xs, restoreReducedDims(value, mask, keepdim), g!.dtype);
        const dims = mask.flatMap((r, d) => (r ? [d] : []));
        return [restoreReducedDims(g!, mask, keepdim).div(hits.sum(dims, true)).mul(hits)];
      },
      [x, out],
    );
  }
  return out;
}

/** Maximum over dims (all by default); gradient shared equally by ties. */
export function amax(x: Tensor, ...args: [dim?: DimArg, keepdim?: boolean] | [DimsKeepdimOptions] | [DimArg, DimsKeepdimOptions]): Tensor {
  return amaxAmin('amax', x, args, false);
}

/** Minimum over dims (all by default); gradient shared equally by ties. */
export function amin(x: Tensor, ...args: [dim?: DimArg, keepdim?: boolean] | [DimsKeepdimOptions] | [DimArg, DimsKeepdimOptions]): Tensor {
  return amaxAmin('amin', x, args, true);
}

/** x's elements as a 1-D tensor in row-major order: a view when x is contiguous, else a copy (no autograd). */
function rowMajorFlat(x: Tensor): Tensor {
  if (x._contiguous) return x._view([x.numel()], [1], x._offset);
  const out = Tensor._empty([x.numel()], x.dtype);
  copyInto(x, out);
  return out;
}

function argExtreme(op: 'argmax' | 'argmin', x: Tensor, args: unknown[], isMin: boolean): Tensor {
  x._check();
  const a = namedArgs<{ dim: number | null; keepdim: boolean }>(op, ['dim', 'keepdim'], args);
  const keepdim = boolArg(op, 'keepdim', a.keepdim, false);
  if (a.dim == null) {
    checkNotEmptyAll(op, x);
    // The flat index over the row-major order of x.
    const flat = rowMajorFlat(x);
    const [, indices] = extremeAlong(flat, 0, false, isMin, false);
    flat.dispose();
    if (!keepdim) return indices;
    const out = indices.reshape(x.shape.map(() => 1));
    indices.dispose();
    return out;
  }
  if (typeof a.dim !== 'number') throw new TypeError(`${op}(): dim must be an integer, got ${JSON.stringify(a.dim)}`);
  const d = normalizeDim(a.dim, x.ndim);
  checkNotEmptyDims(op, x, reduceMask(d, x.ndim, op));
  return extremeAlong(x, d, keepdim, isMin, false)[1];
}

/** Index (int32) of the maximum along dim, or into the flattened tensor when dim is not given. */
export function argmax(x: Tensor, ...args: [dim?: number | null, keepdim?: boolean] | [DimKeepdimOptions] | [number | null, DimKeepdimOptions]): Tensor {
  return argExtreme('argmax', x, args, false);
}

/** Index (int32) of the minimum along dim, or into the flattened tensor when dim is not given. */
export function argmin(x: Tensor, ...args: [dim?: number | null, keepdim?: boolean] | [DimKeepdimOptions] | [number | null, DimKeepdimOptions]): Tensor {
  return argExtreme('argmin', x, args, true);
}

declare module '../../tensor' {
  interface Tensor {
    max(): Tensor;
    max(other: Tensor): Tensor;
    max(dim: number, keepdim?: boolean | DimKeepdimOptions): ValuesIndices;
    max(options: DimKeepdimOptions & { dim: number }): ValuesIndices;
    min(): Tensor;
    min(other: Tensor): Tensor;
    min(dim: number, keepdim?: boolean | DimKeepdimOptions): ValuesIndices;
    min(options: DimKeepdimOptions & { dim: number }): ValuesIndices;
    amax(dim?: DimArg, keepdim?: boolean): Tensor;
    amax(options: DimsKeepdimOptions): Tensor;
    amax(dim: DimArg, options: DimsKeepdimOptions): Tensor;
    amin(dim?: DimArg, keepdim?: boolean): Tensor;
    amin(options: DimsKeepdimOptions): Tensor;
    amin(dim: DimArg, options: DimsKeepdimOptions): Tensor;
    argmax(dim?: number | null, keepdim?: boolean): Tensor;
    argmax(options: DimKeepdimOptions): Tensor;
    argmax(dim: number | null, options: DimKeepdimOptions): Tensor;
    argmin(dim?: number | null, keepdim?: boolean): Tensor;
    argmin(options: DimKeepdimOptions): Tensor;
    argmin(dim: number | null, options: DimKeepdimOptions): Tensor;
  }
}
