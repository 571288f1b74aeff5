// Views that matrix products put on their results, recorded under PyTorch's names so that the graph of a
// product reads as PyTorch's does (matmul: UnsafeViewBackward0 over MmBackward0 ...).
import { needsGrad, record } from '../../autograd/record';
import { contiguousStrides } from '../../shape';
import type { Tensor } from '../../tensor';

/** at::_unsafe_view of a freshly computed contiguous result: a reshape that never copies. */
export function unsafeView(x: Tensor, shape: number[]): Tensor {
  const out = x._view(shape, contiguousStrides(shape), x._offset);
  if (needsGrad(x)) {
    const inShape = x.shape;
    record('UnsafeViewBackward0', [x], [out], ([g]) => [g.reshape(inShape)]);
  }
  return out;
}

/** Drops dim `dim` (of size 1) the way the in-place squeeze_(dim) does inside PyTorch's matmul (SqueezeBackward4). */
export function squeezeResult(x: Tensor, dim: number): Tensor {
  const shape = x.shape.filter((_, i) => i !== dim);
  const strides = x._strides.filter((_, i) => i !== dim);
  const out = x._view(shape, strides, x._offset);
  if (needsGrad(x)) record('SqueezeBackward4', [x], [out], ([g]) => [g.unsqueeze(dim)]);
  return out;
}
