// Vectorised float32 math on f32x4 lanes. exp, log, log1p, expm1, tanh, sigmoid and erf are evaluated in single
// precision (range reduction + polynomial, fdlibm/Cephes-style); the less frequent sin, cos, atan, asin, atan2, pow,
// exp2, log2 and log10 are evaluated by the float64 kernels on widened lanes and rounded once, which makes them
// correctly rounded in all but rare halfway cases.
// Polynomial coefficients: near-minimax Chebyshev fits of the reduced functions named at each use, computed for this
// project with mpmath and rounded to float32 (error bounds quoted are of the rounded polynomial).
import { c4, copysign4, demotePair, fma4, poly4_2, poly4_4, poly4_5, poly4_6, promoteHigh, sel } from './math-simd';
import {
  asinF64x2, atan2F64x2, atanF64x2, cosF64x2, exp2F64x2, log10F64x2, log2F64x2, powF64x2, sinF64x2,
} from './math-f64';

const LN2_HI: f32 = 0.693145751953125; // 16 significant bits: k * LN2_HI is exact for |k| < 2^8
const LN2_LO: f32 = 1.4286068e-6; // ln 2 - LN2_HI
const LOG2E: f32 = 1.44269504;
const MIN_NORMAL: f32 = 1.17549435e-38;
const INF: f32 = Infinity;

/** x * 2^k for i32 lanes k in [-252, 254], in two power-of-two steps so that subnormal results are rounded once. */
@inline
function scaleByPow2(x: v128, k: v128): v128 {
  const k1 = i32x4.shr_s(k, 1);
  const k2 = i32x4.sub(k, k1);
  const s1 = i32x4.shl(i32x4.add(k1, i32x4.splat(127)), 23);
  const s2 = i32x4.shl(i32x4.add(k2, i32x4.splat(127)), 23);
  return f32x4.mul(f32x4.mul(x, s1), s2);
}

/**
 * The nonlinear part t = e^r - 1 - r for |r| <= ln2/2, as r^2 (1/2 + r P(r)):
 * P fits (expm1(r) - r - r^2/2) / r^3 with |error| < 1.4e-8.
 */
@inline
function expm1Tail(r: v128): v128 {
  const p = poly4_5(r, 0.5, 0.16666667, 0.041666556, 0.008333321, 0.0013926184, 0.00019882698);
  return f32x4.mul(f32x4.mul(r, r), p);
}

/** e^x: x = k ln2 + r (Cody-Waite), e^x = 2^k (1 + expm1(r)). Max error about 1 ulp. */
export function expF32x4(x: v128): v128 {
  // Beyond these bounds the result is 0 or +inf anyway; min/max pass NaN through.
  const xc = f32x4.min(f32x4.max(x, c4(-104.0)), c4(89.0));
  const kf = f32x4.nearest(f32x4.mul(xc, c4(LOG2E)));
  const r = fma4(kf, c4(-LN2_LO), fma4(kf, c4(-LN2_HI), xc));
  // e^r = 1 + r + r^2 P(r), P fits (e^r - 1 - r) / r^2 on |r| <= ln2/2 with |error| < 6.8e-8.
  const p = poly4_4(r, 0.5, 0.16666576, 0.041666556, 0.008363179, 0.0013926184);
  const er = f32x4.add(c4(1.0), fma4(f32x4.mul(r, r), p, r));
  return scaleByPow2(er, i32x4.trunc_sat_f32x4_s(kf));
}

/**
 * log(1 + f) for f in [sqrt(1/2) - 1, sqrt(2) - 1] (fdlibm's decomposition), plus k ln2 and a correction c:
 * with s = f / (2 + f), log(1 + f) = 2 atanh(s) = f - f^2/2 + s (f^2/2 + R), R = s^2 Q(s^2),
 * Q fits (2 atanh(s)/s - 2) / s^2 on s^2 <= 0.0295 with |error| < 2.1e-7.
 */
