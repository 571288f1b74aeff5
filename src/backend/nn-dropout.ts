// The dropout multiplier (assembly/nn-embed.ts).
import type { TensorBuffer } from './buffer';
import { byDType, kernelFor } from './kernel-table';

const BERNOULLI_SCALE = byDType('bernoulliScale');

/** Turns the uniform [0, 1) samples of a contiguous float tensor into scale where u < keep, 0 elsewhere, in place. */
export function bernoulliScaleInPlace(samples: TensorBuffer, keep: number, scale: number): void {
  kernelFor(BERNOULLI_SCALE, samples.dtype, 'dropout')(samples._ptr, samples.numel(), keep, scale);
}
