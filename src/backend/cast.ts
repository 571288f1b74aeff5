// The dtype conversion kernel's driver.
import { DTYPES } from '../dtype';
import type { TensorBuffer } from './buffer';
import { copyInto } from './copy';
import { kernels } from './wasm';

/**
 * out = x converted to out's dtype (float -> int truncates), out contiguous with x's shape; a strided x is first
 * gathered into `scratch` (contiguous, x's shape and dtype; null when x is contiguous).
 */
export function castInto(x: TensorBuffer, out: TensorBuffer, scratch: TensorBuffer | null): void {
  let src = x._ptr;
  if (!x._contiguous) {
    copyInto(x, scratch!);
    src = scratch!._ptr;
  }
  kernels.cast(src, DTYPES[x.dtype].code, out._ptr, DTYPES[out.dtype].code, out.numel());
}
