/** Optimiser update kernels: fused SGD and Adam/AdamW steps. */
// eslint-disable-next-line @typescript-eslint/no-empty-interface
export interface OptimKernels {}
