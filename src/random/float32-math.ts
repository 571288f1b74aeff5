/**
 * Natural logarithm and sine/cosine in float32, evaluated step by step as
 * PyTorch's x86 build evaluates them when it draws float32 normal samples
 * (`log256_ps` and `sincos256_ps` of ATen's `avx_mathfun.h`, Giovanni
 * Garberoglio's AVX port of Julien Pommier's `sse_mathfun.h`, which follows the
 * Cephes `logf` / `sinf` / `cosf` polynomials).
 *
 * Every intermediate is rounded to float32 (Math.fround). The compiler that
 * builds PyTorch contracts a multiply whose only use is an add into one fused
 * multiply-add; the operations marked "fused" below are rounded once, as that
 * instruction does. With exactly these fusions the normal samples agree bit
 * for bit with PyTorch 2.11 on x86-64 (see test/random.test.ts).
 *
 * The approximations are accurate to a few float32 ulps on the ranges used
 * here (log on (0, 1], sincos on [0, 2*pi)); they are not general-purpose
 * replacements for Math.log / Math.sin.
 */
import { fmaF32 } from './fused-multiply-add';

const f = Math.fround;

// ---------------------------------------------------------------- log

/** sqrt(1/2): mantissas below it are doubled so that the polynomial argument stays in [sqrt(1/2) - 1, sqrt(2) - 1). */
export const SQRT_HALF = f(0.707106781186547524);
/** Cephes logf: log(1 + x) = x - x^2/2 + x^3 * P(x), P of degree 8 (coefficients from the highest power down). */
const LOG_P0 = f(7.0376836292e-2);
const LOG_P1 = f(-1.151461031e-1);
const LOG_P2 = f(1.167699874e-1);
const LOG_P3 = f(-1.2420140846e-1);
const LOG_P4 = f(1.4249322787e-1);
const LOG_P5 = f(-1.6668057665e-1);
const LOG_P6 = f(2.0000714765e-1);
const LOG_P7 = f(-2.4999993993e-1);
const LOG_P8 = f(3.3333331174e-1);
/** The coefficients above, highest power first (exported for tests). */
export const LOG_POLYNOMIAL: readonly number[] = [
  LOG_P0, LOG_P1, LOG_P2, LOG_P3, LOG_P4, LOG_P5, LOG_P6, LOG_P7, LOG_P8,
];
/** ln 2 split in two parts, LN2_HIGH with few enough bits that e * LN2_HIGH is exact. */
const LN2_LOW = f(-2.12194440e-4);
const LN2_HIGH = f(0.693359375);
/** Smallest positive normal float32: smaller inputs are clamped to it, as the SIMD code does. */
const MIN_NORMAL = 2 ** -126;

const logBits = new Float32Array(1);
const logWords = new Int32Array(logBits.buffer);

/**
 * log(x) for a positive finite float32 x, rounded as `log256_ps` rounds it.
 * Returns NaN for x <= 0 (the SIMD code's invalid mask) and for NaN.
 */
