/**
 * Matrix multiplication kernels (assembly/matmul.ts): packed GEMM with register-tiled microkernels (4x8 f32,
 * 4x4 f64), matrix-vector kernels, and a scalar reference. C = alpha * A B + beta * C for `batch` products whose
 * operands start bsA / bsB / bsC elements apart; A and B have any element strides (rsX: row, csX: column),
 * C is row-major with leading dimension ldc. beta == 0: C is not read; alpha == 0: A and B are not read (BLAS).
 * Pointers are byte addresses.
 */
/** The arguments every GEMM entry point takes (see above). */
type GemmArgs = [
  batch: number, m: number, n: number, k: number, alpha: number,
  a: number, bsA: number, rsA: number, csA: number,
  b: number, bsB: number, rsB: number, csB: number,
  beta: number, c: number, bsC: number, ldc: number,
];

export interface MatmulKernels {
  /** Bytes of scratch gemmF32/gemmF64 need for one m x k by k x n product (elemBytes 4 or 8). */
  gemmWorkspaceBytes(m: number, n: number, k: number, elemBytes: number): number;
  gemmF32(...args: [...GemmArgs, work: number]): void;
  gemmF64(...args: [...GemmArgs, work: number]): void;
  /** The scalar triple loop (tests compare the SIMD kernels against it). */
  gemmReferenceF32(...args: GemmArgs): void;
  gemmReferenceF64(...args: GemmArgs): void;
}
