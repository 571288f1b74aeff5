// softmax, logSoftmax (over one dim, output in the input's shape) and logsumexp (over dims), by the fused,
// max-shifted kernels of assembly/reduce-softmax.ts.
import type { BackwardFn } from '../../autograd/node';
import { needsGrad, record } from '../../autograd/record';
import { logsumexpInto, softmaxInto } from '../../backend/reduce';
import { DEFAULT_FLOAT, DTYPES, isFloat } from '../../dtype';
import { DTypeError } from '../../errors';
import type { Tensor } from '../../tensor';
import { cast } from '../cast';
import { defineOp } from '../define';
import { alongDimArgs, type AlongDimOptions } from './args';
import { reduction } from './define-reduction';
import { alongDim, planOutput, withPlan, type DimArg, type ReduceMask } from './layout';

export type SoftmaxOptions = AlongDimOptions;

type SoftmaxArgs = [dim: number, options?: SoftmaxOptions] | [options: SoftmaxOptions];

/**
 * Declares softmax or log_softmax along the dim given in the arguments; `grad` is the grad_fn name and `backward`
 * its formula, written in the saved output y and the upstream gradient g, the dim recorded as args.
 */
function softmaxOp(name: string, op: 'softmax' | 'log_softmax', grad: string, formula: (g: Tensor, y: Tensor, d: number) => Tensor) {
  const log = op === 'log_softmax';
  const backward: BackwardFn<number> = ([g], [y], d) => [formula(g, y, d)];
  return defineOp(name, (x: Tensor, ...args: SoftmaxArgs): Tensor => {
    x._check();
    const { d, input } = alongDimArgs(op, x, args, 'the dim to normalise over');
    if (!isFloat(input.dtype)) {
      throw new DTypeError(`${op}(): expected a floating point input, got ${DTYPES[input.dtype].torchName} (pass { dtype: 'float32' } to convert)`);
    }
    const out = alongDim(input, d, (src, dst, split) => softmaxInto(src, dst, split, log));
    if (needsGrad(input)) record(grad, [input], [out], backward, [out], d);
    if (input !== x) input.dispose();
    return out;
  });
}

/** exp(x) / sum(exp(x)) along dim, computed stably (shifted by the maximum). */
export const softmax = softmaxOp('softmax', 'softmax', 'SoftmaxBackward0', (g, y, d): Tensor =>
  // _softmax_backward_data: y * (g - sum(g * y, dim))
  y.mul(g.sub(g.mul(y).sum(d, true))),
);

/** log(softmax(x)) along dim, computed as x - max - log(sum(exp(x - max))). */
export const logSoftmax = softmaxOp('logSoftmax', 'log_softmax', 'LogSoftmaxBackward0', (g, y, d): Tensor =>
  // _log_softmax_backward_data: g - exp(y) * sum(g, dim)
  g.sub(y.exp().mul(g.sum(d, true))),
);

export interface LogsumexpOptions {
  dim?: DimArg;
  keepdim?: boolean;
}

function logsumexpKernel(x: Tensor, mask: ReduceMask, keepdim: boolean): Tensor {
  return withPlan(x, mask, keepdim, (plan) => planOutput(plan, x.dtype, (dst) => logsumexpInto(plan.src, dst, plan)));
}

/**
 * log(sum(exp(x))) over dims, stable: shifted by the maximum (by 0 where the maximum is infinite, so that all -inf
 * gives -inf and +inf gives +inf). Integer inputs are converted to float32 first, as PyTorch does.
 */
export const logsumexp = reduction<[dim: DimArg, keepdim?: boolean | LogsumexpOptions] | [options: LogsumexpOptions]>('logsumexp', {
  requiredDim: 'missing the dim (an integer or a list of integers) to reduce',
  operand: (x): Tensor => (isFloat(x.dtype) ? x : cast(x, DEFAULT_FLOAT)),
  kernel: logsumexpKernel,
  // logsumexp_backward: g * exp(x - result)
  grad: { name: 'LogsumexpBackward0', saves: true, backward: (g, x, result): Tensor => g.mul(x.sub(result).exp()) },
});
