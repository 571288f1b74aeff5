// Binary arithmetic and logical elementwise kernels: the op classes, the opcode switches and the exports.
// - binaryX(op, a, aStride, b, bStride, out, n, p): one row; strides 1/1 (same shape), 1/0 or 0/1 (tensor-scalar,
//   the scalar is read from memory), or anything (gathered lanes).
// - binaryNdX(op, a, b, out, ndim, meta, p): broadcasting; meta (i32) holds shape[ndim], aStrides[ndim],
//   bStrides[ndim] (0 on broadcast dims, merged by the host) and ndim scratch words for the index counter. The inner
//   dim is one row call, so a contiguous or broadcast-scalar inner row runs the vector loop.
// Op classes are zero-size: `vec(a, b, p)` maps whole vectors for the drivers in elementwise-drivers.ts. Formulas
// follow PyTorch's CPU kernels where PyTorch fixes the order of operations (floor division, remainder).
import {
  ADD, ADD_SCALED, ATAN2, DIV, FIRST, FLOOR_DIVIDE, FMOD, LOGADDEXP, LOGICAL_AND, LOGICAL_OR, MAXIMUM, MINIMUM, MUL, POW,
  REMAINDER, SUB, TRUNC_DIVIDE,
} from '../abi/elementwise-ops';
import { at, binaryRow, broadcastRows } from './elementwise-drivers';
import { splatParam } from './elementwise-lanes';
import {
  FloorDivideScalar, FmodScalar, IntFloorDivideScalar, IntFmodScalar, IntPowScalar, IntRemainderScalar,
  IntTruncDivideScalar, RemainderScalar, clearDivisionByZero, sawDivisionByZero,
} from './elementwise-scalar';
import { atan2F32x4, expF32x4, log1pF32x4, powF32x4 } from './math-f32';
import { atan2F64x2, expF64x2, log1pF64x2, powF64x2 } from './math-f64';
import { sel } from './math-simd';

// ---------------------------------------------------------------- binary float ops: vec(a, b, p)

