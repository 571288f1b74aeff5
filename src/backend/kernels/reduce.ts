/** Reduction kernels: sum, mean, prod, max/min with indices, norms, variance, logsumexp, softmax, cumsum. */
// eslint-disable-next-line @typescript-eslint/no-empty-interface
export interface ReduceKernels {}
