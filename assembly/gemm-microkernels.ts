// GEMM microkernels: C[4 x NR] = alpha * (packed A panel)(packed B panel) + beta * C, where NR is two vectors
// (8 f32 or 4 f64), so the tile lives in 8 v128 accumulators. Packed A holds 4 rows per k step
// (pa[p*4 + r]), packed B holds NR columns per k step (pb[p*NR + c]); both are zero-padded at the edges.
//
// Tile choice, measured on x86-64 under V8 (f32, 256..1024 square, Goto-style packing):
// 4x8 and 2x16 ran at 85% of the 128-bit FMA peak; 6x8, 5x8, 3x16, 4x12 and 4x16 ran 15-40% slower because
// V8 gives wasm v128 values at most 15 xmm registers (xmm15 is its scratch), so 12-16 accumulators plus the
// B vectors and the A broadcast spill to the stack inside the k loop.
import { vmadd, vmul } from './gemm-simd';

/** Writes one accumulator vector: alpha * acc (+ beta * C when useBeta). */
@inline
export function storeVector<T>(c: usize, acc: v128, alpha: v128, beta: v128, useBeta: bool): void {
  const scaled = vmul<T>(acc, alpha);
  v128.store(c, useBeta ? vmadd<T>(beta, v128.load(c), scaled) : scaled);
}

/** f32 microkernel, 4 rows x 8 columns (two f32x4 per row). ldc in elements. */
@inline
export function microkernelF32_4x8(kc: i32, pa: usize, pb: usize, c: usize, ldc: i32, alpha: f32, beta: f32): void {
  let c00 = f32x4.splat(0), c01 = f32x4.splat(0);
  let c10 = f32x4.splat(0), c11 = f32x4.splat(0);
  let c20 = f32x4.splat(0), c21 = f32x4.splat(0);
  let c30 = f32x4.splat(0), c31 = f32x4.splat(0);
  for (let p = 0; p < kc; p++) {
    const b0 = v128.load(pb);
    const b1 = v128.load(pb, 16);
    let a = v128.load32_splat(pa);
    c00 = vmadd<f32>(a, b0, c00);
    c01 = vmadd<f32>(a, b1, c01);
    a = v128.load32_splat(pa, 4);
    c10 = vmadd<f32>(a, b0, c10);
    c11 = vmadd<f32>(a, b1, c11);
    a = v128.load32_splat(pa, 8);
    c20 = vmadd<f32>(a, b0, c20);
    c21 = vmadd<f32>(a, b1, c21);
    a = v128.load32_splat(pa, 12);
    c30 = vmadd<f32>(a, b0, c30);
    c31 = vmadd<f32>(a, b1, c31);
    pa += 16;
    pb += 32;
  }
  const av = f32x4.splat(alpha);
  const bv = f32x4.splat(beta);
  const useBeta = beta != 0;
  const ld = <usize>ldc << 2;
  storeVector<f32>(c, c00, av, bv, useBeta);
  storeVector<f32>(c + 16, c01, av, bv, useBeta);
  c += ld;
  storeVector<f32>(c, c10, av, bv, useBeta);
  storeVector<f32>(c + 16, c11, av, bv, useBeta);
  c += ld;
  storeVector<f32>(c, c20, av, bv, useBeta);
  storeVector<f32>(c + 16, c21, av, bv, useBeta);
  c += ld;
  storeVector<f32>(c, c30, av, bv, useBeta);
  storeVector<f32>(c + 16, c31, av, bv, useBeta);
}

/** f64 microkernel, 4 rows x 4 columns (two f64x2 per row). ldc in elements. */
@inline
export function microkernelF64_4x4(kc: i32, pa: usize, pb: usize, c: usize, ldc: i32, alpha: f64, beta: f64): void {
  let c00 = f64x2.splat(0), c01 = f64x2.splat(0);
  let c10 = f64x2.splat(0), c11 = f64x2.splat(0);
  let c20 = f64x2.splat(0), c21 = f64x2.splat(0);
  let c30 = f64x2.splat(0), c31 = f64x2.splat(0);
  for (let p = 0; p < kc; p++) {
    const b0 = v128.load(pb);
    const b1 = v128.load(pb, 16);
    let a = v128.load64_splat(pa);
    c00 = vmadd<f64>(a, b0, c00);
    c01 = vmadd<f64>(a, b1, c01);
    a = v128.load64_splat(pa, 8);
    c10 = vmadd<f64>(a, b0, c10);
    c11 = vmadd<f64>(a, b1, c11);
    a = v128.load64_splat(pa, 16);
    c20 = vmadd<f64>(a, b0, c20);
    c21 = vmadd<f64>(a, b1, c21);
    a = v128.load64_splat(pa, 24);
    c30 = vmadd<f64>(a, b0, c30);
    c31 = vmadd<f64>(a, b1, c31);
    pa += 32;
    pb += 32;
  }
  const av = f64x2.splat(alpha);
  const bv = f64x2.splat(beta);
  const useBeta = beta != 0;
  const ld = <usize>ldc << 3;
  storeVector<f64>(c, c00, av, bv, useBeta);
  storeVector<f64>(c + 16, c01, av, bv, useBeta);
  c += ld;
  storeVector<f64>(c, c10, av, bv, useBeta);
  storeVector<f64>(c + 16, c11, av, bv, useBeta);
  c += ld;
  storeVector<f64>(c, c20, av, bv, useBeta);
  storeVector<f64>(c + 16, c21, av, bv, useBeta);
  c += ld;
  storeVector<f64>(c, c30, av, bv, useBeta);
  storeVector<f64>(c + 16, c31, av, bv, useBeta);
}

