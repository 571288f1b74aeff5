// Reduction kernels: sum, mean, prod, max/min with indices, norms, variance, logsumexp, softmax, cumsum.
export {};
