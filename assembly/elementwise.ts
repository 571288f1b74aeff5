// Elementwise kernels: unary math (SIMD transcendental functions), binary arithmetic with broadcasting, comparisons, where.
export {};
