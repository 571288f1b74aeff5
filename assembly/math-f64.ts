// Vectorised float64 math on f64x2 lanes: exp, exp2, expm1, log, log2, log10, log1p, sin, cos, tanh, sigmoid, atan,
// asin, atan2, erf and pow. Range reductions follow fdlibm (Cody-Waite splits of ln2 and pi/2, the s = f/(2+f)
// form of log, Payne-Hanek reduction for huge trigonometric arguments); pow keeps log|x| and y log|x| in
// double-double so that large results stay within a few ulp. expm1, log, log1p, tanh, sigmoid and erf share their
// algorithm with float32 (math-generic.ts); exp itself is in math-core.ts, below both.
// Polynomial coefficients: near-minimax Chebyshev fits of the reduced functions named at each use, computed for this
// project with mpmath (error bounds quoted are of the rounded polynomial). Constants split in hi/lo pairs are the
// rounded value and the rounded remainder.
import { c2, copysignVec, f64ToI64, fma2, i64ToF64, isNaN2, poly2_5, poly2_6, poly2_10, poly2_11, poly2_12, sel } from './math-simd';
import { LN2_HI_F64 as LN2_HI, LN2_LO_F64 as LN2_LO, LOG2E_F64 as LOG2E, expWithTail, scaleByPow2 } from './math-core';
import { erf, expm1, log, log1p, log1pReduced, logArgument, logKf, logSpecialCases, sigmoid, tanh } from './math-generic';

export { expF64x2 } from './math-core';

const LOG10E: f64 = 0.4342944819032518;
const LOG10_2_HI: f64 = 0.30102999566395283; // 42 significant bits
const LOG10_2_LO: f64 = 2.8363394551044964e-14;
const MIN_NORMAL: f64 = 2.2250738585072014e-308;
const TWO54: f64 = 18014398509481984.0;
const INF: f64 = Infinity;
const PIO2_HI: f64 = 1.5707963267948966;
const PIO2_LO: f64 = 6.123233995736766e-17;
const PIO4_HI: f64 = 0.7853981633974483;
const PIO4_LO: f64 = 3.061616997868383e-17;
const PI_HI: f64 = 3.141592653589793;
const PI_LO: f64 = 1.2246467991473532e-16;
const SIGN_MASK: i64 = <i64>0x8000000000000000;

/** 2^x: x = k + r, |r| <= 1/2 (exact), 2^r = 1 + r P(r), P fits (2^r - 1) / r with |error| < 2.9e-17. */
function exp2F64x2(x: v128): v128 {
  const xc = f64x2.min(f64x2.max(x, c2(-1100.0)), c2(1100.0));
  const kf = f64x2.nearest(xc);
  const r = f64x2.sub(xc, kf);
  const p = poly2_11(
    r, 0.6931471805599453, 0.24022650695910072, 0.055504108664821625, 0.00961812910762848, 0.001333355814640647,
    0.00015403530393370734, 1.5252733841556773e-5, 1.3215486808705563e-6, 1.0178057087733941e-7, 7.0548973041554995e-9,
    4.4558179083360645e-10, 2.5729324177362305e-11,
  );
  return scaleByPow2<f64, i64>(fma2(r, p, c2(1.0)), f64ToI64(kf));
}

/** e^x - 1. Max error about 1 ulp. */
function expm1F64x2(x: v128): v128 {
  return expm1<f64, i64>(x);
}

// ---------------------------------------------------------------- logarithms

/** Natural log. Max error about 1 ulp. */
function logF64x2(x: v128): v128 {
  return log<f64, i64>(x);
}

/** log2(x) = k + log(m) log2(e); exact at powers of two. */
function log2F64x2(x: v128): v128 {
  const f = logArgument<f64, i64>(x);
  const kf = logKf;
  const lm = log1pReduced<f64>(f, c2(0.0), c2(0.0));
  return logSpecialCases<f64>(x, fma2(lm, c2(LOG2E), kf));
}

