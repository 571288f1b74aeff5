// The elementwise operations as zero-size op classes for the generic drivers in elementwise.ts: `vec` maps whole
// vectors (f32x4 / f64x2 for float T, i32x4 for i32, bytes for bool). Drivers call them through changetype<O>(0), so
// each (type, op) pair compiles to its own inlined loop. Formulas follow PyTorch's CPU kernels where PyTorch fixes
// the order of operations (gelu, silu, softplus, elu, floor division, remainder).
import {
  asinF32x4, atan2F32x4, atanF32x4, cosF32x4, erfF32x4, exp2F32x4, expF32x4, expm1F32x4, log10F32x4, log1pF32x4,
  log2F32x4, logF32x4, powF32x4, sigmoidF32x4, sinF32x4, tanhF32x4,
} from './math-f32';
import {
  asinF64x2, atan2F64x2, atanF64x2, cosF64x2, erfF64x2, exp2F64x2, expF64x2, expm1F64x2, log10F64x2, log1pF64x2,
  log2F64x2, logF64x2, powF64x2, sigmoidF64x2, sinF64x2, tanhF64x2,
} from './math-f64';
import { sel } from './math-simd';

// Float lane arithmetic uses the generic builtins (v128.add<T>...), which pick the f32x4 or f64x2 instruction by T.

// ---------------------------------------------------------------- unary float ops: vec(x, p, q), p/q = parameters

