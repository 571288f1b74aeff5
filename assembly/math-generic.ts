// The vector math that float32 and float64 share: the same range reductions and reconstructions, generic over the
// float type T and the integer type I of the same lane width (f32 with i32, f64 with i64). The constants and fitted
// polynomials of each precision are picked at compile time (byType, sizeof<T>()), so every instance compiles to
// straight-line code of its own precision. math-f32.ts and math-f64.ts export the instances (expm1F32x4, logF64x2...).
// Polynomial coefficients: near-minimax Chebyshev fits of the reduced functions named at each use, computed for this
// project with mpmath (the float32 ones rounded to float32; error bounds quoted are of the rounded polynomial).
import {
  LN2_HI_F32, LN2_HI_F64, LN2_LO_F32, LN2_LO_F64, LOG2E_F32, LOG2E_F64, byType, expF32x4, expF64x2, expTail, mantissaBits,
  pow2, vc,
} from './math-core';
import {
  copysignVec, f64ToI64, i64ToF64, poly2_6, poly2_11, poly2_16, poly4_2, poly4_4, poly4_5, poly4_6, sel,
} from './math-simd';
import { vmadd } from './simd';

const INF: f64 = Infinity;

/** Integer-valued T lanes (within i32 range) to I lanes. */
@inline
function toIntLanes<T>(x: v128): v128 {
  return sizeof<T>() == 4 ? i32x4.trunc_sat_f32x4_s(x) : f64ToI64(x);
}

/** I lanes (within i32 range) to T lanes. */
@inline
function toFloatLanes<T>(k: v128): v128 {
  return sizeof<T>() == 4 ? f32x4.convert_i32x4_s(k) : i64ToF64(k);
}

/** e^x for T lanes (math-core.ts). */
@inline
function expOf<T>(x: v128): v128 {
  return sizeof<T>() == 4 ? expF32x4(x) : expF64x2(x);
}

// ---------------------------------------------------------------- expm1

/**
 * e^x - 1: x = k ln2 + r, e^x - 1 = 2^k (r + t) + (2^k - 1) with t = e^r - 1 - r, evaluated as
 * 2 ((s r + (s - 1/2)) + s t) with s = 2^(k-1): the largest k stays representable, and the linear part is summed
 * first so that the cancellation at k = 1, r < 0 is exact (as in fdlibm). Max error about 1 ulp.
 */
@inline
export function expm1<T, I>(x: v128): v128 {
  // Below the lower bound e^x - 1 rounds to -1 (f32: e^-18, f64: e^-38); above the upper one it overflows.
  const xc = v128.min<T>(v128.max<T>(x, vc<T>(byType<T>(-18.0, -38.0))), vc<T>(byType<T>(89.0, 710.0)));
  const kf = v128.nearest<T>(v128.mul<T>(xc, vc<T>(byType<T>(LOG2E_F32, LOG2E_F64))));
  const hi = vmadd<T>(kf, vc<T>(-byType<T>(LN2_HI_F32, LN2_HI_F64)), xc); // exact
  const lo = v128.mul<T>(kf, vc<T>(byType<T>(LN2_LO_F32, LN2_LO_F64)));
  const r = v128.sub<T>(hi, lo);
  const rc = v128.sub<T>(v128.sub<T>(hi, r), lo); // rounding error of r, folded into the tail below
  const t = vmadd<T>(rc, r, v128.add<T>(expTail<T>(r), rc)); // e^(r + rc) - 1 - r to first order
  const k = toIntLanes<T>(kf);
  const s = pow2<T, I>(k, -1);
  const linear = v128.add<T>(v128.mul<T>(s, r), v128.sub<T>(s, vc<T>(0.5)));
  const y = v128.mul<T>(vc<T>(2.0), vmadd<T>(s, t, linear));
  const result = sel(v128.eq<I>(k, v128.splat<I>(0)), v128.add<T>(r, t), y);
  return sel(v128.eq<T>(x, vc<T>(0.0)), x, result); // keeps the sign of zero
}

// ---------------------------------------------------------------- logarithms

/**
 * log(1 + f) for f in [sqrt(1/2) - 1, sqrt(2) - 1] (fdlibm's decomposition), plus k ln2 and a correction c:
 * with s = f / (2 + f), log(1 + f) = 2 atanh(s) = f - f^2/2 + s (f^2/2 + R), R = s^2 Q(s^2),
 * Q fits (2 atanh(s)/s - 2) / s^2 on s^2 <= 0.0295 with |error| < 2.1e-7 (float32), 3.2e-16 (float64).
 */
