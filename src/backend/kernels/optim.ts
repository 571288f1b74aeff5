/**
 * Optimiser update kernels (assembly/optim.ts): one call updates one contiguous parameter tensor in place.
 * Pointers are byte addresses; n is the element count; hyper-parameters are doubles rounded to the element type
 * inside the kernel. The *Reference variants are the scalar loops the SIMD versions are tested against.
 */
/** flags: 1 maximize, 2 nesterov, 4 first momentum step (buffer = gradient). `buf` unused when momentum is 0. */
type SgdStepArgs = [
  param: number, grad: number, buf: number, n: number, lr: number, momentum: number, dampening: number, weightDecay: number, flags: number,
];

/**
 * flags: 1 maximize, 2 amsgrad, 4 decoupled weight decay (AdamW). `maxExpAvgSq` unused without amsgrad.
 * negStepSize = -lr / (1 - beta1^step), bc2Sqrt = sqrt(1 - beta2^step), decayFactor = 1 - lr * weightDecay.
 */
type AdamStepArgs = [
  param: number, grad: number, expAvg: number, expAvgSq: number, maxExpAvgSq: number, n: number,
  oneMinusBeta1: number, beta2: number, eps: number, weightDecay: number, decayFactor: number, negStepSize: number, bc2Sqrt: number, flags: number,
];

export interface OptimKernels {
  sgdStepF32(...args: SgdStepArgs): void;
  sgdStepF64(...args: SgdStepArgs): void;
  sgdStepF32Reference(...args: SgdStepArgs): void;
  sgdStepF64Reference(...args: SgdStepArgs): void;
  adamStepF32(...args: AdamStepArgs): void;
  adamStepF64(...args: AdamStepArgs): void;
  adamStepF32Reference(...args: AdamStepArgs): void;
  adamStepF64Reference(...args: AdamStepArgs): void;
}
