/** Matrix multiplication: packed GEMM with register-tiled microkernels (named by tile), f32 and f64. */
// eslint-disable-next-line @typescript-eslint/no-empty-interface
export interface MatmulKernels {}
