// Binary arithmetic with broadcasting, scalars on either side and type promotion: add, sub, rsub, mul, div, pow,
// maximum, minimum, atan2, fmod, remainder, logaddexp; one declaration each (see define-binary.ts), with PyTorch's
// backward formulas.
import * as OP from '../../../abi/elementwise-ops';
import { full, zerosLike } from '../../creation/factories';
import { type DType, isFloat } from '../../dtype';
import { DTypeError } from '../../errors';
import type { Tensor } from '../../tensor';
import { clone, detach } from '../views';
import { eq, gt, lt } from './compare';
import { floatUnary } from './define-unary';
import type { Op } from '../define';
import { type BinaryFn, type BinaryPlan, binaryOp, requireTensor, runPlan } from './define-binary';
import { runUnary } from './dispatch';
import { floatTypeOf, isTensor, resultTypeOf, type TensorOrScalar } from './operands';
import { where } from './where';

export interface AlphaOptions {
  /** Multiplier of `other` (PyTorch's keyword-only alpha); a boolean only for a bool result. */
  alpha?: number | boolean;
}

export type RoundingMode = 'trunc' | 'floor' | null;

export interface DivOptions {
  /** null (true division), 'trunc' (toward zero) or 'floor' (toward -inf, Python's //). */
  roundingMode?: RoundingMode;
}

type Plain = (a: TensorOrScalar, b: TensorOrScalar) => Tensor;
type WithAlpha = (a: TensorOrScalar, b: TensorOrScalar, options?: AlphaOptions) => Tensor;
type WithDivOptions = (a: TensorOrScalar, b: TensorOrScalar, options?: DivOptions) => Tensor;
type Pow = (input: TensorOrScalar, exponent: TensorOrScalar) => Tensor;
// The ops' types are written out: their backward formulas use Tensor methods, whose types derive from these exports.
type WithInplace<F extends BinaryFn> = Op<F, F, F>;
type NoInplace<F extends BinaryFn> = Op<F, F, null>;

/** PyTorch's alpha_check: a boolean alpha only for a bool result, an integral one for integer and bool results. */
function checkAlpha(name: string, dtype: DType, alpha: number | boolean): void {
  if (typeof alpha === 'boolean' && dtype !== 'bool') throw new DTypeError('Boolean alpha only supported for Boolean results.');
  if (!isFloat(dtype) && typeof alpha === 'number' && !Number.isInteger(alpha)) {
    throw new DTypeError(`For integral input tensors, argument alpha must not be a floating point number. (${name} with alpha=${alpha})`);
  }
}

const isBoolOperand = (v: TensorOrScalar): boolean => (isTensor(v) ? v.dtype === 'bool' : typeof v === 'boolean');

/** PyTorch's sub_check: no bool operand on either side, tensor or scalar. */
function checkNotBoolSubtraction(a: TensorOrScalar, b: TensorOrScalar): void {
  if (isBoolOperand(a) && isBoolOperand(b)) {
    throw new DTypeError(
      'Subtraction, the `-` operator, with two bool tensors is not supported. Use the `^` or `logical_xor()` operator instead.',
    );
  }
  if (isBoolOperand(a) || isBoolOperand(b)) {
    throw new DTypeError(
      'Subtraction, the `-` operator, with a bool tensor is not supported. If you are trying to invert a mask, use the `~` or `logical_not()` operator instead.',
    );
  }
}

const alphaOf = (options: AlphaOptions | undefined): number => Number(options?.alpha ?? 1);

/** g * s, without a multiplication by 1. */
const scaled = (g: Tensor, s: number): Tensor => (s === 1 ? g : g.mul(s));

// ---------------------------------------------------------------- add, sub, rsub

function addPlan(a: TensorOrScalar, b: TensorOrScalar, options: AlphaOptions | undefined): BinaryPlan {
  requireTensor('add', a, b);
  const alpha = options?.alpha ?? 1;
  const dtype = resultTypeOf(a, b);
  checkAlpha('add', dtype, alpha);
  // bool: a + alpha * b computed in bool, so a | b for a nonzero alpha and a itself for a zero one
  if (dtype === 'bool') return { op: alpha ? OP.LOGICAL_OR : OP.FIRST, dtype, p: 0 };
  return alpha === 1 ? { op: OP.ADD, dtype, p: 0 } : { op: OP.ADD_SCALED, dtype, p: Number(alpha) };
}

