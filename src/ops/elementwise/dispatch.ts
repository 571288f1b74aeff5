// Host side of the elementwise kernels: operand layouts, broadcasting plans and the kernel calls. No autograd here.
// An operand is a tensor already in the compute dtype, or a plain number (written to a scalar slot in wasm memory
// and read with stride 0). Fast paths: contiguous same-numel operands and tensor-scalar pairs run one row kernel;
// everything else (broadcasting, strided views) runs the N-d kernels over merged dims, without copying inputs.
import { allocate } from '../../backend/allocator';
import { heapF32, heapF64, heapI32, heapU8 } from '../../backend/heap';
import { packInts } from '../../backend/scratch';
import { kernels } from '../../backend/wasm';
import { DTYPES, type DType } from '../../dtype';
import { DTypeError, NotSupportedError, ShapeError } from '../../errors';
import { mergeDims, type MergedDims } from '../../merge-dims';
import { broadcastShapes, broadcastStrides, numelOf, sameShape } from '../../shape';
import { copyInto, copyTensorInto } from '../../backend/copy';
import { Tensor } from '../../tensor';

export type Operand = Tensor | number;

/** Dims left after merging that the kernels' scratch block can describe (5 int arrays of ndim words for where). */
const MAX_MERGED_DIMS = 50;

/** Two 16-byte slots for scalar operands (a and b of one kernel call). */
const scalarSlots = allocate(32);

function writeScalar(slot: 0 | 1, value: number, dtype: DType): number {
  const ptr = scalarSlots + slot * 16;
  switch (dtype) {
    case 'float32':
      heapF32()[ptr >>> 2] = value;
      break;
    case 'float64':
      heapF64()[ptr >>> 3] = value;
      break;
    case 'int32':
      heapI32()[ptr >>> 2] = value;
      break;
    case 'bool':
      heapU8()[ptr] = value !== 0 ? 1 : 0;
      break;
  }
  return ptr;
}

function shapeOf(o: Operand): readonly number[] {
  return o instanceof Tensor ? o.shape : [];
}

function pointerOf(o: Operand, slot: 0 | 1, dtype: DType): number {
  return o instanceof Tensor ? o._ptr : writeScalar(slot, o, dtype);
}

/** Stride of an operand read as a flat run of n elements: 0 (one value), 1 (contiguous, same numel) or null. */
function flatStride(o: Operand, n: number): 0 | 1 | null {
  if (!(o instanceof Tensor)) return 0;
  const numel = o.numel();
  if (numel === 1) return 0;
  return o._contiguous && numel === n ? 1 : null;
}

/** Element strides of o viewed with the broadcast shape `shape` (0 on broadcast and missing leading dims). */
function operandStrides(o: Operand, shape: readonly number[]): number[] {
  if (!(o instanceof Tensor)) return shape.map(() => 0);
  return broadcastStrides(o.shape, o._strides, shape)!;
}

/** Merges dims for an N-d kernel over the broadcast shape (the output is contiguous, so only inputs' layouts are given). */
function mergeOperandDims(shape: readonly number[], stridesSets: number[][]): MergedDims {
  return mergeDims(
    shape,
    stridesSets,
    MAX_MERGED_DIMS,
    (count) => new NotSupportedError(`elementwise ops support at most ${MAX_MERGED_DIMS} dims that cannot be merged (got ${count})`),
  );
}

// ---------------------------------------------------------------- unary

/** out = f(x) elementwise, same dtype; a strided x is first gathered into the output and mapped in place. */
export function runUnary(op: number, x: Tensor, p = 0, q = 0): Tensor {
  x._check();
  const result = Tensor._empty(x.shape.slice(), x.dtype);
  const n = result.numel();
  if (n === 0) return result;
  let src = x._ptr;
  if (!x._contiguous) {
    copyInto(x, result);
    src = result._ptr;
  }
  unaryKernel(x.dtype, op, src, result._ptr, n, p, q);
  return result;
}

function unaryKernel(dtype: DType, op: number, x: number, out: number, n: number, p: number, q: number): void {
  switch (dtype) {
    case 'float32':
      return kernels.unaryF32(op, x, out, n, p, q);
    case 'float64':
      return kernels.unaryF64(op, x, out, n, p, q);
    case 'int32':
      return kernels.unaryI32(op, x, out, n, p, q);
    case 'bool':
      throw new DTypeError(`internal: unary op ${op} has no bool kernel`);
  }
}

/** Applies a unary op to x's own memory (x contiguous: in place; else through a temporary). */
export function runUnaryInPlace(op: number, x: Tensor, p = 0, q = 0): void {
  if (x.numel() === 0) return;
  if (x._contiguous) {
    unaryKernel(x.dtype, op, x._ptr, x._ptr, x.numel(), p, q);
    return;
  }
  const tmp = runUnary(op, x, p, q);
  copyTensorInto(tmp, x);
  tmp.dispose();
}

/** Bool tensor of !x for a bool x. */
export function runLogicalNot(x: Tensor): Tensor {
  const packed = x._contiguous ? x : Tensor._empty(x.shape.slice(), 'bool');
  if (packed !== x) copyInto(x, packed);
  const out = packed !== x ? packed : Tensor._empty(x.shape.slice(), 'bool');
  if (out.numel() > 0) kernels.logicalNotU8(packed._ptr, out._ptr, out.numel());
  return out;
}

