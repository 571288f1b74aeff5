// Scalar references for the kernel property tests, in double precision (rounded to the dtype by the caller's
// `round`), written from PyTorch's definitions: formulas in PyTorch's order of operations where its CPU kernels fix
// one, and exact values (erf from a 300-bit series) where they do not.

export type Round = (x: number) => number;

// ---------------------------------------------------------------- exact arithmetic on BigInt

const FRACTION_BITS = 300n;
const ONE = 1n << FRACTION_BITS;

const f64 = new Float64Array(1);
const f64Bits = new BigUint64Array(f64.buffer);

/** A finite nonzero double as m * 2^e with m a BigInt of at most 53 bits (sign in m). */
function decompose(x: number): [bigint, number] {
  f64[0] = x;
  const bits = f64Bits[0];
  const exponent = Number((bits >> 52n) & 0x7ffn);
  let m = bits & 0xfffffffffffffn;
  let e = exponent - 1075;
  if (exponent === 0) e = -1074;
  else m |= 1n << 52n;
  return [x < 0 ? -m : m, e];
}

/** The double nearest to n * 2^e (ties to even), for a BigInt n, subnormal results included. */
export function bigToDouble(n: bigint, e: number): number {
  if (n === 0n) return 0;
  const negative = n < 0n;
  let m = negative ? -n : n;
  const bits = m.toString(2).length;
  // Keep 53 significant bits, or fewer where the result is subnormal (its last bit weighs 2^-1074).
  const keepFrom = Math.max(bits - 53, -1074 - e);
  if (keepFrom > 0) {
    const shift = BigInt(keepFrom);
    const rest = m & ((1n << shift) - 1n);
    const half = 1n << (shift - 1n);
    m >>= shift;
    if (rest > half || (rest === half && (m & 1n) === 1n)) m += 1n;
    e += keepFrom;
  }
  // Two exact power-of-two scalings, so that neither factor underflows on its own.
  const first = Math.max(e, -1000);
  const value = Number(m) * 2 ** first * 2 ** (e - first);
  return negative ? -value : value;
}

/** floor(sqrt(n)) of a BigInt (Newton's iteration). */
function isqrt(n: bigint): bigint {
  if (n < 2n) return n;
  let x = 1n << BigInt(Math.ceil(n.toString(2).length / 2));
  for (;;) {
    const y = (x + n / x) >> 1n;
    if (y >= x) return x;
    x = y;
  }
}

/** atan(1/k) in fixed point with FRACTION_BITS fraction bits (Taylor series). */
function atanInverse(k: bigint): bigint {
  let term = ONE / k;
  let sum = term;
  const k2 = k * k;
  for (let n = 1n; term !== 0n; n++) {
    term /= k2;
    sum += (n % 2n === 1n ? -term : term) / (2n * n + 1n);
  }
  return sum;
}

/** 2 / sqrt(pi) in fixed point (pi by Machin's formula). */
const TWO_OVER_SQRT_PI = (() => {
  const pi = 16n * atanInverse(5n) - 4n * atanInverse(239n);
  return (2n * ONE * ONE) / isqrt(pi * ONE);
})();

/**
 * erf(x) correctly rounded to double: x * (2/sqrt(pi)) * sum (-x^2)^n / (n! (2n + 1)) in 300-bit fixed point; past
 * |x| = 6.5, erf is 1 to double precision (erfc(6.5) < 1e-19).
 */
export function erfExact(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x === 0) return x;
  if (Math.abs(x) > 6.5) return Math.sign(x);
  const [m, e] = decompose(x);
  // x^2 in fixed point (truncated: the first series term is exact, later ones lose at most 2^-300).
  const shift = 2 * e + Number(FRACTION_BITS);
  const x2 = shift >= 0 ? (m * m) << BigInt(shift) : (m * m) >> BigInt(-shift);
  let term = ONE;
  let series = ONE;
  for (let n = 1n; term !== 0n; n++) {
    term = (term * x2) / (ONE * n);
    series += (n % 2n === 1n ? -term : term) / (2n * n + 1n);
  }
  const factor = (series * TWO_OVER_SQRT_PI) / ONE;
  return bigToDouble(m * factor, e - Number(FRACTION_BITS));
}