function subPlan(name: string, a: TensorOrScalar, b: TensorOrScalar, options: AlphaOptions | undefined): BinaryPlan {
  requireTensor(name, a, b);
  checkNotBoolSubtraction(a, b);
  const alpha = options?.alpha ?? 1;
  const dtype = resultTypeOf(a, b);
  checkAlpha('sub', dtype, alpha);
  return alpha === 1 ? { op: OP.SUB, dtype, p: 0 } : { op: OP.ADD_SCALED, dtype, p: -Number(alpha) };
}

/** a + alpha * b (bool + bool is logical or). */
export const add: WithInplace<WithAlpha> = binaryOp<WithAlpha>('add', {
  optionKeys: ['alpha'],
  plan: addPlan,
  grad: 'AddBackward0',
  param: alphaOf,
  saves: 'none',
  backward: (g, _a, _b, call) => [g, call.needB ? scaled(g, call.p) : null],
  fast: { op: OP.ADD, dtypes: 'numeric' },
  inplace: { mode: 'direct' },
});

/** a - alpha * b. */
export const sub: WithInplace<WithAlpha> = binaryOp<WithAlpha>('sub', {
  optionKeys: ['alpha'],
  plan: (a, b, options) => subPlan('sub', a, b, options),
  grad: 'SubBackward0',
  param: alphaOf,
  saves: 'none',
  backward: (g, _a, _b, call) => [g, call.needB ? scaled(g, -call.p) : null],
  fast: { op: OP.SUB, dtypes: 'numeric' },
  inplace: { mode: 'direct' },
});

/** other - alpha * input (torch.rsub; `1 - x` in Python). */
export const rsub: NoInplace<WithAlpha> = binaryOp<WithAlpha>('rsub', {
  optionKeys: ['alpha'],
  plan: (input, other, options) => subPlan('sub', other, input, options),
  reversed: true,
  grad: (_input, other) => (isTensor(other) ? 'RsubBackward0' : 'RsubBackward1'),
  param: alphaOf,
  saves: 'none',
  backward: (g, _a, _b, call) => [call.needA ? scaled(g, -call.p) : null, g],
});

// ---------------------------------------------------------------- mul, div

/** a * b (bool * bool is logical and). */
export const mul: WithInplace<Plain> = binaryOp<Plain>('mul', {
  plan: (a, b) => {
    requireTensor('mul', a, b);
    const dtype = resultTypeOf(a, b);
    return { op: dtype === 'bool' ? OP.LOGICAL_AND : OP.MUL, dtype, p: 0 };
  },
  grad: 'MulBackward0',
  saves: 'other',
  backward: (g, a, b, call) => [call.needA ? g.mul(b) : null, call.needB ? g.mul(a) : null],
  fast: { op: OP.MUL, dtypes: 'numeric' },
  inplace: { mode: 'direct' },
});

function divPlan(a: TensorOrScalar, b: TensorOrScalar, options: DivOptions | undefined): BinaryPlan {
  requireTensor('div', a, b);
  const mode = options?.roundingMode ?? null;
  if (mode !== null && mode !== 'trunc' && mode !== 'floor') {
    throw new TypeError(`div expected rounding_mode to be one of None, 'trunc', or 'floor' but found '${String(mode)}'`);
  }
  if (mode === null) return { op: OP.DIV, dtype: floatTypeOf(resultTypeOf(a, b)), p: 0 };
  const dtype = resultTypeOf(a, b);
  if (dtype === 'bool') throw new DTypeError(`"div_${mode}_cpu" not implemented for 'Bool'`);
  return { op: mode === 'trunc' ? OP.TRUNC_DIVIDE : OP.FLOOR_DIVIDE, dtype, p: 0 };
}

/** 1 for a rounding division (whose gradient is zero), 0 for true division. */
const rounds = (options: DivOptions | undefined): number => ((options?.roundingMode ?? null) === null ? 0 : 1);

/**
 * a / b. roundingMode null: true division (integers divide in the default float dtype); 'trunc' / 'floor' keep
 * integer dtypes (an integer division by zero throws ZeroDivisionError, as PyTorch on the CPU).
 */
export const div: WithInplace<WithDivOptions> = binaryOp<WithDivOptions>('div', {
  optionKeys: ['roundingMode'],
  plan: divPlan,
  grad: (_a, b, options) => (rounds(options) === 0 ? 'DivBackward0' : isTensor(b) ? 'DivBackward2' : 'DivBackward3'),
  param: rounds,
  saves: 'operands',
  backward: (g, a, b, call) => {
    if (call.p === 1) return [zerosLike(g), zerosLike(g)];
    // d/db (a / b) = -(a / b) / b, PyTorch's order of operations
    return [call.needA ? g.div(b) : null, call.needB ? g.neg().mul(div(div(a, b), b)) : null];
  },
  fast: { op: OP.DIV, dtypes: 'float' },
  inplace: { mode: 'direct' },
});