@final @unmanaged export class NegOp<T> {
  @inline vec(x: v128, p: v128, q: v128): v128 {
    return v128.neg<T>(x);
  }
}
@final @unmanaged export class AbsOp<T> {
  @inline vec(x: v128, p: v128, q: v128): v128 {
    return v128.abs<T>(x);
  }
}
@final @unmanaged export class SqrtOp<T> {
  @inline vec(x: v128, p: v128, q: v128): v128 {
    return v128.sqrt<T>(x);
  }
}
/** 1 / sqrt(x), two roundings as in PyTorch. */
@final @unmanaged export class RsqrtOp<T> {
  @inline vec(x: v128, p: v128, q: v128): v128 {
    return v128.div<T>(v128.splat<T>(1), v128.sqrt<T>(x));
  }
}
@final @unmanaged export class ExpOp<T> {
  @inline vec(x: v128, p: v128, q: v128): v128 {
    return sizeof<T>() == 4 ? expF32x4(x) : expF64x2(x);
  }
}
@final @unmanaged export class Exp2Op<T> {
  @inline vec(x: v128, p: v128, q: v128): v128 {
    return sizeof<T>() == 4 ? exp2F32x4(x) : exp2F64x2(x);
  }
}
@final @unmanaged export class Expm1Op<T> {
  @inline vec(x: v128, p: v128, q: v128): v128 {
    return sizeof<T>() == 4 ? expm1F32x4(x) : expm1F64x2(x);
  }
}
@final @unmanaged export class LogOp<T> {
  @inline vec(x: v128, p: v128, q: v128): v128 {
    return sizeof<T>() == 4 ? logF32x4(x) : logF64x2(x);
  }
}
@final @unmanaged export class Log2Op<T> {
  @inline vec(x: v128, p: v128, q: v128): v128 {
    return sizeof<T>() == 4 ? log2F32x4(x) : log2F64x2(x);
  }
}
@final @unmanaged export class Log10Op<T> {
  @inline vec(x: v128, p: v128, q: v128): v128 {
    return sizeof<T>() == 4 ? log10F32x4(x) : log10F64x2(x);
  }
}
@final @unmanaged export class Log1pOp<T> {
  @inline vec(x: v128, p: v128, q: v128): v128 {
    return sizeof<T>() == 4 ? log1pF32x4(x) : log1pF64x2(x);
  }
}
@final @unmanaged export class SinOp<T> {
  @inline vec(x: v128, p: v128, q: v128): v128 {
    return sizeof<T>() == 4 ? sinF32x4(x) : sinF64x2(x);
  }
}
@final @unmanaged export class CosOp<T> {
  @inline vec(x: v128, p: v128, q: v128): v128 {
    return sizeof<T>() == 4 ? cosF32x4(x) : cosF64x2(x);
  }
}
@final @unmanaged export class TanhOp<T> {
  @inline vec(x: v128, p: v128, q: v128): v128 {
    return sizeof<T>() == 4 ? tanhF32x4(x) : tanhF64x2(x);
  }
}
@final @unmanaged export class SigmoidOp<T> {
  @inline vec(x: v128, p: v128, q: v128): v128 {
    return sizeof<T>() == 4 ? sigmoidF32x4(x) : sigmoidF64x2(x);
  }
}
@final @unmanaged export class AtanOp<T> {
  @inline vec(x: v128, p: v128, q: v128): v128 {
    return sizeof<T>() == 4 ? atanF32x4(x) : atanF64x2(x);
  }
}
@final @unmanaged export class AsinOp<T> {
  @inline vec(x: v128, p: v128, q: v128): v128 {
    return sizeof<T>() == 4 ? asinF32x4(x) : asinF64x2(x);
  }
}
@final @unmanaged export class ErfOp<T> {
  @inline vec(x: v128, p: v128, q: v128): v128 {
    return sizeof<T>() == 4 ? erfF32x4(x) : erfF64x2(x);
  }
}
/** (x > 0) - (x < 0): 0 for zeros and NaN, as PyTorch's vectorised sign. */
@final @unmanaged export class SignOp<T> {
  @inline vec(x: v128, p: v128, q: v128): v128 {
    const zero = v128.splat<T>(0);
    const one = v128.splat<T>(1);
    return v128.sub<T>(v128.and(v128.gt<T>(x, zero), one), v128.and(v128.lt<T>(x, zero), one));
  }
}
@final @unmanaged export class FloorOp<T> {
  @inline vec(x: v128, p: v128, q: v128): v128 {
    return v128.floor<T>(x);
  }
}
@final @unmanaged export class CeilOp<T> {
  @inline vec(x: v128, p: v128, q: v128): v128 {
    return v128.ceil<T>(x);
  }
}
@final @unmanaged export class TruncOp<T> {
  @inline vec(x: v128, p: v128, q: v128): v128 {
    return v128.trunc<T>(x);
  }
}
/** Round half to even (torch.round). */
@final @unmanaged export class RoundOp<T> {
  @inline vec(x: v128, p: v128, q: v128): v128 {
    return v128.nearest<T>(x);
  }
}
@final @unmanaged export class ReciprocalOp<T> {
  @inline vec(x: v128, p: v128, q: v128): v128 {
    return v128.div<T>(v128.splat<T>(1), x);
  }
}
@final @unmanaged export class SquareOp<T> {
  @inline vec(x: v128, p: v128, q: v128): v128 {
    return v128.mul<T>(x, x);
  }
}
/** x * x * x (PyTorch's pow(x, 3)). */
@final @unmanaged export class CubeOp<T> {
  @inline vec(x: v128, p: v128, q: v128): v128 {
    return v128.mul<T>(v128.mul<T>(x, x), x);
  }
}
/** 1 / (x * x) (PyTorch's pow(x, -2)). */
@final @unmanaged export class ReciprocalSquareOp<T> {
  @inline vec(x: v128, p: v128, q: v128): v128 {
    return v128.div<T>(v128.splat<T>(1), v128.mul<T>(x, x));
  }
}
/** max(x, 0); NaN stays NaN. */
@final @unmanaged export class ReluOp<T> {
  @inline vec(x: v128, p: v128, q: v128): v128 {
    return v128.max<T>(x, v128.splat<T>(0));
  }
}
/** x > 0 ? x : x * p. */
@final @unmanaged export class LeakyReluOp<T> {
  @inline vec(x: v128, p: v128, q: v128): v128 {
    return sel(v128.gt<T>(x, v128.splat<T>(0)), x, v128.mul<T>(x, p));
  }
}
/** x > 0 ? x : p * expm1(x). */
@final @unmanaged export class EluOp<T> {
  @inline vec(x: v128, p: v128, q: v128): v128 {
    const negative = v128.mul<T>(p, sizeof<T>() == 4 ? expm1F32x4(x) : expm1F64x2(x));
    return sel(v128.gt<T>(x, v128.splat<T>(0)), x, negative);
  }
}
/** x / (1 + exp(-x)). */
@final @unmanaged export class SiluOp<T> {
  @inline vec(x: v128, p: v128, q: v128): v128 {
    const minusX = v128.neg<T>(x);
    const e = sizeof<T>() == 4 ? expF32x4(minusX) : expF64x2(minusX);
    return v128.div<T>(x, v128.add<T>(v128.splat<T>(1), e));
  }
}
/** x * 0.5 * (1 + erf(x / sqrt(2))). */
@final @unmanaged export class GeluOp<T> {
  @inline vec(x: v128, p: v128, q: v128): v128 {
    const u = v128.mul<T>(x, v128.splat<T>(0.7071067811865476));
    const e = sizeof<T>() == 4 ? erfF32x4(u) : erfF64x2(u);
    return v128.mul<T>(v128.mul<T>(x, v128.splat<T>(0.5)), v128.add<T>(v128.splat<T>(1), e));
  }
}
/** 0.5 * x * (1 + tanh(sqrt(2/pi) * (x + 0.044715 x^3))). */
@final @unmanaged export class GeluTanhOp<T> {
  @inline vec(x: v128, p: v128, q: v128): v128 {
    const cube = v128.mul<T>(v128.mul<T>(x, x), x);
    const inner = v128.mul<T>(v128.splat<T>(0.7978845608028654), v128.add<T>(x, v128.mul<T>(v128.splat<T>(0.044715), cube)));
    const t = sizeof<T>() == 4 ? tanhF32x4(inner) : tanhF64x2(inner);
    return v128.mul<T>(v128.mul<T>(v128.splat<T>(0.5), x), v128.add<T>(v128.splat<T>(1), t));
  }
}
/** x * p > q ? x : log1p(exp(x * p)) / p (p = beta, q = threshold). */
@final @unmanaged export class SoftplusOp<T> {
  @inline vec(x: v128, p: v128, q: v128): v128 {
    const xb = v128.mul<T>(x, p);
    const e = sizeof<T>() == 4 ? expF32x4(xb) : expF64x2(xb);
    const l = sizeof<T>() == 4 ? log1pF32x4(e) : log1pF64x2(e);
    return sel(v128.gt<T>(xb, q), x, v128.div<T>(l, p));
  }
}
/** min(max(x, p), q); NaN stays NaN (unset bounds are -inf / +inf). */
@final @unmanaged export class ClampOp<T> {
  @inline vec(x: v128, p: v128, q: v128): v128 {
    return v128.min<T>(v128.max<T>(x, p), q);
  }
}