/** log10(x) = k log10(2) + log(m) log10(e). */
function log10F64x2(x: v128): v128 {
  const f = logArgument<f64, i64>(x);
  const kf = logKf;
  const lm = log1pReduced<f64>(f, c2(0.0), c2(0.0));
  const r = fma2(kf, c2(LOG10_2_HI), fma2(lm, c2(LOG10E), f64x2.mul(kf, c2(LOG10_2_LO))));
  return logSpecialCases<f64>(x, r);
}

function log1pF64x2(x: v128): v128 {
  return log1p<f64, i64>(x);
}

// ---------------------------------------------------------------- hyperbolic, logistic, error function

function tanhF64x2(x: v128): v128 {
  return tanh<f64, i64>(x);
}

function sigmoidF64x2(x: v128): v128 {
  return sigmoid<f64>(x);
}

function erfF64x2(x: v128): v128 {
  return erf<f64, i64>(x);
}

// ---------------------------------------------------------------- inverse trigonometric

/** atan(t) for |t| <= tan(pi/8): t + t^3 P(t^2), P fits (atan(t)/t - 1) / t^2 with |error| < 4.5e-17. */
@inline
function atanReduced(t: v128): v128 {
  const z = f64x2.mul(t, t);
  const p = poly2_10(
    z, -0.3333333333333333, 0.19999999999995513, -0.1428571428466482, 0.11111111015117626, -0.09090904572487347,
    0.07692183059894114, -0.06664509603255386, 0.05858132894427922, -0.05085365922344248, 0.03922923713835943,
    -0.01917392228554793,
  );
  return fma2(f64x2.mul(t, z), p, t);
}

/**
 * atan(a) for a >= 0: a > tan(3pi/8): pi/2 + atan(-1/a); a > tan(pi/8): pi/4 + atan((a-1)/(a+1)); else atan(a).
 */
@inline
function atanNonNegative(a: v128): v128 {
  const big = f64x2.gt(a, c2(2.414213562373095));
  const mid = f64x2.gt(a, c2(0.41421356237309503));
  const num = sel(big, c2(-1.0), f64x2.sub(a, c2(1.0)));
  const den = sel(big, a, f64x2.add(a, c2(1.0)));
  const t = sel(mid, f64x2.div(num, den), a);
  const baseHi = sel(big, c2(PIO2_HI), v128.and(mid, c2(PIO4_HI)));
  const baseLo = sel(big, c2(PIO2_LO), v128.and(mid, c2(PIO4_LO)));
  return f64x2.add(baseHi, f64x2.add(atanReduced(t), baseLo));
}

function atanF64x2(x: v128): v128 {
  return copysignVec<f64>(atanNonNegative(f64x2.abs(x)), x);
}

/**
 * atan2(y, x) with C99's special cases: a = atan of min(|x|,|y|)/max(|x|,|y|) in [0, pi/4], placed in the right octant
 * by the signs of x (-0 counts as negative) and whether |y| > |x|, signed like y.
 */
function atan2F64x2(y: v128, x: v128): v128 {
  const ax = f64x2.abs(x);
  const ay = f64x2.abs(y);
  const swap = f64x2.gt(ay, ax);
  let q = f64x2.div(sel(swap, ax, ay), sel(swap, ay, ax));
  q = sel(v128.and(f64x2.eq(ax, c2(0.0)), f64x2.eq(ay, c2(0.0))), c2(0.0), q); // atan2(+-0, +-0)
  q = sel(v128.and(f64x2.eq(ax, c2(INF)), f64x2.eq(ay, c2(INF))), c2(1.0), q); // atan2(+-inf, +-inf)
  const a = atanNonNegative(q);
  const negativeX = i64x2.shr_s(x, 63);
  // |y| > |x|: pi/2 - a, or pi/2 + a when x is negative; otherwise a, or pi - a when x is negative.
  const swapped = f64x2.add(f64x2.add(c2(PIO2_HI), sel(negativeX, a, f64x2.neg(a))), c2(PIO2_LO));
  const reflected = f64x2.add(f64x2.sub(c2(PI_HI), a), c2(PI_LO));
  return copysignVec<f64>(sel(swap, swapped, sel(negativeX, reflected, a)), y);
}

