// fill_ and zero_: Tensor methods only (torch.Tensor.fill_ / zero_), declared here so that the op table installs them.
import type { BackwardFn } from '../../autograd/node';
import { needsGrad, record } from '../../autograd/record';
import { copyTensorInto } from '../../backend/copy';
import { fillContiguous } from '../../backend/fill';
import { full, zerosLike } from '../../creation/factories';
import type { DType } from '../../dtype';
import { ShapeError } from '../../errors';
import type { Tensor } from '../../tensor';
import { defineOp, type Op } from '../define';
import { isTensor, type Scalar } from './operands';

/** The gradient is zero for x; a value tensor gets the sum of the gradient (args: its dtype, or null for none). */
const fillBackward: BackwardFn<DType | null> = ([g], _saved, valueType) => [zerosLike(g), valueType !== null ? g.sum().to(valueType) : null];

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
  if (needsGrad(x, tv)) record(gradName, [x, tv], [x], fillBackward, [], tv?.dtype ?? null);
  return x;
}

/** Fills x with a number/boolean or the value of a 0-d tensor (FillBackward0 / FillBackward1). */
export const fill_: Op<(x: Tensor, value: Scalar | Tensor) => Tensor, (x: Tensor, value: Scalar | Tensor) => Tensor, null> = defineOp('fill_', (x: Tensor, value: Scalar | Tensor): Tensor => fillWith(x, value, isTensor(value) ? 'FillBackward1' : 'FillBackward0'));

/** Fills x with zeros (ZeroBackward0). */
export const zero_: Op<(x: Tensor) => Tensor, (x: Tensor) => Tensor, null> = defineOp('zero_', (x: Tensor): Tensor => fillWith(x, 0, 'ZeroBackward0'));
