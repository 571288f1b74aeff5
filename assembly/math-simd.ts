// SIMD building blocks shared by the math kernels (math-f32.ts, math-f64.ts): multiply-add, lane selects,
// Horner polynomials, bit-level helpers and f32x4 <-> f64x2 widening.
import { vmadd } from './simd';

/**
 * a * b + c on f32 lanes (vmadd: the relaxed-SIMD binary may fuse it, the baseline binary rounds twice); every
 * polynomial below has error budgets that hold either way. Never use it where an exact product is needed.
 */
@inline
export function fma4(a: v128, b: v128, c: v128): v128 {
  return vmadd<f32>(a, b, c);
}

/** a * b + c on f64 lanes (see fma4). */
@inline
export function fma2(a: v128, b: v128, c: v128): v128 {
  return vmadd<f64>(a, b, c);
}

/** Lane-wise mask ? ifTrue : ifFalse (mask lanes are all ones or all zeros). */
@inline
export function sel(mask: v128, ifTrue: v128, ifFalse: v128): v128 {
  return v128.bitselect(ifTrue, ifFalse, mask);
}

@inline
export function c4(v: f32): v128 {
  return f32x4.splat(v);
}

@inline
export function c2(v: f64): v128 {
  return f64x2.splat(v);
}

/** Magnitude of a with the sign of s, lane-wise, for T = f32 or f64 (-0.0 is the sign bit alone). */
@inline
export function copysignVec<T>(a: v128, s: v128): v128 {
  const signMask = v128.splat<T>(<T>-0.0);
  return v128.or(v128.andnot(a, signMask), v128.and(s, signMask));
}

/** Lanes that are NaN. */
@inline
export function isNaN2(x: v128): v128 {
  return f64x2.ne(x, x);
}

// ---------------------------------------------------------------- Horner polynomials c0 + x (c1 + x (c2 + ...))

@inline
export function poly4_2(x: v128, a0: f32, a1: f32, a2: f32): v128 {
  return fma4(fma4(c4(a2), x, c4(a1)), x, c4(a0));
}
@inline
export function poly4_4(x: v128, a0: f32, a1: f32, a2: f32, a3: f32, a4: f32): v128 {
  return fma4(fma4(poly4_2(x, a2, a3, a4), x, c4(a1)), x, c4(a0));
}
@inline
export function poly4_5(x: v128, a0: f32, a1: f32, a2: f32, a3: f32, a4: f32, a5: f32): v128 {
  return fma4(poly4_4(x, a1, a2, a3, a4, a5), x, c4(a0));
}
@inline
export function poly4_6(x: v128, a0: f32, a1: f32, a2: f32, a3: f32, a4: f32, a5: f32, a6: f32): v128 {
  return fma4(poly4_5(x, a1, a2, a3, a4, a5, a6), x, c4(a0));
}

@inline
export function poly2_5(x: v128, a0: f64, a1: f64, a2: f64, a3: f64, a4: f64, a5: f64): v128 {
  return fma2(fma2(fma2(fma2(fma2(c2(a5), x, c2(a4)), x, c2(a3)), x, c2(a2)), x, c2(a1)), x, c2(a0));
}
@inline
export function poly2_6(x: v128, a0: f64, a1: f64, a2: f64, a3: f64, a4: f64, a5: f64, a6: f64): v128 {
  return fma2(poly2_5(x, a1, a2, a3, a4, a5, a6), x, c2(a0));
}
@inline
export function poly2_9(x: v128, a0: f64, a1: f64, a2: f64, a3: f64, a4: f64, a5: f64, a6: f64, a7: f64, a8: f64, a9: f64): v128 {
  return fma2(fma2(fma2(poly2_6(x, a3, a4, a5, a6, a7, a8, a9), x, c2(a2)), x, c2(a1)), x, c2(a0));
}
@inline
export function poly2_10(x: v128, a0: f64, a1: f64, a2: f64, a3: f64, a4: f64, a5: f64, a6: f64, a7: f64, a8: f64, a9: f64, a10: f64): v128 {
  return fma2(poly2_9(x, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10), x, c2(a0));
}
@inline
export function poly2_11(
  x: v128, a0: f64, a1: f64, a2: f64, a3: f64, a4: f64, a5: f64, a6: f64, a7: f64, a8: f64, a9: f64, a10: f64, a11: f64,
): v128 {
  return fma2(poly2_10(x, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11), x, c2(a0));
}
@inline
export function poly2_12(
  x: v128, a0: f64, a1: f64, a2: f64, a3: f64, a4: f64, a5: f64, a6: f64, a7: f64, a8: f64, a9: f64, a10: f64, a11: f64, a12: f64,
): v128 {
  return fma2(poly2_11(x, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12), x, c2(a0));
}
@inline
export function poly2_16(
  x: v128, a0: f64, a1: f64, a2: f64, a3: f64, a4: f64, a5: f64, a6: f64, a7: f64, a8: f64,
  a9: f64, a10: f64, a11: f64, a12: f64, a13: f64, a14: f64, a15: f64, a16: f64,
): v128 {
  const high = poly2_12(x, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, a14, a15, a16);
  return fma2(fma2(fma2(fma2(high, x, c2(a3)), x, c2(a2)), x, c2(a1)), x, c2(a0));
}

// ---------------------------------------------------------------- f32x4 <-> f64x2

/** Lanes 2 and 3 of x widened to f64 (lanes 0 and 1: f64x2.promote_low_f32x4). */
@inline
export function promoteHigh(x: v128): v128 {
  return f64x2.promote_low_f32x4(v128.shuffle<i32>(x, x, 2, 3, 2, 3));
}

/** Four f32 lanes from two f64x2 halves (rounded to nearest). */
@inline
export function demotePair(lo: v128, hi: v128): v128 {
  return v128.shuffle<i32>(f32x4.demote_f64x2_zero(lo), f32x4.demote_f64x2_zero(hi), 0, 1, 4, 5);
}

/** f64 lanes to integer-valued i64 lanes (inputs already integral and in i32 range). */
@inline
export function f64ToI64(x: v128): v128 {
  return i64x2.extend_low_i32x4_s(i32x4.trunc_sat_f64x2_s_zero(x));
}

/** Low 32 bits of each i64 lane converted to f64 (values known to fit in i32). */
@inline
export function i64ToF64(k: v128): v128 {
  return f64x2.convert_low_i32x4_s(v128.shuffle<i32>(k, k, 0, 2, 0, 2));
}
