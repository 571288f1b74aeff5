// Matrix multiplication: blocked GEMM (gemm.ts) with register-tiled microkernels (gemm-microkernels.ts: 4x8 f32 and
// 4x4 f64, half-width 4x4 / 4x2 for edge panels; gemm-microkernels-direct.ts: the same reading A in place for
// narrow products), matrix-vector kernels for single rows and columns (gemm-gemv.ts), and a scalar reference.
// The exported entry points take a batch: `batch` products whose operands start bsA / bsB / bsC elements apart (a stride of 0 broadcasts).
// All strides are in elements; A and B may have any strides, C is row-major with leading dimension ldc.
// `work` is host-allocated scratch of gemmWorkspaceBytes(m, n, k, elemBytes) bytes, 16-byte aligned.
import { gemm } from './gemm';
import { gemmReference } from './gemm-reference';

export { gemmWorkspaceBytes } from './gemm';

export function gemmF32(
  batch: i32, m: i32, n: i32, k: i32, alpha: f64,
  a: usize, bsA: i32, rsA: i32, csA: i32,
  b: usize, bsB: i32, rsB: i32, csB: i32,
  beta: f64, c: usize, bsC: i32, ldc: i32, work: usize,
): void {
  for (let i = 0; i < batch; i++) {
    gemm<f32>(m, n, k, <f32>alpha, a + ((<usize>i * <usize>bsA) << 2), rsA, csA, b + ((<usize>i * <usize>bsB) << 2), rsB, csB,
      <f32>beta, c + ((<usize>i * <usize>bsC) << 2), ldc, work);
  }
}

export function gemmF64(
  batch: i32, m: i32, n: i32, k: i32, alpha: f64,
  a: usize, bsA: i32, rsA: i32, csA: i32,
  b: usize, bsB: i32, rsB: i32, csB: i32,
  beta: f64, c: usize, bsC: i32, ldc: i32, work: usize,
): void {
  for (let i = 0; i < batch; i++) {
    gemm<f64>(m, n, k, alpha, a + ((<usize>i * <usize>bsA) << 3), rsA, csA, b + ((<usize>i * <usize>bsB) << 3), rsB, csB,
      beta, c + ((<usize>i * <usize>bsC) << 3), ldc, work);
  }
}

/** Scalar triple loop, same arguments as gemmF32 (no workspace). */
export function gemmReferenceF32(
  batch: i32, m: i32, n: i32, k: i32, alpha: f64,
  a: usize, bsA: i32, rsA: i32, csA: i32,
  b: usize, bsB: i32, rsB: i32, csB: i32,
  beta: f64, c: usize, bsC: i32, ldc: i32,
): void {
  for (let i = 0; i < batch; i++) {
    gemmReference<f32>(m, n, k, <f32>alpha, a + ((<usize>i * <usize>bsA) << 2), rsA, csA, b + ((<usize>i * <usize>bsB) << 2), rsB, csB,
      <f32>beta, c + ((<usize>i * <usize>bsC) << 2), ldc);
  }
}

/** Scalar triple loop, same arguments as gemmF64 (no workspace). */
export function gemmReferenceF64(
  batch: i32, m: i32, n: i32, k: i32, alpha: f64,
  a: usize, bsA: i32, rsA: i32, csA: i32,
  b: usize, bsB: i32, rsB: i32, csB: i32,
  beta: f64, c: usize, bsC: i32, ldc: i32,
): void {
  for (let i = 0; i < batch; i++) {
    gemmReference<f64>(m, n, k, alpha, a + ((<usize>i * <usize>bsA) << 3), rsA, csA, b + ((<usize>i * <usize>bsB) << 3), rsB, csB,
      beta, c + ((<usize>i * <usize>bsC) << 3), ldc);
  }
}
