// Writing values into a contiguous tensor's memory from JavaScript: one value through the SIMD fill kernels, or
// a sequence of values element by element (tensor() from data, permutations, ranges).
import type { TensorBuffer } from './buffer';
import { elementsOf } from './elements';
import { byDType, kernelFor } from './kernel-table';
import type { DType } from '../dtype';

const FILL = byDType('fill');

/** The value a fill kernel of dtype stores for v (int32 truncates toward zero; bool is v != 0). */
function fillValue(dtype: DType, v: number): number {
  if (dtype === 'int32') return Math.trunc(v) | 0;
  if (dtype === 'bool') return v !== 0 ? 1 : 0;
  return v;
}

/** Fills a contiguous tensor with one value. */
export function fillContiguous(t: TensorBuffer, value: number | boolean): void {
  const v = Number(value);
  kernelFor(FILL, t.dtype, 'fill')(t._ptr, t.numel(), fillValue(t.dtype, v));
}

/**
 * Writes values[i] to element i of the contiguous tensor t (values.length <= numel), converted as a typed array
 * stores a number; booleans are 1 and 0, and a bool tensor stores any nonzero number as 1.
 */
export function writeElements(t: TensorBuffer, values: ArrayLike<number | boolean>): void {
  const view = elementsOf(t);
  const toBool = t.dtype === 'bool';
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    view[i] = typeof v === 'boolean' ? (v ? 1 : 0) : toBool ? (v !== 0 ? 1 : 0) : v;
  }
}

/** Writes valueAt(i) to every element i of the contiguous tensor t, converted as a typed array stores a number. */
export function fillWith(t: TensorBuffer, valueAt: (i: number) => number): void {
  const view = elementsOf(t);
  for (let i = 0; i < view.length; i++) view[i] = valueAt(i);
}
