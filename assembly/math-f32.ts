// Vectorised float32 math on f32x4 lanes. exp (math-core.ts), log, log1p, expm1, tanh, sigmoid and erf are evaluated
// in single precision (range reduction + polynomial, fdlibm/Cephes-style; all but exp share their algorithm with
// float64: math-generic.ts); the less frequent sin, cos, atan, asin, atan2, pow, exp2, log2 and log10 are evaluated by the
// float64 kernels on widened lanes and rounded once, which makes them correctly rounded in all but rare halfway cases.
// Polynomial coefficients: near-minimax Chebyshev fits of the reduced functions named at each use, computed for this
// project with mpmath and rounded to float32 (error bounds quoted are of the rounded polynomial).
import { demotePair, promoteHigh } from './math-simd';
import { erf, expm1, log, log1p, sigmoid, tanh } from './math-generic';
import {
  asinF64x2, atan2F64x2, atanF64x2, cosF64x2, exp2F64x2, log10F64x2, log2F64x2, powF64x2, sinF64x2,
} from './math-f64';

export { expF32x4 } from './math-core';

/** Natural log. Max error about 1 ulp; log(0) = -inf, log(x < 0) = NaN. */
function logF32x4(x: v128): v128 {
  return log<f32, i32>(x);
}

function log1pF32x4(x: v128): v128 {
  return log1p<f32, i32>(x);
}

/** e^x - 1. Max error about 1 ulp. */
function expm1F32x4(x: v128): v128 {
  return expm1<f32, i32>(x);
}

@inline
function tanhF32x4(x: v128): v128 {
  return tanh<f32, i32>(x);
}

@inline
function sigmoidF32x4(x: v128): v128 {
  return sigmoid<f32>(x);
}

function erfF32x4(x: v128): v128 {
  return erf<f32, i32>(x);
}

// ---------------------------------------------------------------- evaluated in float64, rounded once

function sinF32x4(x: v128): v128 {
  return demotePair(sinF64x2(f64x2.promote_low_f32x4(x)), sinF64x2(promoteHigh(x)));
}

function cosF32x4(x: v128): v128 {
  return demotePair(cosF64x2(f64x2.promote_low_f32x4(x)), cosF64x2(promoteHigh(x)));
}

function atanF32x4(x: v128): v128 {
  return demotePair(atanF64x2(f64x2.promote_low_f32x4(x)), atanF64x2(promoteHigh(x)));
}

function asinF32x4(x: v128): v128 {
  return demotePair(asinF64x2(f64x2.promote_low_f32x4(x)), asinF64x2(promoteHigh(x)));
}

function exp2F32x4(x: v128): v128 {
  return demotePair(exp2F64x2(f64x2.promote_low_f32x4(x)), exp2F64x2(promoteHigh(x)));
}

function log2F32x4(x: v128): v128 {
  return demotePair(log2F64x2(f64x2.promote_low_f32x4(x)), log2F64x2(promoteHigh(x)));
}

function log10F32x4(x: v128): v128 {
  return demotePair(log10F64x2(f64x2.promote_low_f32x4(x)), log10F64x2(promoteHigh(x)));
}

function atan2F32x4(y: v128, x: v128): v128 {
  return demotePair(
    atan2F64x2(f64x2.promote_low_f32x4(y), f64x2.promote_low_f32x4(x)),
    atan2F64x2(promoteHigh(y), promoteHigh(x)),
  );
}

function powF32x4(x: v128, y: v128): v128 {
  return demotePair(
    powF64x2(f64x2.promote_low_f32x4(x), f64x2.promote_low_f32x4(y)),
    powF64x2(promoteHigh(x), promoteHigh(y)),
  );
}

// ---------------------------------------------------------------- exports
// One list instead of `export function`: AssemblyScript warns (AS112, "exchange of v128 values") about every compiled
// function declared with the `export` modifier and a v128 signature, whichever file it is in, as if it were a wasm
// export. These are module exports between kernel files only; the wasm exports are the number-only kernels listed in
// assembly/index.ts (test/kernel-abi.test.ts checks their signatures in the binaries).
export {
  asinF32x4, atan2F32x4, atanF32x4, cosF32x4, erfF32x4, exp2F32x4, expm1F32x4, log10F32x4, log1pF32x4, log2F32x4,
  logF32x4, powF32x4, sigmoidF32x4, sinF32x4, tanhF32x4,
};
