// The declaration of a binary elementwise op: one spec gives the function, the Tensor method, the in-place variant
// and the autograd node. The spec's plan picks the kernel and the dtype (type promotion, argument checks); its
// backward is static (declared once per op) and returns the gradients of a and b, which the builder reduces to each
// input's shape and dtype (broadcasting sums, then a cast).
import { checkOptionKeys } from '../../options';
import { needsGrad, record } from '../../autograd/record';
import type { BackwardFn } from '../../autograd/node';
import { type DType, isFloat } from '../../dtype';
import { broadcastShapes, sameShape } from '../../shape';
import { Tensor } from '../../tensor';
import { defineOp, type Op } from '../define';
import { applyInPlace } from '../inplace';
import { canWriteInPlace, runBinary, runBinaryRow } from './dispatch';
import { gradFor, isTensor, type TensorOrScalar, withOperands } from './operands';

/** Which kernel op computes a binary op, in which dtype, with which parameter. */
export interface BinaryPlan {
  op: number;
  dtype: DType;
  p: number;
}

/** What a recorded call hands its backward: the inputs' layouts, which gradients are needed, the scalars. */
export interface BinaryCall {
  readonly aShape: readonly number[];
  readonly aDtype: DType;
  readonly needA: boolean;
  readonly bShape: readonly number[];
  readonly bDtype: DType;
  readonly needB: boolean;
  /** The scalar operands (NaN for tensors), and which tensor operands were saved. */
  readonly a: number;
  readonly b: number;
  readonly savedA: boolean;
  readonly savedB: boolean;
  /** The op's non-tensor argument for its backward (alpha, the rounding mode ...). */
  readonly p: number;
}

/**
 * The gradients of a and b (null where not needed) from the output's gradient g. a and b are the saved tensors or
 * the scalars; `result` is the saved output when the spec saves it.
 */
export type BinaryBackward = (
  g: Tensor,
  a: Tensor | number,
  b: Tensor | number,
  call: BinaryCall,
  result: Tensor | null,
) => [Tensor | null, Tensor | null];

export interface BinaryOpSpec<O> {
  /** The keys its options object takes (PyTorch's keyword arguments); any other key is a TypeError. Default: none. */
  optionKeys?: readonly string[];
  /** Checks the arguments and picks the kernel op, the compute dtype and the kernel's parameter. */
  plan: (a: TensorOrScalar, b: TensorOrScalar, options: O | undefined) => BinaryPlan;
  /** The kernel computes `b op a` (rsub). */
  reversed?: boolean;
  /** PyTorch's grad_fn name, or a function of the call's operands. */
  grad: string | ((a: TensorOrScalar, b: TensorOrScalar, options: O | undefined) => string);
  /** The backward's non-tensor argument from the options (default 0). */
  param?: (options: O | undefined) => number;
  /**
   * What the backward reads: nothing, the operand the other side's gradient needs ('other', as for mul), both
   * tensor operands, or both and the result.
   */
  saves: Saves | ((a: TensorOrScalar, b: TensorOrScalar) => Saves);
  backward: BinaryBackward;
  /** Computes the result instead of running the plan's kernel (pow's special exponents). */
  forward?: (a: TensorOrScalar, b: TensorOrScalar, options: O | undefined) => Tensor;
  /**
   * The same-dtype fast path without options: a contiguous tensor with a contiguous tensor of its dtype and shape,
   * or with a number, runs `op` straight on the row kernel. 'float': float dtypes only; 'numeric': int32 too.
   */
  fast?: { op: number; dtypes: 'float' | 'numeric' };
  /**
   * The in-place variant: 'direct' writes into x's memory when the layouts allow; 'copy' computes out of place and
   * copies back, with `inplaceType` the result's dtype (checked against x's before computing).
   */
  inplace?: InplaceSpec;
}

type Saves = 'none' | 'other' | 'operands' | 'operandsAndResult';

export type InplaceSpec = { mode: 'direct' } | { mode: 'copy'; inplaceType: (x: Tensor, other: TensorOrScalar) => DType };

/** The public function of a binary op: two operands and, for some ops, an options object. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type BinaryFn = (a: TensorOrScalar, b: TensorOrScalar, options?: any) => Tensor;
type OptionsOf<F extends BinaryFn> = Parameters<F>[2];

/** Computes a op b with a plan (operands cast to its dtype as needed). */
export function runPlan(plan: BinaryPlan, a: TensorOrScalar, b: TensorOrScalar): Tensor {
  return withOperands([a, b], plan.dtype, ([x, y]) => runBinary(false, plan.op, x, y, plan.dtype, plan.p));
}

export function requireTensor(name: string, a: TensorOrScalar, b: TensorOrScalar): void {
  if (!isTensor(a) && !isTensor(b)) throw new TypeError(`${name}(): expected at least one Tensor argument, got two scalars`);
}

const NO_SHAPE: readonly number[] = [];

