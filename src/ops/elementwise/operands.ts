// Operands of the elementwise ops: tensors or JavaScript scalars, PyTorch's type promotion between them, conversion
// to the compute dtype, and the gradient reduction every broadcasting backward needs.
import { DEFAULT_FLOAT, isFloat, promoteWithScalar, resultType, scalarKind, type DType } from '../../dtype';
import { DTypeError } from '../../errors';
import { checkOptionKeys } from '../../options';
import { Tensor } from '../../tensor';
import { cast } from '../cast';
import type { Operand } from './dispatch';

export type Scalar = number | boolean;
export type TensorOrScalar = Tensor | Scalar;

export function isTensor(x: unknown): x is Tensor {
  return x instanceof Tensor;
}

/**
 * torch.result_type: dimensioned tensors decide within a category, zero-dim tensors and then scalars only promote
 * to a higher category (bool < integer < floating).
 */
export function resultTypeOf(...operands: TensorOrScalar[]): DType {
  // Fast path for the common cases: two tensors of one dtype, or a float tensor with a number.
  if (operands.length === 2) {
    const [a, b] = operands;
    if (a instanceof Tensor) {
      if (b instanceof Tensor ? b.dtype === a.dtype : typeof b === 'number' && isFloat(a.dtype)) return a.dtype;
    } else if (b instanceof Tensor && typeof a === 'number' && isFloat(b.dtype)) return b.dtype;
  }
  const tensors = operands.filter(isTensor);
  let dtype: DType | null = tensors.length > 0 ? resultType(tensors.map((t) => ({ dtype: t.dtype, dimensioned: t.ndim > 0 }))) : null;
  for (const o of operands) {
    if (isTensor(o)) continue;
    checkScalar(o);
    dtype = dtype === null ? scalarKind(o) : promoteWithScalar(dtype, o);
  }
  if (dtype === null) throw new TypeError('internal: resultTypeOf() needs at least one operand');
  return dtype;
}

/** The dtype a floating-point op computes in: the input's if floating, else the default float (PyTorch: exp(int) is float). */
export function floatTypeOf(dtype: DType): DType {
  return isFloat(dtype) ? dtype : DEFAULT_FLOAT;
}

function checkScalar(value: unknown): void {
  if (typeof value !== 'number' && typeof value !== 'boolean') {
    throw new TypeError(`expected a Tensor, number or boolean operand, got ${value === null ? 'null' : typeof value}`);
  }
}

/**
 * Runs fn with the operands converted to `dtype` (tensors cast when needed, booleans as 0/1); the temporary casts are
 * disposed afterwards.
 */
export function withOperands<R>(operands: TensorOrScalar[], dtype: DType, fn: (converted: Operand[]) => R): R {
  const temporaries: Tensor[] = [];
  const converted = operands.map((o): Operand => {
    if (isTensor(o)) {
      o._check();
      if (o.dtype === dtype) return o;
      const c = cast(o, dtype);
      temporaries.push(c);
      return c;
    }
    checkScalar(o);
    return Number(o);
  });
  try {
    return fn(converted);
  } finally {
    for (const t of temporaries) t.dispose();
  }
}

/** PyTorch's short dtype names in messages ("result type Float can't be cast to the desired output type Int"). */
export function typeName(dtype: DType): string {
  return { float32: 'Float', float64: 'Double', int32: 'Int', bool: 'Bool' }[dtype];
}

/** torch.can_cast: no floating -> integral/bool and no integral -> bool. */
export function checkCanCast(from: DType, to: DType): void {
  const ok = isFloat(to) || (!isFloat(from) && (to !== 'bool' || from === 'bool'));
  if (!ok) throw new DTypeError(`result type ${typeName(from)} can't be cast to the desired output type ${typeName(to)}`);
}

/** The gradient for an input of `shape` and `dtype` from the gradient of a broadcast output (sum, then cast). */
export function gradFor(g: Tensor, shape: readonly number[], dtype: DType): Tensor {
  const summed = g.sumToSize(shape);
  return summed.dtype === dtype ? summed : summed.to(dtype);
}

export interface InplaceOptions {
  inplace?: boolean;
}

/** The in-place flag given as a boolean or in options (default false). */
export function inplaceFlag(fn: string, options: boolean | InplaceOptions | undefined): boolean {
  if (typeof options === 'boolean') return options;
  return options === undefined ? false : (checkOptionKeys(fn, options, ['inplace']).inplace ?? false);
}
