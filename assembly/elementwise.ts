// Elementwise kernels: unary maps, binary arithmetic and comparisons with broadcasting, logical ops and where.
// Pointers are byte addresses; strides and sizes count elements. Outputs are contiguous.
// - unaryX(op, x, out, n, p, q): out[i] = f(x[i]) over a contiguous run (x may equal out); p, q are op parameters.
// - binaryX(op, a, aStride, b, bStride, out, n, p): one row; strides 1/1 (same shape), 1/0 or 0/1 (tensor-scalar,
//   the scalar is read from memory), or anything (gathered lanes).
// - binaryNdX(op, a, b, out, ndim, meta, p): broadcasting; meta (i32) holds shape[ndim], aStrides[ndim],
//   bStrides[ndim] (0 on broadcast dims, merged by the host) and ndim scratch words for the index counter. The inner
//   dim is one row call, so a contiguous or broadcast-scalar inner row runs the vector loop.
// - compareX / compareNdX: the same shapes with bool (byte 0/1) output.
// Every loop works on whole vectors; a row's last partial vector and gathered rows use lanes filled from memory, so
// results are identical whatever path or position an element takes (see elementwise-lanes.ts).
import {
  ABS, ADD, ADD_SCALED, ASIN, ATAN, ATAN2, CEIL, CLAMP, COS, CUBE, DIV, ELU, EQ, ERF, EXP, EXP2, EXPM1, FLOOR,
  FLOOR_DIVIDE, FMOD, GE, LOGADDEXP, GELU, GELU_TANH, GT, LE, LEAKY_RELU, LOG, LOG10, LOG1P, LOG2, LOGICAL_AND, LOGICAL_OR, LT,
  MAXIMUM, MINIMUM, MUL, NE, NEG, POW, RECIPROCAL, RECIPROCAL_SQUARE, REMAINDER, RELU, ROUND, RSQRT, SIGMOID, SIGN,
  SILU, SIN, SOFTPLUS, SQRT, SQUARE, SUB, TANH, TRUNC, TRUNC_DIVIDE,
} from '../abi/elementwise-ops';
import {
  AbsOp, AddOp, AddScaledOp, AsinOp, Atan2Op, AtanOp, CeilOp, ClampOp, CosOp, CubeOp, DivOp, EluOp, EqOp, ErfOp,
  Exp2Op, ExpOp, Expm1Op, FloorDivideOp, FloorOp, FmodOp, GeluOp, GeluTanhOp, GeOp, GtOp, IntAbsOp, IntAddOp,
  IntAddScaledOp, IntClampOp, IntCubeOp, IntFloorDivideOp, IntFmodOp, IntMaximumOp, IntMinimumOp, IntMulOp, IntNegOp,
  IntPowOp, IntReluOp, IntRemainderOp, IntSignOp, IntSquareOp, IntSubOp, IntTruncDivideOp, LeakyReluOp, LeOp, Log10Op,
  Log1pOp, Log2Op, LogaddexpOp, LogOp, LtOp, MaximumOp, MinimumOp, MulOp, NegOp, NeOp, PowOp, ReciprocalOp, ReciprocalSquareOp,
  RemainderOp, ReluOp, RoundOp, RsqrtOp, SigmoidOp, SignOp, SiluOp, SinOp, SoftplusOp, SqrtOp, SquareOp, SubOp,
  TanhOp, TruncDivideOp, TruncOp, clearDivisionByZero, sawDivisionByZero,
} from './elementwise-ops';
import { loadLanes, splatParam, storeLanes, storeMaskBytes } from './elementwise-lanes';
import { lanes } from './simd';
import { startOdometer } from './strided';

// ---------------------------------------------------------------- drivers

/** out[i] = op(x[i]) over a contiguous run; the last partial vector goes through the same op.vec call site. */
@inline
function unaryRun<T, O>(x: usize, out: usize, n: i32, p: v128, q: v128): void {
  const op = changetype<O>(0);
  const L = lanes<T>();
  for (let i = 0; i < n; i += L) {
    const offset = <usize>i * sizeof<T>();
    const full = i + L <= n;
    const v = op.vec(full ? v128.load(x + offset) : loadLanes<T>(x + offset, 1, n - i), p, q);
    if (full) v128.store(out + offset, v);
    else storeLanes<T>(out + offset, v, n - i);
  }
}

