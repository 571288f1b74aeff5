// Host side of the strided-copy kernels: merges dims, then one kernel call moves the whole tensor.
import { packInts } from './scratch';
import { kernels } from './wasm';
import type { TensorBuffer } from './buffer';
import { DTYPES } from '../dtype';
import { ShapeError } from '../errors';
import { mergeDims, type MergedDims } from '../merge-dims';
import { sameShape } from '../shape';

const MAX_MERGED_DIMS = 60;

/** Merges dims for a copy kernel (empty tensors return before merging: there is nothing to copy). */
function mergeCopyDims(shape: readonly number[], stridesSets: (readonly number[])[]): MergedDims {
  return mergeDims(
    shape,
    stridesSets,
    MAX_MERGED_DIMS,
    (count) => new ShapeError(`tensors with more than ${MAX_MERGED_DIMS} non-mergeable dims are not supported (got ${count})`),
  );
}

/** Copies any (strided) tensor's elements in row-major order to dst, a byte address with room for them. */
export function copyStridedInto(src: TensorBuffer, dst: number): void {
  src._check();
  if (src.numel() === 0) return;
  const merged = mergeCopyDims(src.shape, [src._strides]);
  const meta = packInts(merged.shape, merged.strides[0]);
  kernels.copyStrided(DTYPES[src.dtype].bytes, src._ptr, dst, merged.shape.length, meta);
}

/** Gathers src's elements in row-major order into dst, a contiguous tensor of the same dtype and element count. */
export function copyInto(src: TensorBuffer, dst: TensorBuffer): void {
  dst._check();
  if (!dst._contiguous || src.dtype !== dst.dtype || src.numel() !== dst.numel()) {
    throw new Error(`internal: copyInto [${src.shape}] ${src.dtype} -> [${dst.shape}] ${dst.dtype}${dst._contiguous ? '' : ' (strided)'}`);
  }
  copyStridedInto(src, dst._ptr);
}

/** Copies src's elements into the (possibly strided) tensor dst of the same shape and dtype. */
export function copyTensorInto(src: TensorBuffer, dst: TensorBuffer): void {
  src._check();
  dst._check();
  if (!sameShape(src.shape, dst.shape) || src.dtype !== dst.dtype) {
    throw new Error(`internal: copyTensorInto [${src.shape}] ${src.dtype} -> [${dst.shape}] ${dst.dtype}`);
  }
  if (dst._contiguous) {
    copyStridedInto(src, dst._ptr);
    return;
  }
  if (src.numel() === 0) return;
  const merged = mergeCopyDims(src.shape, [src._strides, dst._strides]);
  const meta = packInts(merged.shape, merged.strides[0], merged.strides[1]);
  kernels.copyStridedToStrided(DTYPES[src.dtype].bytes, src._ptr, dst._ptr, merged.shape.length, meta);
}
