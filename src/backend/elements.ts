// Reading and writing a tensor's elements from JavaScript: typed-array views over linear memory.
// A view is valid until the next allocation (memory.grow replaces the buffer): use it at once, never keep it.
import { heapF32, heapF64, heapI32, heapU8 } from './heap';
import { copyStridedInto } from './copy';
import { allocate, release } from './allocator';
import type { TensorBuffer } from './buffer';
import { DTYPES } from '../dtype';

export type AnyTypedArray = Float32Array | Float64Array | Int32Array | Uint8Array;

/** A typed-array view of the elements of a contiguous tensor (bool as 0/1 bytes). Addresses are unsigned. */
export function elementsOf(t: TensorBuffer): AnyTypedArray {
  t._check();
  if (!t._contiguous) throw new Error('internal: elementsOf() of a non-contiguous tensor');
  return viewAt(t.dtype, t._ptr, t.numel());
}

/** A copy of the elements in row-major order, whatever the layout. */
export function readElements(t: TensorBuffer): AnyTypedArray {
  t._check();
  if (t._contiguous) return elementsOf(t).slice();
  const n = t.numel();
  const bytes = n * DTYPES[t.dtype].bytes;
  const block = allocate(bytes);
  try {
    copyStridedInto(t, block);
    return viewAt(t.dtype, block, n).slice();
  } finally {
    release(block, bytes);
  }
}

function viewAt(dtype: TensorBuffer['dtype'], at: number, n: number): AnyTypedArray {
  switch (dtype) {
    case 'float32':
      return heapF32().subarray(at >>> 2, (at >>> 2) + n);
    case 'float64':
      return heapF64().subarray(at >>> 3, (at >>> 3) + n);
    case 'int32':
      return heapI32().subarray(at >>> 2, (at >>> 2) + n);
    case 'bool':
      return heapU8().subarray(at, at + n);
  }
}
