// Unary elementwise kernels: the op classes, the opcode switches and the exports.
// - unaryX(op, x, out, n, p, q): out[i] = f(x[i]) over a contiguous run (x may equal out); p, q are op parameters.
// - logicalNotU8(x, out, n): bool bytes.
// Op classes are zero-size: `vec` maps whole vectors (f32x4 / f64x2 for float T, i32x4 for i32) for the drivers in
// elementwise-drivers.ts. Formulas follow PyTorch's CPU kernels where PyTorch fixes the order of operations (gelu,
// silu, softplus, elu). Float lane arithmetic uses the generic builtins (v128.add<T>...), which pick the f32x4 or
// f64x2 instruction by T.
import {
  ABS, ASIN, ATAN, CEIL, CLAMP, COS, CUBE, ELU, ERF, EXP, EXP2, EXPM1, FLOOR, GELU, GELU_TANH, LEAKY_RELU, LOG, LOG10,
  LOG1P, LOG2, NEG, RECIPROCAL, RECIPROCAL_SQUARE, RELU, ROUND, RSQRT, SIGMOID, SIGN, SILU, SIN, SOFTPLUS, SQRT, SQUARE,
  TANH, TRUNC,
} from '../abi/elementwise-ops';
import { unaryRun, unaryRunX4 } from './elementwise-drivers';
import { splatParam } from './elementwise-lanes';
import {
  asinF32x4, atanF32x4, cosF32x4, erfF32x4, exp2F32x4, expF32x4, expm1F32x4, log10F32x4, log1pF32x4, log2F32x4,
  logF32x4, sigmoidF32x4, sinF32x4, tanhF32x4,
} from './math-f32';
import {
  asinF64x2, atanF64x2, cosF64x2, erfF64x2, exp2F64x2, expF64x2, expm1F64x2, log10F64x2, log1pF64x2, log2F64x2,
  logF64x2, sigmoidF64x2, sinF64x2, tanhF64x2,
} from './math-f64';
import { sel } from './math-simd';

// ---------------------------------------------------------------- unary float ops: vec(x, p, q), p/q = parameters