export function logF32(x: number): number {
  if (!(x > 0)) return NaN;
  // Split x = m * 2^e with the mantissa m in [0.5, 1).
  logBits[0] = x < MIN_NORMAL ? MIN_NORMAL : x;
  const word = logWords[0];
  let exponent = (word >>> 23) - 126;
  logWords[0] = (word & 0x807fffff) | 0x3f000000;
  let m = logBits[0];
  // m - 1 and 2m - 1 are exact in float32 on this range.
  if (m < SQRT_HALF) {
    exponent -= 1;
    m = m + m - 1;
  } else {
    m = m - 1;
  }
  const z = f(m * m);
  // Horner steps y = y * m + P, fused in PyTorch. Here the double sum is exact,
  // so rounding it once to float32 is the fused result: m is a multiple of 2^-24
  // with |m| < 0.42, every intermediate y has 0.04 < |y| < 0.5 (each step adds at
  // most 0.42 * 0.5 to a coefficient of magnitude >= 0.07), so y * m is a
  // multiple of 2^-52, the coefficients are multiples of 2^-27, and the sum,
  // below 0.5 in magnitude, needs at most 51 bits.
  let y = f(LOG_P0 * m + LOG_P1);
  y = f(y * m + LOG_P2);
  y = f(y * m + LOG_P3);
  y = f(y * m + LOG_P4);
  y = f(y * m + LOG_P5);
  y = f(y * m + LOG_P6);
  y = f(y * m + LOG_P7);
  y = f(y * m + LOG_P8);
  y = f(y * m);
  y = fmaF32(y, z, f(exponent * LN2_LOW)); // fused: y * z + e * LN2_LOW
  y = f(y - z * 0.5); // z * 0.5 is exact
  // exponent * LN2_HIGH is exact, so fusing the last add changes nothing.
  return f(f(m + y) + exponent * LN2_HIGH);
}

// ---------------------------------------------------------------- sin and cos

/** 4 / pi, to find the octant. */
const FOUR_OVER_PI = f(1.27323954473516);
/** pi / 4 split in three parts (Cody–Waite reduction): x - j*pi/4 = ((x - j*DP1) - j*DP2) - j*DP3. */
const MINUS_DP1 = f(-0.78515625);
const MINUS_DP2 = f(-2.4187564849853515625e-4);
const MINUS_DP3 = f(-3.77489497744594108e-8);
/** Cephes sinf: sin(x) = x + x^3 * S(x^2) on [-pi/4, pi/4]. */
const SIN_P0 = f(-1.9515295891e-4);
const SIN_P1 = f(8.3321608736e-3);
const SIN_P2 = f(-1.6666654611e-1);
/** Cephes cosf: cos(x) = 1 - x^2/2 + x^4 * C(x^2) on [-pi/4, pi/4]. */
const COS_P0 = f(2.443315711809948e-5);
const COS_P1 = f(-1.388731625493765e-3);
const COS_P2 = f(4.166664568298827e-2);

/**
 * sin(x) and cos(x) for a float32 x, rounded as `sincos256_ps` rounds them,
 * written to out[0] (sine) and out[1] (cosine). Accurate for |x| < 8192, as the
 * reduction is.
 */
export function sinCosF32(x: number, out: Float64Array | Float32Array): void {
  const negative = x < 0;
  const ax = Math.abs(x);
  // Octant j, rounded up to even: the reduced argument lies in [-pi/4, pi/4].
  const j = ((f(ax * FOUR_OVER_PI) | 0) + 1) & ~1;
  const sinNegative = ((j & 4) !== 0) !== negative;
  const cosNegative = (~(j - 2) & 4) !== 0;
  const useSinPolynomialForSin = (j & 2) === 0;

  // Fused in PyTorch too, but DP1 and DP2 have 8 and 11 significant bits: j * DP
  // and the sum are exact in a double, so rounding that sum once is the fused result.
  let r = f(ax + j * MINUS_DP1);
  r = f(r + j * MINUS_DP2);
  r = fmaF32(j, MINUS_DP3, r); // fused
  const z = f(r * r);

  let c = fmaF32(COS_P0, z, COS_P1); // fused
  c = fmaF32(c, z, COS_P2); // fused
  c = f(c * z);
  c = fmaF32(c, z, -f(z * 0.5)); // fused: c * z - z/2
  c = f(c + 1);

  let s = fmaF32(SIN_P0, z, SIN_P1); // fused
  s = fmaF32(s, z, SIN_P2); // fused
  s = f(s * z);
  s = fmaF32(s, r, r); // fused: s * r + r

  const sinValue = useSinPolynomialForSin ? s : c;
  const cosValue = useSinPolynomialForSin ? c : s;
  out[0] = sinNegative ? -sinValue : sinValue;
  out[1] = cosNegative ? -cosValue : cosValue;
}