@inline
function log1pReduced(f: v128, kf: v128, c: v128): v128 {
  const s = f32x4.div(f, f32x4.add(c4(2.0), f));
  const z = f32x4.mul(s, s);
  const r = f32x4.mul(z, poly4_2(z, 0.6666669, 0.39988777, 0.29580158));
  const hfsq = f32x4.mul(c4(0.5), f32x4.mul(f, f));
  const tail = fma4(s, f32x4.add(hfsq, r), fma4(kf, c4(LN2_LO), c));
  return fma4(kf, c4(LN2_HI), f32x4.sub(f, f32x4.sub(hfsq, tail)));
}

/**
 * Splits positive normal x (as i32 lanes) into 2^k * m with m in [sqrt(1/2), sqrt(2)); returns m, k in `splitK`.
 */
let splitK: v128 = i32x4.splat(0);
@inline
function splitMantissa(bits: v128): v128 {
  const t = i32x4.sub(bits, i32x4.splat(0x3f3504f3)); // bits of sqrt(1/2)
  const k = i32x4.shr_s(t, 23);
  splitK = k;
  return i32x4.sub(bits, i32x4.shl(k, 23));
}

/** Natural log. Max error about 1 ulp; log(0) = -inf, log(x < 0) = NaN. */
export function logF32x4(x: v128): v128 {
  const subnormal = f32x4.lt(x, c4(MIN_NORMAL));
  const xs = sel(subnormal, f32x4.mul(x, c4(8388608.0)), x); // 2^23
  const m = splitMantissa(xs);
  const k = i32x4.sub(splitK, v128.and(subnormal, i32x4.splat(23)));
  const kf = f32x4.convert_i32x4_s(k);
  let r = log1pReduced(f32x4.sub(m, c4(1.0)), kf, c4(0.0));
  r = sel(f32x4.ge(x, c4(0.0)), r, c4(NaN)); // negative and NaN inputs
  r = sel(f32x4.eq(x, c4(0.0)), c4(-INF), r);
  return sel(f32x4.eq(x, c4(INF)), c4(INF), r);
}

/**
 * log(1 + x) without cancellation: u = 1 + x = 2^k m; the rounding error of 1 + x is restored by
 * c = (x - (u - 1)) / u (or (1 - (u - x)) / u when k >= 2), and when k = 0 the reduced argument is x itself.
 */
export function log1pF32x4(x: v128): v128 {
  const u = f32x4.add(c4(1.0), x);
  const m = splitMantissa(u);
  const k = splitK;
  const kf = f32x4.convert_i32x4_s(k);
  const k0 = i32x4.eq(k, i32x4.splat(0));
  const cBig = f32x4.sub(c4(1.0), f32x4.sub(u, x));
  const cSmall = f32x4.sub(x, f32x4.sub(u, c4(1.0)));
  let c = f32x4.div(sel(i32x4.ge_s(k, i32x4.splat(2)), cBig, cSmall), u);
  c = sel(v128.or(k0, i32x4.ge_s(k, i32x4.splat(25))), c4(0.0), c);
  const f = sel(k0, x, f32x4.sub(m, c4(1.0)));
  let r = log1pReduced(f, kf, c);
  r = sel(f32x4.ge(x, c4(-1.0)), r, c4(NaN));
  r = sel(f32x4.eq(x, c4(-1.0)), c4(-INF), r);
  r = sel(f32x4.eq(x, c4(INF)), c4(INF), r);
  return sel(f32x4.eq(x, c4(0.0)), x, r); // keeps the sign of zero
}

/**
 * e^x - 1: x = k ln2 + r, e^x - 1 = 2^k (r + t) + (2^k - 1) with t = e^r - 1 - r, evaluated as
 * 2 ((s r + (s - 1/2)) + s t) with s = 2^(k-1): k = 128 stays representable, and the linear part is summed first
 * so that the cancellation at k = 1, r < 0 is exact (as in fdlibm). Max error about 1 ulp.
 */