/**
 * asin: |x| <= 1/2: x + x^3 P(x^2); otherwise pi/2 - 2 asin(sqrt(z)), z = (1 - |x|)/2, with sqrt(z) = f + c split so
 * that pi/2 - 2f is exact (fdlibm's scheme). P fits (asin(s)/s - 1) / s^2 on s^2 <= 1/4 with |error| < 2.2e-17.
 */
function asinF64x2(x: v128): v128 {
  const a = f64x2.abs(x);
  const small = f64x2.le(a, c2(0.5));
  const z = sel(small, f64x2.mul(a, a), f64x2.mul(f64x2.sub(c2(1.0), a), c2(0.5)));
  const p = poly2_12(
    z, 0.16666666666666669, 0.07499999999998433, 0.04464285714635543, 0.030381944138531247, 0.02237217294214989,
    0.017352392720869973, 0.013971212973552933, 0.011479177415184906, 0.01032281435018578, 0.005457506718640358,
    0.01740087944269402, -0.014851887071247204, 0.028757851367421566,
  );
  const zp = f64x2.mul(z, p);
  const smallResult = fma2(a, zp, a);
  const s = f64x2.sqrt(z);
  const f = v128.and(s, i64x2.splat(<i64>0xfffffffff8000000)); // 26 significant bits: f * f is exact
  let c = f64x2.div(f64x2.sub(z, f64x2.mul(f, f)), f64x2.add(s, f));
  c = sel(f64x2.eq(s, c2(0.0)), c2(0.0), c);
  const head = f64x2.sub(c2(PIO2_HI), f64x2.add(f, f));
  const tail = f64x2.sub(c2(PIO2_LO), f64x2.mul(c2(2.0), fma2(s, zp, c)));
  return copysignVec<f64>(sel(small, smallResult, f64x2.add(head, tail)), x);
}

// ---------------------------------------------------------------- sin and cos

// pi/2 in four pieces: the first three have 33 significant bits, so j * piece is exact for j < 2^20.
const PIO2_1: f64 = 1.5707963267341256;
const PIO2_2: f64 = 6.077100506303966e-11;
const PIO2_3: f64 = 2.0222662487111665e-21;
const PIO2_4: f64 = 8.4784276603689e-32;
const MEDIUM_LIMIT: f64 = 1647099.0; // about 2^20 pi/2

/**
 * 2/pi in 32-bit words, most significant first (bit j of the sequence has weight 2^-j), preceded by two zero words so
 * that arguments down to 2^-62 index inside the table. Computed for this project with mpmath.
 */
const TWO_OVER_PI: usize = memory.data<u32>([
  0, 0,
  0xA2F9836E, 0x4E441529, 0xFC2757D1, 0xF534DDC0, 0xDB629599, 0x3C439041, 0xFE5163AB, 0xDEBBC561,
  0xB7246E3A, 0x424DD2E0, 0x06492EEA, 0x09D1921C, 0xFE1DEB1C, 0xB129A73E, 0xE88235F5, 0x2EBB4484,
  0xE99C7026, 0xB45F7E41, 0x3991D639, 0x835339F4, 0x9C845F8B, 0xBDF9283B, 0x1FF897FF, 0xDE05980F,
  0xEF2F118B, 0x5A0A6D1F, 0x6D367ECF, 0x27CB09B7, 0x4F463F66, 0x9E5FEA2D, 0x7527BAC7, 0xEBE5F17B,
  0x3D0739F7, 0x8A5292EA, 0x6BFB5FB1, 0x1F8D5D08, 0x56033046, 0xFC7B6BAB, 0xF0CFBC20, 0x9AF4361D,
]);

/** 32 bits of TWO_OVER_PI starting at bit index `at` (bit 0 = most significant bit of word 0). */
@inline
function twoOverPiBits(at: i32): u64 {
  const word = <usize>(at >> 5);
  const hi = <u64>load<u32>(TWO_OVER_PI + (word << 2));
  const lo = <u64>load<u32>(TWO_OVER_PI + ((word + 1) << 2));
  return (((hi << 32) | lo) << <u64>(at & 31)) >> 32;
}

