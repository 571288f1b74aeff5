// Vectorised float32 math on f32x4 lanes. exp, log, log1p, expm1, tanh, sigmoid and erf are evaluated in single
// precision (range reduction + polynomial, fdlibm/Cephes-style; all but exp share their algorithm with float64:
// math-generic.ts); the less frequent sin, cos, atan, asin, atan2, pow, exp2, log2 and log10 are evaluated by the
// float64 kernels on widened lanes and rounded once, which makes them correctly rounded in all but rare halfway cases.
// Polynomial coefficients: near-minimax Chebyshev fits of the reduced functions named at each use, computed for this
// project with mpmath and rounded to float32 (error bounds quoted are of the rounded polynomial).
import { c4, demotePair, fma4, poly4_4, promoteHigh } from './math-simd';
import { erf, expm1, log, log1p, scaleByPow2, sigmoid, tanh } from './math-generic';
import {
  asinF64x2, atan2F64x2, atanF64x2, cosF64x2, exp2F64x2, log10F64x2, log2F64x2, powF64x2, sinF64x2,
} from './math-f64';

export const LN2_HI: f32 = 0.693145751953125; // 16 significant bits: k * LN2_HI is exact for |k| < 2^8
export const LN2_LO: f32 = 1.4286068e-6; // ln 2 - LN2_HI
export const LOG2E: f32 = 1.44269504;

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
  const shifted = f32x4.add(f32x4.mul(xc, c4(LOG2E)), c4(ROUND_MAGIC));
  const kf = f32x4.sub(shifted, c4(ROUND_MAGIC));
  const k = i32x4.sub(shifted, i32x4.splat(ROUND_MAGIC_BITS));
  const r = fma4(kf, c4(-LN2_LO), fma4(kf, c4(-LN2_HI), xc));
  // e^r = 1 + r + r^2 P(r), P fits (e^r - 1 - r) / r^2 on |r| <= ln2/2 with |error| < 6.8e-8.
  const p = poly4_4(r, 0.5, 0.16666576, 0.041666556, 0.008363179, 0.0013926184);
  const er = f32x4.add(c4(1.0), fma4(f32x4.mul(r, r), p, r));
  return scaleByPow2<f32, i32>(er, k);
}

/** Natural log. Max error about 1 ulp; log(0) = -inf, log(x < 0) = NaN. */
export function logF32x4(x: v128): v128 {
  return log<f32, i32>(x);
}

export function log1pF32x4(x: v128): v128 {
  return log1p<f32, i32>(x);
}

/** e^x - 1. Max error about 1 ulp. */
export function expm1F32x4(x: v128): v128 {
  return expm1<f32, i32>(x);
}

@inline
export function tanhF32x4(x: v128): v128 {
  return tanh<f32, i32>(x);
}

@inline
export function sigmoidF32x4(x: v128): v128 {
  return sigmoid<f32>(x);
}

export function erfF32x4(x: v128): v128 {
  return erf<f32, i32>(x);
}

// ---------------------------------------------------------------- evaluated in float64, rounded once

export function sinF32x4(x: v128): v128 {
  return demotePair(sinF64x2(f64x2.promote_low_f32x4(x)), sinF64x2(promoteHigh(x)));
}

export function cosF32x4(x: v128): v128 {
  return demotePair(cosF64x2(f64x2.promote_low_f32x4(x)), cosF64x2(promoteHigh(x)));
}

export function atanF32x4(x: v128): v128 {
  return demotePair(atanF64x2(f64x2.promote_low_f32x4(x)), atanF64x2(promoteHigh(x)));
}

export function asinF32x4(x: v128): v128 {
  return demotePair(asinF64x2(f64x2.promote_low_f32x4(x)), asinF64x2(promoteHigh(x)));
}

export function exp2F32x4(x: v128): v128 {
  return demotePair(exp2F64x2(f64x2.promote_low_f32x4(x)), exp2F64x2(promoteHigh(x)));
}

export function log2F32x4(x: v128): v128 {
  return demotePair(log2F64x2(f64x2.promote_low_f32x4(x)), log2F64x2(promoteHigh(x)));
}

export function log10F32x4(x: v128): v128 {
  return demotePair(log10F64x2(f64x2.promote_low_f32x4(x)), log10F64x2(promoteHigh(x)));
}

export function atan2F32x4(y: v128, x: v128): v128 {
  return demotePair(
    atan2F64x2(f64x2.promote_low_f32x4(y), f64x2.promote_low_f32x4(x)),
    atan2F64x2(promoteHigh(y), promoteHigh(x)),
  );
}

export function powF32x4(x: v128, y: v128): v128 {
  return demotePair(
    powF64x2(f64x2.promote_low_f32x4(x), f64x2.promote_low_f32x4(y)),
    powF64x2(promoteHigh(x), promoteHigh(y)),
  );
}
