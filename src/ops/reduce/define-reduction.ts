// The declaration of a reduction over dims: one entry gives the function, the Tensor method and the autograd node.
// Arguments are PyTorch's: dim and keepdim positional or named in a trailing options object, and the keyword-only
// dtype where the op takes one. The result has the input's shape less the reduced dims (kept with size 1 under
// keepdim). The backward formula is static: it receives the output's gradient with the reduced dims restored, so
// that it broadcasts against the input, and the call's dims and shape as recorded args.
import type { BackwardFn } from '../../autograd/node';
import { needsGrad, record } from '../../autograd/record';
import { checkDType, isFloat, type DType } from '../../dtype';
import { mapReduceInto } from '../../backend/reduce';
import { Tensor } from '../../tensor';
import { defineOp } from '../define';
import { boolArg, namedArgs } from './args';
import { reduceMask, type DimArg, type ReduceMask } from './layout';
import { mapReduce, restoreReducedDims } from './map-reduce';

/** A reduction call's non-tensor values, recorded for its backward. */
export interface ReductionArgs {
  readonly mask: ReduceMask;
  readonly keepdim: boolean;
  /** The input's shape. */
  readonly shape: readonly number[];
  /** Whether a dim was given: PyTorch's dim overload, whose backward may differ from the whole-tensor one's. */
  readonly hasDim: boolean;
}

/** The gradient of a reduction: its grad_fn names and formula (written with differentiable ops). */
export type ReductionGradSpec = {
  /** PyTorch's grad_fn name, or the names of the all-dims and the dim overloads (e.g. SumBackward0, SumBackward1). */
  name: string | readonly [allDims: string, withDim: string];
} & (
  | {
      /** The formula needs shapes only. */
      saves: false;
      /** The input's gradient from g, the output's gradient with the reduced dims restored. */
      backward: (g: Tensor, args: ReductionArgs) => Tensor;
    }
  | {
      /** The formula reads the input and the result (saved). */
      saves: true;
      /** The input's gradient from g and the result, both with the reduced dims restored, and the input x. */
      backward: (g: Tensor, x: Tensor, result: Tensor, args: ReductionArgs) => Tensor | null;
    }
);

export interface ReductionSpec {
  /**
   * What dim takes: 'dims' (default) one dim, a list, or none for every dim; 'dim' one dim or none, and keepdim
   * is taken only with a dim (prod).
   */
  dim?: 'dims' | 'dim';
  /** The dim must be given: the message when it is not. */
  requiredDim?: string;
  /** Takes the keyword-only dtype option: the input is converted to it first, with autograd (PyTorch's dtype=). */
  dtype?: boolean;
  /** What the kernel reads: the input itself or a temporary conversion; throws for dtypes the op refuses. */
  operand?: (x: Tensor) => Tensor;
  /** Checks the input against the reduced dims before computing (PyTorch's errors for empty slices). */
  check?: (x: Tensor, mask: ReduceMask) => void;
  /** The map-reduce kernel's op (an OP code), or the computation of a reduction with a kernel of its own. */
  kernel: number | ((x: Tensor, mask: ReduceMask, keepdim: boolean) => Tensor);
  /** None: the result has no gradient (bool or integer results). */
  grad?: ReductionGradSpec;
}

interface ReductionOptions {
  dim?: DimArg;
  keepdim?: boolean;
  dtype?: DType;
}

const POSITIONAL = ['dim', 'keepdim'] as const;
const DTYPE_OPTION = ['dtype'] as const;
const NO_KEYWORDS = [] as const;

/** Declares the reduction `name` with the positional signature Args (after the tensor). */
export function reduction<Args extends unknown[]>(name: string, spec: ReductionSpec) {
  const { dim: dimKind = 'dims', requiredDim, operand, check, kernel, grad } = spec;
  const keywordOnly = spec.dtype === true ? DTYPE_OPTION : NO_KEYWORDS;
  const compute = typeof kernel === 'number' ? (x: Tensor, mask: ReduceMask, keepdim: boolean) => mapReduce(x, mask, keepdim, kernel) : kernel;
  const backward: BackwardFn<ReductionArgs> | null =
    grad === undefined
      ? null
      : grad.saves
        ? ([g], [x, result], args) => [grad.backward(restoreReducedDims(g, args.mask, args.keepdim), x, restoreReducedDims(result, args.mask, args.keepdim), args)]
        : ([g], _, args) => [grad.backward(restoreReducedDims(g, args.mask, args.keepdim), args)];

  /** Links a float result to its node; `hasDim` picks the dim overload's grad_fn name, as PyTorch records it. */
  const recordCall = (input: Tensor, out: Tensor, mask: ReduceMask, keepdim: boolean, hasDim: boolean): void => {
    if (backward === null || !needsGrad(input) || !isFloat(out.dtype)) return;
    const gradName = typeof grad!.name === 'string' ? grad!.name : grad!.name[hasDim ? 1 : 0];
    const recorded: ReductionArgs = { mask, keepdim, shape: input.shape, hasDim };
    record(gradName, [input], [out], backward, grad!.saves ? [input, out] : [], recorded);
  };

  /** The whole-tensor reduction of a contiguous float tensor (x.sum(), loss.mean()): no plan, one kernel call. */
  const reduceAll =
    typeof kernel !== 'number' || check !== undefined || requiredDim !== undefined
      ? null
      : (x: Tensor): Tensor | null => {
          if (!x._contiguous || !isFloat(x.dtype) || x.numel() === 0) return null;
          if (operand !== undefined) {
            const source = operand(x);
            if (source !== x) {
              source.dispose();
              return null;
            }
          }
          const out = Tensor._empty([], x.dtype);
          mapReduceInto(x, out, { outer: 1, len: x.numel(), cols: 1 }, kernel, 0);
          if (needsGrad(x)) recordCall(x, out, reduceMask(undefined, x.ndim, name), false, false);
          return out;
        };

  const fn = (x: Tensor, ...args: Args): Tensor => {
    x._check();
    if (args.length === 0 && reduceAll !== null) {
      const out = reduceAll(x);
      if (out !== null) return out;
    }
    const a = namedArgs<ReductionOptions>(name, POSITIONAL, args, keywordOnly);
    if (requiredDim !== undefined && a.dim === undefined) throw new TypeError(`${name}(): ${requiredDim}`);
    const hasDim = a.dim != null;
    const keepdim = boolArg(name, 'keepdim', a.keepdim, false);
    if (dimKind === 'dim') {
      if (hasDim && typeof a.dim !== 'number') throw new TypeError(`${name}(): dim must be an integer, got ${JSON.stringify(a.dim)}`);
      // PyTorch's whole-tensor overload has no keepdim.
      if (!hasDim && a.keepdim !== undefined) throw new TypeError(`${name}(): keepdim is taken only with a dim, got keepdim=${JSON.stringify(a.keepdim)} and no dim`);
    }
    const dtype = a.dtype === undefined ? undefined : checkDType(a.dtype);
    const input = dtype === undefined || dtype === x.dtype ? x : x.to(dtype);
    let source: Tensor | null = null;
    try {
      source = operand === undefined ? input : operand(input);
      const mask = reduceMask(a.dim, input.ndim, name);
      check?.(input, mask);
      const out = compute(source, mask, keepdim);
      recordCall(input, out, mask, keepdim, hasDim);
      return out;
    } finally {
      if (source !== null && source !== input) source.dispose();
      if (input !== x) input.dispose();
    }
  };
  return defineOp(name, fn);
}