// ---------------------------------------------------------------- binary float ops: vec(a, b, p)

@final @unmanaged export class AddOp<T> {
  @inline vec(a: v128, b: v128, p: v128): v128 {
    return v128.add<T>(a, b);
  }
}
@final @unmanaged export class SubOp<T> {
  @inline vec(a: v128, b: v128, p: v128): v128 {
    return v128.sub<T>(a, b);
  }
}
@final @unmanaged export class MulOp<T> {
  @inline vec(a: v128, b: v128, p: v128): v128 {
    return v128.mul<T>(a, b);
  }
}
@final @unmanaged export class DivOp<T> {
  @inline vec(a: v128, b: v128, p: v128): v128 {
    return v128.div<T>(a, b);
  }
}
/** a + p * b (add/sub with alpha), rounded twice on every build so that results match across binaries. */
@final @unmanaged export class AddScaledOp<T> {
  @inline vec(a: v128, b: v128, p: v128): v128 {
    return v128.add<T>(a, v128.mul<T>(p, b));
  }
}
/** NaN-propagating maximum. */
@final @unmanaged export class MaximumOp<T> {
  @inline vec(a: v128, b: v128, p: v128): v128 {
    return v128.max<T>(a, b);
  }
}
@final @unmanaged export class MinimumOp<T> {
  @inline vec(a: v128, b: v128, p: v128): v128 {
    return v128.min<T>(a, b);
  }
}
@final @unmanaged export class PowOp<T> {
  @inline vec(a: v128, b: v128, p: v128): v128 {
    return sizeof<T>() == 4 ? powF32x4(a, b) : powF64x2(a, b);
  }
}
@final @unmanaged export class Atan2Op<T> {
  @inline vec(a: v128, b: v128, p: v128): v128 {
    return sizeof<T>() == 4 ? atan2F32x4(a, b) : atan2F64x2(a, b);
  }
}
/** PyTorch's logaddexp: max(a, b) + log1p(exp(-|a - b|)), and a itself when a == b is infinite (inf + inf stays inf). */
@final @unmanaged export class LogaddexpOp<T> {
  @inline vec(a: v128, b: v128, p: v128): v128 {
    const e = sizeof<T>() == 4 ? expF32x4(v128.neg<T>(v128.abs<T>(v128.sub<T>(a, b)))) : expF64x2(v128.neg<T>(v128.abs<T>(v128.sub<T>(a, b))));
    const r = v128.add<T>(v128.max<T>(a, b), sizeof<T>() == 4 ? log1pF32x4(e) : log1pF64x2(e));
    const sameInfinity = v128.and(v128.eq<T>(a, b), v128.eq<T>(v128.abs<T>(a), v128.splat<T>(<T>Infinity)));
    return sel(sameInfinity, a, r);
  }
}
@final @unmanaged export class FmodOp<T> {
  @inline vec(a: v128, b: v128, p: v128): v128 {
    return lanewise<T, FmodScalar<T>>(a, b);
  }
}
@final @unmanaged export class RemainderOp<T> {
  @inline vec(a: v128, b: v128, p: v128): v128 {
    return lanewise<T, RemainderScalar<T>>(a, b);
  }
}
@final @unmanaged export class FloorDivideOp<T> {
  @inline vec(a: v128, b: v128, p: v128): v128 {
    return lanewise<T, FloorDivideScalar<T>>(a, b);
  }
}
@final @unmanaged export class TruncDivideOp<T> {
  @inline vec(a: v128, b: v128, p: v128): v128 {
    return v128.trunc<T>(v128.div<T>(a, b));
  }
}