// ---------------------------------------------------------------- elementwise maps

/** Round half to even (torch.round); a zero result keeps the sign of x. */
export function roundHalfEven(x: number): number {
  if (!Number.isFinite(x) || Math.abs(x) >= 2 ** 52) return x;
  const f = Math.floor(x);
  const d = x - f;
  const r = d > 0.5 ? f + 1 : d < 0.5 ? f : f % 2 === 0 ? f : f + 1;
  return r === 0 ? (x < 0 || Object.is(x, -0) ? -0 : 0) : r;
}

/** (x > 0) - (x < 0): 0 for zeros and NaN (PyTorch's sign). */
export const signOf = (x: number): number => (x > 0 ? 1 : x < 0 ? -1 : 0);

/** The logistic function without overflow: 1 / (1 + e^-x) for x >= 0, e^x / (1 + e^x) below. */
export function sigmoidExact(x: number): number {
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
}

/** NaN-propagating maximum and minimum (torch.maximum / torch.minimum). */
export const maximumOf = (a: number, b: number): number => (Number.isNaN(a) || Number.isNaN(b) ? NaN : Math.max(a, b));
export const minimumOf = (a: number, b: number): number => (Number.isNaN(a) || Number.isNaN(b) ? NaN : Math.min(a, b));

/** C99 pow (std::pow, which PyTorch calls): pow(1, y) = 1 and pow(-1, +-inf) = 1, where Math.pow gives NaN. */
export function powC99(x: number, y: number): number {
  if (x === 1) return 1;
  if (x === -1 && (y === Infinity || y === -Infinity)) return 1;
  return Math.pow(x, y);
}

/** x * sigmoid(x) as PyTorch's kernel writes it, x / (1 + exp(-x)), each step rounded. */
export const siluOf = (x: number, r: Round): number => r(x / r(1 + r(Math.exp(-x))));

/** x * 0.5 * (1 + erf(x * sqrt(1/2))), each step rounded (erf exact). */
export const geluOf = (x: number, r: Round): number => r(r(x * 0.5) * r(1 + r(erfExact(r(x * r(Math.SQRT1_2))))));

/** 0.5 * x * (1 + tanh(sqrt(2/pi) * (x + 0.044715 x^3))), each step rounded. */
export function geluTanhOf(x: number, r: Round): number {
  const cube = r(r(x * x) * x);
  const inner = r(r(0.7978845608028654) * r(x + r(r(0.044715) * cube)));
  return r(r(0.5 * x) * r(1 + r(Math.tanh(inner))));
}

/** x * beta > threshold ? x : log1p(exp(x * beta)) / beta, with beta and threshold in the dtype. */
export function softplusOf(x: number, beta: number, threshold: number, r: Round): number {
  const xb = r(x * r(beta));
  return xb > r(threshold) ? x : r(r(Math.log1p(r(Math.exp(xb)))) / r(beta));
}

/** x > 0 ? x : alpha * expm1(x), alpha in the dtype. */
export const eluOf = (x: number, alpha: number, r: Round): number => (x > 0 ? x : r(r(alpha) * r(Math.expm1(x))));

/** x > 0 ? x : x * slope, slope in the dtype. */
export const leakyReluOf = (x: number, slope: number, r: Round): number => (x > 0 ? x : r(x * r(slope)));

/** min(max(x, lo), hi), NaN-propagating, bounds in the dtype. */
export const clampOf = (x: number, lo: number, hi: number, r: Round): number => minimumOf(maximumOf(x, r(lo)), r(hi));

// ---------------------------------------------------------------- binary arithmetic (float)

/** PyTorch's remainder: fmod, then the divisor added when the signs differ (Python's modulo). */
export function remainderOf(a: number, b: number, r: Round): number {
  const mod = a % b;
  return mod !== 0 && b < 0 !== mod < 0 ? r(mod + b) : mod;
}