export function expm1F32x4(x: v128): v128 {
  const xc = f32x4.min(f32x4.max(x, c4(-18.0)), c4(89.0)); // e^-18 - 1 rounds to -1
  const kf = f32x4.nearest(f32x4.mul(xc, c4(LOG2E)));
  const hi = fma4(kf, c4(-LN2_HI), xc); // exact
  const lo = f32x4.mul(kf, c4(LN2_LO));
  const r = f32x4.sub(hi, lo);
  const rc = f32x4.sub(f32x4.sub(hi, r), lo); // rounding error of r, folded into the tail below
  const t = fma4(rc, r, f32x4.add(expm1Tail(r), rc)); // e^(r + rc) - 1 - r to first order
  const k = i32x4.trunc_sat_f32x4_s(kf);
  const s = i32x4.shl(i32x4.add(k, i32x4.splat(126)), 23); // 2^(k-1)
  const linear = f32x4.add(f32x4.mul(s, r), f32x4.sub(s, c4(0.5)));
  const y = f32x4.mul(c4(2.0), fma4(s, t, linear));
  const result = sel(i32x4.eq(k, i32x4.splat(0)), f32x4.add(r, t), y);
  return sel(f32x4.eq(x, c4(0.0)), x, result); // keeps the sign of zero
}

/**
 * tanh: |x| < 0.625: x + x^3 P(x^2), P fits (tanh(x)/x - 1) / x^2 with |error| < 5e-8;
 * otherwise 1 - 2 / (e^(2|x|) + 1). Odd symmetry restores the sign.
 */
export function tanhF32x4(x: v128): v128 {
  const a = f32x4.abs(x);
  const small = f32x4.lt(a, c4(0.625));
  let r = c4(0.0);
  if (v128.any_true(small)) {
    const z = f32x4.mul(a, a);
    const p = poly4_4(z, -0.33333328, 0.13332769, -0.05385091, 0.02099718, -0.006096714);
    r = fma4(f32x4.mul(a, z), p, a);
  }
  if (!i32x4.all_true(small)) {
    const e = expF32x4(f32x4.add(a, a));
    r = sel(small, r, f32x4.sub(c4(1.0), f32x4.div(c4(2.0), f32x4.add(e, c4(1.0)))));
  }
  return copysign4(r, x);
}

/** 1 / (1 + e^-x), as e^x / (1 + e^x) for x < 0 so that the tail keeps its relative accuracy. */
export function sigmoidF32x4(x: v128): v128 {
  const e = expF32x4(f32x4.neg(f32x4.abs(x)));
  const numerator = sel(f32x4.ge(x, c4(0.0)), c4(1.0), e);
  return f32x4.div(numerator, f32x4.add(c4(1.0), e));
}

/**
 * erf: |x| < 1: x + x ((2/sqrt(pi) - 1) + x^2 P(x^2)), P fits (erf(x)/x - 2/sqrt(pi)) / x^2 with |error| < 1.2e-8;
 * 1 <= |x| < 4: 1 - exp(L(|x| - 1)), L fits log(erfc(x)) weighted by erfc/erf (relative error of erf < 1e-8);
 * beyond 4 erf rounds to 1.
 */
export function erfF32x4(x: v128): v128 {
  const a = f32x4.abs(x);
  const small = f32x4.lt(a, c4(1.0));
  let r = c4(0.0);
  if (v128.any_true(small)) {
    const z = f32x4.mul(a, a);
    const p = poly4_5(z, -0.37612638, 0.11283754, -0.0268617, 0.005204579, -0.0008161986, 0.000083797553);
    r = fma4(a, fma4(z, p, c4(0.1283791670955126)), a);
  }
  if (!i32x4.all_true(small)) {
    const t = f32x4.sub(f32x4.min(a, c4(4.0)), c4(1.0));
    const l = poly4_6(t, -1.8496056, -2.6389668, -0.8431176, -0.041503508, 0.009895476, -0.0018293957, 0.00018638273);
    r = sel(small, r, f32x4.sub(c4(1.0), expF32x4(l)));
  }
  return copysign4(r, x);
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
