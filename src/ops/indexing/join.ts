// Joining tensors along a dim: cat, stack, hstack, vstack. Each input is copied into a narrow view of the output
// through the strided-copy kernel (one kernel call per input); the backward narrows (or selects) the gradient.
import type { BackwardFn } from '../../autograd/node';
import { needsGrad, record } from '../../autograd/record';
import { full } from '../../creation/factories';
import { type DType, promoteTypes } from '../../dtype';
import { ShapeError } from '../../errors';
import { normalizeDim, shapeString } from '../../shape';
import { copyTensorInto } from '../../backend/copy';
import { Tensor } from '../../tensor';
import { cast } from '../cast';
import { defineOp } from '../define';
import { reshape, unsqueeze } from '../views';
import { type DimArg, dimFrom } from './common';

/** Copies `parts` one after another along dim d into a new tensor of dtype (parts agree on every other dim). */
function joinAlong(parts: readonly Tensor[], d: number, dtype: DType): Tensor {
  const shape = parts[0].shape.slice();
  shape[d] = parts.reduce((n, p) => n + p.shape[d], 0);
  const out = Tensor._empty(shape, dtype);
  let start = 0;
  for (const part of parts) {
    const region = out._view(part.shape.slice(), out._strides, out._offset + start * out._strides[d]);
    const src = part.dtype === dtype ? part : cast(part, dtype);
    copyTensorInto(src, region);
    if (src !== part) src.dispose();
    region.dispose();
    start += part.shape[d];
  }
  return out;
}

/** The gradient piece for an input of another dtype than the output is cast back (PyTorch does the same). */
function toInputType(g: Tensor, dtype: DType): Tensor {
  return g.dtype === dtype ? g : g.to(dtype);
}

interface CatPiece {
  skipped: boolean;
  size: number;
  dtype: DType;
  wanted: boolean;
}

/** Narrows the gradient back into the inputs' pieces (zeros of shape [0] for skipped empty inputs). */
const catBackward: BackwardFn<{ d: number; pieces: CatPiece[] }> = ([g], _, { d, pieces }) => {
  let start = 0;
  return pieces.map((p) => {
    if (p.skipped) return p.wanted ? full([0], 0, { dtype: p.dtype }) : null;
    const piece = p.wanted ? toInputType(g.narrow(d, start, p.size), p.dtype) : null;
    start += p.size;
    return piece;
  });
};

/**
 * torch.cat(tensors, dim=0): concatenates along an existing dim, promoting dtypes across the inputs.
 * As in PyTorch, 1-D empty tensors (shape [0]) are skipped whatever their other sizes would have to be.
 */
function catOp(tensors: readonly Tensor[], dim: DimArg = 0): Tensor {
  if (tensors.length === 0) throw new ShapeError('torch.cat(): expected a non-empty list of Tensors');
  tensors.forEach((t, i) => {
    t._check();
    if (t.ndim === 0) throw new ShapeError(`zero-dimensional tensor (at position ${i}) cannot be concatenated`);
  });
  const dtype = tensors.map((t) => t.dtype).reduce(promoteTypes);
  const skipped = tensors.map((t) => t.ndim === 1 && t.shape[0] === 0);
  const firstUsed = skipped.indexOf(false);
  let out: Tensor;
  let d = 0;
  if (firstUsed < 0) {
    normalizeDim(dimFrom('cat', dim, 0), 1);
    out = Tensor._empty([0], dtype);
  } else {
    const ref = tensors[firstUsed];
    d = normalizeDim(dimFrom('cat', dim, 0), ref.ndim);
    tensors.forEach((t, i) => {
      if (skipped[i]) return;
      if (t.ndim !== ref.ndim) throw new ShapeError(`Tensors must have same number of dimensions: got ${ref.ndim} and ${t.ndim}`);
      for (let k = 0; k < ref.ndim; k++) {
        if (k !== d && t.shape[k] !== ref.shape[k]) {
          throw new ShapeError(
            `Sizes of tensors must match except in dimension ${d}. Expected size ${ref.shape[k]} but got size ${t.shape[k]} for tensor number ${i} in the list.`,
          );
        }
      }
    });
    out = joinAlong(tensors.filter((_, i) => !skipped[i]), d, dtype);
  }
  if (needsGrad(...tensors)) {
    const pieces = tensors.map((t, i) => ({ skipped: skipped[i], size: skipped[i] ? 0 : t.shape[d], dtype: t.dtype, wanted: t._requiresGrad }));
    record('CatBackward0', tensors, [out], catBackward, [], { d, pieces });
  }
  return out;
}
export const cat = defineOp('cat', catOp, { method: null });