/** Quadrant of the last reducePio2Large call. */
let largeQuadrant: i32 = 0;

/**
 * Payne-Hanek reduction of a finite x >= 2^20 pi/2: with x = m 2^e (m a 53-bit integer), only the bits of 2/pi from
 * weight 2^(1-e) on matter modulo 4; m times a 192-bit window of them gives the quadrant (top two bits) and the
 * fraction (190 bits, enough for the closest approach of a double to a multiple of pi/2). Returns r in [-pi/4, pi/4].
 */
function reducePio2Large(x: f64): f64 {
  const bits = reinterpret<u64>(x);
  const e = <i32>(bits >> 52) - 1075;
  const m = (bits & 0x000fffffffffffff) | 0x0010000000000000;
  const first = e + 62; // table bit index of weight 2^(1-e)
  const w0 = twoOverPiBits(first + 160); // least significant limb
  const w1 = twoOverPiBits(first + 128);
  const w2 = twoOverPiBits(first + 96);
  const w3 = twoOverPiBits(first + 64);
  const w4 = twoOverPiBits(first + 32);
  const w5 = twoOverPiBits(first);
  const MASK: u64 = 0xffffffff;
  const ml = m & MASK;
  const mh = m >> 32;
  // (ml + mh 2^32) * W modulo 2^192, in 32-bit limbs a0..a5.
  let t = ml * w0;
  const a0 = t & MASK;
  t = ml * w1 + (t >> 32);
  let a1 = t & MASK;
  t = ml * w2 + (t >> 32);
  let a2 = t & MASK;
  t = ml * w3 + (t >> 32);
  let a3 = t & MASK;
  t = ml * w4 + (t >> 32);
  let a4 = t & MASK;
  t = ml * w5 + (t >> 32);
  let a5 = t & MASK;
  t = mh * w0 + a1;
  a1 = t & MASK;
  t = mh * w1 + a2 + (t >> 32);
  a2 = t & MASK;
  t = mh * w2 + a3 + (t >> 32);
  a3 = t & MASK;
  t = mh * w3 + a4 + (t >> 32);
  a4 = t & MASK;
  t = mh * w4 + a5 + (t >> 32);
  a5 = t & MASK;
  let hi = (a5 << 32) | a4;
  let mid = (a3 << 32) | a2;
  let lo = (a1 << 32) | a0;
  let quadrant = <i32>(hi >> 62);
  // Drop the quadrant bits: the fraction in [0, 1) as a 192-bit fixed-point number.
  hi = (hi << 2) | (mid >> 62);
  mid = (mid << 2) | (lo >> 62);
  lo = lo << 2;
  let negative = false;
  if ((hi >> 63) != 0) {
    // fraction >= 1/2: take fraction - 1 (negate the 192-bit number) and round the quadrant up.
    quadrant++;
    negative = true;
    lo = ~lo + 1;
    const carry1: u64 = lo == 0 ? 1 : 0;
    mid = ~mid + carry1;
    const carry2: u64 = carry1 == 1 && mid == 0 ? 1 : 0;
    hi = ~hi + carry2;
  }
  let shift: i32 = 0;
  if (hi == 0) {
    hi = mid;
    mid = lo;
    shift = 64;
  }
  const lz = <i32>clz(hi);
  if (lz > 0) {
    hi = (hi << <u64>lz) | (mid >> <u64>(64 - lz));
    mid = mid << <u64>lz;
    shift += lz;
  }
  const scale = reinterpret<f64>(<u64>(1023 - 64 - shift) << 52);
  const head = <f64>(hi >> 11) * (2048.0 * scale); // exact: 53 bits
  const rest = (<f64>(hi & 0x7ff) + <f64>(mid >> 11) * 1.1102230246251565e-16) * scale; // 2^-53
  const r = head * PIO2_HI + (head * PIO2_LO + rest * PIO2_HI);
  largeQuadrant = quadrant & 3;
  return negative ? -r : r;
}

