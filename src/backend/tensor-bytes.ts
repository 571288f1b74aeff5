// A tensor's raw little-endian bytes (wasm memory is little-endian), for serialisation formats.
import type { TensorBuffer } from './buffer';
import { readElements } from './elements';
import { heapU8 } from './heap';
import { DTYPES } from '../dtype';

/** Copies t's bytes in row-major element order into out at byte `at` (bool: one 0/1 byte per element). */
export function copyBytesOut(t: TensorBuffer, out: Uint8Array, at: number): void {
  t._check();
  const n = t.numel() * DTYPES[t.dtype].bytes;
  if (n === 0) return;
  if (t._contiguous) {
    out.set(heapU8().subarray(t._ptr, t._ptr + n), at);
    return;
  }
  const values = readElements(t);
  out.set(new Uint8Array(values.buffer, values.byteOffset, n), at);
}

/** Overwrites the contiguous tensor t with raw bytes (exactly t.numel() elements' worth). */
export function copyBytesIn(t: TensorBuffer, bytes: Uint8Array): void {
  t._check();
  const n = t.numel() * DTYPES[t.dtype].bytes;
  if (!t._contiguous || bytes.length !== n) throw new Error(`internal: copyBytesIn of ${bytes.length} bytes into [${t.shape}] ${t.dtype}`);
  heapU8().set(bytes, t._ptr);
}
