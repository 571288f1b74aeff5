/** Elementwise kernels: unary math (SIMD transcendental functions), binary arithmetic with broadcasting, comparisons, where. */
// eslint-disable-next-line @typescript-eslint/no-empty-interface
export interface ElementwiseKernels {}