@final @unmanaged class AddOp<T> {
  @inline vec(a: v128, b: v128, p: v128): v128 {
    return v128.add<T>(a, b);
  }
}
@final @unmanaged class SubOp<T> {
  @inline vec(a: v128, b: v128, p: v128): v128 {
    return v128.sub<T>(a, b);
  }
}
@final @unmanaged class MulOp<T> {
  @inline vec(a: v128, b: v128, p: v128): v128 {
    return v128.mul<T>(a, b);
  }
}
@final @unmanaged class DivOp<T> {
  @inline vec(a: v128, b: v128, p: v128): v128 {
    return v128.div<T>(a, b);
  }
}
/** a + p * b (add/sub with alpha), rounded twice on every build so that results match across binaries. */
@final @unmanaged class AddScaledOp<T> {
  @inline vec(a: v128, b: v128, p: v128): v128 {
    return v128.add<T>(a, v128.mul<T>(p, b));
  }
}
/** NaN-propagating maximum. */
@final @unmanaged class MaximumOp<T> {
  @inline vec(a: v128, b: v128, p: v128): v128 {
    return v128.max<T>(a, b);
  }
}
@final @unmanaged class MinimumOp<T> {
  @inline vec(a: v128, b: v128, p: v128): v128 {
    return v128.min<T>(a, b);
  }
}
@final @unmanaged class PowOp<T> {
  @inline vec(a: v128, b: v128, p: v128): v128 {
    return sizeof<T>() == 4 ? powF32x4(a, b) : powF64x2(a, b);
  }
}
@final @unmanaged class Atan2Op<T> {
  @inline vec(a: v128, b: v128, p: v128): v128 {
    return sizeof<T>() == 4 ? atan2F32x4(a, b) : atan2F64x2(a, b);
  }
}
/** PyTorch's logaddexp: max(a, b) + log1p(exp(-|a - b|)), and a itself when a == b is infinite (inf + inf stays inf). */
@final @unmanaged class LogaddexpOp<T> {
  @inline vec(a: v128, b: v128, p: v128): v128 {
    const e = sizeof<T>() == 4 ? expF32x4(v128.neg<T>(v128.abs<T>(v128.sub<T>(a, b)))) : expF64x2(v128.neg<T>(v128.abs<T>(v128.sub<T>(a, b))));
    const r = v128.add<T>(v128.max<T>(a, b), sizeof<T>() == 4 ? log1pF32x4(e) : log1pF64x2(e));
    const sameInfinity = v128.and(v128.eq<T>(a, b), v128.eq<T>(v128.abs<T>(a), v128.splat<T>(<T>Infinity)));
    return sel(sameInfinity, a, r);
  }
}
@final @unmanaged class FmodOp<T> {
  @inline vec(a: v128, b: v128, p: v128): v128 {
    return lanewise<T, FmodScalar<T>>(a, b);
  }
}
@final @unmanaged class RemainderOp<T> {
  @inline vec(a: v128, b: v128, p: v128): v128 {
    return lanewise<T, RemainderScalar<T>>(a, b);
  }
}
@final @unmanaged class FloorDivideOp<T> {
  @inline vec(a: v128, b: v128, p: v128): v128 {
    return lanewise<T, FloorDivideScalar<T>>(a, b);
  }
}
@final @unmanaged class TruncDivideOp<T> {
  @inline vec(a: v128, b: v128, p: v128): v128 {
    return v128.trunc<T>(v128.div<T>(a, b));
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

// ---------------------------------------------------------------- int32 binary ops (wrapping arithmetic, as C++ int)

@final @unmanaged class IntAddOp {
  @inline vec(a: v128, b: v128, p: v128): v128 {
    return i32x4.add(a, b);
  }
}
@final @unmanaged class IntSubOp {
  @inline vec(a: v128, b: v128, p: v128): v128 {
    return i32x4.sub(a, b);
  }
}
@final @unmanaged class IntMulOp {
  @inline vec(a: v128, b: v128, p: v128): v128 {
    return i32x4.mul(a, b);
  }
}
@final @unmanaged class IntAddScaledOp {
  @inline vec(a: v128, b: v128, p: v128): v128 {
    return i32x4.add(a, i32x4.mul(p, b));
  }
}
@final @unmanaged class IntMaximumOp {
  @inline vec(a: v128, b: v128, p: v128): v128 {
    return i32x4.max_s(a, b);
  }
}
@final @unmanaged class IntMinimumOp {
  @inline vec(a: v128, b: v128, p: v128): v128 {
    return i32x4.min_s(a, b);
  }
}
@final @unmanaged class IntPowOp {
  @inline vec(a: v128, b: v128, p: v128): v128 {
    return lanewise<i32, IntPowScalar>(a, b);
  }
}
@final @unmanaged class IntFloorDivideOp {
  @inline vec(a: v128, b: v128, p: v128): v128 {
    return lanewise<i32, IntFloorDivideScalar>(a, b);
  }
}
@final @unmanaged class IntTruncDivideOp {
  @inline vec(a: v128, b: v128, p: v128): v128 {
    return lanewise<i32, IntTruncDivideScalar>(a, b);
  }
}
@final @unmanaged class IntRemainderOp {
  @inline vec(a: v128, b: v128, p: v128): v128 {
    return lanewise<i32, IntRemainderScalar>(a, b);
  }
}
@final @unmanaged class IntFmodOp {
  @inline vec(a: v128, b: v128, p: v128): v128 {
    return lanewise<i32, IntFmodScalar>(a, b);
  }
}

// ---------------------------------------------------------------- binary kernels

/** One row of a float binary op (one instance per element type, shared by the 1-D and the broadcasting kernels). */
function binaryFloatRow<T>(op: i32, a: usize, sa: i32, b: usize, sb: i32, out: usize, n: i32, p: v128): void {
  switch (op) {
    case ADD: binaryRow<T, AddOp<T>, T>(a, sa, b, sb, out, n, p); break;
    case SUB: binaryRow<T, SubOp<T>, T>(a, sa, b, sb, out, n, p); break;
    case MUL: binaryRow<T, MulOp<T>, T>(a, sa, b, sb, out, n, p); break;
    case DIV: binaryRow<T, DivOp<T>, T>(a, sa, b, sb, out, n, p); break;
    case ADD_SCALED: binaryRow<T, AddScaledOp<T>, T>(a, sa, b, sb, out, n, p); break;
    case MAXIMUM: binaryRow<T, MaximumOp<T>, T>(a, sa, b, sb, out, n, p); break;
    case MINIMUM: binaryRow<T, MinimumOp<T>, T>(a, sa, b, sb, out, n, p); break;
    case POW: binaryRow<T, PowOp<T>, T>(a, sa, b, sb, out, n, p); break;
    case ATAN2: binaryRow<T, Atan2Op<T>, T>(a, sa, b, sb, out, n, p); break;
    case FMOD: binaryRow<T, FmodOp<T>, T>(a, sa, b, sb, out, n, p); break;
    case REMAINDER: binaryRow<T, RemainderOp<T>, T>(a, sa, b, sb, out, n, p); break;
    case FLOOR_DIVIDE: binaryRow<T, FloorDivideOp<T>, T>(a, sa, b, sb, out, n, p); break;
    case TRUNC_DIVIDE: binaryRow<T, TruncDivideOp<T>, T>(a, sa, b, sb, out, n, p); break;
    case LOGADDEXP: binaryRow<T, LogaddexpOp<T>, T>(a, sa, b, sb, out, n, p); break;
    default: unreachable();
  }
}

function binaryRowI32(op: i32, a: usize, sa: i32, b: usize, sb: i32, out: usize, n: i32, p: v128): void {
  switch (op) {
    case ADD: binaryRow<i32, IntAddOp, i32>(a, sa, b, sb, out, n, p); break;
    case SUB: binaryRow<i32, IntSubOp, i32>(a, sa, b, sb, out, n, p); break;
    case MUL: binaryRow<i32, IntMulOp, i32>(a, sa, b, sb, out, n, p); break;
    case ADD_SCALED: binaryRow<i32, IntAddScaledOp, i32>(a, sa, b, sb, out, n, p); break;
    case MAXIMUM: binaryRow<i32, IntMaximumOp, i32>(a, sa, b, sb, out, n, p); break;
    case MINIMUM: binaryRow<i32, IntMinimumOp, i32>(a, sa, b, sb, out, n, p); break;
    case POW: binaryRow<i32, IntPowOp, i32>(a, sa, b, sb, out, n, p); break;
    case FMOD: binaryRow<i32, IntFmodOp, i32>(a, sa, b, sb, out, n, p); break;
    case REMAINDER: binaryRow<i32, IntRemainderOp, i32>(a, sa, b, sb, out, n, p); break;
    case FLOOR_DIVIDE: binaryRow<i32, IntFloorDivideOp, i32>(a, sa, b, sb, out, n, p); break;
    case TRUNC_DIVIDE: binaryRow<i32, IntTruncDivideOp, i32>(a, sa, b, sb, out, n, p); break;
    default: unreachable();
  }
}

/** Logical and/or/xor of bool bytes (0/1), and FIRST (a itself). */
function binaryRowU8(op: i32, a: usize, sa: i32, b: usize, sb: i32, out: usize, n: i32, p: v128): void {
  let i = 0;
  if (sa == 1 && sb == 1) {
    for (; i + 16 <= n; i += 16) {
      const x = v128.load(a + <usize>i);
      const y = v128.load(b + <usize>i);
      v128.store(out + <usize>i, op == LOGICAL_AND ? v128.and(x, y) : op == LOGICAL_OR ? v128.or(x, y) : op == FIRST ? x : v128.xor(x, y));
    }
  }
  for (; i < n; i++) {
    const x = load<u8>(at<u8>(a, i, sa));
    const y = load<u8>(at<u8>(b, i, sb));
    store<u8>(out + <usize>i, op == LOGICAL_AND ? x & y : op == LOGICAL_OR ? x | y : op == FIRST ? x : x ^ y);
  }
}

// Row dispatchers for broadcastRows: zero-size classes whose row() calls one of the row functions (no condition
// operand: c and sc are unused).
@final @unmanaged class FloatRows<T> {
  @inline row(op: i32, c: usize, sc: i32, a: usize, sa: i32, b: usize, sb: i32, out: usize, n: i32, p: v128): void {
    binaryFloatRow<T>(op, a, sa, b, sb, out, n, p);
  }
}
@final @unmanaged class RowsI32 {
  @inline row(op: i32, c: usize, sc: i32, a: usize, sa: i32, b: usize, sb: i32, out: usize, n: i32, p: v128): void {
    binaryRowI32(op, a, sa, b, sb, out, n, p);
  }
}
@final @unmanaged class RowsU8 {
  @inline row(op: i32, c: usize, sc: i32, a: usize, sa: i32, b: usize, sb: i32, out: usize, n: i32, p: v128): void {
    binaryRowU8(op, a, sa, b, sb, out, n, p);
  }
}

export function binaryF32(op: i32, a: usize, aStride: i32, b: usize, bStride: i32, out: usize, n: i32, p: f64): void {
  binaryFloatRow<f32>(op, a, aStride, b, bStride, out, n, splatParam<f32>(p));
}

export function binaryF64(op: i32, a: usize, aStride: i32, b: usize, bStride: i32, out: usize, n: i32, p: f64): void {
  binaryFloatRow<f64>(op, a, aStride, b, bStride, out, n, splatParam<f64>(p));
}

/** Returns 1 when an integer division or modulo met a zero divisor (those results are 0), else 0. */
export function binaryI32(op: i32, a: usize, aStride: i32, b: usize, bStride: i32, out: usize, n: i32, p: f64): i32 {
  clearDivisionByZero();
  binaryRowI32(op, a, aStride, b, bStride, out, n, splatParam<i32>(p));
  return sawDivisionByZero();
}

export function binaryU8(op: i32, a: usize, aStride: i32, b: usize, bStride: i32, out: usize, n: i32): void {
  binaryRowU8(op, a, aStride, b, bStride, out, n, i32x4.splat(0));
}

export function binaryNdF32(op: i32, a: usize, b: usize, out: usize, ndim: i32, meta: usize, p: f64): void {
  broadcastRows<f32, f32, FloatRows<f32>>(false, op, 0, a, b, out, ndim, meta, splatParam<f32>(p));
}

export function binaryNdF64(op: i32, a: usize, b: usize, out: usize, ndim: i32, meta: usize, p: f64): void {
  broadcastRows<f64, f64, FloatRows<f64>>(false, op, 0, a, b, out, ndim, meta, splatParam<f64>(p));
}

/** Returns 1 when an integer division or modulo met a zero divisor, else 0. */
export function binaryNdI32(op: i32, a: usize, b: usize, out: usize, ndim: i32, meta: usize, p: f64): i32 {
  clearDivisionByZero();
  broadcastRows<i32, i32, RowsI32>(false, op, 0, a, b, out, ndim, meta, splatParam<i32>(p));
  return sawDivisionByZero();
}

export function binaryNdU8(op: i32, a: usize, b: usize, out: usize, ndim: i32, meta: usize): void {
  broadcastRows<u8, u8, RowsU8>(false, op, 0, a, b, out, ndim, meta, i32x4.splat(0));
}