/** Python's a // b (torch.floor_divide). */
export const floorDivide: NoInplace<Plain> = binaryOp<Plain>('floorDivide', {
  plan: (a, b) => divPlan(a, b, { roundingMode: 'floor' }),
  grad: (_a, b) => (isTensor(b) ? 'DivBackward2' : 'DivBackward3'),
  saves: 'none',
  backward: (g) => [zerosLike(g), zerosLike(g)],
});

// ---------------------------------------------------------------- maximum, minimum, atan2, fmod, remainder, logaddexp

function extremum(name: 'maximum' | 'minimum'): NoInplace<Plain> {
  const isMax = name === 'maximum';
  return binaryOp<Plain>(name, {
    plan: (a, b) => {
      requireTensor(name, a, b);
      const dtype = resultTypeOf(a, b);
      const op = dtype === 'bool' ? (isMax ? OP.LOGICAL_OR : OP.LOGICAL_AND) : isMax ? OP.MAXIMUM : OP.MINIMUM;
      return { op, dtype, p: 0 };
    },
    grad: isMax ? 'MaximumBackward0' : 'MinimumBackward0',
    saves: 'operands',
    // Ties split the gradient equally; the losing side gets 0 (PyTorch's maximum/minimum backward).
    backward: (g, a, b, call) => {
      const shared = where(eq(a, b), g.div(2), g);
      const aLoses = call.needA ? (isMax ? lt(a, b) : gt(a, b)) : null;
      const bLoses = call.needB ? (isMax ? gt(a, b) : lt(a, b)) : null;
      return [aLoses && where(aLoses, 0, shared), bLoses && where(bLoses, 0, shared)];
    },
  });
}

/** Elementwise maximum; NaN propagates. */
export const maximum = extremum('maximum');
/** Elementwise minimum; NaN propagates. */
export const minimum = extremum('minimum');

/** A float op's plan: integer and bool operands compute in the default float dtype. */
function floatPlan(name: string, op: number) {
  return (a: TensorOrScalar, b: TensorOrScalar): BinaryPlan => {
    requireTensor(name, a, b);
    return { op, dtype: floatTypeOf(resultTypeOf(a, b)), p: 0 };
  };
}

/** atan2(input, other): the angle of (other, input), in the default float dtype for integer inputs. */
export const atan2: WithInplace<Plain> = binaryOp<Plain>('atan2', {
  plan: floatPlan('atan2', OP.ATAN2),
  grad: 'Atan2Backward0',
  saves: 'operands',
  // PyTorch's atan2_backward: recip = 1 / (y^2 + x^2); grad * x * recip and grad * -y * recip. Either side may be
  // a number (never both).
  backward: (g, y, x, call) => {
    const square = (v: Tensor | number): Tensor | number => (typeof v === 'number' ? v * v : v.mul(v));
    const recip = add(square(y), square(x)).reciprocal();
    const negY = typeof y === 'number' ? -y : y.neg();
    return [call.needA ? g.mul(x).mul(recip) : null, call.needB ? g.mul(negY).mul(recip) : null];
  },
  inplace: { mode: 'copy', inplaceType: (x, other) => floatTypeOf(resultTypeOf(x, other)) },
});

function modulo(name: 'fmod' | 'remainder'): WithInplace<Plain> {
  const base = name === 'fmod' ? 'Fmod' : 'Remainder';
  const roundingMode = name === 'fmod' ? 'trunc' : 'floor';
  return binaryOp<Plain>(name, {
    plan: (a, b) => {
      requireTensor(name, a, b);
      const dtype = resultTypeOf(a, b);
      if (dtype === 'bool') throw new DTypeError(`"${name}_cpu" not implemented for 'Bool'`);
      return { op: name === 'fmod' ? OP.FMOD : OP.REMAINDER, dtype, p: 0 };
    },
    grad: (_a, b) => `${base}Backward${isTensor(b) ? 1 : 0}`,
    saves: 'operands',
    backward: (g, a, b, call) => [call.needA ? g : null, call.needB ? g.neg().mul(div(a, b, { roundingMode })) : null],
    inplace: { mode: 'copy', inplaceType: (x, other) => resultTypeOf(x, other) },
  });
}

/** C's fmod: the remainder has the sign of the dividend. */
export const fmod = modulo('fmod');
/** Python's modulo: the remainder has the sign of the divisor. */
export const remainder = modulo('remainder');

