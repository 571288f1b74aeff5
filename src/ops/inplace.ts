// The in-place protocol shared by every op with a trailing-underscore variant (x.add_(y), x.exp_(), x.clamp_(...)):
// refuse leaves that require grad (outside noGrad), check that the result dtype can be cast to x's dtype, write into
// x's memory and bump x's version counter. Without autograd the kernel writes straight into x when it can; when
// autograd records, the op runs out of place on a clone of x (so that its backward reads x's original values, as
// PyTorch's saved self.clone()), the result is copied into x, and x takes the result's place in the graph.
import { needsGrad, takeHistory } from '../autograd/record';
import { copyTensorInto } from '../backend/copy';
import type { DType } from '../dtype';
import { ShapeError } from '../errors';
import { sameShape, shapeString } from '../shape';
import type { Tensor } from '../tensor';
import { cast } from './cast';
import { checkCanCast } from './elementwise/operands';
import { clone } from './views';

/**
 * The in-place protocol. `resultType` is the dtype the op computes in; `direct` writes into x when it can (returns
 * false to fall back); `outOfPlace` computes the result (with autograd) from a given self.
 */
export function applyInPlace(
  x: Tensor,
  resultType: DType,
  others: (Tensor | null)[],
  direct: (() => boolean) | null,
  outOfPlace: (self: Tensor) => Tensor,
): Tensor {
  x._checkInplace();
  checkCanCast(resultType, x.dtype);
  if (needsGrad(x, ...others)) {
    const original = clone(x);
    const out = outOfPlace(original);
    try {
      assign(x, out);
      takeHistory(x, out);
    } finally {
      original.dispose();
      out.dispose();
    }
  } else if (direct === null || resultType !== x.dtype || !direct()) {
    const out = outOfPlace(x);
    try {
      assign(x, out);
    } finally {
      if (out !== x) out.dispose();
    }
  }
  x._bumpVersion();
  return x;
}

/** Copies a result of x's shape into x, cast to x's dtype. */
function assign(x: Tensor, result: Tensor): void {
  if (result === x) return;
  if (!sameShape(result.shape, x.shape)) {
    throw new ShapeError(`output with shape ${shapeString(x.shape)} doesn't match the broadcast shape ${shapeString(result.shape)}`);
  }
  const converted = result.dtype === x.dtype ? result : cast(result, x.dtype);
  copyTensorInto(converted, x);
  if (converted !== result) converted.dispose();
}

