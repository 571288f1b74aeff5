// Views that matrix products put on their results, recorded under PyTorch's names so that the graph of a
// product reads as PyTorch's does (matmul: UnsafeViewBackward0 over MmBackward0 ...).
import type { BackwardFn } from '../../autograd/node';
import { needsGrad, record } from '../../autograd/record';
import { contiguousStrides } from '../../shape';
import type { Tensor } from '../../tensor';

/** The gradient goes back to the input's shape (args: that shape). */
const UNSAFE_VIEW_BACKWARD: BackwardFn<number[]> = ([g], _saved, inShape) => [g.reshape(inShape)];
/** The squeezed dim comes back (args: the dim). */
const SQUEEZE_BACKWARD: BackwardFn<number> = ([g], _saved, dim) => [g.unsqueeze(dim)];

/** at::_unsafe_view of a freshly computed contiguous result: a reshape that never copies. */
export function unsafeView(x: Tensor, shape: number[]): Tensor {
  const out = x._view(shape, contiguousStrides(shape), x._offset);
  if (needsGrad(x)) record('UnsafeViewBackward0', [x], [out], UNSAFE_VIEW_BACKWARD, [], x.shape);
  return out;
}

/** Drops dim `dim` (of size 1) the way the in-place squeeze_(dim) does inside PyTorch's matmul (SqueezeBackward4). */
export function squeezeResult(x: Tensor, dim: number): Tensor {
  const shape = x.shape.filter((_, i) => i !== dim);
  const strides = x._strides.filter((_, i) => i !== dim);
  const out = x._view(shape, strides, x._offset);
  if (needsGrad(x)) record('SqueezeBackward4', [x], [out], SQUEEZE_BACKWARD, [], dim);
  return out;
}