/** log(exp(a) + exp(b)) without overflow (torch.logaddexp), in the default float dtype for integer inputs. */
export const logaddexp: NoInplace<Plain> = binaryOp<Plain>('logaddexp', {
  plan: floatPlan('logaddexp', OP.LOGADDEXP),
  grad: 'LogaddexpBackward0',
  saves: 'operands',
  // PyTorch: grad / (1 + exp(other - self)) and grad / (1 + exp(self - other))
  backward: (g, a, b, call) => [
    call.needA ? g.div(add(sub(b, a).exp(), 1)) : null,
    call.needB ? g.div(add(sub(a, b).exp(), 1)) : null,
  ],
});

// ---------------------------------------------------------------- pow

/** PyTorch's fast paths for scalar exponents of floating tensors (pow_tensor_scalar_optimized_kernel). */
const FLOAT_EXPONENT_OPS = new Map<number, number>([
  [2, OP.SQUARE],
  [3, OP.CUBE],
  [0.5, OP.SQRT],
  [-0.5, OP.RSQRT],
  [-1, OP.RECIPROCAL],
  [-2, OP.RECIPROCAL_SQUARE],
]);

function powPlan(input: TensorOrScalar, exponent: TensorOrScalar): BinaryPlan {
  requireTensor('pow', input, exponent);
  const dtype = resultTypeOf(input, exponent);
  if (dtype === 'bool') throw new DTypeError(`"pow" not implemented for 'Bool'`);
  return { op: OP.POW, dtype, p: 0 };
}

function powTensorScalar(x: Tensor, e: number): Tensor {
  const dtype = resultTypeOf(x, e);
  if (dtype === 'bool') throw new DTypeError(`"pow" not implemented for 'Bool'`);
  if (!isFloat(dtype) && e < 0) throw new RangeError('Integers to negative integer powers are not allowed.');
  if (e === 0) return full(x.shape, 1, { dtype });
  if (e === 1 && dtype === x.dtype) return clone(detach(x)); // a copy; pow records its own node
  const fast = isFloat(dtype) ? FLOAT_EXPONENT_OPS.get(e) : e === 2 ? OP.SQUARE : e === 3 ? OP.CUBE : undefined;
  if (fast === undefined) return runPlan({ op: OP.POW, dtype, p: 0 }, x, e);
  return isFloat(dtype) ? floatUnary(x, fast) : runUnary(fast, x);
}

/**
 * input ** exponent, with a tensor or a scalar on either side (PowBackward0: scalar exponent, PowBackward1: tensor
 * exponent, PowBackward2: scalar base). Integer tensors with integer exponents stay integer.
 */
export const pow: WithInplace<Pow> = binaryOp<Pow>('pow', {
  plan: powPlan,
  forward: (input, exponent) => {
    requireTensor('pow', input, exponent);
    return isTensor(exponent) ? runPlan(powPlan(input, exponent), input, exponent) : powTensorScalar(input as Tensor, Number(exponent));
  },
  grad: (input, exponent) => (!isTensor(exponent) ? 'PowBackward0' : isTensor(input) ? 'PowBackward1' : 'PowBackward2'),
  // a scalar exponent's formula reads the input only; the others read the result too
  saves: (_input, exponent) => (isTensor(exponent) ? 'operandsAndResult' : 'operands'),
  backward: (g, a, e, call, result) => {
    if (typeof e === 'number') {
      // d/dx x^e = e x^(e-1); PyTorch returns zeros for e == 0
      return [e === 0 ? zerosLike(g) : g.mul((a as Tensor).pow(e - 1).mul(e)), null];
    }
    if (typeof a === 'number') {
      // d/de base^e = base^e log(base), zero where base == 0 and e >= 0 (PyTorch's pow_backward_exponent)
      const grad = g.mul(result!.mul(Math.log(a)));
      return [null, a === 0 ? where(e.ge(0), 0, grad) : grad];
    }
    // d/da = e a^(e-1), zero where e == 0; d/de = a^e log(a), zero where a == 0 and e >= 0
    const ga = call.needA ? where(e.eq(0), 0, g.mul(e.mul(a.pow(e.sub(1))))) : null;
    const ge = call.needB ? where(a.eq(0).logicalAnd(e.ge(0)), 0, g.mul(result!.mul(a.log()))) : null;
    return [ga, ge];
  },
  inplace: { mode: 'copy', inplaceType: (x, exponent) => resultTypeOf(x, exponent) },
});
