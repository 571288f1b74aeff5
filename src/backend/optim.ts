// Host side of the fused optimiser kernels: one call updates one contiguous parameter (and its state) in place.
// Hyper-parameters are doubles; the kernels round them to the parameter's dtype.
import type { TensorBuffer } from './buffer';
import { byDType, kernelFor } from './kernel-table';

const SGD_STEP = byDType('sgdStep');
const ADAM_STEP = byDType('adamStep');

export interface SgdStep {
  lr: number;
  momentum: number;
  dampening: number;
  weightDecay: number;
  /** 1 maximize, 2 nesterov, 4 first momentum step (the buffer is written as the gradient). */
  flags: number;
}

/** One SGD update of param (contiguous) from grad (contiguous); buffer: the momentum buffer, null without momentum. */
export function sgdStep(param: TensorBuffer, grad: TensorBuffer, buffer: TensorBuffer | null, step: SgdStep): void {
  kernelFor(SGD_STEP, param.dtype, 'sgdStep')(
    param._ptr, grad._ptr, buffer === null ? 0 : buffer._ptr, param.numel(),
    step.lr, step.momentum, step.dampening, step.weightDecay, step.flags,
  );
}

export interface AdamStep {
  oneMinusBeta1: number;
  beta2: number;
  eps: number;
  weightDecay: number;
  /** 1 - lr * weightDecay (AdamW's decoupled decay). */
  decayFactor: number;
  /** -lr / (1 - beta1^step). */
  negStepSize: number;
  /** sqrt(1 - beta2^step). */
  bc2Sqrt: number;
  /** 1 maximize, 2 amsgrad, 4 decoupled weight decay. */
  flags: number;
}

/** One Adam update of param from grad with its moment estimates (all contiguous); maxExpAvgSq: null without amsgrad. */
export function adamStep(
  param: TensorBuffer, grad: TensorBuffer, expAvg: TensorBuffer, expAvgSq: TensorBuffer, maxExpAvgSq: TensorBuffer | null, step: AdamStep,
): void {
  kernelFor(ADAM_STEP, param.dtype, 'adamStep')(
    param._ptr, grad._ptr, expAvg._ptr, expAvgSq._ptr, maxExpAvgSq === null ? 0 : maxExpAvgSq._ptr, param.numel(),
    step.oneMinusBeta1, step.beta2, step.eps, step.weightDecay, step.decayFactor, step.negStepSize, step.bc2Sqrt, step.flags,
  );
}
