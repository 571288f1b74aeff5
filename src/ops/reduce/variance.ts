// var, std, varMean, stdMean: sum of squared deviations / (N - correction), correction 1 by default (Bessel),
// or 0 with unbiased = false. Computed by a two-pass float64 kernel (assembly/reduce-var.ts).
import type { BackwardFn } from '../../autograd/node';
import { needsGrad, record } from '../../autograd/record';
import { varianceInto } from '../../backend/reduce';
import { full } from '../../creation/factories';
import { DTYPES, isFloat } from '../../dtype';
import { DTypeError } from '../../errors';
import type { Tensor } from '../../tensor';
import { defineOp } from '../define';
import { boolArg, namedArgs } from './args';
import { planBuffer, planOutput, planView, reduceMask, withPlan, type DimArg, type ReduceMask } from './layout';
import { reducedCount, reducedDims, restoreReducedDims } from './map-reduce';

export interface VarOptions {
  dim?: DimArg;
  /** false is correction = 0. */
  unbiased?: boolean;
  keepdim?: boolean;
  /** Subtracted from N in the divisor (default 1). */
  correction?: number;
}

export type VarArgs =
  | [options?: VarOptions]
  | [unbiased: boolean, options?: VarOptions]
  | [dim: DimArg, options?: VarOptions]
  | [dim: DimArg, unbiased: boolean, options?: VarOptions]
  | [dim: DimArg, unbiased: boolean, keepdim: boolean, options?: VarOptions];

interface Parsed {
  mask: ReduceMask;
  keepdim: boolean;
  correction: number;
  /** No dim given, or a 0-d input: PyTorch's var_backward has its own rule for no degrees of freedom there. */
  wholeTensor: boolean;
}

function parse(op: string, x: Tensor, args: readonly unknown[]): Parsed {
  const a =
    typeof args[0] === 'boolean'
      ? namedArgs<VarOptions>(op, ['unbiased'], args, ['dim', 'keepdim', 'correction'])
      : namedArgs<VarOptions>(op, ['dim', 'unbiased', 'keepdim'], args, ['correction']);
  if (a.unbiased !== undefined && a.correction !== undefined) throw new TypeError(`${op}(): cannot specify both unbiased and correction`);
  if (a.correction !== undefined && typeof a.correction !== 'number') {
    throw new TypeError(`${op}(): correction must be a number, got ${JSON.stringify(a.correction)}`);
  }
  const unbiased = boolArg(op, 'unbiased', a.unbiased, true);
  if (!isFloat(x.dtype)) {
    const name = DTYPES[x.dtype].torchName.slice(6);
    throw new DTypeError(`${op}(): input dtype should be either floating point or complex dtypes. Got ${name[0].toUpperCase()}${name.slice(1)} instead.`);
  }
  return {
    mask: reduceMask(a.dim, x.ndim, op),
    keepdim: boolArg(op, 'keepdim', a.keepdim, false),
    correction: a.correction ?? (unbiased ? 1 : 0),
    wholeTensor: a.dim === undefined || a.dim === null || x.ndim === 0,
  };
}

/** The variance (or std) over the masked dims, and the mean when asked (one kernel call writes both). */
function compute(x: Tensor, { mask, keepdim, correction }: Parsed, takeSqrt: boolean, withMean: boolean): [Tensor, Tensor | null] {
  return withPlan(x, mask, keepdim, (plan) => {
    const meanBuffer = withMean ? planBuffer(plan, x.dtype) : null;
    try {
      const variance = planOutput(plan, x.dtype, (dst) => varianceInto(plan.src, dst, meanBuffer, plan, correction, takeSqrt));
      return [variance, meanBuffer === null ? null : planView(plan, meanBuffer)];
    } finally {
      meanBuffer?.dispose();
    }
  });
}

/**
 * var_backward: 2 / (N - correction) * g * (x - mean(x)). Over the whole tensor without degrees of freedom
 * (N <= correction), PyTorch 2's rule instead: g * (x == mean ? NaN : inf).
 */
