// In-place writes that nn and optim perform outside autograd (loading weights, zeroing gradients, initialising):
// they go straight through the copy/fill kernels, never record a graph node, and bump the version counter.
import { fillContiguous } from '../backend/fill';
import { keep } from '../lifetime';
import { cast } from '../ops/cast';
import { copyTensorInto } from '../backend/copy';
import { Tensor } from '../tensor';

/** Copies src (same shape, any dtype: converted as Tensor.copy_ does) into dst. */
export function overwrite(dst: Tensor, src: Tensor): void {
  const converted = src.dtype === dst.dtype ? src : cast(src, dst.dtype);
  try {
    copyTensorInto(converted, dst);
  } finally {
    if (converted !== src) converted.dispose();
  }
  dst._bumpVersion();
}

/** Sets every element of t (contiguous or not) to value. */
export function fillInPlace(t: Tensor, value: number): void {
  t._check();
  if (t._contiguous) fillContiguous(t, value);
  else {
    const filled = Tensor._empty(t.shape.slice(), t.dtype);
    fillContiguous(filled, value);
    copyTensorInto(filled, t);
    filled.dispose();
  }
  t._bumpVersion();
}

/**
 * Runs write(target) on a contiguous tensor holding t's elements and stores them back into t: t itself when it is
 * contiguous, else a scratch copy (for writers that need one flat run of memory).
 */
export function writeContiguous(t: Tensor, write: (target: Tensor) => void, preserve = false): void {
  t._check();
  if (t._contiguous) write(t);
  else {
    const scratch = Tensor._empty(t.shape.slice(), t.dtype);
    try {
      if (preserve) copyTensorInto(t, scratch);
      write(scratch);
      copyTensorInto(scratch, t);
    } finally {
      scratch.dispose();
    }
  }
  t._bumpVersion();
}

/**
 * Releases t.grad (setToNone: disposed and set to null) or zeroes it in place, as Module.zero_grad and
 * Optimizer.zero_grad do. A gradient with history (from createGraph) is replaced by a fresh zero tensor.
 */
export function zeroGradOf(t: Tensor, setToNone: boolean): void {
  const g = t.grad;
  if (g === null) return;
  if (g.isDisposed) {
    t.grad = null;
    return;
  }
  if (setToNone) {
    t.grad = null;
    g.dispose();
  } else if (g.gradFn !== null) {
    const zero = Tensor._empty(g.shape.slice(), g.dtype);
    fillContiguous(zero, 0);
    t.grad = keep(zero);
    g.dispose();
  } else {
    g.requiresGrad_(false);
    fillInPlace(g, 0);
  }
}
