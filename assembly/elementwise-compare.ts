// Comparison kernels (float and int32), bool (byte 0/1) output: the op classes, the opcode switch and the exports.
// - compareX(op, a, aStride, b, bStride, out, n): one row, strides as in binaryX (elementwise-binary.ts).
// - compareNdX(op, a, b, out, ndim, meta): broadcasting, meta as in binaryNdX.
// Op classes return all-ones lane masks; the drivers (elementwise-drivers.ts) store them as bytes.
import { EQ, GE, GT, LE, LT, NE } from '../abi/elementwise-ops';
import { binaryRow, broadcastRows } from './elementwise-drivers';

// ---------------------------------------------------------------- comparisons (float and int32): all-ones masks

@final @unmanaged class EqOp<T> {
  @inline vec(a: v128, b: v128, p: v128): v128 {
    return v128.eq<T>(a, b);
  }
}
@final @unmanaged class NeOp<T> {
  @inline vec(a: v128, b: v128, p: v128): v128 {
    return v128.ne<T>(a, b);
  }
}
@final @unmanaged class LtOp<T> {
  @inline vec(a: v128, b: v128, p: v128): v128 {
    return v128.lt<T>(a, b);
  }
}
@final @unmanaged class LeOp<T> {
  @inline vec(a: v128, b: v128, p: v128): v128 {
    return v128.le<T>(a, b);
  }
}
@final @unmanaged class GtOp<T> {
  @inline vec(a: v128, b: v128, p: v128): v128 {
    return v128.gt<T>(a, b);
  }
}
@final @unmanaged class GeOp<T> {
  @inline vec(a: v128, b: v128, p: v128): v128 {
    return v128.ge<T>(a, b);
  }
}

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

/** Row dispatcher for broadcastRows (no condition operand: c and sc are unused). */
@final @unmanaged class CompareRows<T> {
  @inline row(op: i32, c: usize, sc: i32, a: usize, sa: i32, b: usize, sb: i32, out: usize, n: i32, p: v128): void {
    compareRow<T>(op, a, sa, b, sb, out, n, p);
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
