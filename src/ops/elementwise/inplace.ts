// In-place variants (x.add_(y), x.exp_(), x.clamp_(...), x.fill_(v) ...). Each one refuses leaves that require grad
// (outside noGrad), checks that the result dtype can be cast to x's dtype, writes into x's memory and bumps x's
// version counter. Without autograd the kernel writes straight into x when x is contiguous; when autograd records,
// the op runs out of place on a clone of x (so that its backward reads x's original values, as PyTorch's saved
// self.clone()), the result is copied into x, and x takes the result's place in the graph (x.gradFn is the op's node).
import { needsGrad, record } from '../../autograd/record';
import { fillContiguous } from '../../backend/fill';
import { full, zerosLike } from '../../creation/factories';
import type { DType } from '../../dtype';
import { ShapeError } from '../../errors';
import { broadcastShapes, sameShape, shapeString } from '../../shape';
import { copyTensorInto } from '../../backend/copy';
import type { Tensor } from '../../tensor';
import { applyInPlace } from '../inplace';
import { elu, leakyRelu, relu } from './activations';
import {
  add, addPlan, atan2, type AlphaOptions, type BinaryPlan, div, type DivOptions, divPlan, fmod, mul, mulPlan, pow, remainder,
  sub, subPlan,
} from './arithmetic';
import { type Bound, clamp, clampMax, clampMin, type ClampOptions } from './clamp';
import { canWriteInPlace, runBinary, runUnaryInPlace, runWhere } from './dispatch';
import * as OP from './opcodes';
import { checkCanCast, floatTypeOf, isTensor, resultTypeOf, type Scalar, type TensorOrScalar, withOperands } from './operands';
import { maskedFill } from './where';

function tensorsOf(...values: unknown[]): (Tensor | null)[] {
  return values.map((v) => (isTensor(v) ? v : null));
}

/** Writes `x op other` into x when x is contiguous, keeps its shape under broadcasting and is not partially aliased. */
function directBinary(x: Tensor, plan: BinaryPlan, other: TensorOrScalar): () => boolean {
  return () => {
    if (!canWriteInPlace(x, other)) return false;
    if (isTensor(other) && !sameShape(broadcastShapes(x.shape, other.shape), x.shape)) return false;
    withOperands([other], x.dtype, ([o]) => runBinary('binary', plan.op, x, o, x.dtype, plan.p, x));
    return true;
  };
}

function binaryInPlace(x: Tensor, plan: BinaryPlan, other: TensorOrScalar, outOfPlace: (self: Tensor) => Tensor): Tensor {
  return applyInPlace(x, plan.dtype, tensorsOf(other), directBinary(x, plan, other), outOfPlace);
}

export function add_(x: Tensor, other: TensorOrScalar, options: AlphaOptions = {}): Tensor {
  return binaryInPlace(x, addPlan(x, other, options.alpha ?? 1), other, (self) => add(self, other, options));
}

export function sub_(x: Tensor, other: TensorOrScalar, options: AlphaOptions = {}): Tensor {
  return binaryInPlace(x, subPlan(x, other, options.alpha ?? 1), other, (self) => sub(self, other, options));
}

export function mul_(x: Tensor, other: TensorOrScalar): Tensor {
  return binaryInPlace(x, mulPlan(x, other), other, (self) => mul(self, other));
}

export function div_(x: Tensor, other: TensorOrScalar, options: DivOptions = {}): Tensor {
  return binaryInPlace(x, divPlan(x, other, options.roundingMode ?? null), other, (self) => div(self, other, options));
}

export function pow_(x: Tensor, exponent: TensorOrScalar): Tensor {
  return applyInPlace(x, resultTypeOf(x, exponent), tensorsOf(exponent), null, (self) => pow(self, exponent));
}

export function fmod_(x: Tensor, other: TensorOrScalar): Tensor {
  return applyInPlace(x, resultTypeOf(x, other), tensorsOf(other), null, (self) => fmod(self, other));
}

export function remainder_(x: Tensor, other: TensorOrScalar): Tensor {
  return applyInPlace(x, resultTypeOf(x, other), tensorsOf(other), null, (self) => remainder(self, other));
}

export function atan2_(x: Tensor, other: TensorOrScalar): Tensor {
  return applyInPlace(x, floatTypeOf(resultTypeOf(x, other)), tensorsOf(other), null, (self) => atan2(self, other));
}

