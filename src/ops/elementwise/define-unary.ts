// The declaration of a unary elementwise op: one entry gives the function, the Tensor method, the in-place variant
// and the autograd node. Backward formulas are PyTorch's derivatives.yaml entries written with differentiable ops, so
// that createGraph gives higher derivatives; they are static (no closure is made per call).
import { needsGrad, record } from '../../autograd/record';
import type { BackwardFn } from '../../autograd/node';
import { type DType } from '../../dtype';
import { DTypeError } from '../../errors';
import type { Tensor } from '../../tensor';
import { cast } from '../cast';
import { defineOp } from '../define';
import { applyInPlace } from '../inplace';
import { clone } from '../views';
import { runUnary, runUnaryInPlace } from './dispatch';
import { floatTypeOf } from './operands';

export interface UnaryOpSpec {
  /** The kernel's opcode (abi). */
  kernel: number;
  /** 'float': integer and bool inputs compute in the default float dtype (torch.exp(int_tensor)); 'same': int32 stays int32. */
  computes: 'float' | 'same';
  /** Bool inputs of a 'same' op: 'copy' (the values are the result), 'int32' (computed as int32), or the error message. */
  bool?: 'copy' | 'int32' | string;
  /** int32 inputs are returned as copies (rounding: integers are integral already). */
  integerIsIdentity?: boolean;
  /** PyTorch's grad_fn name. */
  grad: string;
  /** What the backward formula reads besides the output's gradient: the input, the result, or nothing. */
  saves: 'input' | 'result' | 'none';
  /** The input's gradient from the output's gradient g and the saved tensor. */
  backward: (g: Tensor, saved: Tensor) => Tensor;
}

/** f(x) for a floating-point op; integer and bool inputs are cast to the default float dtype first. */
export function floatUnary(x: Tensor, op: number, p = 0, q = 0): Tensor {
  x._check();
  const dtype = floatTypeOf(x.dtype);
  if (x.dtype === dtype) return runUnary(op, x, p, q);
  const converted = cast(x, dtype);
  runUnaryInPlace(op, converted, p, q);
  return converted;
}

/** f(x) for ops that also have int32 kernels (neg, abs, sign, square, relu, clamp). */
export function numericUnary(x: Tensor, op: number, name: string, p = 0, q = 0): Tensor {
  x._check();
  if (x.dtype === 'bool') throw new DTypeError(`"${name}" not implemented for 'Bool'`);
  return runUnary(op, x, p, q);
}

export function unaryOp(name: string, spec: UnaryOpSpec) {
  const { kernel, computes, bool, integerIsIdentity = false, grad, saves } = spec;
  const formula = spec.backward;
  const backward: BackwardFn = ([g], [saved]) => [formula(g, saved)];
  const boolError = bool === undefined || (bool !== 'copy' && bool !== 'int32') ? (bool ?? `"${name}" not implemented for 'Bool'`) : null;

  function compute(x: Tensor): Tensor {
    x._check();
    if (computes === 'float' && !integerIsIdentity) return floatUnary(x, kernel);
    if (x.dtype === 'int32' && integerIsIdentity) return clone(x);
    if (x.dtype === 'bool') {
      if (bool === 'copy') return clone(x);
      if (bool === 'int32') {
        const asInt = cast(x, 'int32');
        runUnaryInPlace(kernel, asInt);
        return asInt;
      }
      throw new DTypeError(boolError!);
    }
    return runUnary(kernel, x);
  }

  const fn = (x: Tensor): Tensor => {
    const out = compute(x);
    if (needsGrad(x)) record(grad, [x], [out], backward, saves === 'input' ? [x] : saves === 'result' ? [out] : []);
    return out;
  };

  /** The dtype the result has before it is written back into x. */
  const resultType = (x: Tensor): DType => {
    if (computes === 'float' && !integerIsIdentity) return floatTypeOf(x.dtype);
    return x.dtype === 'bool' && bool === 'int32' ? 'int32' : x.dtype;
  };
  /** Whether the kernel can run on x's own memory. */
  const hasKernelFor = (x: Tensor): boolean => (x.dtype === 'int32' ? computes === 'same' && !integerIsIdentity : x.dtype !== 'bool');

  const inplace = (x: Tensor): Tensor =>
    applyInPlace(x, resultType(x), [], hasKernelFor(x) ? () => (runUnaryInPlace(kernel, x), true) : null, fn);

  return defineOp(name, fn, { inplace });
}
