// clamp / clip with scalar or tensor bounds, clampMin, clampMax, and their backwards (the gradient passes where the
// input lies inside the bounds, boundaries included, as in PyTorch).
import { needsGrad, record } from '../../autograd/record';
import { DTypeError } from '../../errors';
import { Tensor } from '../../tensor';
import { compute } from './arithmetic';
import { ge, gt, le, lt } from './compare';
import { runUnary } from './dispatch';
import * as OP from '../../../abi/elementwise-ops';
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

/** clamp(input, min, max) or clamp(input, { min, max }): min(max(input, min), max); NaN stays NaN. */
export function clamp(input: Tensor, min?: Bound | ClampOptions, max?: Bound): Tensor {
  const bounds = isOptions(min) ? min : { min, max };
  return clampWithNames(input, bounds.min ?? null, bounds.max ?? null, 'ClampBackward1', 'ClampBackward0');
}

/** Alias of clamp (torch.clip). */
export const clip = clamp;

/** clamp(input, min, null) (ClampMinBackward0 / 1). */
export function clampMin(input: Tensor, min: number | Tensor): Tensor {
  return clampWithNames(input, min, null, 'ClampMinBackward0', 'ClampMinBackward1');
}

/** clamp(input, null, max) (ClampMaxBackward0 / 1). */
export function clampMax(input: Tensor, max: number | Tensor): Tensor {
  return clampWithNames(input, null, max, 'ClampMaxBackward0', 'ClampMaxBackward1');
}

function clampWithNames(input: Tensor, lo: number | Tensor | null, hi: number | Tensor | null, scalarName: string, tensorName: string): Tensor {
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
  const out = withOperands([input], dtype, ([x]) => runUnary(OP.CLAMP, x as Tensor, p, q));
  if (needsGrad(input)) {
    const shape = input.shape;
    const type = input.dtype;
    record(
      scalarName,
      [input],
      [out],
      ([g], [x]) => {
        let inside = lo !== null ? ge(x, lo) : null;
        if (hi !== null) inside = inside === null ? le(x, hi) : inside.logicalAnd(le(x, hi));
        return [gradFor(where(inside!, g, 0), shape, type)];
      },
      [input],
    );
  }
  return out;
}

/** Tensor bounds (ClampBackward0): the input's gradient passes inside, each bound's where it is the active one. */
function clampTensor(input: Tensor, lo: number | Tensor | null, hi: number | Tensor | null, name: string): Tensor {
  const operands: TensorOrScalar[] = [input];
  if (lo !== null) operands.push(lo);
  if (hi !== null) operands.push(hi);
  const dtype = resultTypeOf(...operands);
  if (dtype === 'bool') throw new DTypeError(`"clamp_cpu" not implemented for 'Bool'`);
  let out = lo !== null ? compute(OP.MAXIMUM, input, lo, dtype) : null;
  if (hi !== null) {
    const lower = out ?? input;
    out = compute(OP.MINIMUM, lower, hi, dtype);
    if (lower !== input) lower.dispose();
  }
  const result = out!;
  const tLo = isTensor(lo) ? lo : null;
  const tHi = isTensor(hi) ? hi : null;
  if (needsGrad(input, tLo, tHi)) {
    const metas = [input, tLo, tHi].map((t) => t && { shape: t.shape, dtype: t.dtype, need: t._requiresGrad });
    const save = [input, ...(tLo ? [tLo] : []), ...(tHi ? [tHi] : [])];
    record(
      name,
      [input, tLo, tHi],
      [result],
      ([g], saved) => {
        const x = saved[0];
        const min: number | Tensor | null = tLo ? saved[1] : lo;
        const max: number | Tensor | null = tHi ? saved[tLo ? 2 : 1] : hi;
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
        const grads = [inside, minActive, maxActive].map((mask, i) => {
          const m = metas[i];
          return m && m.need && mask ? gradFor(where(mask, g, 0), m.shape, m.dtype) : null;
        });
        return grads;
      },
      save,
    );
  }
  return result;
}

