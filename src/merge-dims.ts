// Dim merging for the N-d kernels (strided copies, elementwise ops): the same elements described with as few
// dims as the layouts allow, so that the kernels' inner loops run as long as possible.

export interface MergedDims {
  shape: number[];
  /** One strides array per layout given, for the merged dims. */
  strides: number[][];
}

/**
 * Merges the dims of `shape` seen through several layouts (one strides array each, in elements): drops size-1 dims
 * and joins a dim into the previous one when every layout steps over the pair as over one dim (outer stride =
 * inner stride * inner size; broadcast zeros merge with zeros). A kernel's scratch block describes at most
 * `maxDims` dims: more left after merging throw `tooMany(count)`.
 */
export function mergeDims(
  shape: readonly number[],
  stridesSets: readonly (readonly number[])[],
  maxDims: number,
  tooMany: (count: number) => Error,
): MergedDims {
  const outShape: number[] = [];
  const outStrides: number[][] = stridesSets.map(() => []);
  for (let d = 0; d < shape.length; d++) {
    const size = shape[d];
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
  if (outShape.length > maxDims) throw tooMany(outShape.length);
  return { shape: outShape, strides: outStrides };
}
