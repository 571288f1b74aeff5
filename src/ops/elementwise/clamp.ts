// clamp / clip with scalar or tensor bounds, clampMin, clampMax, and their backwards (the gradient passes where the
// input lies inside the bounds, boundaries included, as in PyTorch).
import * as OP from '../../../abi/elementwise-ops';
import type { BackwardFn } from '../../autograd/node';
import { needsGrad, record } from '../../autograd/record';
import { type DType, isFloat } from '../../dtype';
import { full } from '../../creation/factories';
import { DTypeError } from '../../errors';
import { Tensor } from '../../tensor';
import { runPlan } from './define-binary';
import { ge, gt, le, lt } from './compare';
import { defineOp, type Op } from '../define';
import { applyInPlace } from '../inplace';
import { runTernary, runUnary } from './dispatch';
import { gradFor, isTensor, resultTypeOf, type TensorOrScalar, withOperands } from './operands';
import { where } from './where';

export type Bound = number | Tensor | null | undefined;

export interface ClampOptions {
  min?: Bound;
  max?: Bound;
}

const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;

function isOptions(x: unknown): x is ClampOptions {
  return typeof x === 'object' && x !== null && !(x instanceof Tensor);
}

function bounds(min: Bound | ClampOptions, max: Bound): [number | Tensor | null, number | Tensor | null] {
  const b = isOptions(min) ? min : { min, max };
  return [b.min ?? null, b.max ?? null];
}

function clampFn(input: Tensor, min?: Bound | ClampOptions, max?: Bound): Tensor {
  const [lo, hi] = bounds(min, max);
  return clampWithNames(input, lo, hi, 'ClampBackward1', 'ClampBackward0', false);
}

function clampInPlace(x: Tensor, min?: Bound | ClampOptions, max?: Bound): Tensor {
  const [lo, hi] = bounds(min, max);
  const operands = [x, ...[lo, hi].filter((b): b is number | Tensor => b !== null)];
  return applyInPlace(x, resultTypeOf(...operands), [tensorOrNull(lo), tensorOrNull(hi)], null, (self) => clampFn(self, lo, hi));
}

/** clamp(input, min, max) or clamp(input, { min, max }): min(max(input, min), max); NaN stays NaN. */
type Clamp = (input: Tensor, min?: Bound | ClampOptions, max?: Bound) => Tensor;
type ClampOne = (input: Tensor, bound: number | Tensor) => Tensor;
// The ops' types are written out: their formulas use Tensor methods, whose types derive from these exports.
type ClampOp<F extends Clamp | ClampOne> = Op<F, F, F>;

export const clamp: ClampOp<Clamp> = defineOp('clamp', clampFn, { inplace: clampInPlace });

/** Alias of clamp (torch.clip). */
export const clip: ClampOp<Clamp> = defineOp('clip', (input: Tensor, min?: Bound | ClampOptions, max?: Bound) => clampFn(input, min, max), {
  inplace: (x: Tensor, min?: Bound | ClampOptions, max?: Bound) => clampInPlace(x, min, max),
});

/** clamp(input, min, null) (ClampMinBackward0 / 1). */
export const clampMin: ClampOp<ClampOne> = defineOp(
  'clampMin',
  (input: Tensor, min: number | Tensor): Tensor => clampWithNames(input, min, null, 'ClampMinBackward0', 'ClampMinBackward1', true),
  { inplace: (x: Tensor, min: number | Tensor): Tensor => applyInPlace(x, resultTypeOf(x, min), [tensorOrNull(min)], null, (self) => clampMin(self, min)) },
);

/** clamp(input, null, max) (ClampMaxBackward0 / 1). */
export const clampMax: ClampOp<ClampOne> = defineOp(
  'clampMax',
  (input: Tensor, max: number | Tensor): Tensor => clampWithNames(input, null, max, 'ClampMaxBackward0', 'ClampMaxBackward1', true),
  { inplace: (x: Tensor, max: number | Tensor): Tensor => applyInPlace(x, resultTypeOf(x, max), [tensorOrNull(max)], null, (self) => clampMax(self, max)) },
);

function tensorOrNull(x: unknown): Tensor | null {
  return isTensor(x) ? x : null;
}

interface ScalarBounds {
  lo: number | null;
  hi: number | null;
  shape: readonly number[];
  dtype: DType;
}

const clampScalarBackward: BackwardFn<ScalarBounds> = ([g], [x], { lo, hi, shape, dtype }) => {
  let inside = lo !== null ? ge(x, lo) : null;
  if (hi !== null) inside = inside === null ? le(x, hi) : inside.logicalAnd(le(x, hi));
  return [gradFor(where(inside!, g, 0), shape, dtype)];
};

/**
 * The clamp of every variant. `oneBoundOp`: clamp_min / clamp_max, which (as clamp with both bounds) give NaN for a
 * NaN number bound; clamp with one NaN bound leaves the input (PyTorch's clamp_out runs the one-bound kernel).
 */