@final @unmanaged class NegOp<T> {
  @inline vec(x: v128, p: v128, q: v128): v128 {
    return v128.neg<T>(x);
  }
}
@final @unmanaged class AbsOp<T> {
  @inline vec(x: v128, p: v128, q: v128): v128 {
    return v128.abs<T>(x);
  }
}
@final @unmanaged class SqrtOp<T> {
  @inline vec(x: v128, p: v128, q: v128): v128 {
    return v128.sqrt<T>(x);
  }
}
/** 1 / sqrt(x), two roundings as in PyTorch. */
@final @unmanaged class RsqrtOp<T> {
  @inline vec(x: v128, p: v128, q: v128): v128 {
    return v128.div<T>(v128.splat<T>(1), v128.sqrt<T>(x));
  }
}
@final @unmanaged class ExpOp<T> {
  @inline vec(x: v128, p: v128, q: v128): v128 {
    return sizeof<T>() == 4 ? expF32x4(x) : expF64x2(x);
  }
}
@final @unmanaged class Exp2Op<T> {
  @inline vec(x: v128, p: v128, q: v128): v128 {
    return sizeof<T>() == 4 ? exp2F32x4(x) : exp2F64x2(x);
  }
}
@final @unmanaged class Expm1Op<T> {
  @inline vec(x: v128, p: v128, q: v128): v128 {
    return sizeof<T>() == 4 ? expm1F32x4(x) : expm1F64x2(x);
  }
}
@final @unmanaged class LogOp<T> {
  @inline vec(x: v128, p: v128, q: v128): v128 {
    return sizeof<T>() == 4 ? logF32x4(x) : logF64x2(x);
  }
}
@final @unmanaged class Log2Op<T> {
  @inline vec(x: v128, p: v128, q: v128): v128 {
    return sizeof<T>() == 4 ? log2F32x4(x) : log2F64x2(x);
  }
}
@final @unmanaged class Log10Op<T> {
  @inline vec(x: v128, p: v128, q: v128): v128 {
    return sizeof<T>() == 4 ? log10F32x4(x) : log10F64x2(x);
  }
}
@final @unmanaged class Log1pOp<T> {
  @inline vec(x: v128, p: v128, q: v128): v128 {
    return sizeof<T>() == 4 ? log1pF32x4(x) : log1pF64x2(x);
  }
}
@final @unmanaged class SinOp<T> {
  @inline vec(x: v128, p: v128, q: v128): v128 {
    return sizeof<T>() == 4 ? sinF32x4(x) : sinF64x2(x);
  }
}
@final @unmanaged class CosOp<T> {
  @inline vec(x: v128, p: v128, q: v128): v128 {
    return sizeof<T>() == 4 ? cosF32x4(x) : cosF64x2(x);
  }
}
@final @unmanaged class TanhOp<T> {
  @inline vec(x: v128, p: v128, q: v128): v128 {
    return sizeof<T>() == 4 ? tanhF32x4(x) : tanhF64x2(x);
  }
}
@final @unmanaged class SigmoidOp<T> {
  @inline vec(x: v128, p: v128, q: v128): v128 {
    return sizeof<T>() == 4 ? sigmoidF32x4(x) : sigmoidF64x2(x);
  }
}
@final @unmanaged class AtanOp<T> {
  @inline vec(x: v128, p: v128, q: v128): v128 {
    return sizeof<T>() == 4 ? atanF32x4(x) : atanF64x2(x);
  }
}
@final @unmanaged class AsinOp<T> {
  @inline vec(x: v128, p: v128, q: v128): v128 {
    return sizeof<T>() == 4 ? asinF32x4(x) : asinF64x2(x);
  }
}
@final @unmanaged class ErfOp<T> {
  @inline vec(x: v128, p: v128, q: v128): v128 {
    return sizeof<T>() == 4 ? erfF32x4(x) : erfF64x2(x);
  }
}
/** (x > 0) - (x < 0): 0 for zeros and NaN, as PyTorch's vectorised sign. */
@final @unmanaged class SignOp<T> {
  @inline vec(x: v128, p: v128, q: v128): v128 {
    const zero = v128.splat<T>(0);
    const one = v128.splat<T>(1);
    return v128.sub<T>(v128.and(v128.gt<T>(x, zero), one), v128.and(v128.lt<T>(x, zero), one));
  }
}
@final @unmanaged class FloorOp<T> {
  @inline vec(x: v128, p: v128, q: v128): v128 {
    return v128.floor<T>(x);
  }
}
@final @unmanaged class CeilOp<T> {
  @inline vec(x: v128, p: v128, q: v128): v128 {
    return v128.ceil<T>(x);
  }
}
@final @unmanaged class TruncOp<T> {
  @inline vec(x: v128, p: v128, q: v128): v128 {
    return v128.trunc<T>(x);
  }
}
/** Round half to even (torch.round). */
@final @unmanaged class RoundOp<T> {
  @inline vec(x: v128, p: v128, q: v128): v128 {
    return v128.nearest<T>(x);
  }
}
@final @unmanaged class ReciprocalOp<T> {
  @inline vec(x: v128, p: v128, q: v128): v128 {
    return v128.div<T>(v128.splat<T>(1), x);
  }
}
@final @unmanaged class SquareOp<T> {
  @inline vec(x: v128, p: v128, q: v128): v128 {
    return v128.mul<T>(x, x);
  }
}
/** x * x * x (PyTorch's pow(x, 3)). */
@final @unmanaged class CubeOp<T> {
  @inline vec(x: v128, p: v128, q: v128): v128 {
    return v128.mul<T>(v128.mul<T>(x, x), x);
  }
}
/** 1 / (x * x) (PyTorch's pow(x, -2)). */
@final @unmanaged class ReciprocalSquareOp<T> {
  @inline vec(x: v128, p: v128, q: v128): v128 {
    return v128.div<T>(v128.splat<T>(1), v128.mul<T>(x, x));
  }
}
/** x < 0 ? 0 : x (PyTorch's clamp_min(x, 0)): NaN stays NaN and -0 stays -0. */
@final @unmanaged class ReluOp<T> {
  @inline vec(x: v128, p: v128, q: v128): v128 {
    const zero = v128.splat<T>(0);
    return sel(v128.lt<T>(x, zero), zero, x);
  }
}
/** x > 0 ? x : x * p. */
@final @unmanaged class LeakyReluOp<T> {
  @inline vec(x: v128, p: v128, q: v128): v128 {
    return sel(v128.gt<T>(x, v128.splat<T>(0)), x, v128.mul<T>(x, p));
  }
}
/** x > 0 ? x : p * expm1(x). */
@final @unmanaged class EluOp<T> {
  @inline vec(x: v128, p: v128, q: v128): v128 {
    const negative = v128.mul<T>(p, sizeof<T>() == 4 ? expm1F32x4(x) : expm1F64x2(x));
    return sel(v128.gt<T>(x, v128.splat<T>(0)), x, negative);
  }
}
/** x / (1 + exp(-x)). */
@final @unmanaged class SiluOp<T> {
  @inline vec(x: v128, p: v128, q: v128): v128 {
    const minusX = v128.neg<T>(x);
    const e = sizeof<T>() == 4 ? expF32x4(minusX) : expF64x2(minusX);
    return v128.div<T>(x, v128.add<T>(v128.splat<T>(1), e));
  }
}
/** x * 0.5 * (1 + erf(x / sqrt(2))). */
@final @unmanaged class GeluOp<T> {
  @inline vec(x: v128, p: v128, q: v128): v128 {
    const u = v128.mul<T>(x, v128.splat<T>(0.7071067811865476));
    const e = sizeof<T>() == 4 ? erfF32x4(u) : erfF64x2(u);
    return v128.mul<T>(v128.mul<T>(x, v128.splat<T>(0.5)), v128.add<T>(v128.splat<T>(1), e));
  }
}
/** 0.5 * x * (1 + tanh(sqrt(2/pi) * (x + 0.044715 x^3))). */
@final @unmanaged class GeluTanhOp<T> {
  @inline vec(x: v128, p: v128, q: v128): v128 {
    const cube = v128.mul<T>(v128.mul<T>(x, x), x);
    const inner = v128.mul<T>(v128.splat<T>(0.7978845608028654), v128.add<T>(x, v128.mul<T>(v128.splat<T>(0.044715), cube)));
    const t = sizeof<T>() == 4 ? tanhF32x4(inner) : tanhF64x2(inner);
    return v128.mul<T>(v128.mul<T>(v128.splat<T>(0.5), x), v128.add<T>(v128.splat<T>(1), t));
  }
}
/** x * p > q ? x : log1p(exp(x * p)) / p (p = beta, q = threshold). */
@final @unmanaged class SoftplusOp<T> {
  @inline vec(x: v128, p: v128, q: v128): v128 {
    const xb = v128.mul<T>(x, p);
    const e = sizeof<T>() == 4 ? expF32x4(xb) : expF64x2(xb);
    const l = sizeof<T>() == 4 ? log1pF32x4(e) : log1pF64x2(e);
    return sel(v128.gt<T>(xb, q), x, v128.div<T>(l, p));
  }
}
/**
 * std::min(std::max(x, p), q) as PyTorch's scalar-bound clamp: t = x < p ? p : x, then t > q ? q : t. NaN stays
 * NaN, a bound equal to x leaves x (so -0 stays -0 against a bound of 0), and p > q gives q. Unset bounds are
 * -inf / +inf.
 */
