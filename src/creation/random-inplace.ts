// In-place random fills: Tensor.uniform_(from, to) and Tensor.normal_(mean, std), with an optional generator.
import { copyTensorInto } from '../backend/copy';
import { fillRandom } from '../backend/random-fill';
import { defineOp } from '../ops/define';
import type { Generator } from '../random';
import { Tensor } from '../tensor';

export interface InplaceRandomOptions {
  generator?: Generator;
}

/**
 * Draws into x in place. A contiguous tensor is filled where it lives. A strided one is visited as PyTorch's
 * TensorIterator visits it, in memory order (dims sorted by decreasing stride): the samples are drawn into a
 * contiguous buffer in that order and copied in (for normal_, element by element, as PyTorch does for
 * non-contiguous tensors).
 */
function fillInPlace(x: Tensor, kind: 'uniform' | 'normal', a: number, b: number, options: InplaceRandomOptions): Tensor {
  x._checkInplace();
  if (kind === 'normal' && !(b >= 0)) throw new RangeError(`normal expects std >= 0.0, but found std ${b}`);
  const memoryOrder = x.shape.map((_, d) => d).sort((p, q) => x._strides[q] - x._strides[p] || p - q);
  const visit = x._contiguous ? x : x._view(memoryOrder.map((d) => x.shape[d]), memoryOrder.map((d) => x._strides[d]), x._offset);
  const target = x._contiguous ? x : Tensor._empty(visit.shape.slice(), x.dtype);
  try {
    fillRandom(target, kind, a, b, options.generator, x._contiguous);
    if (target !== x) copyTensorInto(target, visit);
  } finally {
    if (target !== x) {
      target.dispose();
      visit.dispose();
    }
  }
  x._bumpVersion();
  return x;
}

/** Fills with samples from U[from, to), as PyTorch's CPU generator draws them. */
function uniformInPlace(x: Tensor, from = 0, to = 1, options: InplaceRandomOptions = {}): Tensor {
  return fillInPlace(x, 'uniform', from, to, options);
}
export const uniform_ = defineOp('uniform_', uniformInPlace);

/** Fills with samples from N(mean, std^2), as PyTorch's CPU generator draws them. */
function normalInPlace(x: Tensor, mean = 0, std = 1, options: InplaceRandomOptions = {}): Tensor {
  return fillInPlace(x, 'normal', mean, std, options);
}
export const normal_ = defineOp('normal_', normalInPlace);
