// Drivers of the elementwise kernels: operand layouts, broadcasting plans and the kernel calls; no autograd. The op
// layer allocates every result (contiguous, with the broadcast shape) and passes it in. An operand is a tensor
// already in the compute dtype, or a plain number (written to a scalar slot in wasm memory and read with stride 0).
// Contiguous same-numel operands and tensor-scalar pairs run one row kernel; everything else (broadcasting, strided
// views) runs the N-d kernels over merged dims, without copying inputs.
import { DTYPES, type DType } from '../dtype';
import { NotSupportedError } from '../errors';
import { mergeDims, type MergedDims } from '../merge-dims';
import { broadcastStrides } from '../shape';
import { allocate } from './allocator';
import type { TensorBuffer } from './buffer';
import { copyInto } from './copy';
import { heapF32, heapF64, heapI32, heapU8 } from './heap';
import { byDType, kernelFor } from './kernel-table';
import { packInts } from './scratch';
import { kernels } from './wasm';

export type Operand = TensorBuffer | number;

/** Dims left after merging that the kernels' scratch block can describe (6 int arrays of ndim words at most). */
const MAX_MERGED_DIMS = 50;

type RowKernel = (op: number, a: number, sa: number, b: number, sb: number, out: number, n: number, p: number) => number | void;
type NdKernel = (op: number, a: number, b: number, out: number, ndim: number, meta: number, p: number) => number | void;
type UnaryKernel = (op: number, x: number, out: number, n: number, p: number, q: number) => void;
type TernaryRowKernel = (op: number, a: number, sa: number, b: number, sb: number, c: number, sc: number, out: number, n: number, p: number) => void;
type TernaryNdKernel = (op: number, a: number, b: number, c: number, out: number, ndim: number, meta: number, p: number) => void;

const UNARY: Readonly<Partial<Record<DType, UnaryKernel>>> = byDType('unary');
const BINARY: Readonly<Partial<Record<DType, RowKernel>>> = byDType('binary');
const BINARY_ND: Readonly<Partial<Record<DType, NdKernel>>> = byDType('binaryNd');
const COMPARE: Readonly<Partial<Record<DType, RowKernel>>> = byDType('compare');
const COMPARE_ND: Readonly<Partial<Record<DType, NdKernel>>> = byDType('compareNd');
const TERNARY: Readonly<Partial<Record<DType, TernaryRowKernel>>> = byDType('ternary');
const TERNARY_ND: Readonly<Partial<Record<DType, TernaryNdKernel>>> = byDType('ternaryNd');

/** Three 16-byte slots for scalar operands (a, b and c of one kernel call). */
const scalarSlots = allocate(48);

function writeScalar(slot: number, value: number, dtype: DType): number {
  const ptr = scalarSlots + slot * 16;
  if (dtype === 'float32') heapF32()[ptr >>> 2] = value;
  else if (dtype === 'float64') heapF64()[ptr >>> 3] = value;
  else if (dtype === 'int32') heapI32()[ptr >>> 2] = value;
  else heapU8()[ptr] = value !== 0 ? 1 : 0;
  return ptr;
}

function addressOf(o: Operand, slot: number, dtype: DType): number {
  return typeof o === 'number' ? writeScalar(slot, o, dtype) : o._ptr;
}

/** Stride of an operand read as a flat run of n elements: 0 (one value), 1 (contiguous, same numel) or -1 (neither). */
function flatStride(o: Operand, n: number): number {
  if (typeof o === 'number') return 0;
  const numel = o.numel();
  if (numel === 1) return 0;
  return o._contiguous && numel === n ? 1 : -1;
}

/** Element strides of o viewed with the broadcast shape `shape` (0 on broadcast and missing leading dims). */
function operandStrides(o: Operand, shape: readonly number[]): number[] {
  if (typeof o === 'number') return shape.map(() => 0);
  return broadcastStrides(o.shape, o._strides, shape)!;
}

/** Merged dims of the (contiguous) output's shape as seen by each operand. */
function mergeOperands(shape: readonly number[], operands: readonly Operand[]): MergedDims {
  return mergeDims(
    shape,
    operands.map((o) => operandStrides(o, shape)),
    MAX_MERGED_DIMS,
    (count) => new NotSupportedError(`elementwise ops support at most ${MAX_MERGED_DIMS} dims that cannot be merged (got ${count})`),
  );
}

// ---------------------------------------------------------------- unary

/** out = f(x) (same dtype, out contiguous with x's shape); a strided x is first gathered into out and mapped there. */
export function unaryInto(op: number, x: TensorBuffer, out: TensorBuffer, p = 0, q = 0): void {
  const n = out.numel();
  if (n === 0) return;
  let src = x._ptr;
  if (!x._contiguous) {
    copyInto(x, out);
    src = out._ptr;
  }
  kernelFor(UNARY, x.dtype, 'unary', op)(op, src, out._ptr, n, p, q);
}

