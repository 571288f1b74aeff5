// where(condition, input, other) and maskedFill(input, mask, value), with broadcasting and their backwards.
import type { BackwardFn } from '../../autograd/node';
import { needsGrad, record } from '../../autograd/record';
import type { DType } from '../../dtype';
import { DTypeError, ShapeError } from '../../errors';
import { broadcastShapes, sameShape, shapeString } from '../../shape';
import type { Tensor } from '../../tensor';
import { defineOp, type Op } from '../define';
import { applyInPlace } from '../inplace';
import { runWhere } from './dispatch';
import { gradFor, isTensor, resultTypeOf, type Scalar, type TensorOrScalar, typeName, withOperands } from './operands';

function checkBoolMask(what: string, mask: Tensor): void {
  mask._check();
  if (mask.dtype !== 'bool') throw new DTypeError(`${what}, but got a tensor with dtype ${typeName(mask.dtype)}`);
}

interface WhereCall {
  a: { shape: readonly number[]; dtype: DType; need: boolean } | null;
  b: { shape: readonly number[]; dtype: DType; need: boolean } | null;
}

const whereBackward: BackwardFn<WhereCall> = ([g], [cond], { a, b }) => [
  a?.need ? gradFor(where(cond, g, 0), a.shape, a.dtype) : null,
  b?.need ? gradFor(where(cond, 0, g), b.shape, b.dtype) : null,
];

const layoutOf = (t: Tensor | null) => t && { shape: t.shape, dtype: t.dtype, need: t._requiresGrad };

/** condition ? input : other elementwise, broadcasting all three; input and other may be scalars. */
type Where = (condition: Tensor, input: TensorOrScalar, other: TensorOrScalar) => Tensor;
type MaskedFill = (input: Tensor, mask: Tensor, value: Scalar | Tensor) => Tensor;

// The ops' types are written out: their formulas use Tensor methods, whose types derive from these exports.
export const where: Op<Where, (self: Tensor, condition: Tensor, other: TensorOrScalar) => Tensor, null> = defineOp(
  'where',
  (condition: Tensor, input: TensorOrScalar, other: TensorOrScalar): Tensor => {
    checkBoolMask('where expected condition to be a boolean tensor', condition);
    const dtype = resultTypeOf(input, other);
    const out = withOperands([input, other], dtype, ([a, b]) => runWhere(condition, a, b, dtype));
    const ta = isTensor(input) ? input : null;
    const tb = isTensor(other) ? other : null;
    if (needsGrad(ta, tb)) record('WhereBackward0', [ta, tb], [out], whereBackward, [condition], { a: layoutOf(ta), b: layoutOf(tb) });
    return out;
  },
  /** torch.Tensor.where: condition ? this : other. */
  { method: (self: Tensor, condition: Tensor, other: TensorOrScalar): Tensor => where(condition, self, other) },
);

interface MaskedFillCall {
  needInput: boolean;
  /** The value tensor's dtype when it needs a gradient. */
  valueType: DType | null;
}

const maskedFillBackward: BackwardFn<MaskedFillCall> = ([g], [m], { needInput, valueType }) => [
  needInput ? where(m, 0, g) : null,
  valueType !== null ? gradFor(where(m, g, 0).sum(), [], valueType) : null,
];

function maskedFillFn(input: Tensor, mask: Tensor, value: Scalar | Tensor): Tensor {
  input._check();
  checkBoolMask('masked_fill_ only supports boolean masks', mask);
  const shape = broadcastShapes(input.shape, mask.shape);
  if (!sameShape(shape, input.shape)) {
    throw new ShapeError(`masked_fill: the mask of shape ${shapeString(mask.shape)} cannot be broadcast to the input shape ${shapeString(input.shape)}`);
  }
  if (isTensor(value) && value.ndim !== 0) {
    throw new ShapeError(`masked_fill_ only supports a 0-dimensional value tensor, but got tensor with ${value.ndim} dimension(s).`);
  }
  const dtype = input.dtype;
  const out = withOperands([value, input], dtype, ([v, x]) => runWhere(mask, v, x, dtype));
  const tv = isTensor(value) ? value : null;
  if (needsGrad(input, tv)) {
    const args: MaskedFillCall = { needInput: input._requiresGrad, valueType: tv !== null && tv._requiresGrad ? tv.dtype : null };
    record(tv === null ? 'MaskedFillBackward0' : 'MaskedFillBackward1', [input, tv], [out], maskedFillBackward, [mask], args);
  }
  return out;
}

function maskedFillInPlace(x: Tensor, mask: Tensor, value: Scalar | Tensor): Tensor {
  const direct = (): boolean => {
    if (!x._contiguous || mask._storage === x._storage || !sameShape(broadcastShapes(x.shape, mask.shape), x.shape)) return false;
    if (isTensor(value) && value.ndim !== 0) return false;
    withOperands([value], x.dtype, ([v]) => runWhere(mask, v, x, x.dtype, x));
    return true;
  };
  return applyInPlace(x, x.dtype, [isTensor(value) ? value : null], direct, (self) => maskedFillFn(self, mask, value));
}

/**
 * input with `value` where mask is true; mask (bool) broadcasts to input's shape, value is a scalar or a 0-d tensor
 * (converted to input's dtype).
 */
export const maskedFill: Op<MaskedFill, MaskedFill, MaskedFill> = defineOp('maskedFill', maskedFillFn, { inplace: maskedFillInPlace });