@inline
export function log1pReduced<T>(f: v128, kf: v128, c: v128): v128 {
  const s = v128.div<T>(f, v128.add<T>(vc<T>(2.0), f));
  const z = v128.mul<T>(s, s);
  const q = sizeof<T>() == 4
    ? poly4_2(z, 0.6666669, 0.39988777, 0.29580158)
    : poly2_6(
      z, 0.666666666666667, 0.3999999999989938, 0.28571428626031065, 0.2222221112572281, 0.18182889786191042,
      0.15331699633543858, 0.14616721179861816,
    );
  const r = v128.mul<T>(z, q);
  const hfsq = v128.mul<T>(vc<T>(0.5), v128.mul<T>(f, f));
  const tail = vmadd<T>(s, v128.add<T>(hfsq, r), vmadd<T>(kf, vc<T>(byType<T>(LN2_LO_F32, LN2_LO_F64)), c));
  return vmadd<T>(kf, vc<T>(byType<T>(LN2_HI_F32, LN2_HI_F64)), v128.sub<T>(f, v128.sub<T>(hfsq, tail)));
}

/** Exponent k of the last splitMantissa call (I lanes). */
let splitK: v128 = v128.splat<i32>(0);

/** Splits positive normal x (as I lanes) into 2^k * m with m in [sqrt(1/2), sqrt(2)); returns m, k in splitK. */
@inline
function splitMantissa<T, I>(bits: v128): v128 {
  const sqrtHalfBits = sizeof<T>() == 4 ? <I>0x3f3504f3 : <I>0x3fe6a09e667f3bcd; // bits of sqrt(1/2)
  const t = v128.sub<I>(bits, v128.splat<I>(sqrtHalfBits));
  const k = v128.shr<I>(t, mantissaBits<T>());
  splitK = k;
  return v128.sub<I>(bits, v128.shl<I>(k, mantissaBits<T>()));
}

/** Exponent k (as T lanes) of the last logArgument call. */
export let logKf: v128 = v128.splat<i32>(0);

/** f = m - 1 of x = 2^k m (subnormals scaled to normal first); k as T lanes in logKf. */
@inline
export function logArgument<T, I>(x: v128): v128 {
  const subnormal = v128.lt<T>(x, vc<T>(byType<T>(1.17549435e-38, 2.2250738585072014e-308)));
  const scaleBits = sizeof<T>() == 4 ? 23 : 54; // subnormals are scaled by 2^scaleBits
  const m = splitMantissa<T, I>(sel(subnormal, v128.mul<T>(x, vc<T>(byType<T>(8388608.0, 18014398509481984.0))), x));
  logKf = toFloatLanes<T>(v128.sub<I>(splitK, v128.and(subnormal, v128.splat<I>(<I>scaleBits))));
  return v128.sub<T>(m, vc<T>(1.0));
}

/** log(0) = -inf, log(negative or NaN) = NaN, log(inf) = inf. */
@inline
export function logSpecialCases<T>(x: v128, r: v128): v128 {
  r = sel(v128.ge<T>(x, vc<T>(0.0)), r, vc<T>(NaN));
  r = sel(v128.eq<T>(x, vc<T>(0.0)), vc<T>(-INF), r);
  return sel(v128.eq<T>(x, vc<T>(INF)), vc<T>(INF), r);
}

/** Natural log. Max error about 1 ulp. */
@inline
export function log<T, I>(x: v128): v128 {
  const f = logArgument<T, I>(x);
  return logSpecialCases<T>(x, log1pReduced<T>(f, logKf, vc<T>(0.0)));
}

/**
 * log(1 + x) without cancellation: u = 1 + x = 2^k m; the rounding error of 1 + x is restored by
 * c = (x - (u - 1)) / u (or (1 - (u - x)) / u when k >= 2), and when k = 0 the reduced argument is x itself.
 */
@inline
export function log1p<T, I>(x: v128): v128 {
  const u = v128.add<T>(vc<T>(1.0), x);
  const m = splitMantissa<T, I>(u);
  const k = splitK;
  const kf = toFloatLanes<T>(k);
  const k0 = v128.eq<I>(k, v128.splat<I>(0));
  const cBig = v128.sub<T>(vc<T>(1.0), v128.sub<T>(u, x));
  const cSmall = v128.sub<T>(x, v128.sub<T>(u, vc<T>(1.0)));
  let c = v128.div<T>(sel(v128.ge<I>(k, v128.splat<I>(2)), cBig, cSmall), u);
  // The correction is dropped from k = mantissa bits + 2 on (25, 54), as in fdlibm's log1p.
  c = sel(v128.or(k0, v128.ge<I>(k, v128.splat<I>(<I>(mantissaBits<T>() + 2)))), vc<T>(0.0), c);
  const f = sel(k0, x, v128.sub<T>(m, vc<T>(1.0)));
  let r = log1pReduced<T>(f, kf, c);
  r = sel(v128.ge<T>(x, vc<T>(-1.0)), r, vc<T>(NaN));
  r = sel(v128.eq<T>(x, vc<T>(-1.0)), vc<T>(-INF), r);
  r = sel(v128.eq<T>(x, vc<T>(INF)), vc<T>(INF), r);
  return sel(v128.eq<T>(x, vc<T>(0.0)), x, r); // keeps the sign of zero
}

