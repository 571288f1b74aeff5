// GEMM microkernels: C[4 x NR] = alpha * A[4 x kc] B[kc x NR] + beta * C, generic over the element type T (f32 or
// f64), where NR is two vectors (8 f32 or 4 f64), so the tile lives in 8 v128 accumulators. Packed B holds NR
// columns per k step (pb[p*NR + c], zero-padded at the edges). A is read in one of two ways, chosen by `direct`
// (a constant at every call site, so the other way folds away):
// - packed (direct = false): 4 rows per k step (pa[p*4 + r], zero-padded), every row at a constant offset from a
//   single pointer that advances per step;
// - in place (direct = true): row r of the tile at a + r * aRow, k step p at + p * aK (A's strides in bytes): one
//   pointer per row plus a shared k offset. Used for narrow products (few B panels), where packing A would cost
//   as much as the arithmetic it serves. Packed panels are not read this way: the constant offsets measured 2-4%
//   faster.
//
// Tile choice, measured on x86-64 under V8 (f32, 256..1024 square, Goto-style packing):
// 4x8 and 2x16 ran at 85% of the 128-bit FMA peak; 6x8, 5x8, 3x16, 4x12 and 4x16 ran 15-40% slower because
// V8 gives wasm v128 values at most 15 xmm registers (xmm15 is its scratch), so 12-16 accumulators plus the
// B vectors and the A broadcast spill to the stack inside the k loop.
import { vmadd } from './simd';

/** Writes one accumulator vector: alpha * acc (+ beta * C when useBeta). */
@inline
function storeVector<T>(c: usize, acc: v128, alpha: v128, beta: v128, useBeta: bool): void {
  const scaled = v128.mul<T>(acc, alpha);
  v128.store(c, useBeta ? vmadd<T>(beta, v128.load(c), scaled) : scaled);
}

/**
 * One element of A broadcast to every lane. In place: at rowPtr + off. Packed: element i of the panel at pa, where
 * i < 4 is row i of the current k step and i >= 4 row i - 4 of the next one. A load's offset must be a literal, so
 * each packed position has its own branch; i is a constant at every call site, so all but one fold away.
 */
@inline
function splatA<T>(direct: bool, pa: usize, i: i32, rowPtr: usize, off: usize): v128 {
  if (direct) return v128.load_splat<T>(rowPtr + off);
  if (i == 0) return v128.load_splat<T>(pa);
  if (i == 1) return v128.load_splat<T>(pa, sizeof<T>());
  if (i == 2) return v128.load_splat<T>(pa, 2 * sizeof<T>());
  if (i == 3) return v128.load_splat<T>(pa, 3 * sizeof<T>());
  if (i == 4) return v128.load_splat<T>(pa, 4 * sizeof<T>());
  if (i == 5) return v128.load_splat<T>(pa, 5 * sizeof<T>());
  if (i == 6) return v128.load_splat<T>(pa, 6 * sizeof<T>());
  return v128.load_splat<T>(pa, 7 * sizeof<T>());
}

/**
 * Full-width kernel: 4 rows x NR columns (two vectors per row). `a` is the packed panel or, when direct, row 0 of
 * the tile in place (aRow, aK: A's strides in bytes; unused when packed). ldc in elements.
 */