@final @unmanaged class ClampOp<T> {
  @inline vec(x: v128, p: v128, q: v128): v128 {
    const low = sel(v128.lt<T>(x, p), p, x);
    return sel(v128.gt<T>(low, q), q, low);
  }
}

// ---------------------------------------------------------------- int32 unary ops (wrapping arithmetic, as C++ int)

@final @unmanaged class IntNegOp {
  @inline vec(x: v128, p: v128, q: v128): v128 {
    return i32x4.neg(x);
  }
}
@final @unmanaged class IntAbsOp {
  @inline vec(x: v128, p: v128, q: v128): v128 {
    return i32x4.abs(x);
  }
}
@final @unmanaged class IntSignOp {
  @inline vec(x: v128, p: v128, q: v128): v128 {
    // (x > 0) - (x < 0): the masks are -1 / 0
    return i32x4.sub(i32x4.lt_s(x, i32x4.splat(0)), i32x4.gt_s(x, i32x4.splat(0)));
  }
}
@final @unmanaged class IntSquareOp {
  @inline vec(x: v128, p: v128, q: v128): v128 {
    return i32x4.mul(x, x);
  }
}
@final @unmanaged class IntCubeOp {
  @inline vec(x: v128, p: v128, q: v128): v128 {
    return i32x4.mul(i32x4.mul(x, x), x);
  }
}
@final @unmanaged class IntReluOp {
  @inline vec(x: v128, p: v128, q: v128): v128 {
    return i32x4.max_s(x, i32x4.splat(0));
  }
}
@final @unmanaged class IntClampOp {
  @inline vec(x: v128, p: v128, q: v128): v128 {
    return i32x4.min_s(i32x4.max_s(x, p), q);
  }
}

// ---------------------------------------------------------------- unary kernels