function varGrad(g: Tensor, x: Tensor, { mask, keepdim, correction, wholeTensor }: Parsed): Tensor {
  const dof = reducedCount(x.shape, mask) - correction;
  const gr = restoreReducedDims(g, mask, keepdim);
  const mean = x.mean(reducedDims(mask), true);
  if (wholeTensor && dof <= 0) return gr.mul(full(x.shape, Infinity, { dtype: x.dtype }).maskedFill(x.eq(mean), NaN));
  return gr.mul(2 / dof).mul(x.sub(mean));
}

/** std_backward: the variance's, with g / (2 std) (0 where std = 0). */
function stdGrad(g: Tensor, x: Tensor, std: Tensor, parsed: Parsed): Tensor {
  return varGrad(g.div(std.mul(2)).maskedFill(std.eq(0), 0), x, parsed);
}

/** The mean's backward: g spread over the reduced elements. */
function meanGrad(g: Tensor, x: Tensor, { mask, keepdim }: Parsed): Tensor {
  return restoreReducedDims(g, mask, keepdim).expand(x.shape).div(reducedCount(x.shape, mask));
}

function sumGrads(a: Tensor | null, b: Tensor | null): Tensor | null {
  if (a === null) return b;
  if (b === null) return a;
  return a.add(b);
}

// Saved: the input, and for std the result. The mean output's gradient (varMean, stdMean) may be absent.
const varBackward: BackwardFn<Parsed> = ([g], [x], parsed) => [varGrad(g, x, parsed)];
const stdBackward: BackwardFn<Parsed> = ([g], [x, s], parsed) => [stdGrad(g, x, s, parsed)];
const varMeanBackward: BackwardFn<Parsed> = ([gv, gm], [x], parsed) => [
  sumGrads(gv == null ? null : varGrad(gv, x, parsed), gm == null ? null : meanGrad(gm, x, parsed)),
];
const stdMeanBackward: BackwardFn<Parsed> = ([gs, gm], [x, s], parsed) => [
  sumGrads(gs == null ? null : stdGrad(gs, x, s, parsed), gm == null ? null : meanGrad(gm, x, parsed)),
];

/** Variance over dims (all by default), with Bessel's correction unless unbiased = false or correction says otherwise. */
const variance = defineOp('var', (x: Tensor, ...args: VarArgs): Tensor => {
  x._check();
  const parsed = parse('var', x, args);
  const [out] = compute(x, parsed, false, false);
  if (needsGrad(x)) record('VarBackward0', [x], [out], varBackward, [x], parsed);
  return out;
});

/** Standard deviation over dims: the square root of var with the same arguments. */
export const std = defineOp('std', (x: Tensor, ...args: VarArgs): Tensor => {
  x._check();
  const parsed = parse('std', x, args);
  const [out] = compute(x, parsed, true, false);
  if (needsGrad(x)) record('StdBackward0', [x], [out], stdBackward, [x, out], parsed);
  return out;
});

/** [var, mean] in one pass (torch.var_mean). */
export const varMean = defineOp('varMean', (x: Tensor, ...args: VarArgs): [Tensor, Tensor] => {
  x._check();
  const parsed = parse('var_mean', x, args);
  const [v, m] = compute(x, parsed, false, true);
  if (needsGrad(x)) record('VarMeanBackward0', [x], [v, m!], varMeanBackward, [x], parsed);
  return [v, m!];
});

/** [std, mean] in one pass (torch.std_mean). */
export const stdMean = defineOp('stdMean', (x: Tensor, ...args: VarArgs): [Tensor, Tensor] => {
  x._check();
  const parsed = parse('std_mean', x, args);
  const [s, m] = compute(x, parsed, true, true);
  if (needsGrad(x)) record('StdMeanBackward0', [x], [s, m!], stdMeanBackward, [x, s], parsed);
  return [s, m!];
});

// PyTorch's name is a reserved word: the op is exported as `var`, and under the public name `variance` by the index.
export { variance as var };
