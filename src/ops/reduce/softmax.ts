// softmax, logSoftmax (over one dim, output in the input's shape) and logsumexp (over dims), by the fused,
// max-shifted kernels of assembly/reduce-softmax.ts.
import { needsGrad, record } from '../../autograd/record';
import { kernels } from '../../backend/wasm';
import { checkDType, DEFAULT_FLOAT, DTYPES, isFloat, type DType } from '../../dtype';
import { DTypeError } from '../../errors';
import { normalizeDim } from '../../shape';
import { Tensor } from '../../tensor';
import { cast } from '../cast';
import { boolArg, namedArgs } from './args';
import { dimLayout, planOutput, reduceMask, withPlan, type DimArg } from './layout';
import { restoreReducedDims } from './map-reduce';

export interface SoftmaxOptions {
  dim?: number;
  /** Cast the input to this dtype first. */
  dtype?: DType;
}

function parseSoftmax(op: string, x: Tensor, args: readonly unknown[]): { d: number; input: Tensor } {
  const a = namedArgs<SoftmaxOptions>(op, ['dim'], args, ['dtype']);
  if (typeof a.dim !== 'number') throw new TypeError(`${op}(): missing the dim to normalise over (an integer), got ${JSON.stringify(a.dim)}`);
  const dtype = a.dtype === undefined ? undefined : checkDType(a.dtype);
  const input = dtype === undefined || dtype === x.dtype ? x : x.to(dtype);
  if (!isFloat(input.dtype)) {
    throw new DTypeError(`${op}(): expected a floating point input, got ${DTYPES[input.dtype].torchName} (pass { dtype: 'float32' } to convert)`);
  }
  return { d: normalizeDim(a.dim, input.ndim), input };
}

function softmaxKernel(x: Tensor, d: number, log: boolean): Tensor {
  const layout = dimLayout(x, d);
  const out = Tensor._empty(x.shape.slice(), x.dtype);
  const code = DTYPES[x.dtype].code;
  const flag = log ? 1 : 0;
  if (out.numel() > 0) {
    if (layout.cols === 1) kernels.softmaxInner(code, flag, layout.src._ptr, out._ptr, layout.outer, layout.len);
    else kernels.softmaxOuter(code, flag, layout.src._ptr, out._ptr, layout.outer, layout.len, layout.cols);
  }
  if (layout.owned) layout.src.dispose();
  return out;
}

/** exp(x) / sum(exp(x)) along dim, computed stably (shifted by the maximum). */
export function softmax(x: Tensor, ...args: [dim: number, options?: SoftmaxOptions] | [options: SoftmaxOptions]): Tensor {
  x._check();
  const { d, input } = parseSoftmax('softmax', x, args);
  const out = softmaxKernel(input, d, false);
  if (needsGrad(input)) {
    // _softmax_backward_data: y * (g - sum(g * y, dim))
    record('SoftmaxBackward0', [input], [out], ([g], [y]) => [y.mul(g!.sub(g!.mul(y).sum(d, true)))], [out]);
  }
  if (input !== x) input.dispose();
  return out;
}

/** log(softmax(x)) along dim, computed as x - max - log(sum(exp(x - max))). */
export function logSoftmax(x: Tensor, ...args: [dim: number, options?: SoftmaxOptions] | [options: SoftmaxOptions]): Tensor {
  x._check();
  const { d, input } = parseSoftmax('log_softmax', x, args);
  const out = softmaxKernel(input, d, true);
  if (needsGrad(input)) {
    // _log_softmax_backward_data: g - exp(y) * sum(g, dim)
    record('LogSoftmaxBackward0', [input], [out], ([g], [y]) => [g!.sub(y.exp().mul(g!.sum(d, true)))], [out]);
  }
  if (input !== x) input.dispose();
  return out;
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
