// dtype conversion through the cast kernel (no autograd; `to` records it).
import { kernels } from '../backend/wasm';
import { DTYPES, type DType } from '../dtype';
import { copyInto } from '../backend/copy';
import { Tensor } from '../tensor';

/** A new contiguous tensor holding x's values converted to dtype (float -> int truncates, as PyTorch). */
export function cast(x: Tensor, dtype: DType): Tensor {
  x._check();
  const out = Tensor._empty(x.shape.slice(), dtype);
  if (x._contiguous) {
    kernels.cast(x._ptr, DTYPES[x.dtype].code, out._ptr, DTYPES[dtype].code, out.numel());
    return out;
  }
  const packed = Tensor._empty(x.shape.slice(), x.dtype);
  copyInto(x, packed);
  kernels.cast(packed._ptr, DTYPES[x.dtype].code, out._ptr, DTYPES[dtype].code, out.numel());
  packed.dispose();
  return out;
}
