// erf and erfinv in double precision, for nn.init.truncNormal_ (host-side, one value at a time).

const TWO_OVER_SQRT_PI = 2 / Math.sqrt(Math.PI);

/**
 * The error function by the series erf(x) = 2/sqrt(pi) * exp(-x^2) * sum_n 2^n x^(2n+1) / (1*3*...*(2n+1))
 * (Abramowitz & Stegun 7.1.6): every term is positive, so there is no cancellation; |x| >= 6 gives +-1 in double.
 */
export function erf(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (Math.abs(x) >= 6) return Math.sign(x);
  const x2 = x * x;
  let term = x;
  let sum = x;
  for (let n = 1; Math.abs(term) > Math.abs(sum) * 1e-17; n++) {
    term *= (2 * x2) / (2 * n + 1);
    sum += term;
  }
  return TWO_OVER_SQRT_PI * Math.exp(-x2) * sum;
}

// Rational starting approximation of erfinv (Blair, Edwards & Johnson 1976; the form PyTorch's calc_erfinv uses),
// refined by two Newton steps on erf(x) = y.
const A = [0.886226899, -1.645349621, 0.914624893, -0.140543331];
const B = [-2.118377725, 1.442710462, -0.329097515, 0.012229801];
const C = [-1.970840454, -1.624906493, 3.429567803, 1.641345311];
const D = [3.5438892, 1.6370678];

/** The inverse error function on [-1, 1] (NaN outside, +-Infinity at +-1). */
export function erfinv(y: number): number {
  const abs = Math.abs(y);
  if (!(abs <= 1)) return NaN;
  if (abs === 1) return y * Infinity;
  let x: number;
  if (abs <= 0.7) {
    const z = y * y;
    const num = ((A[3] * z + A[2]) * z + A[1]) * z + A[0];
    const den = (((B[3] * z + B[2]) * z + B[1]) * z + B[0]) * z + 1;
    x = (y * num) / den;
  } else {
    const z = Math.sqrt(-Math.log((1 - abs) / 2));
    const num = ((C[3] * z + C[2]) * z + C[1]) * z + C[0];
    const den = (D[1] * z + D[0]) * z + 1;
    x = (Math.sign(y) * num) / den;
  }
  for (let step = 0; step < 2; step++) x -= (erf(x) - y) / (TWO_OVER_SQRT_PI * Math.exp(-x * x));
  return x;
}