// Lane-by-lane scalar ops (no SIMD instruction exists for them). `%` on floats is AssemblyScript's exact fmod.

@final @unmanaged class FmodScalar<T> {
  @inline apply(a: T, b: T): T {
    return a % b;
  }
}
/** Python's modulo: the sign of the divisor (PyTorch's remainder). */
@final @unmanaged class RemainderScalar<T> {
  @inline apply(a: T, b: T): T {
    let mod = a % b;
    if (mod != 0 && (b < 0) != (mod < 0)) mod += b;
    return mod;
  }
}
/** PyTorch's div_floor_floating: the quotient from fmod so that floor(a / b) is exact even when a / b rounds. */
@final @unmanaged class FloorDivideScalar<T> {
  @inline apply(a: T, b: T): T {
    if (b == 0) return a / b;
    const mod = a % b;
    let div = (a - mod) / b;
    if (mod != 0 && (b < 0) != (mod < 0)) div -= 1;
    if (div == 0) return copysign<T>(<T>0, a / b);
    let floorDiv = floor<T>(div);
    if (div - floorDiv > <T>0.5) floorDiv += 1;
    return floorDiv;
  }
}

/**
 * Applies a scalar op class S to each lane pair of a and b (2 lanes of f64, 4 of f32 or i32). Called, not inlined
 * into every loop, to keep the lane-by-lane ops compact.
 */
