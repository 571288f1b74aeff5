// torch.matmul: dispatches on the operands' ranks exactly as PyTorch does (ATen's _matmul_impl), so that results,
// error messages and the graph (DotBackward0, MvBackward0, MmBackward0, UnsafeViewBackward0 over MmBackward0 or
// BmmBackward0 ...) are PyTorch's:
//   1-D @ 1-D  dot                  2-D @ 1-D  mv              1-D @ 2-D  mm of [1, k], squeezed
//   2-D @ 2-D  mm
//   N-D @ 1-D/2-D (N >= 3): the batch dims are folded into the rows of one mm (or mv), when that needs no copy
//   otherwise: batch dims broadcast, flattened to one, and one bmm.
import { isGradEnabled } from '../../autograd/grad-mode';
import { ShapeError } from '../../errors';
import { broadcastShapes, numelOf } from '../../shape';
import type { Tensor } from '../../tensor';
import { defineOp, type Op } from '../define';
import { contiguous, expand, mT, reshape, squeeze, t, unsqueeze } from '../views';
import { bmm, dot, mm, mv } from './products';
import { squeezeResult, unsafeView } from './result-views';
import { Temporaries } from './temporaries';

type Matmul = (input: Tensor, other: Tensor) => Tensor;

/** Matrix product with PyTorch's broadcasting rules (torch.matmul). */
export const matmul: Op<Matmul, Matmul, null> = defineOp<Matmul>('matmul', (a, b) => {
  a._check();
  b._check();
  const da = a.ndim;
  const db = b.ndim;
  if (da === 0 || db === 0) throw new ShapeError(`both arguments to matmul need to be at least 1D, but they are ${da}D and ${db}D`);
  if (da === 1 && db === 1) return dot(a, b);
  if (da === 2 && db === 1) return mv(a, b);
  if (da === 2 && db === 2) return mm(a, b);
  return Temporaries.run([a, b], (temps) => {
    if (da === 1 && db === 2) return squeezeResult(temps.add(mm(temps.add(unsqueeze(a, 0)), b)), 0);
    return shouldFold(a, b) ? foldedMatmul(a, b, temps) : batchedMatmul(a, b, temps);
  });
});

/**
 * Whether the larger operand's batch dims can be folded into the rows of a single mm/mv without copying it
 * (PyTorch's should_fold). When the smaller operand needs a gradient, folding is chosen even at the price of a
 * copy: its gradient then comes out of one mm instead of a batch of products summed afterwards.
 */
function shouldFold(a: Tensor, b: Tensor): boolean {
  const aLarger = a.ndim >= b.ndim;
  const dimLarge = aLarger ? a.ndim : b.ndim;
  const dimSmall = aLarger ? b.ndim : a.ndim;
  if (!(dimLarge >= 3 && dimSmall <= 2)) return false;
  const small = aLarger ? b : a;
  if (small.requiresGrad && isGradEnabled()) return true;
  // 2-D @ N-D would multiply the transposed batch and need a copy to transpose the result back.
  if (a.ndim === 2) return false;
  const large = aLarger ? a : b;
  if (large.numel() === 0) return true;
  // The large operand as it is multiplied: a itself, or b with its last two dims swapped.
  const shape = large.shape.slice();
  const strides = large._strides.slice();
  if (!aLarger) {
    const d = dimLarge - 1;
    [shape[d - 1], shape[d]] = [shape[d], shape[d - 1]];
    [strides[d - 1], strides[d]] = [strides[d], strides[d - 1]];
  }
  for (let i = 0; i < dimLarge - 2; i++) {
    if (strides[i] !== strides[i + 1] * shape[i + 1]) return false;
  }
  return true;
}

/** N-D @ 2-D (or 1-D), or 2-D (or 1-D) @ N-D through the transpose: one mm or mv over the folded rows. */
function foldedMatmul(a: Tensor, b: Tensor, temps: Temporaries): Tensor {
  const transpose = b.ndim > a.ndim;
  const large = transpose ? temps.add(mT(b)) : a;
  const small = !transpose ? b : a.ndim === 2 ? temps.add(t(a)) : a;
  const outShape = large.shape.slice(0, -1);
  const rows = numelOf(outShape);
  const folded = temps.add(reshape(large, [rows, large.shape[large.ndim - 1]]));
  if (small.ndim === 1) return unsafeView(temps.add(mv(folded, small)), outShape);
  outShape.push(small.shape[1]);
  const output = unsafeView(temps.add(mm(folded, small)), outShape);
  if (!transpose) return output;
  temps.add(output);
  return contiguous(temps.add(mT(output)));
}

/** The general case: broadcast the batch dims, flatten them to one, and run one bmm. */
function batchedMatmul(a: Tensor, b: Tensor, temps: Temporaries): Tensor {
  const da = a.ndim;
  const db = b.ndim;
  const n = da > 1 ? a.shape[da - 2] : 1;
  const m1 = a.shape[da - 1];
  const m2 = db > 1 ? b.shape[db - 2] : b.shape[0];
  const p = db > 1 ? b.shape[db - 1] : 1;
  const batchShape = broadcastShapes(a.shape.slice(0, Math.max(da - 2, 0)), b.shape.slice(0, Math.max(db - 2, 0)));
  const batch = numelOf(batchShape);
  const a3 = temps.add(reshape(temps.add(expand(a, [...batchShape, n, m1])), [batch, n, m1]));
  const vectorRhs = db === 1;
  const bExpanded = temps.add(expand(b, vectorRhs ? [...batchShape, m2] : [...batchShape, m2, p]));
  const b3 = vectorRhs
    ? temps.add(unsqueeze(temps.add(reshape(bExpanded, [batch, m2])), 2))
    : temps.add(reshape(bExpanded, [batch, m2, p]));
  const outShape = batchShape.slice();
  if (da > 1) outShape.push(n);
  if (db > 1) outShape.push(p);
  const product = temps.add(bmm(a3, b3));
  return unsafeView(vectorRhs ? temps.add(squeeze(product, -1)) : product, outShape);
}
