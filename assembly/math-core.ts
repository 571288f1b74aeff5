// The bottom layer of the vector math, below math-generic.ts, math-f64.ts and math-f32.ts (which import it and
// nothing imports back): the ln 2 splits of both precisions, the generic lane helpers, 2^k scaling, the exp tail
// polynomial and e^x itself (expF32x4, expF64x2), which every other layer uses. Imports run one way:
// math-simd <- math-core <- math-generic <- math-f64 <- math-f32.
// Polynomial coefficients: near-minimax Chebyshev fits of the reduced functions named at each use, computed for this
// project with mpmath (the float32 ones rounded to float32; error bounds quoted are of the rounded polynomial).
import { c2, c4, f64ToI64, fma2, fma4, poly2_9, poly4_4, poly4_5 } from './math-simd';

// ---------------------------------------------------------------- constants

export const LN2_HI_F32: f32 = 0.693145751953125; // 16 significant bits: k * LN2_HI_F32 is exact for |k| < 2^8
export const LN2_LO_F32: f32 = 1.4286068e-6; // ln 2 - LN2_HI_F32
export const LOG2E_F32: f32 = 1.44269504;

export const LN2_HI_F64: f64 = 0.6931471805598903; // 42 significant bits: k * LN2_HI_F64 is exact for |k| < 2^11
export const LN2_LO_F64: f64 = 5.497923018708371e-14;
export const LOG2E_F64: f64 = 1.4426950408889634;

// ---------------------------------------------------------------- generic lane helpers (T = f32 | f64, I = i32 | i64)

/** The float32 or the float64 value of a constant, by T. */
@inline
export function byType<T>(forF32: f64, forF64: f64): f64 {
  return sizeof<T>() == 4 ? forF32 : forF64;
}

/** v in every lane of T. */
@inline
export function vc<T>(v: f64): v128 {
  return v128.splat<T>(<T>v);
}

/** Mantissa bits of T: 23 or 52. */
@inline
export function mantissaBits<T>(): i32 {
  return sizeof<T>() == 4 ? 23 : 52;
}

/** 2^(k + e) as T lanes, for integer lanes k (of I) with k + e in the normal exponent range. */
@inline
export function pow2<T, I>(k: v128, e: i32): v128 {
  const bias = sizeof<T>() == 4 ? 127 : 1023;
  return v128.shl<I>(v128.add<I>(k, v128.splat<I>(<I>(bias + e))), mantissaBits<T>());
}

/**
 * x * 2^k for I lanes k (f32: [-252, 254], f64: [-2044, 2046]), in two power-of-two steps so that subnormal results
 * are rounded once.
 */
@inline
export function scaleByPow2<T, I>(x: v128, k: v128): v128 {
  const k1 = v128.shr<I>(k, 1);
  const k2 = v128.sub<I>(k, k1);
  return v128.mul<T>(v128.mul<T>(x, pow2<T, I>(k1, 0)), pow2<T, I>(k2, 0));
}

// ---------------------------------------------------------------- exp

/**
 * The nonlinear part t = e^r - 1 - r for |r| <= ln2/2, as r^2 P(r). float32: P = 1/2 + r Q(r), Q fits
 * (expm1(r) - r - r^2/2) / r^3 with |error| < 1.4e-8; float64: P fits (e^r - 1 - r) / r^2 with |error| < 1.2e-16.
 */
@inline
export function expTail<T>(r: v128): v128 {
  const p = sizeof<T>() == 4
    ? poly4_5(r, 0.5, 0.16666667, 0.041666556, 0.008333321, 0.0013926184, 0.00019882698)
    : poly2_9(
      r, 0.5000000000000001, 0.16666666666666669, 0.04166666666662413, 0.008333333333330062, 0.0013888888917213717,
      0.00019841269863053618, 2.4801521295954376e-5, 2.7557268459997064e-6, 2.7620088445409746e-7, 2.510038549551032e-8,
    );
  return v128.mul<T>(v128.mul<T>(r, r), p);
}

// 1.5 * 2^23: adding it to |t| < 2^22 leaves t rounded to the nearest integer (ties to even, the current rounding
// mode) in the low mantissa bits, so t + ROUND_MAGIC - ROUND_MAGIC is nearest(t) and the bit pattern of t + ROUND_MAGIC
// minus that of ROUND_MAGIC is the same integer as an i32 (two cheap adds instead of f32x4.nearest + trunc_sat).
const ROUND_MAGIC: f32 = 12582912.0;
const ROUND_MAGIC_BITS: i32 = 0x4b400000;

/** e^x: x = k ln2 + r (Cody-Waite), e^x = 2^k (1 + expm1(r)). Max error about 1 ulp. */
@inline
export function expF32x4(x: v128): v128 {
  // Beyond these bounds the result is 0 or +inf anyway. pmax(x, c) / pmin(x, c) return x itself when the comparison
  // with c is false, so a NaN x passes through (and they compile to single min/max instructions, unlike min/max).
  const xc = f32x4.pmin(f32x4.pmax(x, c4(-104.0)), c4(89.0));
  // Separate mul and add (never fused): k = nearest(x log2 e) as in the round-to-nearest formulation.
  const shifted = f32x4.add(f32x4.mul(xc, c4(LOG2E_F32)), c4(ROUND_MAGIC));
  const kf = f32x4.sub(shifted, c4(ROUND_MAGIC));
  const k = i32x4.sub(shifted, i32x4.splat(ROUND_MAGIC_BITS));
  const r = fma4(kf, c4(-LN2_LO_F32), fma4(kf, c4(-LN2_HI_F32), xc));
  // e^r = 1 + r + r^2 P(r), P fits (e^r - 1 - r) / r^2 on |r| <= ln2/2 with |error| < 6.8e-8.
  const p = poly4_4(r, 0.5, 0.16666576, 0.041666556, 0.008363179, 0.0013926184);
  const er = f32x4.add(c4(1.0), fma4(f32x4.mul(r, r), p, r));
  return scaleByPow2<f32, i32>(er, k);
}

/** e^(x + lo) for a small correction lo: x = k ln2 + r (Cody-Waite), e^x = 2^k (1 + expm1(r + lo)). */
@inline
export function expWithTail(x: v128, lo: v128): v128 {
  // Beyond +-1100 the result is 0 or +inf anyway; min/max pass NaN through.
  const xc = f64x2.min(f64x2.max(x, c2(-1100.0)), c2(1100.0));
  const kf = f64x2.nearest(f64x2.mul(xc, c2(LOG2E_F64)));
  const r = f64x2.add(fma2(kf, c2(-LN2_LO_F64), fma2(kf, c2(-LN2_HI_F64), xc)), lo);
  return scaleByPow2<f64, i64>(f64x2.add(c2(1.0), f64x2.add(r, expTail<f64>(r))), f64ToI64(kf));
}

/**
 * e^x. Max error about 1 ulp. Compiled once and called (not inlined), so it is exported by name below: AssemblyScript
 * warns (AS112) about a compiled function with a v128 signature declared `export`, as if it were a wasm export.
 */
function expF64x2(x: v128): v128 {
  return expWithTail(x, c2(0.0));
}

export { expF64x2 };