function lanewise<T, S>(a: v128, b: v128): v128 {
  const s = changetype<S>(0);
  let v = v128.splat<T>(s.apply(v128.extract_lane<T>(a, 0), v128.extract_lane<T>(b, 0)));
  v = v128.replace_lane<T>(v, 1, s.apply(v128.extract_lane<T>(a, 1), v128.extract_lane<T>(b, 1)));
  if (sizeof<T>() == 8) return v;
  v = v128.replace_lane<T>(v, 2, s.apply(v128.extract_lane<T>(a, 2), v128.extract_lane<T>(b, 2)));
  return v128.replace_lane<T>(v, 3, s.apply(v128.extract_lane<T>(a, 3), v128.extract_lane<T>(b, 3)));
}

// ---------------------------------------------------------------- comparisons (float and int32): all-ones masks

@final @unmanaged export class EqOp<T> {
  @inline vec(a: v128, b: v128, p: v128): v128 {
    return v128.eq<T>(a, b);
  }
}
@final @unmanaged export class NeOp<T> {
  @inline vec(a: v128, b: v128, p: v128): v128 {
    return v128.ne<T>(a, b);
  }
}
@final @unmanaged export class LtOp<T> {
  @inline vec(a: v128, b: v128, p: v128): v128 {
    return v128.lt<T>(a, b);
  }
}
@final @unmanaged export class LeOp<T> {
  @inline vec(a: v128, b: v128, p: v128): v128 {
    return v128.le<T>(a, b);
  }
}
@final @unmanaged export class GtOp<T> {
  @inline vec(a: v128, b: v128, p: v128): v128 {
    return v128.gt<T>(a, b);
  }
}
@final @unmanaged export class GeOp<T> {
  @inline vec(a: v128, b: v128, p: v128): v128 {
    return v128.ge<T>(a, b);
  }
}

// ---------------------------------------------------------------- int32 ops (wrapping arithmetic, as C++ int)

/** Set by integer division and modulo when a divisor is zero; kernels clear it first and return it to the host. */
let divisionByZero: i32 = 0;

export function clearDivisionByZero(): void {
  divisionByZero = 0;
}

export function sawDivisionByZero(): i32 {
  return divisionByZero;
}