@inline
function unaryFloat<T>(op: i32, x: usize, out: usize, n: i32, pv: f64, qv: f64): void {
  const p = splatParam<T>(pv);
  const q = splatParam<T>(qv);
  switch (op) {
    case NEG: unaryRun<T, NegOp<T>>(x, out, n, p, q); break;
    case ABS: unaryRun<T, AbsOp<T>>(x, out, n, p, q); break;
    case SQRT: unaryRun<T, SqrtOp<T>>(x, out, n, p, q); break;
    case RSQRT: unaryRun<T, RsqrtOp<T>>(x, out, n, p, q); break;
    case EXP: unaryRunX4<T, ExpOp<T>>(x, out, n, p, q); break;
    case EXP2: unaryRun<T, Exp2Op<T>>(x, out, n, p, q); break;
    case EXPM1: unaryRun<T, Expm1Op<T>>(x, out, n, p, q); break;
    case LOG: unaryRun<T, LogOp<T>>(x, out, n, p, q); break;
    case LOG2: unaryRun<T, Log2Op<T>>(x, out, n, p, q); break;
    case LOG10: unaryRun<T, Log10Op<T>>(x, out, n, p, q); break;
    case LOG1P: unaryRun<T, Log1pOp<T>>(x, out, n, p, q); break;
    case SIN: unaryRun<T, SinOp<T>>(x, out, n, p, q); break;
    case COS: unaryRun<T, CosOp<T>>(x, out, n, p, q); break;
    case TANH: unaryRunX4<T, TanhOp<T>>(x, out, n, p, q); break;
    case SIGMOID: unaryRunX4<T, SigmoidOp<T>>(x, out, n, p, q); break;
    case ATAN: unaryRun<T, AtanOp<T>>(x, out, n, p, q); break;
    case ASIN: unaryRun<T, AsinOp<T>>(x, out, n, p, q); break;
    case ERF: unaryRun<T, ErfOp<T>>(x, out, n, p, q); break;
    case SIGN: unaryRun<T, SignOp<T>>(x, out, n, p, q); break;
    case FLOOR: unaryRun<T, FloorOp<T>>(x, out, n, p, q); break;
    case CEIL: unaryRun<T, CeilOp<T>>(x, out, n, p, q); break;
    case TRUNC: unaryRun<T, TruncOp<T>>(x, out, n, p, q); break;
    case ROUND: unaryRun<T, RoundOp<T>>(x, out, n, p, q); break;
    case RECIPROCAL: unaryRun<T, ReciprocalOp<T>>(x, out, n, p, q); break;
    case SQUARE: unaryRun<T, SquareOp<T>>(x, out, n, p, q); break;
    case CUBE: unaryRun<T, CubeOp<T>>(x, out, n, p, q); break;
    case RECIPROCAL_SQUARE: unaryRun<T, ReciprocalSquareOp<T>>(x, out, n, p, q); break;
    case RELU: unaryRun<T, ReluOp<T>>(x, out, n, p, q); break;
    case LEAKY_RELU: unaryRun<T, LeakyReluOp<T>>(x, out, n, p, q); break;
    case ELU: unaryRun<T, EluOp<T>>(x, out, n, p, q); break;
    case SILU: unaryRunX4<T, SiluOp<T>>(x, out, n, p, q); break;
    case GELU: unaryRunX4<T, GeluOp<T>>(x, out, n, p, q); break;
    case GELU_TANH: unaryRunX4<T, GeluTanhOp<T>>(x, out, n, p, q); break;
    case SOFTPLUS: unaryRunX4<T, SoftplusOp<T>>(x, out, n, p, q); break;
    case CLAMP: unaryRun<T, ClampOp<T>>(x, out, n, p, q); break;
    default: unreachable();
  }
}

export function unaryF32(op: i32, x: usize, out: usize, n: i32, p: f64, q: f64): void {
  unaryFloat<f32>(op, x, out, n, p, q);
}

export function unaryF64(op: i32, x: usize, out: usize, n: i32, p: f64, q: f64): void {
  unaryFloat<f64>(op, x, out, n, p, q);
}

export function unaryI32(op: i32, x: usize, out: usize, n: i32, p: f64, q: f64): void {
  const pv = splatParam<i32>(p);
  const qv = splatParam<i32>(q);
  switch (op) {
    case NEG: unaryRun<i32, IntNegOp>(x, out, n, pv, qv); break;
    case ABS: unaryRun<i32, IntAbsOp>(x, out, n, pv, qv); break;
    case SIGN: unaryRun<i32, IntSignOp>(x, out, n, pv, qv); break;
    case SQUARE: unaryRun<i32, IntSquareOp>(x, out, n, pv, qv); break;
    case CUBE: unaryRun<i32, IntCubeOp>(x, out, n, pv, qv); break;
    case RELU: unaryRun<i32, IntReluOp>(x, out, n, pv, qv); break;
    case CLAMP: unaryRun<i32, IntClampOp>(x, out, n, pv, qv); break;
    default: unreachable();
  }
}

/** out[i] = !x[i] for bool bytes (0/1). */
export function logicalNotU8(x: usize, out: usize, n: i32): void {
  const one = i8x16.splat(1);
  let i = 0;
  for (; i + 16 <= n; i += 16) v128.store(out + <usize>i, v128.xor(v128.load(x + <usize>i), one));
  for (; i < n; i++) store<u8>(out + <usize>i, load<u8>(x + <usize>i) ^ 1);
}
