/**
 * Optimiser update kernels (assembly/optim.ts): one call updates one contiguous parameter tensor in place.
 * Pointers are byte addresses; n is the element count; hyper-parameters are doubles rounded to the element type
 * inside the kernel. The *Reference variants are the scalar loops the SIMD versions are tested against.
 */
export interface OptimKernels {
  /** flags: 1 maximize, 2 nesterov, 4 first momentum step (buffer = gradient). `buf` unused when momentum is 0. */
  sgdStepF32(param: number, grad: number, buf: number, n: number, lr: number, momentum: number, dampening: number, weightDecay: number, flags: number): void;
  sgdStepF64(param: number, grad: number, buf: number, n: number, lr: number, momentum: number, dampening: number, weightDecay: number, flags: number): void;
  sgdStepF32Reference(param: number, grad: number, buf: number, n: number, lr: number, momentum: number, dampening: number, weightDecay: number, flags: number): void;
  sgdStepF64Reference(param: number, grad: number, buf: number, n: number, lr: number, momentum: number, dampening: number, weightDecay: number, flags: number): void;
  /**
   * flags: 1 maximize, 2 amsgrad, 4 decoupled weight decay (AdamW). `maxExpAvgSq` unused without amsgrad.
   * negStepSize = -lr / (1 - beta1^step), bc2Sqrt = sqrt(1 - beta2^step), decayFactor = 1 - lr * weightDecay.
   */
  adamStepF32(
    param: number, grad: number, expAvg: number, expAvgSq: number, maxExpAvgSq: number, n: number,
    oneMinusBeta1: number, beta2: number, eps: number, weightDecay: number, decayFactor: number, negStepSize: number, bc2Sqrt: number, flags: number,
  ): void;
  adamStepF64(
    param: number, grad: number, expAvg: number, expAvgSq: number, maxExpAvgSq: number, n: number,
    oneMinusBeta1: number, beta2: number, eps: number, weightDecay: number, decayFactor: number, negStepSize: number, bc2Sqrt: number, flags: number,
  ): void;
  adamStepF32Reference(
    param: number, grad: number, expAvg: number, expAvgSq: number, maxExpAvgSq: number, n: number,
    oneMinusBeta1: number, beta2: number, eps: number, weightDecay: number, decayFactor: number, negStepSize: number, bc2Sqrt: number, flags: number,
  ): void;
  adamStepF64Reference(
    param: number, grad: number, expAvg: number, expAvgSq: number, maxExpAvgSq: number, n: number,
    oneMinusBeta1: number, beta2: number, eps: number, weightDecay: number, decayFactor: number, negStepSize: number, bc2Sqrt: number, flags: number,
  ): void;
}
