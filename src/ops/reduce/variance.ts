// var, std, varMean, stdMean: sum of squared deviations / (N - correction), correction 1 by default (Bessel),
// or 0 with unbiased = false. Computed by a two-pass float64 kernel (assembly/reduce-var.ts).
import { needsGrad, record } from '../../autograd/record';
import { kernels } from '../../backend/wasm';
import { DTYPES, isFloat } from '../../dtype';
import { DTypeError } from '../../errors';
import { Tensor } from '../../tensor';
import { boolArg, namedArgs } from './args';
import { planOutput, reduceMask, withPlan, type DimArg, type ReduceMask } from './layout';
import { reducedCount, restoreReducedDims } from './map-reduce';

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
  };
}

/** The variance (or std) over the masked dims, and the mean when asked (one kernel call writes both). */
function compute(x: Tensor, { mask, keepdim, correction }: Parsed, takeSqrt: boolean, withMean: boolean): [Tensor, Tensor | null] {
  const code = DTYPES[x.dtype].code;
  const sqrt = takeSqrt ? 1 : 0;
  return withPlan(x, mask, keepdim, (plan) => {
    const meanBuffer = withMean ? Tensor._empty([plan.outer * plan.cols], x.dtype) : null;
    try {
      const meanPtr = meanBuffer === null ? 0 : meanBuffer._ptr;
      const variance = planOutput(plan, x.dtype, (dst) => {
        if (plan.kind === 'inner') kernels.varianceInner(code, plan.src._ptr, dst, meanPtr, plan.outer, plan.len, correction, sqrt);
        else kernels.varianceOuter(code, plan.src._ptr, dst, meanPtr, plan.outer, plan.len, plan.cols, correction, sqrt);
      });
      return [variance, meanBuffer === null ? null : meanBuffer._view(plan.outShape, plan.outStrides, 0)];
    } finally {
      meanBuffer?.dispose();
    }
  });
}

/** var_backward: 2 / (N - correction) * g * (x - mean(x)). */
function varBackward(g: Tensor, x: Tensor, { mask, keepdim, correction }: Parsed): Tensor {
  const dims = mask.flatMap((r, d) => (r ? [d] : []));
  const dof = reducedCount(x.shape, mask) - correction;
  return restoreReducedDims(g, mask, keepdim).mul(2 / dof).mul(x.sub(x.mean(dims, true)));
}

/** std_backward: the variance's, with g / (2 std) (0 where std = 0). */
function stdBackward(g: Tensor, x: Tensor, std: Tensor, parsed: Parsed): Tensor {
  return varBackward(g.div(std.mul(2)).maskedFill(std.eq(0), 0), x, parsed);
}

/** The mean's backward: g spread over the reduced elements. */
function meanBackward(g: Tensor, x: Tensor, { mask, keepdim }: Parsed): Tensor {
  return restoreReducedDims(g, mask, keepdim).expand(x.shape).div(reducedCount(x.shape, mask));
}

function sumGrads(a: Tensor | null, b: Tensor | null): Tensor | null {
  if (a === null) return b;
  if (b === null) return a;
  return a.add(b);
}

/** Variance over dims (all by default), with Bessel's correction unless unbiased = false or correction says otherwise. */
export function variance(x: Tensor, ...args: VarArgs): Tensor {
  x._check();
  const parsed = parse('var', x, args);
  const [out] = compute(x, parsed, false, false);
  if (needsGrad(x)) record('VarBackward0', [x], [out], ([g], [xs]) => [varBackward(g!, xs, parsed)], [x]);
  return out;
}

/** Standard deviation over dims: the square root of var with the same arguments. */
export function std(x: Tensor, ...args: VarArgs): Tensor {
  x._check();
  const parsed = parse('std', x, args);
  const [out] = compute(x, parsed, true, false);
  if (needsGrad(x)) record('StdBackward0', [x], [out], ([g], [xs, result]) => [stdBackward(g!, xs, result, parsed)], [x, out]);
  return out;
}

/** [var, mean] in one pass (torch.var_mean). */
export function varMean(x: Tensor, ...args: VarArgs): [Tensor, Tensor] {
  x._check();
  const parsed = parse('var_mean', x, args);
  const [v, m] = compute(x, parsed, false, true);
  if (needsGrad(x)) {
    record('VarMeanBackward0', [x], [v, m!], ([gv, gm], [xs]) => [
      sumGrads(gv === null ? null : varBackward(gv, xs, parsed), gm === null ? null : meanBackward(gm, xs, parsed)),
    ], [x]);
  }
  return [v, m!];
}

/** [std, mean] in one pass (torch.std_mean). */
export function stdMean(x: Tensor, ...args: VarArgs): [Tensor, Tensor] {
  x._check();
  const parsed = parse('std_mean', x, args);
  const [s, m] = compute(x, parsed, true, true);
  if (needsGrad(x)) {
    record('StdMeanBackward0', [x], [s, m!], ([gs, gm], [xs, result]) => [
      sumGrads(gs === null ? null : stdBackward(gs, xs, result, parsed), gm === null ? null : meanBackward(gm, xs, parsed)),
    ], [x, s]);
  }
  return [s, m!];
}

declare module '../../tensor' {
  interface Tensor {
    var(options?: VarOptions): Tensor;
    var(unbiased: boolean, options?: VarOptions): Tensor;
    var(dim: DimArg, options?: VarOptions): Tensor;
    var(dim: DimArg, unbiased: boolean, options?: VarOptions): Tensor;
    var(dim: DimArg, unbiased: boolean, keepdim: boolean, options?: VarOptions): Tensor;
    std(options?: VarOptions): Tensor;
    std(unbiased: boolean, options?: VarOptions): Tensor;
    std(dim: DimArg, options?: VarOptions): Tensor;
    std(dim: DimArg, unbiased: boolean, options?: VarOptions): Tensor;
    std(dim: DimArg, unbiased: boolean, keepdim: boolean, options?: VarOptions): Tensor;
    varMean(...args: VarArgs): [Tensor, Tensor];
    stdMean(...args: VarArgs): [Tensor, Tensor];
  }
}
