// The GEMM microkernels of gemm-microkernels.ts in a variant that reads A in place through its strides instead of
// from a packed panel: one pointer per row of the tile, all advanced by A's k stride. Used for narrow products
// (few B panels), where packing A would cost as much as the arithmetic it serves. Kept apart from the packed
// kernels because those read A with constant offsets from a single pointer, which measured 2-4% faster.
import { storeVector } from './gemm-microkernels';
import { vmadd } from './gemm-simd';

/** microkernelF32_4x8 reading A in place: row r of the tile at a + r * aRow, k step p at + p * aK (bytes). */
@inline
export function microkernelF32_4x8_directA(kc: i32, a: usize, aRow: usize, aK: usize, pb: usize, c: usize, ldc: i32, alpha: f32, beta: f32): void {
  const a1 = a + aRow;
  const a2 = a1 + aRow;
  const a3 = a2 + aRow;
  let off: usize = 0;
  let c00 = f32x4.splat(0), c01 = f32x4.splat(0);
  let c10 = f32x4.splat(0), c11 = f32x4.splat(0);
  let c20 = f32x4.splat(0), c21 = f32x4.splat(0);
  let c30 = f32x4.splat(0), c31 = f32x4.splat(0);
  for (let p = 0; p < kc; p++) {
    const b0 = v128.load(pb);
    const b1 = v128.load(pb, 16);
    let ar = v128.load32_splat(a + off);
    c00 = vmadd<f32>(ar, b0, c00);
    c01 = vmadd<f32>(ar, b1, c01);
    ar = v128.load32_splat(a1 + off);
    c10 = vmadd<f32>(ar, b0, c10);
    c11 = vmadd<f32>(ar, b1, c11);
    ar = v128.load32_splat(a2 + off);
    c20 = vmadd<f32>(ar, b0, c20);
    c21 = vmadd<f32>(ar, b1, c21);
    ar = v128.load32_splat(a3 + off);
    c30 = vmadd<f32>(ar, b0, c30);
    c31 = vmadd<f32>(ar, b1, c31);
    off += aK;
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

/** microkernelF64_4x4 reading A in place (see microkernelF32_4x8_directA). */
@inline
export function microkernelF64_4x4_directA(kc: i32, a: usize, aRow: usize, aK: usize, pb: usize, c: usize, ldc: i32, alpha: f64, beta: f64): void {
  const a1 = a + aRow;
  const a2 = a1 + aRow;
  const a3 = a2 + aRow;
  let off: usize = 0;
  let c00 = f64x2.splat(0), c01 = f64x2.splat(0);
  let c10 = f64x2.splat(0), c11 = f64x2.splat(0);
  let c20 = f64x2.splat(0), c21 = f64x2.splat(0);
  let c30 = f64x2.splat(0), c31 = f64x2.splat(0);
  for (let p = 0; p < kc; p++) {
    const b0 = v128.load(pb);
    const b1 = v128.load(pb, 16);
    let ar = v128.load64_splat(a + off);
    c00 = vmadd<f64>(ar, b0, c00);
    c01 = vmadd<f64>(ar, b1, c01);
    ar = v128.load64_splat(a1 + off);
    c10 = vmadd<f64>(ar, b0, c10);
    c11 = vmadd<f64>(ar, b1, c11);
    ar = v128.load64_splat(a2 + off);
    c20 = vmadd<f64>(ar, b0, c20);
    c21 = vmadd<f64>(ar, b1, c21);
    ar = v128.load64_splat(a3 + off);
    c30 = vmadd<f64>(ar, b0, c30);
    c31 = vmadd<f64>(ar, b1, c31);
    off += aK;
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

/** microkernelF32_4x4 reading A in place (see microkernelF32_4x8_directA). */
@inline
export function microkernelF32_4x4_directA(kc: i32, a: usize, aRow: usize, aK: usize, pb: usize, c: usize, ldc: i32, alpha: f32, beta: f32): void {
  const a1 = a + aRow;
  const a2 = a1 + aRow;
  const a3 = a2 + aRow;
  let off: usize = 0;
  let e0 = f32x4.splat(0), e1 = f32x4.splat(0), e2 = f32x4.splat(0), e3 = f32x4.splat(0);
  let o0 = f32x4.splat(0), o1 = f32x4.splat(0), o2 = f32x4.splat(0), o3 = f32x4.splat(0);
  let p = 0;
  for (; p + 2 <= kc; p += 2) {
    const be = v128.load(pb);
    const bo = v128.load(pb, 32);
    const next = off + aK;
    e0 = vmadd<f32>(v128.load32_splat(a + off), be, e0);
    e1 = vmadd<f32>(v128.load32_splat(a1 + off), be, e1);
    e2 = vmadd<f32>(v128.load32_splat(a2 + off), be, e2);
    e3 = vmadd<f32>(v128.load32_splat(a3 + off), be, e3);
    o0 = vmadd<f32>(v128.load32_splat(a + next), bo, o0);
    o1 = vmadd<f32>(v128.load32_splat(a1 + next), bo, o1);
    o2 = vmadd<f32>(v128.load32_splat(a2 + next), bo, o2);
    o3 = vmadd<f32>(v128.load32_splat(a3 + next), bo, o3);
    off = next + aK;
    pb += 64;
  }
  if (p < kc) {
    const be = v128.load(pb);
    e0 = vmadd<f32>(v128.load32_splat(a + off), be, e0);
    e1 = vmadd<f32>(v128.load32_splat(a1 + off), be, e1);
    e2 = vmadd<f32>(v128.load32_splat(a2 + off), be, e2);
    e3 = vmadd<f32>(v128.load32_splat(a3 + off), be, e3);
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

/** microkernelF64_4x2 reading A in place (see microkernelF32_4x8_directA). */
@inline
export function microkernelF64_4x2_directA(kc: i32, a: usize, aRow: usize, aK: usize, pb: usize, c: usize, ldc: i32, alpha: f64, beta: f64): void {
  const a1 = a + aRow;
  const a2 = a1 + aRow;
  const a3 = a2 + aRow;
  let off: usize = 0;
  let e0 = f64x2.splat(0), e1 = f64x2.splat(0), e2 = f64x2.splat(0), e3 = f64x2.splat(0);
  let o0 = f64x2.splat(0), o1 = f64x2.splat(0), o2 = f64x2.splat(0), o3 = f64x2.splat(0);
  let p = 0;
  for (; p + 2 <= kc; p += 2) {
    const be = v128.load(pb);
    const bo = v128.load(pb, 32);
    const next = off + aK;
    e0 = vmadd<f64>(v128.load64_splat(a + off), be, e0);
    e1 = vmadd<f64>(v128.load64_splat(a1 + off), be, e1);
    e2 = vmadd<f64>(v128.load64_splat(a2 + off), be, e2);
    e3 = vmadd<f64>(v128.load64_splat(a3 + off), be, e3);
    o0 = vmadd<f64>(v128.load64_splat(a + next), bo, o0);
    o1 = vmadd<f64>(v128.load64_splat(a1 + next), bo, o1);
    o2 = vmadd<f64>(v128.load64_splat(a2 + next), bo, o2);
    o3 = vmadd<f64>(v128.load64_splat(a3 + next), bo, o3);
    off = next + aK;
    pb += 64;
  }
  if (p < kc) {
    const be = v128.load(pb);
    e0 = vmadd<f64>(v128.load64_splat(a + off), be, e0);
    e1 = vmadd<f64>(v128.load64_splat(a1 + off), be, e1);
    e2 = vmadd<f64>(v128.load64_splat(a2 + off), be, e2);
    e3 = vmadd<f64>(v128.load64_splat(a3 + off), be, e3);
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
