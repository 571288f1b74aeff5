/**
 * The einops engine over wasmgrad Tensors. Every step is a differentiable Tensor op, so gradients flow
 * through rearrange, repeat, reduce, pack and einsum as they do through the same ops written by hand.
 *
 * Where the memory traffic goes, for a plan reshape -> permute -> reshape:
 * - the first reshape only splits dims, which is always a view (a dim of stride s split into (a, b)
 *   becomes strides (b*s, s)), even for non-contiguous inputs;
 * - the permute is a view;
 * - the final reshape is a view when the permuted strides allow it, and otherwise one strided copy of
 *   the permuted view (copyStridedInto: adjacent dims merged, bulk copies for contiguous runs, tiled
 *   transposes) into the output's storage. No other step touches the elements.
 * repeat is an expand (stride-0 view) followed by that same final reshape, so it copies once or not at all.
 * Intermediate view objects are released as soon as the next step has used them.
 */
import '../ops/views';
import { expand, narrow, permute, reshape } from '../ops/views';
import '../ops/reduce';
import { cat, stack } from '../ops/indexing';
import { einsum as tensorEinsum } from '../ops/matmul';
import { Tensor } from '../tensor';
import type { BackendReduction, EinopsBackend } from './backend.js';

/** prod takes one dim at a time (as in PyTorch): the dims are reduced innermost first, as einops does for torch. */
function prodOverDims(x: Tensor, axes: readonly number[]): Tensor {
  let result = x;
  for (const axis of axes.slice().sort((a, b) => b - a)) {
    const next = result.prod(axis);
    if (result !== x) result.dispose();
    result = next;
  }
  return result;
}

function reduceTensor(x: Tensor, op: BackendReduction, axes: number[]): Tensor {
  switch (op) {
    case 'sum':
      return x.sum(axes);
    case 'mean':
      return x.mean(axes);
    case 'max':
      return x.amax(axes);
    case 'min':
      return x.amin(axes);
    case 'prod':
      return prodOverDims(x, axes);
    case 'any':
      return x.any(axes);
    case 'all':
      return x.all(axes);
  }
}

/** unsqueeze at every new position (one reshape: inserting size-1 dims is always a view), then expand. */
function addAxes(x: Tensor, nAxes: number, positionsToLengths: Map<number, number>): Tensor {
  const withUnitAxes: number[] = [];
  const sizes: number[] = [];
  let source = 0;
  for (let position = 0; position < nAxes; position++) {
    const length = positionsToLengths.get(position);
    withUnitAxes.push(length === undefined ? x.shape[source++]! : 1);
    sizes.push(length === undefined ? -1 : length);
  }
  const unsqueezed = reshape(x, withUnitAxes);
  const expanded = expand(unsqueezed, sizes);
  unsqueezed.dispose();
  return expanded;
}

function split(x: Tensor, axis: number, sizes: number[]): Tensor[] {
  let start = 0;
  return sizes.map((size) => {
    const piece = narrow(x, axis, start, size);
    start += size;
    return piece;
  });
}

export const tensorBackend: EinopsBackend<Tensor> = {
  shape: (x) => x.shape.slice(),
  reshape: (x, shape) => reshape(x, shape),
  permute: (x, perm) => permute(x, perm),
  reduce: reduceTensor,
  addAxes,
  stack: (xs) => stack(xs, 0),
  concat: (xs, axis) => cat(xs, axis),
  split,
  einsum: (pattern, ...xs) => tensorEinsum(pattern, ...xs),
  isTensor: (x): x is Tensor => x instanceof Tensor,
  release: (x) => x.dispose(),
};
