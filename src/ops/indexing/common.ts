// Helpers shared by the indexing ops: argument forms, contiguous copies without autograd, index tensor checks.
import { findIndexOutside } from '../../backend/indexing';
import { MAX_KERNEL_DIMS } from '../../backend/scratch';
import { DTYPES } from '../../dtype';
import { DTypeError, IndexError, NotSupportedError } from '../../errors';
import { checkOptionKeys } from '../../options';
import { broadcastStrides, contiguousStrides } from '../../shape';
import { copyInto } from '../../backend/copy';
import { Tensor } from '../../tensor';

/** A trailing `dim` argument given as a number or inside an options object (`{ dim: 1 }`). */
export type DimArg = number | { dim?: number };

const DIM_OPTION_KEYS = ['dim'] as const;

/** The dim of `op`'s trailing argument; an options object may hold no other key. */
export function dimFrom(op: string, arg: DimArg | undefined, fallback: number): number {
  if (arg === undefined) return fallback;
  if (typeof arg === 'number') return arg;
  return checkOptionKeys(op, arg, DIM_OPTION_KEYS).dim ?? fallback;
}

/** x itself when contiguous, else a new contiguous copy (no autograd). Free it with releaseTemp(copy, x). */
export function packed(x: Tensor): Tensor {
  x._check();
  if (x._contiguous) return x;
  const out = Tensor._emptyLike(x);
  copyInto(x, out);
  return out;
}

/** A new contiguous copy of x's values (no autograd), even when x is contiguous. */
export function copyOf(x: Tensor): Tensor {
  x._check();
  const out = Tensor._emptyLike(x);
  copyInto(x, out);
  return out;
}

/** Disposes `temp` when it is a temporary made from `original` (packed, cast ...). */
export function releaseTemp(temp: Tensor, original: Tensor): void {
  if (temp !== original) temp.dispose();
}

/** A view of x (no autograd) broadcast to `shape`; x's dims must be 1 or match (the caller checked). */
export function broadcastView(x: Tensor, shape: readonly number[]): Tensor {
  return x._view(shape.slice(), broadcastStrides(x.shape, x._strides, shape)!, x._offset);
}

/** A view of x (no autograd) with a new shape laid over its contiguous elements. */
export function reshapeContiguous(x: Tensor, shape: number[]): Tensor {
  return x._view(shape, contiguousStrides(shape), x._offset);
}

/** Index tensors are int32 (wasmgrad's index dtype, where PyTorch uses int64). */
export function checkIndexDType(op: string, index: Tensor): void {
  index._check();
  if (index.dtype !== 'int32') {
    throw new DTypeError(`${op}(): Expected dtype int32 for index, but got ${DTYPES[index.dtype].torchName}`);
  }
}

/**
 * Throws PyTorch's "index 5 is out of bounds for dimension 0 with size 4" when an index of the contiguous int32
 * tensor lies outside [0, size). Runs before any kernel writes, so a failed op leaves every tensor intact.
 */
export function checkIndexBounds(index: Tensor, dim: number, size: number): void {
  const value = findIndexOutside(index, 0, size);
  if (value !== null) throw new IndexError(`index ${value} is out of bounds for dimension ${dim} with size ${size}`);
}

/** Kernels that walk a shape keep a few int words per dim in the scratch block. */
export function checkKernelDims(op: string, ndim: number, wordsPerDim: number): void {
  const limit = Math.floor((4 * MAX_KERNEL_DIMS) / wordsPerDim);
  if (ndim > limit) throw new NotSupportedError(`${op}: tensors with more than ${limit} dims are not supported (got ${ndim})`);
}

/** Product of shape[from, to). */
export function sizeBetween(shape: readonly number[], from: number, to: number): number {
  let n = 1;
  for (let i = from; i < to; i++) n *= shape[i];
  return n;
}
