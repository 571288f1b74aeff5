// where(condition, input, other) and maskedFill(input, mask, value), with broadcasting and their backwards.
import { needsGrad, record } from '../../autograd/record';
import { DTypeError, ShapeError } from '../../errors';
import { broadcastShapes, sameShape, shapeString } from '../../shape';
import type { Tensor } from '../../tensor';
import { runWhere } from './dispatch';
import { gradFor, isTensor, resultTypeOf, type Scalar, type TensorOrScalar, typeName, withOperands } from './operands';

function checkBoolMask(what: string, mask: Tensor): void {
  mask._check();
  if (mask.dtype !== 'bool') throw new DTypeError(`${what}, but got a tensor with dtype ${typeName(mask.dtype)}`);
}

/** condition ? input : other elementwise, broadcasting all three; input and other may be scalars. */
export function where(condition: Tensor, input: TensorOrScalar, other: TensorOrScalar): Tensor {
  checkBoolMask('where expected condition to be a boolean tensor', condition);
  const dtype = resultTypeOf(input, other);
  const out = withOperands([input, other], dtype, ([a, b]) => runWhere(condition, a, b, dtype));
  const ta = isTensor(input) ? input : null;
  const tb = isTensor(other) ? other : null;
  if (needsGrad(ta, tb)) {
    const aMeta = ta && { shape: ta.shape, dtype: ta.dtype, need: ta._requiresGrad };
    const bMeta = tb && { shape: tb.shape, dtype: tb.dtype, need: tb._requiresGrad };
    record(
      'WhereBackward0',
      [ta, tb],
      [out],
      ([g], [cond]) => [
        aMeta?.need ? gradFor(where(cond, g, 0), aMeta.shape, aMeta.dtype) : null,
        bMeta?.need ? gradFor(where(cond, 0, g), bMeta.shape, bMeta.dtype) : null,
      ],
      [condition],
    );
  }
  return out;
}

/**
 * input with `value` where mask is true; mask (bool) broadcasts to input's shape, value is a scalar or a 0-d tensor
 * (converted to input's dtype).
 */
export function maskedFill(input: Tensor, mask: Tensor, value: Scalar | Tensor): Tensor {
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
    const needInput = input._requiresGrad;
    const valueType = tv?.dtype;
    const needValue = tv !== null && tv._requiresGrad;
    record(
      tv === null ? 'MaskedFillBackward0' : 'MaskedFillBackward1',
      [input, tv],
      [out],
      ([g], [m]) => [
        needInput ? where(m, 0, g) : null,
        needValue && valueType ? gradFor(where(m, g, 0).sum(), [], valueType) : null,
      ],
      [mask],
    );
  }
  return out;
}