/**
 * unaryRun for the float32 exp-based ops: four vectors per iteration, as four independent dependency chains the CPU
 * overlaps (each op is one long chain of dependent multiply-adds), then unaryRun for the remainder. Every vector goes
 * through the same lane-wise op.vec, so results do not depend on which loop handles an element.
 */
@inline
function unaryRunX4<T, O>(x: usize, out: usize, n: i32, p: v128, q: v128): void {
  const op = changetype<O>(0);
  const L = lanes<T>();
  let i = 0;
  if (sizeof<T>() == 4) {
    const bytes = <usize>L * sizeof<T>();
    for (; i + 4 * L <= n; i += 4 * L) {
      const src = x + <usize>i * sizeof<T>();
      const dst = out + <usize>i * sizeof<T>();
      const v0 = op.vec(v128.load(src), p, q);
      const v1 = op.vec(v128.load(src + bytes), p, q);
      const v2 = op.vec(v128.load(src + 2 * bytes), p, q);
      const v3 = op.vec(v128.load(src + 3 * bytes), p, q);
      v128.store(dst, v0);
      v128.store(dst + bytes, v1);
      v128.store(dst + 2 * bytes, v2);
      v128.store(dst + 3 * bytes, v3);
    }
  }
  const done = <usize>i * sizeof<T>();
  unaryRun<T, O>(x + done, out + done, n - i, p, q);
}

/** Stores `count` results at element index i of a contiguous output of R (T values, or bytes for masks). */
@inline
function storeResults<T, R>(out: usize, i: i32, v: v128, count: i32): void {
  if (sizeof<R>() == 1) storeMaskBytes<T>(out + <usize>i, v, count);
  else if (count == lanes<T>()) v128.store(out + <usize>i * sizeof<T>(), v);
  else storeLanes<T>(out + <usize>i * sizeof<T>(), v, count);
}

@inline
function at<T>(base: usize, i: i32, stride: i32): usize {
  return base + <usize>(<isize>i * <isize>stride * <isize>sizeof<T>());
}

/**
 * out[i] = op(a[i * aStride], b[i * bStride]) for one row: a vector loop when both operands are contiguous, else
 * lanes gathered by stride (stride 0 is a broadcast scalar: one load and a splat). Each path has one op.vec call site.
 */
@inline
function binaryRow<T, O, R>(a: usize, aStride: i32, b: usize, bStride: i32, out: usize, n: i32, p: v128): void {
  const op = changetype<O>(0);
  const L = lanes<T>();
  if (aStride == 1 && bStride == 1) {
    for (let i = 0; i < n; i += L) {
      const full = i + L <= n;
      const count = full ? L : n - i;
      const av = full ? v128.load(at<T>(a, i, 1)) : loadLanes<T>(at<T>(a, i, 1), 1, count);
      const bv = full ? v128.load(at<T>(b, i, 1)) : loadLanes<T>(at<T>(b, i, 1), 1, count);
      storeResults<T, R>(out, i, op.vec(av, bv, p), count);
    }
    return;
  }
  for (let i = 0; i < n; i += L) {
    const count = min(L, n - i);
    const av = aStride == 0 ? loadLanes<T>(a, 0, 1) : loadLanes<T>(at<T>(a, i, aStride), aStride, count);
    const bv = bStride == 0 ? loadLanes<T>(b, 0, 1) : loadLanes<T>(at<T>(b, i, bStride), bStride, count);
    storeResults<T, R>(out, i, op.vec(av, bv, p), count);
  }
}

/**
 * Odometer over the outer dims of a broadcast op; each inner row is one call of the row dispatcher C (a zero-size
 * class whose row() switches on the op code). Binary ops and comparisons have two operands of T, a and b (meta:
 * shape[ndim], aStrides[ndim], bStrides[ndim], then ndim counter words); where (`withCond`, a constant) has the
 * condition bytes c as a third, strides first (meta: shape, cStrides, aStrides, bStrides, counter). Outputs of R
 * are written contiguously.
 */