function clampWithNames(
  input: Tensor, lo: number | Tensor | null, hi: number | Tensor | null, scalarName: string, tensorName: string, oneBoundOp: boolean,
): Tensor {
  input._check();
  if (lo === null && hi === null) throw new TypeError("torch.clamp: At least one of 'min' or 'max' must not be None");
  if (isTensor(lo) || isTensor(hi)) return clampTensor(input, lo, hi, tensorName);
  const operands: TensorOrScalar[] = [input];
  if (lo !== null) operands.push(lo);
  if (hi !== null) operands.push(hi);
  const dtype = resultTypeOf(...operands);
  if (dtype === 'bool') throw new DTypeError(`"clamp_cpu" not implemented for 'Bool'`);
  const floating = dtype !== 'int32';
  const p = lo ?? (floating ? -Infinity : INT32_MIN);
  const q = hi ?? (floating ? Infinity : INT32_MAX);
  const nanBound = Number.isNaN(p) || Number.isNaN(q);
  const out = nanBound && (oneBoundOp || (lo !== null && hi !== null))
    ? full(input.shape, NaN, { dtype })
    : withOperands([input], dtype, ([x]) => runUnary(OP.CLAMP, x as Tensor, p, q));
  if (needsGrad(input)) {
    record(scalarName, [input], [out], clampScalarBackward, [input], { lo: lo as number | null, hi: hi as number | null, shape: input.shape, dtype: input.dtype });
  }
  return out;
}

interface TensorBounds {
  /** The scalar bounds (null: absent or a tensor), and which bounds are saved tensors. */
  lo: number | null;
  hi: number | null;
  loSaved: boolean;
  hiSaved: boolean;
  metas: ({ shape: readonly number[]; dtype: DType; need: boolean } | null)[];
}

const clampTensorBackward: BackwardFn<TensorBounds> = ([g], saved, { lo, hi, loSaved, hiSaved, metas }) => {
  const x = saved[0];
  const min: number | Tensor | null = loSaved ? saved[1] : lo;
  const max: number | Tensor | null = hiSaved ? saved[loSaved ? 2 : 1] : hi;
  let inside: Tensor;
  let minActive: Tensor | null = null;
  let maxActive: Tensor | null = null;
  if (min !== null && max !== null) {
    inside = ge(x, min).logicalAnd(le(x, max));
    minActive = lt(x, min).logicalAnd(lt(min, max));
    maxActive = gt(x, max).logicalOr(lt(max, min));
  } else if (min !== null) {
    inside = ge(x, min);
    minActive = lt(x, min);
  } else {
    inside = le(x, max!);
    maxActive = gt(x, max!);
  }
  return [inside, minActive, maxActive].map((mask, i) => {
    const m = metas[i];
    return m && m.need && mask ? gradFor(where(mask, g, 0), m.shape, m.dtype) : null;
  });
};

/**
 * Tensor bounds (ClampBackward0): the input's gradient passes inside, each bound's where it is the active one.
 * Float results run one ternary kernel (an absent bound is -inf / +inf); int32 ones maximum then minimum.
 */
function clampTensor(input: Tensor, lo: number | Tensor | null, hi: number | Tensor | null, name: string): Tensor {
  const operands: TensorOrScalar[] = [input];
  if (lo !== null) operands.push(lo);
  if (hi !== null) operands.push(hi);
  const dtype = resultTypeOf(...operands);
  if (dtype === 'bool') throw new DTypeError(`"clamp_cpu" not implemented for 'Bool'`);
  let result: Tensor;
  if (isFloat(dtype)) {
    result = withOperands([input, lo ?? -Infinity, hi ?? Infinity], dtype, ([x, l, h]) => runTernary(OP.CLAMP_BOUNDS, x, l, h, dtype));
  } else {
    let out = lo !== null ? runPlan({ op: OP.MAXIMUM, dtype, p: 0 }, input, lo) : null;
    if (hi !== null) {
      const lower = out ?? input;
      out = runPlan({ op: OP.MINIMUM, dtype, p: 0 }, lower, hi);
      if (lower !== input) lower.dispose();
    }
    result = out!;
  }
  const tLo = tensorOrNull(lo);
  const tHi = tensorOrNull(hi);
  if (needsGrad(input, tLo, tHi)) {
    const metas = [input, tLo, tHi].map((t) => t && { shape: t.shape, dtype: t.dtype, need: t._requiresGrad });
    const save = [input, ...(tLo ? [tLo] : []), ...(tHi ? [tHi] : [])];
    const args: TensorBounds = {
      lo: tLo ? null : (lo as number | null),
      hi: tHi ? null : (hi as number | null),
      loSaved: tLo !== null,
      hiSaved: tHi !== null,
      metas,
    };
    record(name, [input, tLo, tHi], [result], clampTensorBackward, save, args);
  }
  return result;
}
