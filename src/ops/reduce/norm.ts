// Tensor.norm: the vector p-norm over dims (all by default), as PyTorch's Tensor.norm, which in PyTorch 2.x calls
// torch.linalg.vector_norm (grad_fn LinalgVectorNormBackward0). p = 'fro' is the 2-norm.
import type { BackwardFn } from '../../autograd/node';
import { needsGrad, record } from '../../autograd/record';
import { OP } from '../../backend/kernels/reduce';
import { checkDType, DTYPES, isFloat, type DType } from '../../dtype';
import { DTypeError, IndexError, NotSupportedError } from '../../errors';
import type { Tensor } from '../../tensor';
import { defineOp } from '../define';
import { boolArg, namedArgs } from './args';
import { reduceMask, type DimArg, type ReduceMask } from './layout';
import { mapReduce, reducedDims, restoreReducedDims } from './map-reduce';

export type NormOrder = number | 'fro' | 'nuc' | null;

export interface NormOptions {
  p?: NormOrder;
  dim?: DimArg;
  keepdim?: boolean;
  dtype?: DType;
}

function opFor(p: number): number {
  if (p === 2) return OP.norm2;
  if (p === 1) return OP.norm1;
  if (p === Infinity) return OP.normInf;
  if (p === -Infinity) return OP.normNegInf;
  if (p === 0) return OP.norm0;
  return OP.normP;
}

interface NormArgs {
  p: number;
  mask: ReduceMask;
  keepdim: boolean;
}

/**
 * PyTorch's norm_backward, with the reduced dims restored on g and the norm:
 *   p = 0: no gradient;  p = 1: sign(x) g;  p = 2: g x / norm (0 where norm = 0);
 *   p = +-inf: sign(x) g / (number of |x| equal to the norm, or NaN) at those elements;
 *   p < 1: sign(x) |x|^(p-1) (0 at x = 0) g norm^(1-p);
 *   p < 2: sign(x) |x|^(p-1) g / norm^(p-1) (0 where norm = 0);   otherwise: x |x|^(p-2) g / norm^(p-1) (same).
 */
function normGrad(g: Tensor, x: Tensor, norm: Tensor, { p, mask, keepdim }: NormArgs): Tensor | null {
  if (p === 0) return null;
  const gr = restoreReducedDims(g, mask, keepdim);
  const nr = restoreReducedDims(norm, mask, keepdim);
  if (p === 1) return x.sign().mul(gr);
  if (p === 2) return gr.mul(x.div(nr).maskedFill(nr.eq(0), 0));
  if (!Number.isFinite(p)) {
    const ax = x.abs();
    // |x| equal to the norm, or NaN (never both: NaN equals nothing).
    const hits = ax.eq(nr).to(g.dtype).add(ax.ne(ax).to(g.dtype));
    return x.sign().mul(gr.div(hits.sum(reducedDims(mask), true)).mul(hits));
  }
  if (p < 1) {
    const scaled = x.sign().mul(x.abs().pow(p - 1).maskedFill(x.eq(0), 0));
    return scaled.mul(gr).mul(nr.pow(1 - p));
  }
  const scaled = p < 2 ? x.sign().mul(x.abs().pow(p - 1)) : x.mul(x.abs().pow(p - 2));
  const scale = gr.div(nr.pow(p - 1)).maskedFill(nr.eq(0), 0);
  return scaled.mul(scale);
}

/** A dtype named in messages as PyTorch's are: 'Float32', 'Int32', 'Bool'. */
function scalarTypeName(dtype: DType): string {
  return DTYPES[dtype].torchName.slice(6).replace(/^./, (c) => c.toUpperCase());
}

const normBackward: BackwardFn<NormArgs> = ([g], [x, result], args) => [normGrad(g, x, result, args)];

type NormArgsList =
  | [options?: NormOptions]
  | [p: NormOrder, options?: NormOptions]
  | [p: NormOrder, dim: DimArg, options?: NormOptions]
  | [p: NormOrder, dim: DimArg, keepdim: boolean, options?: NormOptions];

/** The p-norm of x over dims (default: p = 2 over all elements). */
export const norm = defineOp('norm', (x: Tensor, ...args: NormArgsList): Tensor => {
  x._check();
  const a = namedArgs<NormOptions>('norm', ['p', 'dim', 'keepdim'], args, ['dtype']);
  const keepdim = boolArg('norm', 'keepdim', a.keepdim, false);
  const order = a.p ?? 'fro';
  if (order === 'nuc') throw new NotSupportedError("norm(): p='nuc' is a matrix norm: use linalg.matrixNorm(x, 'nuc')");
  if (order !== 'fro' && typeof order !== 'number') throw new TypeError(`norm(): p must be a number, 'fro' or 'nuc', got ${JSON.stringify(order)}`);
  const p = order === 'fro' ? 2 : order;
  const dtype = a.dtype === undefined ? undefined : checkDType(a.dtype);
  // The input must be floating before any dtype conversion, and so must the dtype asked for.
  if (!isFloat(x.dtype)) throw new DTypeError(`linalg.vector_norm: Expected a floating point or complex tensor as input. Got ${scalarTypeName(x.dtype)}`);
  if (dtype !== undefined && !isFloat(dtype)) throw new DTypeError(`linalg.vector_norm: dtype should be floating point or complex, but got ${scalarTypeName(dtype)}`);
  const input = dtype === undefined || dtype === x.dtype ? x : x.to(dtype);
  const mask = reduceMask(a.dim, input.ndim, 'norm');
  if ((p < 0 || p === Infinity) && mask.some((r, d) => r && input.shape[d] === 0)) {
    throw new IndexError(`linalg.vector_norm cannot compute the ${p} norm on an empty tensor because the operation does not have an identity`);
  }
  const out = mapReduce(input, mask, keepdim, opFor(p), p);
  if (needsGrad(input)) {
    const recorded: NormArgs = { p, mask, keepdim };
    record('LinalgVectorNormBackward0', [input], [out], normBackward, [input, out], recorded);
  }
  if (input !== x) input.dispose();
  return out;
});
