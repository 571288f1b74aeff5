// Ternary elementwise ops on one broadcasting kernel: lerp, addcmul, addcdiv (float results), each with PyTorch's
// backward and in-place variant.
import * as OP from '../../../abi/elementwise-ops';
import type { BackwardFn } from '../../autograd/node';
import { needsGrad, record } from '../../autograd/record';
import { type DType, isFloat } from '../../dtype';
import { DTypeError } from '../../errors';
import { broadcastShapes, sameShape } from '../../shape';
import { Tensor } from '../../tensor';
import { defineOp, type Op } from '../define';
import { applyInPlace } from '../inplace';
import { canWriteInPlace, runTernary } from './dispatch';
import { gradFor, isTensor, resultTypeOf, type TensorOrScalar, typeName, withOperands } from './operands';

export interface ValueOptions {
  /** The scalar multiplier of the product / quotient (default 1). */
  value?: number;
}

type Layout = { shape: readonly number[]; dtype: DType; need: boolean } | null;

/** What a recorded ternary call hands its backward: each input's layout (null for a number) and the scalar. */
interface TernaryCall {
  a: Layout;
  b: Layout;
  c: Layout;
  /** lerp: the number weight; addcmul / addcdiv: value. */
  s: number;
}

const layoutOf = (t: TensorOrScalar): Layout => (t instanceof Tensor ? { shape: t.shape, dtype: t.dtype, need: t._requiresGrad } : null);
const tensorOrNull = (t: TensorOrScalar): Tensor | null => (t instanceof Tensor ? t : null);

/** The gradient for an input from a broadcast one, or null where the input needs none. */
function reduced(layout: Layout, grad: () => Tensor): Tensor | null {
  return layout?.need ? gradFor(grad(), layout.shape, layout.dtype) : null;
}

/** Checks the operands and returns the float dtype the op computes in. */
function computeType(name: string, kernelName: string, operands: TensorOrScalar[]): DType {
  if (!(operands[0] instanceof Tensor)) throw new TypeError(`${name}(): argument 'input' must be a Tensor`);
  const dtype = resultTypeOf(...operands);
  // The kernels are PyTorch's floating ones: a number (lerp's weight, a Python float) does not make integer
  // tensors float, as it would under type promotion; PyTorch refuses such a call.
  if (!isFloat(dtype) || !isFloat(resultTypeOf(...operands.filter((o) => o instanceof Tensor)))) {
    if (name === 'addcdiv') {
      throw new DTypeError(
        'Integer division with addcdiv is no longer supported, and in a future release addcdiv will perform a true division of tensor1 and tensor2.',
      );
    }
    const integer = operands.find((o): o is Tensor => o instanceof Tensor && !isFloat(o.dtype))!;
    throw new DTypeError(`"${kernelName}" not implemented for '${typeName(integer.dtype)}'`);
  }
  return dtype;
}

/** Runs the kernel on (a, b, c) in dtype, into `out` when given. */
function run(op: number, a: TensorOrScalar, b: TensorOrScalar, c: TensorOrScalar, dtype: DType, p: number, out?: Tensor): Tensor {
  return withOperands([a, b, c], dtype, ([x, y, z]) => runTernary(op, x, y, z, dtype, p, out));
}

/**
 * The in-place variant of a ternary op on x: the kernel writes into x when x is contiguous, keeps its shape under
 * broadcasting and the other operands are not partially aliased with it; else out of place and copied back.
 */
function ternaryInPlace(op: number, x: Tensor, b: TensorOrScalar, c: TensorOrScalar, dtype: DType, p: number, outOfPlace: (self: Tensor) => Tensor): Tensor {
  const direct = (): boolean => {
    if (!canWriteInPlace(x, b) || !canWriteInPlace(x, c)) return false;
    const shape = broadcastShapes(broadcastShapes(x.shape, isTensor(b) ? b.shape : []), isTensor(c) ? c.shape : []);
    if (!sameShape(shape, x.shape)) return false;
    run(op, x, b, c, dtype, p, x);
    return true;
  };
  return applyInPlace(x, dtype, [tensorOrNull(b), tensorOrNull(c)], direct, outOfPlace);
}

// ---------------------------------------------------------------- lerp