/** Quadrant (as f64 lanes) of the last reducePio2 call. */
let reducedQuadrant: v128 = f64x2.splat(0);

/** r = a - j pi/2 in [-pi/4, pi/4] for a >= 0 (Cody-Waite with four pieces; Payne-Hanek lanes beyond 2^20 pi/2). */
@inline
function reducePio2(a: v128): v128 {
  let j = f64x2.nearest(f64x2.mul(a, c2(0.6366197723675814)));
  let r = fma2(j, c2(-PIO2_1), a);
  r = fma2(j, c2(-PIO2_2), r);
  r = fma2(j, c2(-PIO2_3), r);
  r = fma2(j, c2(-PIO2_4), r);
  const large = v128.and(f64x2.ge(a, c2(MEDIUM_LIMIT)), f64x2.lt(a, c2(INF)));
  if (v128.any_true(large)) {
    if (i64x2.extract_lane(large, 0) != 0) {
      r = f64x2.replace_lane(r, 0, reducePio2Large(f64x2.extract_lane(a, 0)));
      j = f64x2.replace_lane(j, 0, <f64>largeQuadrant);
    }
    if (i64x2.extract_lane(large, 1) != 0) {
      r = f64x2.replace_lane(r, 1, reducePio2Large(f64x2.extract_lane(a, 1)));
      j = f64x2.replace_lane(j, 1, <f64>largeQuadrant);
    }
  }
  reducedQuadrant = j;
  return r;
}

/** sin(r) for |r| <= pi/4: r + r^3 S(r^2), S fits (sin(r)/r - 1) / r^2 with |error| < 3.3e-17. */
@inline
function sinReduced(r: v128, z: v128): v128 {
  const s = poly2_5(
    z, -0.16666666666666666, 0.008333333333330925, -0.00019841269836722418, 2.755731608381636e-6,
    -2.5051127944014188e-8, 1.5917848524808262e-10,
  );
  return fma2(f64x2.mul(r, z), s, r);
}

/**
 * cos(r) for |r| <= pi/4: 1 - r^2/2 + r^4 C(r^2), C fits (cos(r) - 1 + r^2/2) / r^4 with |error| < 2.4e-18;
 * the rounding of 1 - r^2/2 is recovered as in fdlibm.
 */
@inline
function cosReduced(z: v128): v128 {
  const c = poly2_5(
    z, 0.041666666666666664, -0.0013888888888887382, 2.480158729874307e-5, -2.7557317260008837e-7,
    2.0876143827993133e-9, -1.1382456778061306e-11,
  );
  const hz = f64x2.mul(c2(0.5), z);
  const w = f64x2.sub(c2(1.0), hz);
  return f64x2.add(w, fma2(f64x2.mul(z, z), c, f64x2.sub(f64x2.sub(c2(1.0), w), hz)));
}

/** sin (quadrantOffset 0) or cos (1) of |x| by quadrant. */
@inline
function sinCosNonNegative(a: v128, quadrantOffset: i64): v128 {
  const r = reducePio2(a);
  const j = i64x2.add(f64ToI64(reducedQuadrant), i64x2.splat(quadrantOffset));
  const z = f64x2.mul(r, r);
  const useCos = i64x2.ne(v128.and(j, i64x2.splat(1)), i64x2.splat(0));
  const negate = i64x2.shl(v128.and(j, i64x2.splat(2)), 62); // sign bit
  const v = sel(useCos, cosReduced(z), sinReduced(r, z));
  return v128.xor(v, negate);
}

function sinF64x2(x: v128): v128 {
  const v = sinCosNonNegative(f64x2.abs(x), 0);
  return v128.xor(v, v128.and(x, i64x2.splat(SIGN_MASK)));
}

function cosF64x2(x: v128): v128 {
  return sinCosNonNegative(f64x2.abs(x), 1);
}

// ---------------------------------------------------------------- pow

