// Matrix multiplication: packed GEMM with register-tiled microkernels (named by tile), f32 and f64.
export {};
