// Reduction kernels: sum, mean, prod, max/min (with indices), norms, variance, logsumexp, softmax, cumulative scans.
// One file per kind; reduce-common.ts holds the op codes and the shared accumulation loops.
export * from './reduce-map';
export * from './reduce-arg';
export * from './reduce-var';
export * from './reduce-softmax';
export * from './reduce-scan';