/**
 * f32 kernel for edge panels with at most 4 valid columns: 4 rows x 4 columns, reading the first vector of each
 * 8-wide packed B row. Even and odd k steps accumulate separately, so 8 independent sums hide the multiply-add
 * latency as in the full kernel, and the panel costs half of a full one.
 */
@inline
export function microkernelF32_4x4(kc: i32, pa: usize, pb: usize, c: usize, ldc: i32, alpha: f32, beta: f32): void {
  let e0 = f32x4.splat(0), e1 = f32x4.splat(0), e2 = f32x4.splat(0), e3 = f32x4.splat(0);
  let o0 = f32x4.splat(0), o1 = f32x4.splat(0), o2 = f32x4.splat(0), o3 = f32x4.splat(0);
  let p = 0;
  for (; p + 2 <= kc; p += 2) {
    const be = v128.load(pb);
    const bo = v128.load(pb, 32);
    e0 = vmadd<f32>(v128.load32_splat(pa), be, e0);
    e1 = vmadd<f32>(v128.load32_splat(pa, 4), be, e1);
    e2 = vmadd<f32>(v128.load32_splat(pa, 8), be, e2);
    e3 = vmadd<f32>(v128.load32_splat(pa, 12), be, e3);
    o0 = vmadd<f32>(v128.load32_splat(pa, 16), bo, o0);
    o1 = vmadd<f32>(v128.load32_splat(pa, 20), bo, o1);
    o2 = vmadd<f32>(v128.load32_splat(pa, 24), bo, o2);
    o3 = vmadd<f32>(v128.load32_splat(pa, 28), bo, o3);
    pa += 32;
    pb += 64;
  }
  if (p < kc) {
    const be = v128.load(pb);
    e0 = vmadd<f32>(v128.load32_splat(pa), be, e0);
    e1 = vmadd<f32>(v128.load32_splat(pa, 4), be, e1);
    e2 = vmadd<f32>(v128.load32_splat(pa, 8), be, e2);
    e3 = vmadd<f32>(v128.load32_splat(pa, 12), be, e3);
  }
  const av = f32x4.splat(alpha);
  const bv = f32x4.splat(beta);
  const useBeta = beta != 0;
  const ld = <usize>ldc << 2;
  storeVector<f32>(c, f32x4.add(e0, o0), av, bv, useBeta);
  storeVector<f32>(c + ld, f32x4.add(e1, o1), av, bv, useBeta);
  storeVector<f32>(c + 2 * ld, f32x4.add(e2, o2), av, bv, useBeta);
  storeVector<f32>(c + 3 * ld, f32x4.add(e3, o3), av, bv, useBeta);
}

/** f64 kernel for edge panels with at most 2 valid columns: 4 rows x 2 columns, as microkernelF32_4x4. */
@inline
export function microkernelF64_4x2(kc: i32, pa: usize, pb: usize, c: usize, ldc: i32, alpha: f64, beta: f64): void {
  let e0 = f64x2.splat(0), e1 = f64x2.splat(0), e2 = f64x2.splat(0), e3 = f64x2.splat(0);
  let o0 = f64x2.splat(0), o1 = f64x2.splat(0), o2 = f64x2.splat(0), o3 = f64x2.splat(0);
  let p = 0;
  for (; p + 2 <= kc; p += 2) {
    const be = v128.load(pb);
    const bo = v128.load(pb, 32);
    e0 = vmadd<f64>(v128.load64_splat(pa), be, e0);
    e1 = vmadd<f64>(v128.load64_splat(pa, 8), be, e1);
    e2 = vmadd<f64>(v128.load64_splat(pa, 16), be, e2);
    e3 = vmadd<f64>(v128.load64_splat(pa, 24), be, e3);
    o0 = vmadd<f64>(v128.load64_splat(pa, 32), bo, o0);
    o1 = vmadd<f64>(v128.load64_splat(pa, 40), bo, o1);
    o2 = vmadd<f64>(v128.load64_splat(pa, 48), bo, o2);
    o3 = vmadd<f64>(v128.load64_splat(pa, 56), bo, o3);
    pa += 64;
    pb += 64;
  }
  if (p < kc) {
    const be = v128.load(pb);
    e0 = vmadd<f64>(v128.load64_splat(pa), be, e0);
    e1 = vmadd<f64>(v128.load64_splat(pa, 8), be, e1);
    e2 = vmadd<f64>(v128.load64_splat(pa, 16), be, e2);
    e3 = vmadd<f64>(v128.load64_splat(pa, 24), be, e3);
  }
  const av = f64x2.splat(alpha);
  const bv = f64x2.splat(beta);
  const useBeta = beta != 0;
  const ld = <usize>ldc << 3;
  storeVector<f64>(c, f64x2.add(e0, o0), av, bv, useBeta);
  storeVector<f64>(c + ld, f64x2.add(e1, o1), av, bv, useBeta);
  storeVector<f64>(c + 2 * ld, f64x2.add(e2, o2), av, bv, useBeta);
  storeVector<f64>(c + 3 * ld, f64x2.add(e3, o3), av, bv, useBeta);
}