const stackBackward: BackwardFn<{ d: number; pieces: { dtype: DType; wanted: boolean }[] }> = ([g], _, { d, pieces }) =>
  pieces.map((p, i) => (p.wanted ? toInputType(g.select(d, i), p.dtype) : null));

/** torch.stack(tensors, dim=0): joins equal-shaped tensors along a new dim (unsqueeze each, then cat). */
function stackOp(tensors: readonly Tensor[], dim: DimArg = 0): Tensor {
  if (tensors.length === 0) throw new ShapeError('stack expects a non-empty TensorList');
  const ref = tensors[0];
  tensors.forEach((t, i) => {
    t._check();
    if (t.ndim !== ref.ndim || t.shape.some((s, k) => s !== ref.shape[k])) {
      throw new ShapeError(`stack expects each tensor to be equal size, but got ${shapeString(ref.shape)} at entry 0 and ${shapeString(t.shape)} at entry ${i}`);
    }
  });
  const d = normalizeDim(dimFrom('stack', dim, 0), ref.ndim + 1);
  const dtype = tensors.map((t) => t.dtype).reduce(promoteTypes);
  // Unsqueezed views without autograd: the node recorded below covers the whole op.
  const parts = tensors.map((t) => {
    const shape = t.shape.slice();
    const strides = t._strides.slice();
    shape.splice(d, 0, 1);
    strides.splice(d, 0, 1);
    return t._view(shape, strides, t._offset);
  });
  const out = joinAlong(parts, d, dtype);
  parts.forEach((p) => p.dispose());
  if (needsGrad(...tensors)) {
    const pieces = tensors.map((t) => ({ dtype: t.dtype, wanted: t._requiresGrad }));
    record('StackBackward0', tensors, [out], stackBackward, [], { d, pieces });
  }
  return out;
}
export const stack = defineOp('stack', stackOp, { method: null });

/** torch.atleast_1d for one tensor: a 0-d tensor becomes shape [1]. */
function atLeast1d(t: Tensor): Tensor {
  return t.ndim === 0 ? reshape(t, [1]) : t;
}

/** torch.atleast_2d for one tensor: 0-d becomes [1, 1], 1-d [n] becomes [1, n]. */
function atLeast2d(t: Tensor): Tensor {
  if (t.ndim === 0) return reshape(t, [1, 1]);
  return t.ndim === 1 ? unsqueeze(t, 0) : t;
}

/** Runs cat on adapted views of the inputs and frees the views it made. */
function catAdapted(tensors: readonly Tensor[], adapt: (t: Tensor) => Tensor, dimOf: (first: Tensor) => number): Tensor {
  if (tensors.length === 0) throw new ShapeError('torch.cat(): expected a non-empty list of Tensors');
  const adapted = tensors.map(adapt);
  const out = cat(adapted, dimOf(adapted[0]));
  adapted.forEach((a, i) => {
    if (a !== tensors[i]) a.dispose();
  });
  return out;
}

/** torch.hstack: cat along dim 0 for 1-D inputs, else along dim 1 (0-d inputs count as 1-D). */
function hstackOp(tensors: readonly Tensor[]): Tensor {
  return catAdapted(tensors, atLeast1d, (first) => (first.ndim === 1 ? 0 : 1));
}
export const hstack = defineOp('hstack', hstackOp, { method: null });

/** torch.vstack: cat along dim 0 after making every input at least 2-D ([n] becomes [1, n]). */
function vstackOp(tensors: readonly Tensor[]): Tensor {
  return catAdapted(tensors, atLeast2d, () => 0);
}
export const vstack = defineOp('vstack', vstackOp, { method: null });