/** Declares a binary op of the public type F (its method, and its in-place variant `name_` when the spec has one). */
export function binaryOp<F extends BinaryFn>(name: string, spec: BinaryOpSpec<OptionsOf<F>> & { inplace: InplaceSpec }): Op<F, F, F>;
export function binaryOp<F extends BinaryFn>(name: string, spec: BinaryOpSpec<OptionsOf<F>>): Op<F, F, null>;
export function binaryOp<F extends BinaryFn>(name: string, spec: BinaryOpSpec<OptionsOf<F>>): Op<F, F, F | null> {
  type O = OptionsOf<F>;
  const { plan, reversed = false, grad, param, backward: formula, fast, forward, inplace, optionKeys = [] } = spec;
  const checkOptions = (options: O | undefined): void => {
    if (options === undefined) return;
    if (typeof options !== 'object' || options === null) {
      throw new TypeError(`${name}(): expected an options object as the third argument, got ${options === null ? 'null' : typeof options}`);
    }
    checkOptionKeys(name, options, optionKeys);
  };
  const fastOp = fast?.op ?? -1;
  const fastIntegers = fast?.dtypes === 'numeric';

  const backward: BackwardFn<BinaryCall> = ([g], saved, call) => {
    let k = 0;
    const a = call.savedA ? saved[k++] : call.a;
    const b = call.savedB ? saved[k++] : call.b;
    const [ga, gb] = formula(g, a, b, call, k < saved.length ? saved[k] : null);
    return [
      call.needA && ga !== null ? gradFor(ga, call.aShape, call.aDtype) : null,
      call.needB && gb !== null ? gradFor(gb, call.bShape, call.bDtype) : null,
    ];
  };

  function recordCall(a: TensorOrScalar, b: TensorOrScalar, out: Tensor, options: O | undefined): void {
    const ta = a instanceof Tensor ? a : null;
    const tb = b instanceof Tensor ? b : null;
    const needA = ta !== null && ta._requiresGrad;
    const needB = tb !== null && tb._requiresGrad;
    const saves = typeof spec.saves === 'string' ? spec.saves : spec.saves(a, b);
    const keepA = ta !== null && (saves === 'other' ? needB : saves !== 'none');
    const keepB = tb !== null && (saves === 'other' ? needA : saves !== 'none');
    const call: BinaryCall = {
      aShape: ta?.shape ?? NO_SHAPE,
      aDtype: ta?.dtype ?? 'float32',
      needA,
      bShape: tb?.shape ?? NO_SHAPE,
      bDtype: tb?.dtype ?? 'float32',
      needB,
      a: ta === null ? Number(a) : NaN,
      b: tb === null ? Number(b) : NaN,
      savedA: keepA,
      savedB: keepB,
      p: param === undefined ? 0 : param(options),
    };
    const save: Tensor[] = [];
    if (keepA) save.push(ta);
    if (keepB) save.push(tb);
    if (saves === 'operandsAndResult') save.push(out);
    record(typeof grad === 'string' ? grad : grad(a, b, options), [ta, tb], [out], backward, save, call);
  }

  /** Whether (a, b) take the fast path: a contiguous tensor a, b a number or a contiguous tensor like a. */
  function isFast(a: TensorOrScalar, b: TensorOrScalar): a is Tensor {
    if (!(a instanceof Tensor) || !a._contiguous || a._disposed) return false;
    const dtype = a.dtype;
    if (dtype !== 'float32' && dtype !== 'float64' && !(fastIntegers && dtype === 'int32')) return false;
    if (typeof b === 'number') return isFloat(dtype) || Number.isInteger(b);
    return b instanceof Tensor && b.dtype === dtype && b._contiguous && !b._disposed && sameShape(a.shape, b.shape);
  }

  function fn(a: TensorOrScalar, b: TensorOrScalar, options?: O): Tensor {
    let out: Tensor;
    if (fastOp >= 0 && options === undefined && isFast(a, b)) out = runBinaryRow(fastOp, a, b as Tensor | number);
    else if (forward !== undefined) {
      checkOptions(options);
      out = forward(a, b, options);
    } else {
      checkOptions(options);
      const p = plan(a, b, options);
      out = reversed ? runPlan(p, b, a) : runPlan(p, a, b);
    }
    if (needsGrad(a instanceof Tensor ? a : null, b instanceof Tensor ? b : null)) recordCall(a, b, out, options);
    return out;
  }

  const outOfPlace = (x: Tensor, other: TensorOrScalar, options: O | undefined) => (self: Tensor) => fn(self, other, options);

  function inplaceFn(x: Tensor, other: TensorOrScalar, options?: O): Tensor {
    checkOptions(options);
    const others = [isTensor(other) ? other : null];
    if (inplace!.mode === 'copy') return applyInPlace(x, inplace!.inplaceType(x, other), others, null, outOfPlace(x, other, options));
    const p = plan(x, other, options);
    // Writes into x when x is contiguous, keeps its shape under broadcasting and is not partially aliased.
    const direct = (): boolean => {
      if (!canWriteInPlace(x, other)) return false;
      if (isTensor(other) && !sameShape(broadcastShapes(x.shape, other.shape), x.shape)) return false;
      withOperands([other], x.dtype, ([o]) => runBinary(false, p.op, x, o, x.dtype, p.p, x));
      return true;
    };
    return applyInPlace(x, p.dtype, others, direct, outOfPlace(x, other, options));
  }

  return defineOp(name, fn as F, { inplace: inplace === undefined ? null : (inplaceFn as F) });
}