// ---------------------------------------------------------------- binary and comparisons

type Kind = 'binary' | 'compare';

/**
 * a op b with broadcasting, computed in `dtype` (tensor operands must already have it). `kind` 'compare' gives a
 * bool result. `out`, when given, must be contiguous with the broadcast shape and the result dtype, and must not
 * overlap the inputs unless it is exactly one of them.
 */
export function runBinary(kind: Kind, op: number, a: Operand, b: Operand, dtype: DType, p = 0, out?: Tensor): Tensor {
  const shape = broadcastShapes(shapeOf(a), shapeOf(b));
  const result = out ?? Tensor._empty(shape, kind === 'compare' ? 'bool' : dtype);
  const n = numelOf(shape);
  if (n === 0) return result;
  const aPtr = pointerOf(a, 0, dtype);
  const bPtr = pointerOf(b, 1, dtype);
  const sa = flatStride(a, n);
  const sb = flatStride(b, n);
  let status = 0;
  if (sa !== null && sb !== null) {
    status = rowKernel(kind, dtype, op, aPtr, sa, bPtr, sb, result._ptr, n, p);
  } else {
    const plan = mergeOperandDims(shape, [operandStrides(a, shape), operandStrides(b, shape)]);
    const meta = packInts(plan.shape, plan.strides[0], plan.strides[1]);
    status = ndKernel(kind, dtype, op, aPtr, bPtr, result._ptr, plan.shape.length, meta, p);
  }
  if (status !== 0) {
    if (out === undefined) result.dispose();
    throw new RangeError('ZeroDivisionError');
  }
  return result;
}

function rowKernel(kind: Kind, dtype: DType, op: number, a: number, sa: number, b: number, sb: number, out: number, n: number, p: number): number {
  if (kind === 'compare') {
    if (dtype === 'float32') kernels.compareF32(op, a, sa, b, sb, out, n);
    else if (dtype === 'float64') kernels.compareF64(op, a, sa, b, sb, out, n);
    else if (dtype === 'int32') kernels.compareI32(op, a, sa, b, sb, out, n);
    else throw new DTypeError('internal: bool comparisons are computed in int32');
    return 0;
  }
  switch (dtype) {
    case 'float32':
      kernels.binaryF32(op, a, sa, b, sb, out, n, p);
      return 0;
    case 'float64':
      kernels.binaryF64(op, a, sa, b, sb, out, n, p);
      return 0;
    case 'int32':
      return kernels.binaryI32(op, a, sa, b, sb, out, n, p);
    case 'bool':
      kernels.binaryU8(op, a, sa, b, sb, out, n);
      return 0;
  }
}

function ndKernel(kind: Kind, dtype: DType, op: number, a: number, b: number, out: number, ndim: number, meta: number, p: number): number {
  if (kind === 'compare') {
    if (dtype === 'float32') kernels.compareNdF32(op, a, b, out, ndim, meta);
    else if (dtype === 'float64') kernels.compareNdF64(op, a, b, out, ndim, meta);
    else if (dtype === 'int32') kernels.compareNdI32(op, a, b, out, ndim, meta);
    else throw new DTypeError('internal: bool comparisons are computed in int32');
    return 0;
  }
  switch (dtype) {
    case 'float32':
      kernels.binaryNdF32(op, a, b, out, ndim, meta, p);
      return 0;
    case 'float64':
      kernels.binaryNdF64(op, a, b, out, ndim, meta, p);
      return 0;
    case 'int32':
      return kernels.binaryNdI32(op, a, b, out, ndim, meta, p);
    case 'bool':
      kernels.binaryNdU8(op, a, b, out, ndim, meta);
      return 0;
  }
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

// ---------------------------------------------------------------- where

/**
 * cond ? a : b with broadcasting of all three; cond is a bool tensor, a and b are operands of `dtype`.
 * Scalars use the two scalar slots.
 */
export function runWhere(cond: Tensor, a: Operand, b: Operand, dtype: DType, out?: Tensor): Tensor {
  const shape = broadcastShapes(broadcastShapes(cond.shape, shapeOf(a)), shapeOf(b));
  const result = out ?? Tensor._empty(shape, dtype);
  const n = numelOf(shape);
  if (n === 0) return result;
  if (out !== undefined && !sameShape(out.shape, shape)) {
    throw new ShapeError(`output with shape [${out.shape.join(', ')}] doesn't match the broadcast shape [${shape.join(', ')}]`);
  }
  const aPtr = pointerOf(a, 0, dtype);
  const bPtr = pointerOf(b, 1, dtype);
  const plan = mergeOperandDims(shape, [operandStrides(cond, shape), operandStrides(a, shape), operandStrides(b, shape)]);
  const meta = packInts(plan.shape, plan.strides[0], plan.strides[1], plan.strides[2]);
  kernels.whereNd(DTYPES[dtype].bytes, cond._ptr, aPtr, bPtr, result._ptr, plan.shape.length, meta);
  return result;
}
