// Loss drivers (assembly/nn-loss.ts): negative log-likelihood, its gradient coefficients and binary
// cross entropy. Tensors are contiguous; outputs are allocated by the caller.
import type { TensorBuffer } from './buffer';
import { elementsOf } from './elements';
import { heapF64 } from './heap';
import { byDType, kernelFor } from './kernel-table';
import { packInts } from './scratch';

const NLL_LOSS = byDType('nllLoss');
const NLL_GRAD_COEFFICIENTS = byDType('nllGradCoefficients');
const BINARY_CROSS_ENTROPY = byDType('binaryCrossEntropy');

export interface NllTotals {
  /** The sum of the per-sample losses. */
  lossSum: number;
  /** The sum of the weights of the counted targets (the 'mean' denominator). */
  weightSum: number;
  /** The first target outside [0, C) that is not ignoreIndex (nothing was written then), or null. */
  badTarget: number | null;
}

/**
 * loss[n, s] = -weight[t] * input[n, t, s] for input [N, C, S] and int32 target [N, S] (weight null: every class
 * weighs 1; targets equal to ignoreIndex give 0 and are not counted).
 */
export function nllLossInto(
  input: TensorBuffer, target: TensorBuffer, weight: TensorBuffer | null, loss: TensorBuffer,
  N: number, C: number, S: number, ignoreIndex: number,
): NllTotals {
  const totals = packInts([0, 0, 0, 0]); // two f64 words, 8-byte aligned (the scratch block is 16-byte aligned)
  const run = kernelFor(NLL_LOSS, input.dtype, 'nll_loss');
  const bad = run(input._ptr, target._ptr, weight?._ptr ?? 0, loss._ptr, totals, N, C, S, ignoreIndex);
  const heap = heapF64();
  const lossSum = heap[totals >>> 3];
  const weightSum = heap[(totals >>> 3) + 1];
  return { lossSum, weightSum, badTarget: bad >= 0 ? (elementsOf(target) as Int32Array)[bad] : null };
}

/** dst [N, C, S]: -scale * weight[t] at each counted target's class, 0 elsewhere (d nll / d input). */
export function nllGradCoefficientsInto(
  target: TensorBuffer, weight: TensorBuffer | null, dst: TensorBuffer,
  N: number, C: number, S: number, ignoreIndex: number, scale: number,
): void {
  kernelFor(NLL_GRAD_COEFFICIENTS, dst.dtype, 'nll_loss backward')(target._ptr, weight?._ptr ?? 0, dst._ptr, N, C, S, ignoreIndex, scale);
}

/**
 * dst = -(t log x + (1 - t) log(1 - x)) with the logs clamped at -100. Returns -1, or 2 * i for an input outside
 * [0, 1] at i and 2 * i + 1 for such a target.
 */
export function binaryCrossEntropyInto(input: TensorBuffer, target: TensorBuffer, dst: TensorBuffer): number {
  return kernelFor(BINARY_CROSS_ENTROPY, input.dtype, 'binary_cross_entropy')(input._ptr, target._ptr, dst._ptr, input.numel());
}
