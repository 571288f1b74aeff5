// dtype conversion through the cast kernel (no autograd; `to` records it).
import { castInto } from '../backend/cast';
import type { DType } from '../dtype';
import { Tensor } from '../tensor';

/** A new contiguous tensor holding x's values converted to dtype (float -> int truncates, as PyTorch). */
export function cast(x: Tensor, dtype: DType): Tensor {
  x._check();
  const out = Tensor._emptyLike(x, dtype);
  const packed = x._contiguous ? null : Tensor._emptyLike(x);
  try {
    castInto(x, out, packed);
  } finally {
    packed?.dispose();
  }
  return out;
}