// ---------------------------------------------------------------- hyperbolic, logistic, error function

/**
 * tanh: |x| < 0.625: x + x^3 P(x^2), P fits (tanh(x)/x - 1) / x^2 with |error| < 5e-8 (float32), 1.9e-17 (float64);
 * otherwise 1 - 2 / (e^(2|x|) + 1). Odd symmetry restores the sign.
 */
@inline
export function tanh<T, I>(x: v128): v128 {
  const a = v128.abs<T>(x);
  const small = v128.lt<T>(a, vc<T>(0.625));
  let r = vc<T>(0.0);
  if (v128.any_true(small)) {
    const z = v128.mul<T>(a, a);
    const p = sizeof<T>() == 4
      ? poly4_4(z, -0.33333328, 0.13332769, -0.05385091, 0.02099718, -0.006096714)
      : poly2_11(
        z, -0.3333333333333333, 0.13333333333333042, -0.05396825396789699, 0.021869488519008305, -0.008863235103240878,
        0.0035921217511549622, -0.0014557754120478055, 0.0005896606577757043, -0.0002375906496055562,
        9.257116129556769e-5, -3.12011014257974e-5, 6.485163482793113e-6,
      );
    r = vmadd<T>(v128.mul<T>(a, z), p, a);
  }
  if (!v128.all_true<I>(small)) {
    const e = expOf<T>(v128.add<T>(a, a));
    r = sel(small, r, v128.sub<T>(vc<T>(1.0), v128.div<T>(vc<T>(2.0), v128.add<T>(e, vc<T>(1.0)))));
  }
  return copysignVec<T>(r, x);
}

/** 1 / (1 + e^-x), as e^x / (1 + e^x) for x < 0 so that the tail keeps its relative accuracy. */
@inline
export function sigmoid<T>(x: v128): v128 {
  const e = expOf<T>(v128.neg<T>(v128.abs<T>(x)));
  const numerator = sel(v128.ge<T>(x, vc<T>(0.0)), vc<T>(1.0), e);
  return v128.div<T>(numerator, v128.add<T>(vc<T>(1.0), e));
}

/**
 * erf: |x| < 1: x + x ((2/sqrt(pi) - 1) + x^2 P(x^2)), P fits (erf(x)/x - 2/sqrt(pi)) / x^2 with |error| < 1.2e-8
 * (float32), 1.5e-17 (float64); 1 <= |x| < X: 1 - exp(L(|x| - 1)), L fits log(erfc(x)) weighted by erfc/erf (relative
 * error of erf < 1e-8 with X = 4 for float32, < 4e-17 with X = 6 for float64); beyond X erf rounds to 1.
 */
@inline
export function erf<T, I>(x: v128): v128 {
  const a = v128.abs<T>(x);
  const small = v128.lt<T>(a, vc<T>(1.0));
  let r = vc<T>(0.0);
  if (v128.any_true(small)) {
    const z = v128.mul<T>(a, a);
    const p = sizeof<T>() == 4
      ? poly4_5(z, -0.37612638, 0.11283754, -0.0268617, 0.005204579, -0.0008161986, 0.000083797553)
      : poly2_11(
        z, -0.37612638903183754, 0.11283791670955111, -0.026866170645123838, 0.005223977625303518, -0.0008548327010033328,
        0.00012055332214716276, -1.4925622504489842e-5, 1.6461446656928561e-6, -1.6355118610877705e-7,
        1.4692484859133263e-8, -1.1500357159785296e-9, 6.174097221305255e-11,
      );
    r = vmadd<T>(a, vmadd<T>(z, p, vc<T>(0.1283791670955126)), a);
  }
  if (!v128.all_true<I>(small)) {
    const t = v128.sub<T>(v128.min<T>(a, vc<T>(byType<T>(4.0, 6.0))), vc<T>(1.0));
    const l = sizeof<T>() == 4
      ? poly4_6(t, -1.8496056, -2.6389668, -0.8431176, -0.041503508, 0.009895476, -0.0018293957, 0.00018638273)
      : poly2_16(
        t, -1.8496055099332485, -2.638967514234732, -0.8431072563618541, -0.041561097972668624, 0.010033824605454432,
        -0.0019778975183545565, 0.00023730115759510413, 2.633904715589985e-5, -2.7282758973940845e-5,
        9.789321626760857e-6, -2.2527109397592524e-6, 2.9521069563731017e-7, 8.732327607650102e-9,
        -1.4100540335007676e-8, 3.2506729171867187e-9, -3.6855331935187053e-10, 1.7704680483432294e-11,
      );
    r = sel(small, r, v128.sub<T>(vc<T>(1.0), expOf<T>(l)));
  }
  return copysignVec<T>(r, x);
}
