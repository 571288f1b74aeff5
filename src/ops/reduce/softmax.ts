// softmax, logSoftmax (over one dim, output in the input's shape) and logsumexp (over dims), by the fused,
// max-shifted kernels of assembly/reduce-softmax.ts.
import { needsGrad, record } from '../../autograd/record';
import { kernels } from '../../backend/wasm';
import { DEFAULT_FLOAT, DTYPES, isFloat } from '../../dtype';
import { DTypeError } from '../../errors';
import { Tensor } from '../../tensor';
import { cast } from '../cast';
import { alongDimArgs, boolArg, namedArgs, type AlongDimOptions } from './args';
import { alongDim, planOutput, reduceMask, withPlan, type DimArg } from './layout';
import { restoreReducedDims } from './map-reduce';

export type SoftmaxOptions = AlongDimOptions;

function parseSoftmax(op: string, x: Tensor, args: readonly unknown[]): { d: number; input: Tensor } {
  const { d, input } = alongDimArgs(op, x, args, 'the dim to normalise over');
  if (!isFloat(input.dtype)) {
    throw new DTypeError(`${op}(): expected a floating point input, got ${DTYPES[input.dtype].torchName} (pass { dtype: 'float32' } to convert)`);
  }
  return { d, input };
}

function softmaxKernel(x: Tensor, d: number, log: boolean): Tensor {
  const code = DTYPES[x.dtype].code;
  const flag = log ? 1 : 0;
  return alongDim(x, d, (src, dst, { outer, len, cols }) => {
    if (cols === 1) kernels.softmaxInner(code, flag, src, dst, outer, len);
    else kernels.softmaxOuter(code, flag, src, dst, outer, len, cols);
  });
}

type SoftmaxArgs = [dim: number, options?: SoftmaxOptions] | [options: SoftmaxOptions];

/**
 * softmax or log_softmax of x along the dim given in args; records `gradFn`, whose gradient `backward(g, y, d)` is
 * written in the output y (saved) and the upstream gradient g.
 */
function softmaxOp(op: 'softmax' | 'log_softmax', x: Tensor, args: SoftmaxArgs, gradFn: string, backward: (g: Tensor, y: Tensor, d: number) => Tensor): Tensor {
  x._check();
  const { d, input } = parseSoftmax(op, x, args);
  const out = softmaxKernel(input, d, op === 'log_softmax');
  if (needsGrad(input)) record(gradFn, [input], [out], ([g], [y]) => [backward(g!, y, d)], [out]);
  if (input !== x) input.dispose();
  return out;
}

/** exp(x) / sum(exp(x)) along dim, computed stably (shifted by the maximum). */
export function softmax(x: Tensor, ...args: SoftmaxArgs): Tensor {
  // _softmax_backward_data: y * (g - sum(g * y, dim))
  return softmaxOp('softmax', x, args, 'SoftmaxBackward0', (g, y, d) => y.mul(g.sub(g.mul(y).sum(d, true))));
}

/** log(softmax(x)) along dim, computed as x - max - log(sum(exp(x - max))). */
export function logSoftmax(x: Tensor, ...args: SoftmaxArgs): Tensor {
  // _log_softmax_backward_data: g - exp(y) * sum(g, dim)
  return softmaxOp('log_softmax', x, args, 'LogSoftmaxBackward0', (g, y, d) => g.sub(y.exp().mul(g.sum(d, true))));
}

export interface LogsumexpOptions {
  dim?: DimArg;
  keepdim?: boolean;
}

/**
 * log(sum(exp(x))) over dims, stable: shifted by the maximum (by 0 where the maximum is infinite, so that all -inf
 * gives -inf and +inf gives +inf). Integer inputs are converted to float32 first, as PyTorch does.
 */
export function logsumexp(x: Tensor, ...args: [dim: DimArg, keepdim?: boolean | LogsumexpOptions] | [options: LogsumexpOptions]): Tensor {
  x._check();
  const a = namedArgs<LogsumexpOptions>('logsumexp', ['dim', 'keepdim'], args);
  if (a.dim === undefined) throw new TypeError('logsumexp(): missing the dim (an integer or a list of integers) to reduce');
  const keepdim = boolArg('logsumexp', 'keepdim', a.keepdim, false);
  const input = isFloat(x.dtype) ? x : cast(x, DEFAULT_FLOAT);
  const mask = reduceMask(a.dim, input.ndim, 'logsumexp');
  const code = DTYPES[input.dtype].code;
  const out = withPlan(input, mask, keepdim, (plan) =>
    planOutput(plan, input.dtype, (dst) => {
      if (plan.kind === 'inner') kernels.logsumexpInner(code, plan.src._ptr, dst, plan.outer, plan.len);
      else kernels.logsumexpOuter(code, plan.src._ptr, dst, plan.outer, plan.len, plan.cols);
    }),
  );
  if (input !== x) input.dispose();
  else if (needsGrad(x)) {
    // logsumexp_backward: g * exp(x - result)
    record(
      'LogsumexpBackward0',
      [x],
      [out],
      ([g], [xs, result]) => [restoreReducedDims(g!, mask, keepdim).mul(xs.sub(restoreReducedDims(result, mask, keepdim)).exp())],
      [x, out],
    );
  }
  return out;
}

declare module '../../tensor' {
  interface Tensor {
    softmax(dim: number, options?: SoftmaxOptions): Tensor;
    softmax(options: SoftmaxOptions): Tensor;
    logSoftmax(dim: number, options?: SoftmaxOptions): Tensor;
    logSoftmax(options: SoftmaxOptions): Tensor;
    logsumexp(dim: DimArg, keepdim?: boolean | LogsumexpOptions): Tensor;
    logsumexp(options: LogsumexpOptions): Tensor;
  }
}
