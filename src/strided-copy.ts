// Host side of the strided-copy kernels: merges dims, then one kernel call moves the whole tensor.
import { packInts } from './backend/scratch';
import { kernels } from './backend/wasm';
import { DTYPES } from './dtype';
import { ShapeError } from './errors';
import { sameShape } from './shape';
import type { Tensor } from './tensor';

const MAX_MERGED_DIMS = 60;

/**
 * Merges dims for a copy: drops size-1 dims and joins a dim into the previous one when every layout in
 * `stridesSets` is contiguous across the pair. Returns null when the shape has no elements.
 */
function mergeDims(shape: readonly number[], stridesSets: (readonly number[])[]): { shape: number[]; strides: number[][] } | null {
  const outShape: number[] = [];
  const outStrides: number[][] = stridesSets.map(() => []);
  for (let d = 0; d < shape.length; d++) {
    const size = shape[d];
    if (size === 0) return null;
    if (size === 1) continue;
    const last = outShape.length - 1;
    if (last >= 0 && stridesSets.every((s, k) => outStrides[k][last] === s[d] * size)) {
      outShape[last] *= size;
      stridesSets.forEach((s, k) => (outStrides[k][last] = s[d]));
    } else {
      outShape.push(size);
      stridesSets.forEach((s, k) => outStrides[k].push(s[d]));
    }
  }
  if (outShape.length > MAX_MERGED_DIMS) {
    throw new ShapeError(`tensors with more than ${MAX_MERGED_DIMS} non-mergeable dims are not supported (got ${outShape.length})`);
  }
  return { shape: outShape, strides: outStrides };
}

/** Copies any (strided) tensor's elements in row-major order to dst, a byte address with room for them. */
export function copyStridedInto(src: Tensor, dst: number): void {
  src._check();
  const merged = mergeDims(src.shape, [src._strides]);
  if (merged === null) return;
  const meta = packInts(merged.shape, merged.strides[0]);
  kernels.copyStrided(DTYPES[src.dtype].bytes, src._ptr, dst, merged.shape.length, meta);
}

/** Copies src's elements into the (possibly strided) tensor dst of the same shape and dtype. */
export function copyTensorInto(src: Tensor, dst: Tensor): void {
  src._check();
  dst._check();
  if (!sameShape(src.shape, dst.shape) || src.dtype !== dst.dtype) {
    throw new Error(`internal: copyTensorInto [${src.shape}] ${src.dtype} -> [${dst.shape}] ${dst.dtype}`);
  }
  if (dst._contiguous) {
    copyStridedInto(src, dst._ptr);
    return;
  }
  const merged = mergeDims(src.shape, [src._strides, dst._strides]);
  if (merged === null) return;
  const meta = packInts(merged.shape, merged.strides[0], merged.strides[1]);
  kernels.copyStridedToStrided(DTYPES[src.dtype].bytes, src._ptr, dst._ptr, merged.shape.length, meta);
}
