// Matrix multiplication: blocked GEMM (gemm.ts) with register-tiled microkernels (gemm-microkernels.ts: 4x8 f32 and
// 4x4 f64, half-width 4x4 / 4x2 for edge panels, reading A from packed panels or, for narrow products, in place),
// matrix-vector kernels for single rows and columns (gemm-gemv.ts), and a scalar reference.
// The exported entry points take a batch: `batch` products whose operands start bsA / bsB / bsC elements apart (a stride of 0 broadcasts).
// All strides are in elements; A and B may have any strides, C is row-major with leading dimension ldc.
// `work` is host-allocated scratch of gemmWorkspaceBytes(m, n, k, elemBytes) bytes, 16-byte aligned.
import { gemm } from './gemm';
import { gemmReference } from './gemm-reference';

export { gemmWorkspaceBytes } from './gemm';

/** The batch loop of every entry point: the blocked kernel, or the scalar triple loop when `reference` (a constant). */
@inline
function batched<T>(
  reference: bool, batch: i32, m: i32, n: i32, k: i32, alpha: f64,
  a: usize, bsA: i32, rsA: i32, csA: i32,
  b: usize, bsB: i32, rsB: i32, csB: i32,
  beta: f64, c: usize, bsC: i32, ldc: i32, work: usize,
): void {
  const size = <usize>sizeof<T>();
  for (let i = 0; i < batch; i++) {
    const ai = a + <usize>i * <usize>bsA * size;
    const bi = b + <usize>i * <usize>bsB * size;
    const ci = c + <usize>i * <usize>bsC * size;
    if (reference) gemmReference<T>(m, n, k, <T>alpha, ai, rsA, csA, bi, rsB, csB, <T>beta, ci, ldc);
    else gemm<T>(m, n, k, <T>alpha, ai, rsA, csA, bi, rsB, csB, <T>beta, ci, ldc, work);
  }
}

export function gemmF32(
  batch: i32, m: i32, n: i32, k: i32, alpha: f64,
  a: usize, bsA: i32, rsA: i32, csA: i32,
  b: usize, bsB: i32, rsB: i32, csB: i32,
  beta: f64, c: usize, bsC: i32, ldc: i32, work: usize,
): void {
  batched<f32>(false, batch, m, n, k, alpha, a, bsA, rsA, csA, b, bsB, rsB, csB, beta, c, bsC, ldc, work);
}

export function gemmF64(
  batch: i32, m: i32, n: i32, k: i32, alpha: f64,
  a: usize, bsA: i32, rsA: i32, csA: i32,
  b: usize, bsB: i32, rsB: i32, csB: i32,
  beta: f64, c: usize, bsC: i32, ldc: i32, work: usize,
): void {
  batched<f64>(false, batch, m, n, k, alpha, a, bsA, rsA, csA, b, bsB, rsB, csB, beta, c, bsC, ldc, work);
}

/** Scalar triple loop, same arguments as gemmF32 (no workspace). */
export function gemmReferenceF32(
  batch: i32, m: i32, n: i32, k: i32, alpha: f64,
  a: usize, bsA: i32, rsA: i32, csA: i32,
  b: usize, bsB: i32, rsB: i32, csB: i32,
  beta: f64, c: usize, bsC: i32, ldc: i32,
): void {
  batched<f32>(true, batch, m, n, k, alpha, a, bsA, rsA, csA, b, bsB, rsB, csB, beta, c, bsC, ldc, 0);
}

/** Scalar triple loop, same arguments as gemmF64 (no workspace). */
export function gemmReferenceF64(
  batch: i32, m: i32, n: i32, k: i32, alpha: f64,
  a: usize, bsA: i32, rsA: i32, csA: i32,
  b: usize, bsB: i32, rsB: i32, csB: i32,
  beta: f64, c: usize, bsC: i32, ldc: i32,
): void {
  batched<f64>(true, batch, m, n, k, alpha, a, bsA, rsA, csA, b, bsB, rsB, csB, beta, c, bsC, ldc, 0);
}
