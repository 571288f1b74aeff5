// max, min (whole tensor, or along a dim with indices), amax, amin, argmax, argmin.
// PyTorch's rules: NaN propagates (a NaN anywhere in a slice makes it the result, at the first NaN's index), ties
// go to the first occurrence, reducing an empty slice is an error.
import type { BackwardFn } from '../../autograd/node';
import { needsGrad, record } from '../../autograd/record';
import { copyInto } from '../../backend/copy';
import { OP } from '../../backend/kernels/reduce';
import { argReduceInto } from '../../backend/reduce';
import { zeros } from '../../creation/factories';
import { DTypeError, IndexError, NotSupportedError } from '../../errors';
import { normalizeDim } from '../../shape';
import { Tensor } from '../../tensor';
import { defineOp, withMethodSignatures } from '../define';
import { scatter } from '../indexing/gather-scatter';
import { boolArg, namedArgs } from './args';
import { reduction, type ReductionArgs } from './define-reduction';
import { planBuffer, planOutput, planView, reduceMask, withPlan, type DimArg, type ReduceMask } from './layout';
import { mapReduce, reducedDims, restoreReducedDims } from './map-reduce';

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
  return withPlan(x, reduceMask(d, x.ndim, 'max'), keepdim, (plan) => {
    // Both outputs are written by one kernel call: the indices buffer first, then the values around the call.
    const indexBuffer = planBuffer(plan, 'int32');
    try {
      const values = wantValues ? planOutput(plan, x.dtype, (dst) => argReduceInto(plan.src, dst, indexBuffer, plan, isMin)) : null;
      if (!wantValues) argReduceInto(plan.src, null, indexBuffer, plan, isMin);
      return [values, planView(plan, indexBuffer)];
    } finally {
      indexBuffer.dispose();
    }
  });
}

/** The mask of the elements equal to the (broadcast) extreme, as g's dtype: the ties share the gradient. */
function tieMask(x: Tensor, value: Tensor, dtype: Tensor['dtype']): Tensor {
  return x.eq(value).to(dtype);
}

/** PyTorch's evenly_distribute_backward: ties (or the NaNs, when the result is NaN) share the gradient. */
const evenlyDistributeBackward: BackwardFn = ([g], [xs, value]) => {
  const v = value.item();
  const hits = Number.isNaN(v) ? xs.ne(xs).to(g.dtype) : tieMask(xs, value, g.dtype);
  return [hits.mul(g.div(hits.sum()))];
};

interface SelectArgs {
  /** The input's shape. */
  shape: readonly number[];
  d: number;
  mask: ReduceMask;
  keepdim: boolean;
}

/** value_selecting_reduction_backward: the gradient goes to the selected index only. */
const valueSelectingBackward: BackwardFn<SelectArgs> = ([g], [idx], { shape, d, mask, keepdim }) => {
  if (shape.length === 0) return [g];
  return [scatter(zeros(shape, { dtype: g.dtype }), d, restoreReducedDims(idx, mask, keepdim), restoreReducedDims(g, mask, keepdim))];
};

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
    if (needsGrad(x)) record(op === 'max' ? 'MaxBackward1' : 'MinBackward1', [x], [out], evenlyDistributeBackward, [x, out]);
    return out;
  }
  if (typeof a.dim !== 'number') throw new TypeError(`${op}(): dim must be an integer, got ${JSON.stringify(a.dim)}`);
  const keepdim = boolArg(op, 'keepdim', a.keepdim, false);
  const d = normalizeDim(a.dim, x.ndim);
  const mask = reduceMask(d, x.ndim, op);
  checkNotEmptyDims(op, x, mask);
  const [values, indices] = extremeAlong(x, d, keepdim, isMin, true);
  if (needsGrad(x)) {
    const recorded: SelectArgs = { shape: x.shape, d, mask, keepdim };
    record(op === 'max' ? 'MaxBackward0' : 'MinBackward0', [x], [values!], valueSelectingBackward, [indices], recorded);
  }
  return new ValuesIndices(values!, indices);
}

