// prod over all elements or one dim, with a gradient that is exact when the input holds zeros.
import { needsGrad, record } from '../../autograd/record';
import { OP } from '../../backend/kernels/reduce';
import { checkDType, isFloat, type DType } from '../../dtype';
import type { Tensor } from '../../tensor';
import { cast } from '../cast';
import { boolArg, namedArgs } from './args';
import { reduceMask, type ReduceMask } from './layout';
import { mapReduce, restoreReducedDims } from './map-reduce';

export interface ProdOptions {
  dim?: number;
  keepdim?: boolean;
  dtype?: DType;
}

/**
 * d prod / d x_i = the product of the other elements of the slice:
 *   no zero in the slice: out / x_i (PyTorch's fast path);
 *   one zero, at z: P1 at z (the product of the nonzero elements), 0 elsewhere;
 *   several zeros: 0 everywhere.
 * With zeros, it is assembled from pieces whose derivatives are also right, so that higher derivatives hold:
 *   g * out / safe * [x != 0]                    values 0; derivative at the zero z: P1 / x_i, as it should
 *   + g * P1 * [x == 0] * [1 zero]               the value at the zero; P1 = prod(safe) has no zeros to trip on
 *   + g * P1 * [x == 0] * [2 zeros] * (S - x)    value 0; d/d(the other zero) = P1, the second derivative
 * where safe is x with zeros replaced by 1 and S the sum of x over the zeros of the slice (0, but not in its
 * derivative). Exact to second order for any number of zeros (third order with up to two zeros per slice).
 */
function prodBackward(g: Tensor, x: Tensor, out: Tensor, mask: ReduceMask, keepdim: boolean): Tensor {
  const gr = restoreReducedDims(g, mask, keepdim);
  const outR = restoreReducedDims(out, mask, keepdim);
  const zero = x.eq(0);
  if (!(zero.any().item() as boolean)) return gr.mul(outR.div(x));
  const dims = mask.flatMap((r, d) => (r ? [d] : []));
  const zeros = zero.to(g.dtype);
  const count = zeros.sum(dims, true);
  const safe = x.maskedFill(zero, 1);
  // prod over one dim keeps it; prod over all dims is 0-d, shaped like count to broadcast the same way.
  const nonzeroProduct = dims.length === 1 ? safe.prod(dims[0], true) : safe.prod().reshape(count.shape);
  const atZeros = gr.mul(nonzeroProduct).mul(zeros);
  const others = x.mul(zeros).sum(dims, true).sub(x);
  return gr
    .mul(outR.div(safe))
    .mul(x.ne(0).to(g.dtype))
    .add(atZeros.mul(count.eq(1).to(g.dtype)))
    .add(atZeros.mul(count.eq(2).to(g.dtype)).mul(others));
}

/** Product of all elements, or along one dim. Integer and bool inputs give int32 (PyTorch: int64), wrapping. */
export function prod(x: Tensor, ...args: [options?: ProdOptions] | [dim: number, options?: ProdOptions] | [dim: number, keepdim: boolean, options?: ProdOptions]): Tensor {
  x._check();
  const a = namedArgs<ProdOptions>('prod', ['dim', 'keepdim'], args, ['dtype']);
  const keepdim = boolArg('prod', 'keepdim', a.keepdim, false);
  if (a.dim != null && typeof a.dim !== 'number') throw new TypeError(`prod(): dim must be an integer, got ${JSON.stringify(a.dim)}`);
  const dtype = a.dtype === undefined ? undefined : checkDType(a.dtype);
  const input = dtype === undefined || dtype === x.dtype ? x : x.to(dtype);
  const mask = reduceMask(a.dim, input.ndim, 'prod');
  const asInt = input.dtype === 'bool' ? cast(input, 'int32') : input;
  const out = mapReduce(asInt, mask, a.dim == null ? false : keepdim, OP.prod);
  if (needsGrad(input) && isFloat(out.dtype)) {
    const allDims = a.dim == null;
    record(
      allDims ? 'ProdBackward0' : 'ProdBackward1',
      [input],
      [out],
      ([g], [xs, result]) => [prodBackward(g!, xs, result, mask, allDims ? false : keepdim)],
      [input, out],
    );
  }
  if (asInt !== input) asInt.dispose();
  if (input !== x) input.dispose();
  return out;
}

declare module '../../tensor' {
  interface Tensor {
    prod(options?: ProdOptions): Tensor;
    prod(dim: number, options?: ProdOptions): Tensor;
    prod(dim: number, keepdim: boolean, options?: ProdOptions): Tensor;
  }
}