/** PyTorch's div_floor_floating: the quotient from fmod, so that floor(a / b) is right where a / b rounds up. */
export function floorDivideOf(a: number, b: number, r: Round): number {
  if (b === 0) return r(a / b);
  const mod = a % b;
  let div = r(r(a - mod) / b);
  if (mod !== 0 && b < 0 !== mod < 0) div = r(div - 1);
  if (div === 0) return (a < 0 || Object.is(a, -0)) !== (b < 0 || Object.is(b, -0)) ? -0 : 0;
  let floorDiv = Math.floor(div);
  if (r(div - floorDiv) > 0.5) floorDiv = r(floorDiv + 1);
  return floorDiv;
}

/** PyTorch's logaddexp: max(a, b) + log1p(exp(-|a - b|)), and a itself when a == b is infinite. */
export function logaddexpOf(a: number, b: number, r: Round): number {
  if (a === b && !Number.isFinite(a)) return a;
  return r(maximumOf(a, b) + r(Math.log1p(r(Math.exp(-Math.abs(r(a - b)))))));
}

// ---------------------------------------------------------------- binary arithmetic (int32, wrapping as C++ int)

/** Exponentiation by squaring with wrapping; a negative exponent gives 1 for base 1, +-1 for base -1, else 0. */
export function intPow(a: number, b: number): number {
  if (b < 0) return a === 1 ? 1 : a === -1 ? (b & 1 ? -1 : 1) : 0;
  let result = 1;
  let base = a;
  for (let e = b; e !== 0; e >>>= 1) {
    if (e & 1) result = Math.imul(result, base);
    base = Math.imul(base, base);
  }
  return result;
}

/** Truncating quotient (b != 0); INT_MIN / -1 wraps to INT_MIN. */
export const intTruncDivide = (a: number, b: number): number => (b === -1 ? -a | 0 : Math.trunc(a / b) | 0);

export function intFloorDivide(a: number, b: number): number {
  const q = intTruncDivide(a, b);
  return a < 0 !== b < 0 && Math.imul(q, b) !== a ? (q - 1) | 0 : q;
}

export const intFmod = (a: number, b: number): number => (a % b) | 0;

export function intRemainder(a: number, b: number): number {
  const m = (a % b) | 0;
  return m !== 0 && m < 0 !== b < 0 ? (m + b) | 0 : m;
}

// ---------------------------------------------------------------- reductions

/**
 * The elements each output of a reduction over `dims` reads: one group per output (kept dims in row-major
 * order), each group in row-major order of the reduced dims. `shape` is the output shape without keepdim.
 */
export function reductionGroups(values: readonly number[], shape: readonly number[], dims: readonly number[]): { shape: number[]; groups: number[][] } {
  const kept = shape.map((_, d) => d).filter((d) => !dims.includes(d));
  const outShape = kept.map((d) => shape[d]);
  const reducedShape = dims.map((d) => shape[d]);
  const count = (s: readonly number[]) => s.reduce((a, b) => a * b, 1);
  const groups: number[][] = Array.from({ length: count(outShape) }, () => []);
  const strides = new Array<number>(shape.length);
  for (let d = shape.length - 1, s = 1; d >= 0; d--) {
    strides[d] = s;
    s *= shape[d];
  }
  const index = (multi: number[], which: readonly number[]) => which.reduce((at, d, k) => at + multi[k] * strides[d], 0);
  const odometer = (s: readonly number[], visit: (multi: number[]) => void) => {
    const multi = new Array<number>(s.length).fill(0);
    for (let i = 0, n = count(s); i < n; i++) {
      visit(multi);
      for (let d = s.length - 1; d >= 0; d--) {
        if (++multi[d] < s[d]) break;
        multi[d] = 0;
      }
    }
  };
  let o = 0;
  odometer(outShape, (outer) => {
    const base = index(outer, kept);
    odometer(reducedShape, (inner) => groups[o].push(values[base + index(inner, dims)]));
    o++;
  });
  return { shape: outShape, groups };
}