/** The signatures of max and min: every element; along a dim as { values, indices }; the elementwise extreme. */
interface ExtremeFn {
  (x: Tensor): Tensor;
  (x: Tensor, other: Tensor): Tensor;
  (x: Tensor, dim: number, keepdim?: boolean | DimKeepdimOptions): ValuesIndices;
  (x: Tensor, options: DimKeepdimOptions & { dim: number }): ValuesIndices;
}

/** The methods x.max(...) and x.min(...): ExtremeFn without the tensor. */
interface ExtremeMethod {
  (): Tensor;
  (other: Tensor): Tensor;
  (dim: number, keepdim?: boolean | DimKeepdimOptions): ValuesIndices;
  (options: DimKeepdimOptions & { dim: number }): ValuesIndices;
}

const extremeSignatures = withMethodSignatures<ExtremeMethod>();

/** max() of every element; max(dim, keepdim?) as { values, indices }; max(other) is the elementwise maximum. */
export const max = extremeSignatures(defineOp('max', ((x: Tensor, ...args: unknown[]) => extreme('max', x, args, false)) as ExtremeFn));

/** min() of every element; min(dim, keepdim?) as { values, indices }; min(other) is the elementwise minimum. */
export const min = extremeSignatures(defineOp('min', ((x: Tensor, ...args: unknown[]) => extreme('min', x, args, true)) as ExtremeFn));

type AmaxArgs = [dim?: DimArg, keepdim?: boolean] | [DimsKeepdimOptions] | [DimArg, DimsKeepdimOptions];

/** scale_grad_by_count: ties share the gradient equally. */
function amaxBackward(g: Tensor, x: Tensor, value: Tensor, { mask }: ReductionArgs): Tensor {
  const hits = tieMask(x, value, g.dtype);
  return g.div(hits.sum(reducedDims(mask), true)).mul(hits);
}

/** Maximum over dims (all by default); gradient shared equally by ties. */
export const amax = reduction<AmaxArgs>('amax', {
  check: (x, mask) => checkNotEmptyDims('amax', x, mask),
  kernel: OP.max,
  grad: { name: 'AmaxBackward0', saves: true, backward: amaxBackward },
});

/** Minimum over dims (all by default); gradient shared equally by ties. */
export const amin = reduction<AmaxArgs>('amin', {
  check: (x, mask) => checkNotEmptyDims('amin', x, mask),
  kernel: OP.min,
  grad: { name: 'AminBackward0', saves: true, backward: amaxBackward },
});

/** x's elements as a 1-D tensor in row-major order: a view when x is contiguous, else a copy (no autograd). */
function rowMajorFlat(x: Tensor): Tensor {
  if (x._contiguous) return x._view([x.numel()], [1], x._offset);
  const out = Tensor._empty([x.numel()], x.dtype);
  copyInto(x, out);
  return out;
}

function argExtreme(op: 'argmax' | 'argmin', x: Tensor, args: unknown[], isMin: boolean): Tensor {
  x._check();
  if (x.dtype === 'bool') throw new DTypeError(`${op}(): not implemented for 'Bool' inputs, as in PyTorch (convert with .to('int32') first)`);
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

type ArgmaxArgs = [dim?: number | null, keepdim?: boolean] | [DimKeepdimOptions] | [number | null, DimKeepdimOptions];

/** Index (int32) of the maximum along dim, or into the flattened tensor when dim is not given. */
export const argmax = defineOp('argmax', (x: Tensor, ...args: ArgmaxArgs): Tensor => argExtreme('argmax', x, args, false));

/** Index (int32) of the minimum along dim, or into the flattened tensor when dim is not given. */
export const argmin = defineOp('argmin', (x: Tensor, ...args: ArgmaxArgs): Tensor => argExtreme('argmin', x, args, true));