@final @unmanaged export class IntNegOp {
  @inline vec(x: v128, p: v128, q: v128): v128 {
    return i32x4.neg(x);
  }
}
@final @unmanaged export class IntAbsOp {
  @inline vec(x: v128, p: v128, q: v128): v128 {
    return i32x4.abs(x);
  }
}
@final @unmanaged export class IntSignOp {
  @inline vec(x: v128, p: v128, q: v128): v128 {
    // (x > 0) - (x < 0): the masks are -1 / 0
    return i32x4.sub(i32x4.lt_s(x, i32x4.splat(0)), i32x4.gt_s(x, i32x4.splat(0)));
  }
}
@final @unmanaged export class IntSquareOp {
  @inline vec(x: v128, p: v128, q: v128): v128 {
    return i32x4.mul(x, x);
  }
}
@final @unmanaged export class IntCubeOp {
  @inline vec(x: v128, p: v128, q: v128): v128 {
    return i32x4.mul(i32x4.mul(x, x), x);
  }
}
@final @unmanaged export class IntReluOp {
  @inline vec(x: v128, p: v128, q: v128): v128 {
    return i32x4.max_s(x, i32x4.splat(0));
  }
}
@final @unmanaged export class IntClampOp {
  @inline vec(x: v128, p: v128, q: v128): v128 {
    return i32x4.min_s(i32x4.max_s(x, p), q);
  }
}
@final @unmanaged export class IntAddOp {
  @inline vec(a: v128, b: v128, p: v128): v128 {
    return i32x4.add(a, b);
  }
}
@final @unmanaged export class IntSubOp {
  @inline vec(a: v128, b: v128, p: v128): v128 {
    return i32x4.sub(a, b);
  }
}
@final @unmanaged export class IntMulOp {
  @inline vec(a: v128, b: v128, p: v128): v128 {
    return i32x4.mul(a, b);
  }
}
@final @unmanaged export class IntAddScaledOp {
  @inline vec(a: v128, b: v128, p: v128): v128 {
    return i32x4.add(a, i32x4.mul(p, b));
  }
}
@final @unmanaged export class IntMaximumOp {
  @inline vec(a: v128, b: v128, p: v128): v128 {
    return i32x4.max_s(a, b);
  }
}
@final @unmanaged export class IntMinimumOp {
  @inline vec(a: v128, b: v128, p: v128): v128 {
    return i32x4.min_s(a, b);
  }
}
@final @unmanaged export class IntPowOp {
  @inline vec(a: v128, b: v128, p: v128): v128 {
    return lanewise<i32, IntPowScalar>(a, b);
  }
}
@final @unmanaged export class IntFloorDivideOp {
  @inline vec(a: v128, b: v128, p: v128): v128 {
    return lanewise<i32, IntFloorDivideScalar>(a, b);
  }
}
@final @unmanaged export class IntTruncDivideOp {
  @inline vec(a: v128, b: v128, p: v128): v128 {
    return lanewise<i32, IntTruncDivideScalar>(a, b);
  }
}
@final @unmanaged export class IntRemainderOp {
  @inline vec(a: v128, b: v128, p: v128): v128 {
    return lanewise<i32, IntRemainderScalar>(a, b);
  }
}
@final @unmanaged export class IntFmodOp {
  @inline vec(a: v128, b: v128, p: v128): v128 {
    return lanewise<i32, IntFmodScalar>(a, b);
  }
}

/** Exponentiation by squaring; negative exponents give 1 for base 1, +-1 for base -1, else 0 (PyTorch's powi). */
@final @unmanaged class IntPowScalar {
  @inline apply(a: i32, b: i32): i32 {
    if (b < 0) {
      if (a == 1) return 1;
      if (a == -1) return (b & 1) != 0 ? -1 : 1;
      return 0;
    }
    let result: i32 = 1;
    let base = a;
    let e = b;
    while (e != 0) {
      if ((e & 1) != 0) result *= base;
      base *= base;
      e >>>= 1;
    }
    return result;
  }
}
/** Truncating quotient; wraps for INT_MIN / -1 instead of trapping. */
@inline
function truncDivide(a: i32, b: i32): i32 {
  if (b == 0) {
    divisionByZero = 1;
    return 0;
  }
  if (b == -1) return -a;
  return a / b;
}
@final @unmanaged class IntTruncDivideScalar {
  @inline apply(a: i32, b: i32): i32 {
    return truncDivide(a, b);
  }
}
@final @unmanaged class IntFloorDivideScalar {
  @inline apply(a: i32, b: i32): i32 {
    const quotient = truncDivide(a, b);
    if (b != 0 && (a < 0) != (b < 0) && quotient * b != a) return quotient - 1;
    return quotient;
  }
}
@final @unmanaged class IntFmodScalar {
  @inline apply(a: i32, b: i32): i32 {
    if (b == 0) {
      divisionByZero = 1;
      return 0;
    }
    return a % b; // wasm's rem_s gives 0 for INT_MIN % -1
  }
}
@final @unmanaged class IntRemainderScalar {
  @inline apply(a: i32, b: i32): i32 {
    if (b == 0) {
      divisionByZero = 1;
      return 0;
    }
    let r = a % b;
    if (r != 0 && (r < 0) != (b < 0)) r += b;
    return r;
  }
}