/** Sum with Neumaier's compensation: within one ulp of the exact sum of finite terms. */
export function accurateSum(xs: readonly number[]): number {
  let sum = 0;
  let c = 0;
  for (const x of xs) {
    const t = sum + x;
    c += Math.abs(sum) >= Math.abs(x) ? sum - t + x : x - t + sum;
    sum = t;
  }
  return sum + c;
}

/** IEEE's answer for a sum with NaN or infinite terms (NaN, or the infinity), or null when every term is finite. */
export function specialSum(xs: readonly number[]): number | null {
  let pos = false;
  let neg = false;
  for (const x of xs) {
    if (Number.isNaN(x)) return NaN;
    if (x === Infinity) pos = true;
    if (x === -Infinity) neg = true;
  }
  if (pos && neg) return NaN;
  return pos ? Infinity : neg ? -Infinity : null;
}

/** The first index of the maximum (isMin: minimum), the first NaN when there is one (PyTorch's argmax). */
export function argExtreme(xs: readonly number[], isMin: boolean): number {
  let best = 0;
  for (let i = 0; i < xs.length; i++) {
    if (Number.isNaN(xs[i])) return i;
    if (isMin ? xs[i] < xs[best] : xs[i] > xs[best]) best = i;
  }
  return best;
}

/** Two-pass variance in double with compensated sums: m2 = sum (x - mean)^2, and the mean. */
export function varianceOf(xs: readonly number[]): { mean: number; m2: number } {
  const mean = accurateSum(xs) / xs.length;
  return { mean, m2: accurateSum(xs.map((x) => (x - mean) * (x - mean))) };
}

// ---------------------------------------------------------------- running error bounds

/**
 * A value computed in a floating dtype with unit roundoff u and smallest subnormal `tiny`, and a bound on its
 * distance from the same formula in exact arithmetic (first-order running error analysis: each operation adds its
 * inputs' propagated errors and one rounding of its result, at most u |result| or, in the subnormal range, half a
 * subnormal spacing). Used where a formula has several steps whose rounding errors do not cancel simply.
 */
export interface Bounded {
  v: number;
  e: number;
}

export function boundedOps(u: number, tiny: number) {
  const rounding = (v: number) => u * Math.abs(v) + tiny / 2;
  const exact = (v: number): Bounded => ({ v, e: 0 });
  /** A constant rounded to the dtype (a hyper-parameter). */
  const constant = (v: number): Bounded => ({ v, e: rounding(v) });
  const add = (a: Bounded, b: Bounded): Bounded => ({ v: a.v + b.v, e: a.e + b.e + rounding(Math.abs(a.v) + Math.abs(b.v)) });
  const sub = (a: Bounded, b: Bounded): Bounded => add(a, { v: -b.v, e: b.e });
  const mul = (a: Bounded, b: Bounded): Bounded => {
    const v = a.v * b.v;
    return { v, e: Math.abs(a.v) * b.e + Math.abs(b.v) * a.e + a.e * b.e + rounding(v) };
  };
  const div = (a: Bounded, b: Bounded): Bounded => {
    const v = a.v / b.v;
    return { v, e: (a.e + Math.abs(v) * b.e) / Math.max(Math.abs(b.v) - b.e, 0) + rounding(v) };
  };
  const sqrt = (a: Bounded): Bounded => {
    const v = Math.sqrt(a.v);
    return { v, e: (v > 0 ? Math.min(a.e / (2 * v), Math.sqrt(a.e)) : Math.sqrt(a.e)) + rounding(v) };
  };
  const neg = (a: Bounded): Bounded => ({ v: -a.v, e: a.e });
  const max = (a: Bounded, b: Bounded): Bounded => ({ v: Math.max(a.v, b.v), e: Math.max(a.e, b.e) });
  return { exact, constant, add, sub, mul, div, sqrt, neg, max };
}
