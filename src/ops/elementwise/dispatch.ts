// The op side of the elementwise drivers (src/backend/elementwise.ts): allocates each result with the broadcast
// shape and dtype, passes it in, and turns kernel status into errors. No autograd here.
import {
  binaryInto, binaryRowInto, logicalNotInto, type Operand, ternaryInto, unaryInto, whereInto,
} from '../../backend/elementwise';
import { copyTensorInto } from '../../backend/copy';
import type { DType } from '../../dtype';
import { ShapeError } from '../../errors';
import { broadcastShapes, sameShape } from '../../shape';
import { Tensor } from '../../tensor';

export type { Operand };

function shapeOf(o: Operand): readonly number[] {
  return typeof o === 'number' ? [] : o.shape;
}

/** f(x) elementwise in x's dtype, as a new contiguous tensor. */
export function runUnary(op: number, x: Tensor, p = 0, q = 0): Tensor {
  x._check();
  const out = Tensor._emptyLike(x);
  unaryInto(op, x, out, p, q);
  return out;
}

/** Applies a unary op to x's own memory (x contiguous: in place; else through a temporary). */
export function runUnaryInPlace(op: number, x: Tensor, p = 0, q = 0): void {
  if (x._contiguous) {
    unaryInto(op, x, x, p, q);
    return;
  }
  const tmp = runUnary(op, x, p, q);
  copyTensorInto(tmp, x);
  tmp.dispose();
}

/** Bool tensor of !x for a bool x. */
export function runLogicalNot(x: Tensor): Tensor {
  const out = Tensor._emptyLike(x, 'bool');
  logicalNotInto(x, out);
  return out;
}

function zeroDivision(): RangeError {
  return new RangeError('ZeroDivisionError');
}

/**
 * a op b with broadcasting, computed in `dtype` (tensor operands must already have it); `compare` gives a bool
 * result. `out`, when given, must be contiguous with the broadcast shape and the result dtype, and must not overlap
 * the inputs unless it is exactly one of them.
 */
export function runBinary(compare: boolean, op: number, a: Operand, b: Operand, dtype: DType, p = 0, out?: Tensor): Tensor {
  const result = out ?? Tensor._empty(broadcastShapes(shapeOf(a), shapeOf(b)), compare ? 'bool' : dtype);
  if (binaryInto(compare, op, a, b, dtype, result, p) !== 0) {
    if (out === undefined) result.dispose();
    throw zeroDivision();
  }
  return result;
}

/** a op b for a contiguous a and b of a's dtype and shape (or a number b): the kernel without any plan. */
export function runBinaryRow(op: number, a: Tensor, b: Tensor | number): Tensor {
  const out = Tensor._emptyLike(a);
  if (binaryRowInto(op, a, b, out, a.dtype) !== 0) {
    out.dispose();
    throw zeroDivision();
  }
  return out;
}

/** f(a, b, c) with broadcasting of all three, in a float `dtype` (tensor operands have it). */
export function runTernary(op: number, a: Operand, b: Operand, c: Operand, dtype: DType, p = 0, out?: Tensor): Tensor {
  const result = out ?? Tensor._empty(broadcastShapes(broadcastShapes(shapeOf(a), shapeOf(b)), shapeOf(c)), dtype);
  ternaryInto(op, a, b, c, dtype, result, p);
  return result;
}

/**
 * True when a kernel may write into `target` while reading `other`: the target is contiguous and either does not
 * share the other operand's storage or is exactly the same elements in the same layout (elementwise aliasing).
 */
export function canWriteInPlace(target: Tensor, other: Operand | boolean): boolean {
  if (!target._contiguous) return false;
  if (!(other instanceof Tensor) || other._storage !== target._storage) return true;
  return other._offset === target._offset && sameShape(other.shape, target.shape) && other._contiguous;
}

/** cond ? a : b with broadcasting of all three; cond is a bool tensor, a and b are operands of `dtype`. */
export function runWhere(cond: Tensor, a: Operand, b: Operand, dtype: DType, out?: Tensor): Tensor {
  const shape = broadcastShapes(broadcastShapes(cond.shape, shapeOf(a)), shapeOf(b));
  if (out !== undefined && !sameShape(out.shape, shape)) {
    throw new ShapeError(`output with shape [${out.shape.join(', ')}] doesn't match the broadcast shape [${shape.join(', ')}]`);
  }
  const result = out ?? Tensor._empty(shape, dtype);
  whereInto(cond, a, b, result);
  return result;
}