@inline
export function microkernel4xNR<T>(
  direct: bool, kc: i32, a: usize, aRow: usize, aK: usize, pb: usize, c: usize, ldc: i32, alpha: T, beta: T,
): void {
  const a1 = a + aRow;
  const a2 = a1 + aRow;
  const a3 = a2 + aRow;
  let off: usize = 0;
  const zero = v128.splat<T>(0);
  let c00 = zero, c01 = zero;
  let c10 = zero, c11 = zero;
  let c20 = zero, c21 = zero;
  let c30 = zero, c31 = zero;
  for (let p = 0; p < kc; p++) {
    const b0 = v128.load(pb);
    const b1 = v128.load(pb, 16);
    let ar = splatA<T>(direct, a, 0, a, off);
    c00 = vmadd<T>(ar, b0, c00);
    c01 = vmadd<T>(ar, b1, c01);
    ar = splatA<T>(direct, a, 1, a1, off);
    c10 = vmadd<T>(ar, b0, c10);
    c11 = vmadd<T>(ar, b1, c11);
    ar = splatA<T>(direct, a, 2, a2, off);
    c20 = vmadd<T>(ar, b0, c20);
    c21 = vmadd<T>(ar, b1, c21);
    ar = splatA<T>(direct, a, 3, a3, off);
    c30 = vmadd<T>(ar, b0, c30);
    c31 = vmadd<T>(ar, b1, c31);
    if (direct) off += aK;
    else a += 4 * sizeof<T>();
    pb += 32;
  }
  const av = v128.splat<T>(alpha);
  const bv = v128.splat<T>(beta);
  const useBeta = beta != 0;
  const ld = <usize>ldc * sizeof<T>();
  storeVector<T>(c, c00, av, bv, useBeta);
  storeVector<T>(c + 16, c01, av, bv, useBeta);
  c += ld;
  storeVector<T>(c, c10, av, bv, useBeta);
  storeVector<T>(c + 16, c11, av, bv, useBeta);
  c += ld;
  storeVector<T>(c, c20, av, bv, useBeta);
  storeVector<T>(c + 16, c21, av, bv, useBeta);
  c += ld;
  storeVector<T>(c, c30, av, bv, useBeta);
  storeVector<T>(c + 16, c31, av, bv, useBeta);
}

/**
 * Half-width kernel for edge panels with at most NR / 2 valid columns: 4 rows x one vector, reading the first
 * vector of each packed B row. Even and odd k steps accumulate separately, so 8 independent sums hide the
 * multiply-add latency as in the full kernel, and the panel costs half of a full one. Arguments as microkernel4xNR.
 */
@inline
export function microkernel4xHalf<T>(
  direct: bool, kc: i32, a: usize, aRow: usize, aK: usize, pb: usize, c: usize, ldc: i32, alpha: T, beta: T,
): void {
  const a1 = a + aRow;
  const a2 = a1 + aRow;
  const a3 = a2 + aRow;
  let off: usize = 0;
  const zero = v128.splat<T>(0);
  let e0 = zero, e1 = zero, e2 = zero, e3 = zero;
  let o0 = zero, o1 = zero, o2 = zero, o3 = zero;
  let p = 0;
  for (; p + 2 <= kc; p += 2) {
    const be = v128.load(pb);
    const bo = v128.load(pb, 32);
    const next = off + aK;
    e0 = vmadd<T>(splatA<T>(direct, a, 0, a, off), be, e0);
    e1 = vmadd<T>(splatA<T>(direct, a, 1, a1, off), be, e1);
    e2 = vmadd<T>(splatA<T>(direct, a, 2, a2, off), be, e2);
    e3 = vmadd<T>(splatA<T>(direct, a, 3, a3, off), be, e3);
    o0 = vmadd<T>(splatA<T>(direct, a, 4, a, next), bo, o0);
    o1 = vmadd<T>(splatA<T>(direct, a, 5, a1, next), bo, o1);
    o2 = vmadd<T>(splatA<T>(direct, a, 6, a2, next), bo, o2);
    o3 = vmadd<T>(splatA<T>(direct, a, 7, a3, next), bo, o3);
    if (direct) off = next + aK;
    else a += 8 * sizeof<T>();
    pb += 64;
  }
  if (p < kc) {
    const be = v128.load(pb);
    e0 = vmadd<T>(splatA<T>(direct, a, 0, a, off), be, e0);
    e1 = vmadd<T>(splatA<T>(direct, a, 1, a1, off), be, e1);
    e2 = vmadd<T>(splatA<T>(direct, a, 2, a2, off), be, e2);
    e3 = vmadd<T>(splatA<T>(direct, a, 3, a3, off), be, e3);
  }
  const av = v128.splat<T>(alpha);
  const bv = v128.splat<T>(beta);
  const useBeta = beta != 0;
  const ld = <usize>ldc * sizeof<T>();
  storeVector<T>(c, v128.add<T>(e0, o0), av, bv, useBeta);
  storeVector<T>(c + ld, v128.add<T>(e1, o1), av, bv, useBeta);
  storeVector<T>(c + 2 * ld, v128.add<T>(e2, o2), av, bv, useBeta);
  storeVector<T>(c + 3 * ld, v128.add<T>(e3, o3), av, bv, useBeta);
}