@inline
function broadcastRows<T, R, C>(withCond: bool, op: i32, c: usize, a: usize, b: usize, out: usize, ndim: i32, meta: usize, p: v128): void {
  const rows = changetype<C>(0);
  if (ndim == 0) {
    rows.row(op, c, 0, a, 0, b, 0, out, 1, p);
    return;
  }
  const w = <usize>ndim << 2;
  const shapeP = meta;
  const cStrideP = meta + w;
  const aStrideP = withCond ? cStrideP + w : meta + w;
  const bStrideP = aStrideP + w;
  const counterP = bStrideP + w;
  const last = <usize>(ndim - 1) << 2;
  const inner = load<i32>(shapeP + last);
  const cInner = withCond ? load<i32>(cStrideP + last) : 0;
  const aInner = load<i32>(aStrideP + last);
  const bInner = load<i32>(bStrideP + last);
  const total = startOdometer(ndim - 1, shapeP, counterP);
  let cOffset: isize = 0;
  let aOffset: isize = 0;
  let bOffset: isize = 0;
  let o = out;
  const rowBytes = <usize>inner * sizeof<R>();
  for (let r = 0; r < total; r++) {
    rows.row(op, c + <usize>cOffset, cInner, a + <usize>(aOffset * sizeof<T>()), aInner, b + <usize>(bOffset * sizeof<T>()), bInner, o, inner, p);
    o += rowBytes;
    // Odometer step, moving every offset (kept inline: on short rows it is a large share of the time).
    for (let d = ndim - 2; d >= 0; d--) {
      const dp = <usize>d << 2;
      const k = load<i32>(counterP + dp) + 1;
      const sc = withCond ? <isize>load<i32>(cStrideP + dp) : 0;
      const sa = <isize>load<i32>(aStrideP + dp);
      const sb = <isize>load<i32>(bStrideP + dp);
      if (k < load<i32>(shapeP + dp)) {
        store<i32>(counterP + dp, k);
        cOffset += sc;
        aOffset += sa;
        bOffset += sb;
        break;
      }
      store<i32>(counterP + dp, 0);
      cOffset -= sc * <isize>(k - 1);
      aOffset -= sa * <isize>(k - 1);
      bOffset -= sb * <isize>(k - 1);
    }
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

/** Logical and/or/xor of bool bytes (0/1). */
function binaryRowU8(op: i32, a: usize, sa: i32, b: usize, sb: i32, out: usize, n: i32, p: v128): void {
  let i = 0;
  if (sa == 1 && sb == 1) {
    for (; i + 16 <= n; i += 16) {
      const x = v128.load(a + <usize>i);
      const y = v128.load(b + <usize>i);
      v128.store(out + <usize>i, op == LOGICAL_AND ? v128.and(x, y) : op == LOGICAL_OR ? v128.or(x, y) : v128.xor(x, y));
    }
  }
  for (; i < n; i++) {
    const x = load<u8>(at<u8>(a, i, sa));
    const y = load<u8>(at<u8>(b, i, sb));
    store<u8>(out + <usize>i, op == LOGICAL_AND ? x & y : op == LOGICAL_OR ? x | y : x ^ y);
  }
}

// Row dispatchers for broadcastRows: zero-size classes whose row() calls one of the row functions (the binary ones
// have no condition operand: c and sc are unused).
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
@final @unmanaged class CompareRows<T> {
  @inline row(op: i32, c: usize, sc: i32, a: usize, sa: i32, b: usize, sb: i32, out: usize, n: i32, p: v128): void {
    compareRow<T>(op, a, sa, b, sb, out, n, p);
  }
}
@final @unmanaged class WhereRows<E> {
  @inline row(op: i32, c: usize, sc: i32, a: usize, sa: i32, b: usize, sb: i32, out: usize, n: i32, p: v128): void {
    whereRow<E>(c, sc, a, sa, b, sb, out, n);
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

// ---------------------------------------------------------------- comparisons (bool output)

/** One row of a comparison, bool output (one instance per element type). */
function compareRow<T>(op: i32, a: usize, sa: i32, b: usize, sb: i32, out: usize, n: i32, p: v128): void {
  switch (op) {
    case EQ: binaryRow<T, EqOp<T>, u8>(a, sa, b, sb, out, n, p); break;
    case NE: binaryRow<T, NeOp<T>, u8>(a, sa, b, sb, out, n, p); break;
    case LT: binaryRow<T, LtOp<T>, u8>(a, sa, b, sb, out, n, p); break;
    case LE: binaryRow<T, LeOp<T>, u8>(a, sa, b, sb, out, n, p); break;
    case GT: binaryRow<T, GtOp<T>, u8>(a, sa, b, sb, out, n, p); break;
    case GE: binaryRow<T, GeOp<T>, u8>(a, sa, b, sb, out, n, p); break;
    default: unreachable();
  }
}

export function compareF32(op: i32, a: usize, aStride: i32, b: usize, bStride: i32, out: usize, n: i32): void {
  compareRow<f32>(op, a, aStride, b, bStride, out, n, i32x4.splat(0));
}
export function compareF64(op: i32, a: usize, aStride: i32, b: usize, bStride: i32, out: usize, n: i32): void {
  compareRow<f64>(op, a, aStride, b, bStride, out, n, i32x4.splat(0));
}
export function compareI32(op: i32, a: usize, aStride: i32, b: usize, bStride: i32, out: usize, n: i32): void {
  compareRow<i32>(op, a, aStride, b, bStride, out, n, i32x4.splat(0));
}
export function compareNdF32(op: i32, a: usize, b: usize, out: usize, ndim: i32, meta: usize): void {
  broadcastRows<f32, u8, CompareRows<f32>>(false, op, 0, a, b, out, ndim, meta, i32x4.splat(0));
}
export function compareNdF64(op: i32, a: usize, b: usize, out: usize, ndim: i32, meta: usize): void {
  broadcastRows<f64, u8, CompareRows<f64>>(false, op, 0, a, b, out, ndim, meta, i32x4.splat(0));
}
export function compareNdI32(op: i32, a: usize, b: usize, out: usize, ndim: i32, meta: usize): void {
  broadcastRows<i32, u8, CompareRows<i32>>(false, op, 0, a, b, out, ndim, meta, i32x4.splat(0));
}

// ---------------------------------------------------------------- where

/** out[i] = cond[i] ? a[i] : b[i] for one row of elements of E; a vector select when all strides are 1. */
@inline
function whereRow<E>(c: usize, sc: i32, a: usize, sa: i32, b: usize, sb: i32, out: usize, n: i32): void {
  let i = 0;
  if (sizeof<E>() == 4 && sc == 1 && sa == 1 && sb == 1) {
    for (; i + 4 <= n; i += 4) {
      const bytes = v128.load32_zero(c + <usize>i);
      const mask = i32x4.ne(i32x4.extend_low_i16x8_u(i16x8.extend_low_i8x16_u(bytes)), i32x4.splat(0));
      const off = <usize>i << 2;
      v128.store(out + off, v128.bitselect(v128.load(a + off), v128.load(b + off), mask));
    }
  }
  for (; i < n; i++) {
    const pick = load<u8>(at<u8>(c, i, sc)) != 0;
    store<E>(out + <usize>i * sizeof<E>(), pick ? load<E>(at<E>(a, i, sa)) : load<E>(at<E>(b, i, sb)));
  }
}

/**
 * out = cond ? a : b with broadcasting, for elements of elemBytes (1, 4 or 8) bytes; cond holds bool bytes.
 * meta (i32): shape[ndim], condStrides[ndim], aStrides[ndim], bStrides[ndim], then ndim counter words.
 */
export function whereNd(elemBytes: i32, cond: usize, a: usize, b: usize, out: usize, ndim: i32, meta: usize): void {
  const none = i32x4.splat(0);
  if (elemBytes == 4) broadcastRows<u32, u32, WhereRows<u32>>(true, 0, cond, a, b, out, ndim, meta, none);
  else if (elemBytes == 8) broadcastRows<u64, u64, WhereRows<u64>>(true, 0, cond, a, b, out, ndim, meta, none);
  else broadcastRows<u8, u8, WhereRows<u8>>(true, 0, cond, a, b, out, ndim, meta, none);
}