const lerpBackward: BackwardFn<TernaryCall> = ([g], saved, { a, b, c, s }) => {
  if (c === null) {
    // LerpBackward0: a number weight
    return [reduced(a, () => g.mul(1 - s)), reduced(b, () => g.mul(s))];
  }
  // LerpBackward1: saved = input, end, weight
  const [input, end, weight] = saved;
  return [reduced(a, () => g.mul(weight.rsub(1))), reduced(b, () => g.mul(weight)), reduced(c, () => g.mul(end.sub(input)))];
};

/** lerp's dtype: a number weight takes no part in type promotion (lerp of integer tensors is refused). */
const lerpType = (input: Tensor, end: Tensor, weight: number | Tensor): DType =>
  computeType('lerp', 'lerp_kernel_scalar', isTensor(weight) ? [input, end, weight] : [input, end]);

function lerpFn(input: Tensor, end: Tensor, weight: number | Tensor): Tensor {
  const dtype = lerpType(input, end, weight);
  const out = run(OP.LERP, input, end, weight, dtype, 0);
  const tw = tensorOrNull(weight);
  if (needsGrad(input, end, tw)) {
    const call: TernaryCall = { a: layoutOf(input), b: layoutOf(end), c: layoutOf(weight), s: tw === null ? Number(weight) : 0 };
    record(tw === null ? 'LerpBackward0' : 'LerpBackward1', [input, end, tw], [out], lerpBackward, tw === null ? [] : [input, end, tw], call);
  }
  return out;
}

/** input + weight * (end - input) (torch.lerp), weight a number or a tensor; all three broadcast. */
type Lerp = (input: Tensor, end: Tensor, weight: number | Tensor) => Tensor;
type Pointwise = (input: Tensor, tensor1: Tensor, tensor2: Tensor, options?: ValueOptions) => Tensor;

// The ops' types are written out: their formulas use Tensor methods, whose types derive from these exports.
export const lerp: Op<Lerp, Lerp, Lerp> = defineOp('lerp', lerpFn, {
  inplace: (x: Tensor, end: Tensor, weight: number | Tensor): Tensor =>
    ternaryInPlace(OP.LERP, x, end, weight, lerpType(x, end, weight), 0, (self) => lerpFn(self, end, weight)),
});

// ---------------------------------------------------------------- addcmul, addcdiv

const addcmulBackward: BackwardFn<TernaryCall> = ([g], [t1, t2], { a, b, c, s }) => [
  reduced(a, () => g),
  reduced(b, () => g.mul(t2.mul(s))),
  reduced(c, () => g.mul(t1.mul(s))),
];

const addcdivBackward: BackwardFn<TernaryCall> = ([g], [t1, t2], { a, b, c, s }) => [
  reduced(a, () => g),
  reduced(b, () => g.mul(t2.reciprocal().mul(s))),
  reduced(c, () => g.neg().mul(t1.mul(s).div(t2.mul(t2)))),
];

function pointwise(name: 'addcmul' | 'addcdiv', op: number, backward: BackwardFn<TernaryCall>, grad: string): Op<Pointwise, Pointwise, Pointwise> {
  const compute = (input: Tensor, tensor1: Tensor, tensor2: Tensor, options: ValueOptions = {}): Tensor => {
    const value = options.value ?? 1;
    const dtype = computeType(name, name, [input, tensor1, tensor2]);
    const out = run(op, input, tensor1, tensor2, dtype, value);
    if (needsGrad(input, tensor1, tensor2)) {
      const call: TernaryCall = { a: layoutOf(input), b: layoutOf(tensor1), c: layoutOf(tensor2), s: value };
      record(grad, [input, tensor1, tensor2], [out], backward, [tensor1, tensor2], call);
    }
    return out;
  };
  const inplace = (x: Tensor, tensor1: Tensor, tensor2: Tensor, options: ValueOptions = {}): Tensor =>
    ternaryInPlace(op, x, tensor1, tensor2, computeType(name, name, [x, tensor1, tensor2]), options.value ?? 1, (self) => compute(self, tensor1, tensor2, options));
  return defineOp(name, compute, { inplace });
}

/** input + value * tensor1 * tensor2 (torch.addcmul), all three broadcast. */
export const addcmul = pointwise('addcmul', OP.ADDCMUL, addcmulBackward, 'AddcmulBackward0');
/** input + value * tensor1 / tensor2 (torch.addcdiv), all three broadcast. */
export const addcdiv = pointwise('addcdiv', OP.ADDCDIV, addcdivBackward, 'AddcdivBackward0');