/** Bool bytes: out = !x (out contiguous with x's shape; a strided x is gathered into out first). */
export function logicalNotInto(x: TensorBuffer, out: TensorBuffer): void {
  const n = out.numel();
  if (n === 0) return;
  if (!x._contiguous) copyInto(x, out);
  kernels.logicalNotU8(x._contiguous ? x._ptr : out._ptr, out._ptr, n);
}

// ---------------------------------------------------------------- binary and comparisons

/**
 * out = a op b with broadcasting, computed in `dtype` (tensor operands have it). `compare`: out is bool. out is
 * contiguous with the broadcast shape and must not overlap the inputs unless it is exactly one of them. Returns 1
 * when an integer division met a zero divisor, else 0.
 */
export function binaryInto(compare: boolean, op: number, a: Operand, b: Operand, dtype: DType, out: TensorBuffer, p = 0): number {
  const n = out.numel();
  if (n === 0) return 0;
  const aPtr = addressOf(a, 0, dtype);
  const bPtr = addressOf(b, 1, dtype);
  const sa = flatStride(a, n);
  const sb = flatStride(b, n);
  if (sa >= 0 && sb >= 0) {
    const row = kernelFor(compare ? COMPARE : BINARY, dtype, compare ? 'comparison' : 'binary', op);
    return row(op, aPtr, sa, bPtr, sb, out._ptr, n, p) ?? 0;
  }
  const plan = mergeOperands(out.shape, [a, b]);
  const meta = packInts(plan.shape, plan.strides[0], plan.strides[1]);
  const nd = kernelFor(compare ? COMPARE_ND : BINARY_ND, dtype, compare ? 'comparison' : 'binary', op);
  return nd(op, aPtr, bPtr, out._ptr, plan.shape.length, meta, p) ?? 0;
}

/**
 * The same-shape row of binaryInto without any plan: a and out contiguous with n elements of dtype, b contiguous with
 * n elements (bStride 1) or a number (bStride 0). Returns the kernel's zero-divisor flag.
 */
export function binaryRowInto(op: number, a: TensorBuffer, b: TensorBuffer | number, out: TensorBuffer, dtype: DType): number {
  const n = out.numel();
  if (n === 0) return 0;
  const row = BINARY[dtype]!;
  if (typeof b === 'number') return row(op, a._ptr, 1, writeScalar(1, b, dtype), 0, out._ptr, n, 0) ?? 0;
  return row(op, a._ptr, 1, b._ptr, 1, out._ptr, n, 0) ?? 0;
}

// ---------------------------------------------------------------- ternary

/**
 * out = f(a, b, c) with broadcasting of all three, float dtypes only (p is the op's parameter, e.g. addcmul's value).
 * Same output rules as binaryInto.
 */
export function ternaryInto(op: number, a: Operand, b: Operand, c: Operand, dtype: DType, out: TensorBuffer, p = 0): void {
  const n = out.numel();
  if (n === 0) return;
  const aPtr = addressOf(a, 0, dtype);
  const bPtr = addressOf(b, 1, dtype);
  const cPtr = addressOf(c, 2, dtype);
  const sa = flatStride(a, n);
  const sb = flatStride(b, n);
  const sc = flatStride(c, n);
  if (sa >= 0 && sb >= 0 && sc >= 0) {
    kernelFor(TERNARY, dtype, 'ternary', op)(op, aPtr, sa, bPtr, sb, cPtr, sc, out._ptr, n, p);
    return;
  }
  const plan = mergeOperands(out.shape, [a, b, c]);
  const meta = packInts(plan.shape, plan.strides[0], plan.strides[1], plan.strides[2]);
  kernelFor(TERNARY_ND, dtype, 'ternary', op)(op, aPtr, bPtr, cPtr, out._ptr, plan.shape.length, meta, p);
}

// ---------------------------------------------------------------- where

/** out = cond ? a : b with broadcasting of all three; cond is bool, a and b are operands of out's dtype. */
export function whereInto(cond: TensorBuffer, a: Operand, b: Operand, out: TensorBuffer): void {
  if (out.numel() === 0) return;
  const dtype = out.dtype;
  const aPtr = addressOf(a, 0, dtype);
  const bPtr = addressOf(b, 1, dtype);
  const plan = mergeOperands(out.shape, [cond, a, b]);
  const meta = packInts(plan.shape, plan.strides[0], plan.strides[1], plan.strides[2]);
  kernels.whereNd(DTYPES[dtype].bytes, cond._ptr, aPtr, bPtr, out._ptr, plan.shape.length, meta);
}
