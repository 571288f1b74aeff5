// Layer-norm drivers (assembly/nn-norm.ts) over `rows` contiguous rows of D elements. Outputs are allocated by the
// caller; an absent weight, bias or wanted gradient is null (address 0 for the kernel).
import type { TensorBuffer } from './buffer';
import { byDType, kernelFor } from './kernel-table';

const LAYER_NORM = byDType('layerNorm');
const LAYER_NORM_BACKWARD = byDType('layerNormBackward');

const addressOf = (t: TensorBuffer | null): number => (t === null ? 0 : t._ptr);

/** out = (src - mean) * rstd * weight + bias per row, with each row's mean and rstd = 1/sqrt(var + eps) written out. */
export function layerNormInto(
  src: TensorBuffer, out: TensorBuffer, weight: TensorBuffer | null, bias: TensorBuffer | null,
  mean: TensorBuffer, rstd: TensorBuffer, rows: number, D: number, eps: number,
): void {
  const run = kernelFor(LAYER_NORM, src.dtype, 'layer_norm');
  run(src._ptr, out._ptr, addressOf(weight), addressOf(bias), mean._ptr, rstd._ptr, rows, D, eps);
}

/** The first-order layer-norm gradients of the input, weight and bias (those not null) in one pass over the rows. */
export function layerNormBackwardInto(
  grad: TensorBuffer, src: TensorBuffer, weight: TensorBuffer | null, mean: TensorBuffer, rstd: TensorBuffer,
  gradInput: TensorBuffer | null, gradWeight: TensorBuffer | null, gradBias: TensorBuffer | null, rows: number, D: number,
): void {
  const run = kernelFor(LAYER_NORM_BACKWARD, src.dtype, 'layer_norm backward');
  run(grad._ptr, src._ptr, addressOf(weight), mean._ptr, rstd._ptr, addressOf(gradInput), addressOf(gradWeight), addressOf(gradBias), rows, D);
}
