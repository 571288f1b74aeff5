// The map-reduce kernels' entry (sum, prod, mean, max/min values, norms), and the shape steps that every
// reduction's backward shares.
import { mapReduceInto } from '../../backend/reduce';
import type { Tensor } from '../../tensor';
import { planOutput, withPlan, type ReduceMask } from './layout';

/** op (an OP code) over the masked dims of x, in x's dtype. p: the order for OP.normP. */
export function mapReduce(x: Tensor, mask: ReduceMask, keepdim: boolean, op: number, p = 0): Tensor {
  return withPlan(x, mask, keepdim, (plan) => planOutput(plan, x.dtype, (dst) => mapReduceInto(plan.src, dst, plan, op, p)));
}

/** Puts back the reduced dims (size 1) of a result computed without keepdim, so that it broadcasts against the input. */
export function restoreReducedDims(t: Tensor, mask: ReduceMask, keepdim: boolean): Tensor {
  if (keepdim) return t;
  let out = t;
  mask.forEach((reduced, d) => {
    if (reduced) out = out.unsqueeze(d);
  });
  return out;
}

/** The reduced dims, in order. */
export function reducedDims(mask: ReduceMask): number[] {
  return mask.flatMap((reduced, d) => (reduced ? [d] : []));
}

/** Number of elements each output gathers. */
export function reducedCount(shape: readonly number[], mask: ReduceMask): number {
  let n = 1;
  shape.forEach((s, d) => {
    if (mask[d]) n *= s;
  });
  return n;
}
