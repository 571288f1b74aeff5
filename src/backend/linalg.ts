// Host side of the linear-algebra kernels (float64): values come in and go out as row-major Float64Arrays; the
// kernels work on scratch blocks allocated here and released on every path.
import { allocate, release } from './allocator';
import type { TensorBuffer } from './buffer';
import { elementsOf } from './elements';
import { heapF64 } from './heap';
import { kernels } from './wasm';

/** Copies a scratch block's float64 values out (a copy: views do not survive the next allocation). */
function readBlock(at: number, n: number): Float64Array {
  return heapF64().slice(at >>> 3, (at >>> 3) + n);
}

/**
 * One-sided Jacobi on the k rows of `rows` (k x len, row-major): returns the rows made mutually orthogonal (their
 * norms are the singular values) and the k x k rotation that did it, both row-major.
 */
export function jacobiSvd(rows: Float64Array, k: number, len: number, maxSweeps: number): { w: Float64Array; v: Float64Array } {
  const wBytes = k * len * 8;
  const vBytes = k * k * 8;
  const w = allocate(wBytes);
  try {
    const v = allocate(vBytes);
    try {
      heapF64().set(rows.subarray(0, k * len), w >>> 3);
      kernels.jacobiSvdF64(w, k, len, v, maxSweeps);
      return { w: readBlock(w, k * len), v: readBlock(v, k * k) };
    } finally {
      release(v, vBytes);
    }
  } finally {
    release(w, wBytes);
  }
}

/** Extends `have` orthonormal rows of length dim (row-major in `rows`) to `count` orthonormal rows. */
export function completeOrthonormal(rows: Float64Array, have: number, count: number, dim: number): Float64Array {
  const bytes = count * dim * 8;
  const q = allocate(bytes);
  try {
    heapF64().set(rows.subarray(0, have * dim), q >>> 3);
    kernels.orthonormalCompleteF64(q, have, count, dim);
    return readBlock(q, count * dim);
  } finally {
    release(q, bytes);
  }
}

/** Writes row-major float64 values into the contiguous float tensor t (float32 rounds to nearest). */
export function writeFloat64(t: TensorBuffer, values: Float64Array): void {
  elementsOf(t).set(values);
}
