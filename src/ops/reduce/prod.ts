// prod over all elements or one dim, with a gradient that is exact when the input holds zeros.
import { isGradEnabled } from '../../autograd/grad-mode';
import { OP } from '../../backend/kernels/reduce';
import { full, onesLike, zerosLike } from '../../creation/factories';
import type { DType } from '../../dtype';
import type { Tensor } from '../../tensor';
import { cat } from '../indexing/join';
import { reduction, type ReductionArgs } from './define-reduction';
import { reducedDims } from './map-reduce';
import { boolAsInt32 } from './sum';

export interface ProdOptions {
  dim?: number;
  keepdim?: boolean;
  dtype?: DType;
}

/**
 * The product of the other elements of each slice along d, PyTorch's prod_safe_zeros_backward: the exclusive prefix
 * products times the exclusive suffix products. Exact with zeros, and NaN only where an infinite (or overflowing)
 * partial product meets a zero, as in PyTorch.
 */
function productOfOthers(x: Tensor, d: number): Tensor {
  const n = x.shape[d];
  if (n === 1) return onesLike(x);
  const ones = full(x.shape.map((s, i) => (i === d ? 1 : s)), 1, { dtype: x.dtype });
  const prefix = cat([ones, x.narrow(d, 0, n - 1)], d).cumprod(d);
  const suffix = cat([ones, x.narrow(d, 1, n - 1).flip(d)], d).cumprod(d).flip(d);
  return prefix.mul(suffix);
}

/**
 * d prod / d x_i = the product of the other elements of the slice. No zero in the input: out / x_i (PyTorch's fast
 * path). With zeros, the first-order gradient is productOfOthers along the dim, as PyTorch's; for the product of
 * all elements (no dim) it is productOfOthers over the flattened input with one zero and 0 with several (PyTorch's
 * whole-tensor backward). A recorded backward (createGraph) instead assembles it from pieces whose derivatives are
 * also right, so that higher derivatives hold:
 *   g * out / safe * [x != 0]                    values 0; derivative at the zero z: P1 / x_i, as it should
 *   + g * P1 * [x == 0] * [1 zero]               the value at the zero; P1 = prod(safe) has no zeros to trip on
 *   + g * P1 * [x == 0] * [2 zeros] * (S - x)    value 0; d/d(the other zero) = P1, the second derivative
 * where safe is x with zeros replaced by 1 and S the sum of x over the zeros of the slice (0, but not in its
 * derivative). Exact to second order for any number of zeros (third order with up to two zeros per slice); its
 * first-order values equal productOfOthers' except where an infinite or overflowing product meets a zero.
 */
function prodBackward(gr: Tensor, x: Tensor, outR: Tensor, { mask, hasDim }: ReductionArgs): Tensor {
  const zero = x.eq(0);
  if (!(zero.any().item() as boolean)) return gr.mul(outR.div(x));
  const dims = reducedDims(mask);
  if (!isGradEnabled()) {
    if (hasDim) return gr.mul(productOfOthers(x, dims[0]));
    if ((zero.sum().item() as number) > 1) return zerosLike(x);
    return gr.mul(productOfOthers(x.reshape([-1]), 0).reshape(x.shape));
  }
  const zeros = zero.to(gr.dtype);
  const count = zeros.sum(dims, true);
  const safe = x.maskedFill(zero, 1);
  // prod over one dim keeps it; prod over all dims is 0-d, shaped like count to broadcast the same way.
  const nonzeroProduct = dims.length === 1 ? safe.prod(dims[0], true) : safe.prod().reshape(count.shape);
  const atZeros = gr.mul(nonzeroProduct).mul(zeros);
  const others = x.mul(zeros).sum(dims, true).sub(x);
  return gr
    .mul(outR.div(safe))
    .mul(x.ne(0).to(gr.dtype))
    .add(atZeros.mul(count.eq(1).to(gr.dtype)))
    .add(atZeros.mul(count.eq(2).to(gr.dtype)).mul(others));
}

/** Product of all elements, or along one dim. Integer and bool inputs give int32 (PyTorch: int64), wrapping. */
export const prod = reduction<[options?: ProdOptions] | [dim: number, options?: ProdOptions] | [dim: number, keepdim: boolean, options?: ProdOptions]>(
  'prod',
  {
    dim: 'dim',
    dtype: true,
    operand: boolAsInt32,
    kernel: OP.prod,
    grad: { name: ['ProdBackward0', 'ProdBackward1'], saves: true, backward: prodBackward },
  },
);