const SQRT1P5: f64 = 1.224744871391589;
const SQRT3: f64 = 1.7320508075688772;
const LOG1P5_HI: f64 = 0.4054651081081644;
const LOG1P5_LO: f64 = -2.8811380259626426e-18;
const VELTKAMP: f64 = 134217729.0; // 2^27 + 1

/** Keeps 26 significant bits (products of two such numbers are exact). */
@inline
function truncate26(x: v128): v128 {
  return v128.and(x, i64x2.splat(<i64>0xfffffffff8000000));
}

/** Rounding error of s = a + b (Knuth's two-sum). */
@inline
function twoSumError(a: v128, b: v128, s: v128): v128 {
  const bb = f64x2.sub(s, a);
  return f64x2.add(f64x2.sub(a, f64x2.sub(s, bb)), f64x2.sub(b, bb));
}

/** Rounding error of p = a * b (Dekker's product with Veltkamp splitting; plain multiplies, no fusing needed). */
@inline
function twoProductError(a: v128, b: v128, p: v128): v128 {
  const ca = f64x2.mul(a, c2(VELTKAMP));
  const ah = f64x2.sub(ca, f64x2.sub(ca, a));
  const al = f64x2.sub(a, ah);
  const cb = f64x2.mul(b, c2(VELTKAMP));
  const bh = f64x2.sub(cb, f64x2.sub(cb, b));
  const bl = f64x2.sub(b, bh);
  const e = f64x2.add(f64x2.add(f64x2.sub(f64x2.mul(ah, bh), p), f64x2.mul(ah, bl)), f64x2.mul(al, bh));
  return f64x2.add(e, f64x2.mul(al, bl));
}

/** Double-double tail of the last logDoubleDouble call. */
let logTail: v128 = f64x2.splat(0);

/**
 * log(a) for positive finite a as head + logTail, relative error about 2^-64: a = 2^k m with m in [0.87, 1.74),
 * m = bp (1 + ...) with bp in {1, 1.5} (fdlibm pow's split), s = (m - bp) / (m + bp) kept as sh + sl with sh of 26
 * bits, log(m / bp) = 2 atanh(s) = 2 sh + 2 sl + s^3 Q(s^2), Q fits (2 atanh(s)/s - 2) / s^2 on |s| <= 0.101 with
 * |error| < 3.8e-17.
 */
@inline
function logDoubleDouble(a: v128): v128 {
  const subnormal = f64x2.lt(a, c2(MIN_NORMAL));
  const as = sel(subnormal, f64x2.mul(a, c2(TWO54)), a);
  let k = i64x2.sub(i64x2.shr_s(as, 52), i64x2.splat(1023));
  k = i64x2.sub(k, v128.and(subnormal, i64x2.splat(54)));
  let m = v128.or(v128.and(as, i64x2.splat(0x000fffffffffffff)), i64x2.splat(0x3ff0000000000000)); // [1, 2)
  const upper = f64x2.ge(m, c2(SQRT3));
  m = sel(upper, f64x2.mul(m, c2(0.5)), m);
  k = i64x2.sub(k, upper); // the mask is -1 where m was halved
  const mid = f64x2.ge(m, c2(SQRT1P5));
  const bp = sel(mid, c2(1.5), c2(1.0));
  const u = f64x2.sub(m, bp); // exact
  const v = f64x2.add(m, bp);
  const vh = truncate26(v);
  const vl = f64x2.sub(m, f64x2.sub(vh, bp)); // v = vh + vl exactly
  const s = f64x2.div(u, v);
  const sh = truncate26(s);
  const sl = f64x2.div(f64x2.sub(f64x2.sub(u, f64x2.mul(sh, vh)), f64x2.mul(sh, vl)), v);
  const z = f64x2.mul(s, s);
  const q = poly2_6(
    z, 0.6666666666666666, 0.39999999999999836, 0.2857142857168606, 0.22222222071011027, 0.18181860437247624,
    0.15378562090442857, 0.13761913945380705,
  );
  const cube = f64x2.mul(f64x2.mul(s, z), q);
  const kf = i64ToF64(k);
  const a0 = f64x2.mul(kf, c2(LN2_HI)); // exact
  const b0 = v128.and(mid, c2(LOG1P5_HI));
  const h1 = f64x2.add(a0, b0);
  const e1 = twoSumError(a0, b0, h1);
  const sh2 = f64x2.add(sh, sh);
  const h2 = f64x2.add(h1, sh2);
  const e2 = twoSumError(h1, sh2, h2);
  let lo = f64x2.add(f64x2.add(sl, sl), cube);
  lo = f64x2.add(lo, f64x2.add(f64x2.mul(kf, c2(LN2_LO)), v128.and(mid, c2(LOG1P5_LO))));
  lo = f64x2.add(lo, f64x2.add(e1, e2));
  const head = f64x2.add(h2, lo);
  logTail = f64x2.sub(lo, f64x2.sub(head, h2));
  return head;
}