export function clamp_(x: Tensor, min?: Bound | ClampOptions, max?: Bound): Tensor {
  const bounds = typeof min === 'object' && min !== null && !isTensor(min) ? min : { min, max };
  const lo = bounds.min ?? null;
  const hi = bounds.max ?? null;
  const operands = [x, ...[lo, hi].filter((b): b is number | Tensor => b !== null)];
  return applyInPlace(x, resultTypeOf(...operands), tensorsOf(lo, hi), null, (self) => clamp(self, lo, hi));
}

export const clip_ = clamp_;

export function clampMin_(x: Tensor, min: number | Tensor): Tensor {
  return applyInPlace(x, resultTypeOf(x, min), tensorsOf(min), null, (self) => clampMin(self, min));
}

export function clampMax_(x: Tensor, max: number | Tensor): Tensor {
  return applyInPlace(x, resultTypeOf(x, max), tensorsOf(max), null, (self) => clampMax(self, max));
}

export function maskedFill_(x: Tensor, mask: Tensor, value: Scalar | Tensor): Tensor {
  const direct = (): boolean => {
    if (!x._contiguous || mask._storage === x._storage || !sameShape(broadcastShapes(x.shape, mask.shape), x.shape)) return false;
    if (isTensor(value) && value.ndim !== 0) return false;
    withOperands([value], x.dtype, ([v]) => runWhere(mask, v, x, x.dtype, x));
    return true;
  };
  return applyInPlace(x, x.dtype, tensorsOf(value), direct, (self) => maskedFill(self, mask, value));
}

/** Unary activations in place; `op` null: no kernel writes into x directly (the out-of-place function reports unsupported dtypes). */
function unaryInPlace(x: Tensor, op: number | null, resultType: DType, outOfPlace: (self: Tensor) => Tensor, p = 0, q = 0): Tensor {
  const direct = op === null ? null : () => (runUnaryInPlace(op, x, p, q), true);
  return applyInPlace(x, resultType, [], direct, outOfPlace);
}

/** The kernel op when x's dtype has one, else null. */
function whenNumeric(x: Tensor, op: number): number | null {
  return x.dtype === 'bool' ? null : op;
}

function whenFloat(x: Tensor, op: number): number | null {
  return x.dtype === 'float32' || x.dtype === 'float64' ? op : null;
}

export const relu_ = (x: Tensor): Tensor => unaryInPlace(x, whenNumeric(x, OP.RELU), x.dtype, (self) => relu(self));

export function leakyRelu_(x: Tensor, negativeSlope = 0.01): Tensor {
  return unaryInPlace(x, whenFloat(x, OP.LEAKY_RELU), x.dtype, (self) => leakyRelu(self, negativeSlope), negativeSlope);
}

export function elu_(x: Tensor, alpha = 1): Tensor {
  return unaryInPlace(x, whenFloat(x, OP.ELU), x.dtype, (self) => elu(self, alpha), alpha);
}

/** Fills x with a number/boolean or the value of a 0-d tensor (FillBackward0 / FillBackward1). */
export function fill_(x: Tensor, value: Scalar | Tensor): Tensor {
  return fillWith(x, value, isTensor(value) ? 'FillBackward1' : 'FillBackward0');
}

/** Fills x with zeros (ZeroBackward0). */
export function zero_(x: Tensor): Tensor {
  return fillWith(x, 0, 'ZeroBackward0');
}

function fillWith(x: Tensor, value: Scalar | Tensor, gradName: string): Tensor {
  x._checkInplace();
  if (isTensor(value)) {
    value._check();
    if (value.ndim !== 0) {
      throw new ShapeError(`fill_ only supports 0-dimension value tensor but got tensor with ${value.ndim} dimensions.`);
    }
  }
  const scalar = isTensor(value) ? value.item<number | boolean>() : value;
  if (x._contiguous) fillContiguous(x, scalar);
  else {
    const filled = full(x.shape, scalar, { dtype: x.dtype });
    copyTensorInto(filled, x);
    filled.dispose();
  }
  x._bumpVersion();
  const tv = isTensor(value) ? value : null;
  if (needsGrad(x, tv)) {
    const valueType = tv?.dtype;
    record(gradName, [x, tv], [x], ([g]) => [zerosLike(g), valueType ? g.sum().to(valueType) : null]);
  }
  return x;
}