/**
 * x^y with C99's special cases (pow(x, +-0) = 1, pow(1, y) = 1, pow(-1, +-inf) = 1, NaN for finite x < 0 and
 * non-integer y, signed zeros and infinities for odd integer y) as exp(y log|x|) with y log|x| in double-double.
 */
function powF64x2(x: v128, y: v128): v128 {
  const ax = f64x2.abs(x);
  const lh = logDoubleDouble(ax);
  const ll = logTail;
  const ph = f64x2.mul(y, lh);
  const pl = f64x2.add(twoProductError(y, lh, ph), f64x2.mul(y, ll));
  let r = expWithTail(ph, pl);
  // |y log|x|| beyond the exp range (also y = +-inf, where the tail is NaN): 0 or +inf.
  r = sel(f64x2.gt(f64x2.abs(ph), c2(1100.0)), v128.and(f64x2.gt(ph, c2(0.0)), c2(INF)), r);
  const axInf = f64x2.eq(ax, c2(INF));
  const zeroOrInf = v128.or(f64x2.eq(ax, c2(0.0)), axInf);
  r = sel(zeroOrInf, v128.andnot(c2(INF), v128.xor(axInf, f64x2.gt(y, c2(0.0)))), r);
  const yInt = f64x2.eq(f64x2.floor(y), y);
  const yOdd = v128.and(yInt, f64x2.ne(f64x2.mul(f64x2.floor(f64x2.mul(y, c2(0.5))), c2(2.0)), y));
  r = v128.xor(r, v128.and(v128.and(yOdd, x), i64x2.splat(SIGN_MASK)));
  const negativeFinite = v128.and(f64x2.lt(x, c2(0.0)), v128.not(axInf));
  r = sel(v128.andnot(negativeFinite, yInt), c2(NaN), r);
  r = sel(v128.or(isNaN2(x), isNaN2(y)), c2(NaN), r);
  // |x| = 1 with |y| >= 2^53 (an even integer) or infinite: 1, as C99. For |y| > 2^996 the tail of y log|x| above
  // overflows (y's Veltkamp split), so pow(-1, huge even y) must not be left to it.
  r = sel(v128.and(f64x2.eq(ax, c2(1.0)), f64x2.ge(f64x2.abs(y), c2(9007199254740992.0))), c2(1.0), r);
  return sel(v128.or(f64x2.eq(x, c2(1.0)), f64x2.eq(y, c2(0.0))), c2(1.0), r);
}

// ---------------------------------------------------------------- exports
// One list instead of `export function`: AssemblyScript warns (AS112, "exchange of v128 values") about every compiled
// function declared with the `export` modifier and a v128 signature, whichever file it is in, as if it were a wasm
// export. These are module exports between kernel files only; the wasm exports are the number-only kernels listed in
// assembly/index.ts (test/kernel-abi.test.ts checks their signatures in the binaries).
export {
  asinF64x2, atan2F64x2, atanF64x2, cosF64x2, erfF64x2, exp2F64x2, expm1F64x2, log10F64x2, log1pF64x2, log2F64x2,
  logF64x2, powF64x2, sigmoidF64x2, sinF64x2, tanhF64x2,
};
