// Binary arithmetic with broadcasting, scalars on either side and type promotion: add, sub, rsub, mul, div, pow,
// maximum, minimum, atan2, fmod, remainder; each with PyTorch's backward (reduced to each input's shape and dtype).
import { needsGrad, record } from '../../autograd/record';
import { full, zerosLike } from '../../creation/factories';
import { type DType, isFloat } from '../../dtype';
import { DTypeError } from '../../errors';
import type { Tensor } from '../../tensor';
import { clone, detach } from '../views';
import { eq, gt, lt } from './compare';
import { runBinary, runUnary } from './dispatch';
import * as OP from '../../../abi/elementwise-ops';
import { floatTypeOf, gradFor, isTensor, resultTypeOf, type TensorOrScalar, withOperands } from './operands';
import { floatUnary } from './define-unary';
import { where } from './where';

export interface AlphaOptions {
  /** Multiplier of `other` (PyTorch's keyword-only alpha). */
  alpha?: number;
}

export type RoundingMode = 'trunc' | 'floor' | null;

export interface DivOptions {
  /** null (true division), 'trunc' (toward zero) or 'floor' (toward -inf, Python's //). */
  roundingMode?: RoundingMode;
}

function requireTensor(name: string, a: TensorOrScalar, b: TensorOrScalar): void {
  if (!isTensor(a) && !isTensor(b)) throw new TypeError(`${name}(): expected at least one Tensor argument, got two scalars`);
}

function tensorOrNull(x: TensorOrScalar): Tensor | null {
  return isTensor(x) ? x : null;
}

/** Computes a op b in `dtype` (operands cast as needed). */
export function compute(op: number, a: TensorOrScalar, b: TensorOrScalar, dtype: DType, p = 0): Tensor {
  return withOperands([a, b], dtype, ([x, y]) => runBinary('binary', op, x, y, dtype, p));
}

type BinaryGrads = (
  g: Tensor,
  sa: Tensor | null,
  sb: Tensor | null,
  needA: boolean,
  needB: boolean,
  result: Tensor | null,
) => [Tensor | null, Tensor | null];

/**
 * Records a binary op: `saveA` / `saveB` say which tensor operands the formula reads (handed back as sa / sb),
 * `saveResult` whether it reads the output; the gradients it returns are summed to the inputs' shapes and cast to
 * their dtypes.
 */
function recordBinary(
  name: string,
  a: TensorOrScalar,
  b: TensorOrScalar,
  out: Tensor,
  saveA: boolean,
  saveB: boolean,
  grads: BinaryGrads,
  saveResult = false,
): void {
  const ta = tensorOrNull(a);
  const tb = tensorOrNull(b);
  const needA = ta !== null && ta._requiresGrad;
  const needB = tb !== null && tb._requiresGrad;
  const aMeta = ta && { shape: ta.shape, dtype: ta.dtype };
  const bMeta = tb && { shape: tb.shape, dtype: tb.dtype };
  const keepA = saveA && ta !== null;
  const keepB = saveB && tb !== null;
  const save: Tensor[] = [];
  if (keepA) save.push(ta);
  if (keepB) save.push(tb);
  if (saveResult) save.push(out);
  record(
    name,
    [ta, tb],
    [out],
    ([g], saved) => {
      let k = 0;
      const sa = keepA ? saved[k++] : null;
      const sb = keepB ? saved[k++] : null;
      const result = saveResult ? saved[k] : null;
      const [ga, gb] = grads(g, sa, sb, needA, needB, result);
      return [needA && ga && aMeta ? gradFor(ga, aMeta.shape, aMeta.dtype) : null, needB && gb && bMeta ? gradFor(gb, bMeta.shape, bMeta.dtype) : null];
    },
    save,
  );
}

/** The value an operand contributes to a backward formula: its saved tensor, or the scalar itself. */
function valueOf(saved: Tensor | null, operand: TensorOrScalar): Tensor | number {
  return saved ?? Number(operand);
}

function checkAlpha(name: string, dtype: DType, alpha: number): void {
  if (!isFloat(dtype) && !Number.isInteger(alpha)) {
    throw new DTypeError(`For integral input tensors, argument alpha must not be a floating point number. (${name} with alpha=${alpha})`);
  }
  if (dtype === 'bool' && alpha !== 1) throw new DTypeError('Boolean alpha only supported for Boolean results.');
}

/** Which kernel op computes a binary op, in which dtype, with which parameter. */
export interface BinaryPlan {
  op: number;
  dtype: DType;
  p: number;
}

export function runPlan(plan: BinaryPlan, a: TensorOrScalar, b: TensorOrScalar): Tensor {
  return compute(plan.op, a, b, plan.dtype, plan.p);
}

// ---------------------------------------------------------------- add, sub, rsub

export function addPlan(a: TensorOrScalar, b: TensorOrScalar, alpha: number): BinaryPlan {
  requireTensor('add', a, b);
  const dtype = resultTypeOf(a, b);
  checkAlpha('add', dtype, alpha);
  if (dtype === 'bool') return { op: OP.LOGICAL_OR, dtype, p: 0 };
  return alpha === 1 ? { op: OP.ADD, dtype, p: 0 } : { op: OP.ADD_SCALED, dtype, p: alpha };
}

export function subPlan(a: TensorOrScalar, b: TensorOrScalar, alpha: number): BinaryPlan {
  requireTensor('sub', a, b);
  const dtype = resultTypeOf(a, b);
  checkNotBoolSubtraction(dtype);
  checkAlpha('sub', dtype, alpha);
  return alpha === 1 ? { op: OP.SUB, dtype, p: 0 } : { op: OP.ADD_SCALED, dtype, p: -alpha };
}

export function mulPlan(a: TensorOrScalar, b: TensorOrScalar): BinaryPlan {
  requireTensor('mul', a, b);
  const dtype = resultTypeOf(a, b);
  return { op: dtype === 'bool' ? OP.LOGICAL_AND : OP.MUL, dtype, p: 0 };
}

export function divPlan(a: TensorOrScalar, b: TensorOrScalar, mode: RoundingMode): BinaryPlan {
  requireTensor('div', a, b);
  if (mode !== null && mode !== 'trunc' && mode !== 'floor') {
    throw new TypeError(`div expected rounding_mode to be one of None, 'trunc', or 'floor' but found '${String(mode)}'`);
  }
  if (mode === null) return { op: OP.DIV, dtype: floatTypeOf(resultTypeOf(a, b)), p: 0 };
  const dtype = resultTypeOf(a, b);
  if (dtype === 'bool') throw new DTypeError(`"div_${mode}_cpu" not implemented for 'Bool'`);
  return { op: mode === 'trunc' ? OP.TRUNC_DIVIDE : OP.FLOOR_DIVIDE, dtype, p: 0 };
}

/** a + alpha * b (bool + bool is logical or). */
export function add(a: TensorOrScalar, b: TensorOrScalar, options: AlphaOptions = {}): Tensor {
  const alpha = options.alpha ?? 1;
  const out = runPlan(addPlan(a, b, alpha), a, b);
  if (needsGrad(tensorOrNull(a), tensorOrNull(b))) {
    recordBinary('AddBackward0', a, b, out, false, false, (g, _sa, _sb, _na, needB) => [g, needB ? (alpha === 1 ? g : g.mul(alpha)) : null]);
  }
  return out;
}

function checkNotBoolSubtraction(dtype: DType): void {
  if (dtype === 'bool') {
    throw new DTypeError(
      'Subtraction, the `-` operator, with two bool tensors is not supported. Use the `^` or `logical_xor()` operator instead.',
    );
  }
}

/** a - alpha * b. */
export function sub(a: TensorOrScalar, b: TensorOrScalar, options: AlphaOptions = {}): Tensor {
  const alpha = options.alpha ?? 1;
  const out = runPlan(subPlan(a, b, alpha), a, b);
  if (needsGrad(tensorOrNull(a), tensorOrNull(b))) {
    recordBinary('SubBackward0', a, b, out, false, false, (g, _sa, _sb, _na, needB) => [g, needB ? (alpha === 1 ? g.neg() : g.mul(-alpha)) : null]);
  }
  return out;
}

/** other - alpha * input (torch.rsub; `1 - x` in Python). */
export function rsub(input: TensorOrScalar, other: TensorOrScalar, options: AlphaOptions = {}): Tensor {
  const alpha = options.alpha ?? 1;
  const out = runPlan(subPlan(other, input, alpha), other, input);
  if (needsGrad(tensorOrNull(input), tensorOrNull(other))) {
    const name = isTensor(other) ? 'RsubBackward0' : 'RsubBackward1';
    recordBinary(name, input, other, out, false, false, (g, _sa, _sb, needA) => [needA ? (alpha === 1 ? g.neg() : g.mul(-alpha)) : null, g]);
  }
  return out;
}

// ---------------------------------------------------------------- mul, div

/** a * b (bool * bool is logical and). */
export function mul(a: TensorOrScalar, b: TensorOrScalar): Tensor {
  const out = runPlan(mulPlan(a, b), a, b);
  if (needsGrad(tensorOrNull(a), tensorOrNull(b))) {
    const needA = isTensor(a) && a._requiresGrad;
    const needB = isTensor(b) && b._requiresGrad;
    recordBinary('MulBackward0', a, b, out, needB, needA, (g, sa, sb, na, nb) => [
      na ? g.mul(valueOf(sb, b)) : null,
      nb ? g.mul(valueOf(sa, a)) : null,
    ]);
  }
  return out;
}

/**
 * a / b. roundingMode null: true division (integers divide in the default float dtype); 'trunc' / 'floor' keep
 * integer dtypes (an integer division by zero throws ZeroDivisionError, as PyTorch on the CPU).
 */
export function div(a: TensorOrScalar, b: TensorOrScalar, options: DivOptions = {}): Tensor {
  const mode = options.roundingMode ?? null;
  const out = runPlan(divPlan(a, b, mode), a, b);
  if (mode !== null) {
    if (needsGrad(tensorOrNull(a), tensorOrNull(b))) {
      const name = isTensor(b) ? 'DivBackward2' : 'DivBackward3';
      recordBinary(name, a, b, out, false, false, (g) => [zerosLike(g), zerosLike(g)]);
    }
    return out;
  }
  if (needsGrad(tensorOrNull(a), tensorOrNull(b))) {
    const needB = isTensor(b) && b._requiresGrad;
    recordBinary('DivBackward0', a, b, out, needB, true, (g, sa, sb, na, nb) => {
      const bv = valueOf(sb, b);
      // d/db (a / b) = -(a / b) / b, PyTorch's order of operations
      return [na ? g.div(bv) : null, nb ? g.neg().mul(div(div(valueOf(sa, a), bv), bv)) : null];
    });
  }
  return out;
}

/** Python's a // b (torch.floor_divide). */
export function floorDivide(a: TensorOrScalar, b: TensorOrScalar): Tensor {
  return div(a, b, { roundingMode: 'floor' });
}

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

function powTensorScalar(x: Tensor, e: number): Tensor {
  const dtype = resultTypeOf(x, e);
  if (dtype === 'bool') throw new DTypeError(`"pow" not implemented for 'Bool'`);
  if (!isFloat(dtype) && e < 0) throw new RangeError('Integers to negative integer powers are not allowed.');
  if (e === 0) return full(x.shape, 1, { dtype });
  if (e === 1 && dtype === x.dtype) return clone(detach(x)); // a copy; pow records its own node
  const fast = isFloat(dtype) ? FLOAT_EXPONENT_OPS.get(e) : e === 2 ? OP.SQUARE : e === 3 ? OP.CUBE : undefined;
  if (fast === undefined) return compute(OP.POW, x, e, dtype);
  return isFloat(dtype) ? floatUnary(x, fast) : runUnary(fast, x);
}

/**
 * input ** exponent, with a tensor or a scalar on either side (PowBackward0: scalar exponent, PowBackward1: tensor
 * exponent, PowBackward2: scalar base). Integer tensors with integer exponents stay integer.
 */
export function pow(input: TensorOrScalar, exponent: TensorOrScalar): Tensor {
  requireTensor('pow', input, exponent);
  if (!isTensor(exponent)) {
    const x = input as Tensor;
    const e = Number(exponent);
    const out = powTensorScalar(x, e);
    if (needsGrad(x)) {
      // d/dx x^e = e x^(e-1); PyTorch returns zeros for e == 0
      recordBinary('PowBackward0', x, e, out, true, false, (g, sx) => [e === 0 ? zerosLike(g) : g.mul(sx!.pow(e - 1).mul(e)), null]);
    }
    return out;
  }
  const dtype = resultTypeOf(input, exponent);
  if (dtype === 'bool') throw new DTypeError(`"pow" not implemented for 'Bool'`);
  const out = compute(OP.POW, input, exponent, dtype);
  if (!needsGrad(tensorOrNull(input), exponent)) return out;
  if (!isTensor(input)) {
    const logBase = Math.log(Number(input));
    const baseIsZero = Number(input) === 0;
    // d/de base^e = base^e log(base), zero where base == 0 and e >= 0 (PyTorch's pow_backward_exponent)
    recordBinary(
      'PowBackward2',
      input,
      exponent,
      out,
      false,
      true,
      (g, _sa, se, _na, _ne, result) => {
        const grad = g.mul(result!.mul(logBase));
        return [null, baseIsZero ? where(se!.ge(0), 0, grad) : grad];
      },
      true,
    );
    return out;
  }
  recordBinary(
    'PowBackward1',
    input,
    exponent,
    out,
    true,
    true,
    (g, sa, se, na, ne, result) => {
      const a = sa!;
      const e = se!;
      // d/da = e a^(e-1), zero where e == 0; d/de = a^e log(a), zero where a == 0 and e >= 0
      const ga = na ? where(e.eq(0), 0, g.mul(e.mul(a.pow(e.sub(1))))) : null;
      const ge = ne ? where(a.eq(0).logicalAnd(e.ge(0)), 0, g.mul(result!.mul(a.log()))) : null;
      return [ga, ge];
    },
    true,
  );
  return out;
}

// ---------------------------------------------------------------- maximum, minimum, atan2, fmod, remainder

function extremum(name: 'maximum' | 'minimum', a: TensorOrScalar, b: TensorOrScalar): Tensor {
  requireTensor(name, a, b);
  const dtype = resultTypeOf(a, b);
  const isMax = name === 'maximum';
  const op = dtype === 'bool' ? (isMax ? OP.LOGICAL_OR : OP.LOGICAL_AND) : isMax ? OP.MAXIMUM : OP.MINIMUM;
  const out = compute(op, a, b, dtype);
  if (needsGrad(tensorOrNull(a), tensorOrNull(b))) {
    // Ties split the gradient equally; the losing side gets 0 (PyTorch's maximum/minimum backward).
    recordBinary(isMax ? 'MaximumBackward0' : 'MinimumBackward0', a, b, out, true, true, (g, sa, sb, na, nb) => {
      const av = valueOf(sa, a);
      const bv = valueOf(sb, b);
      const shared = where(eq(av, bv), g.div(2), g);
      const aLoses = isMax ? lt(av, bv) : gt(av, bv);
      const bLoses = isMax ? gt(av, bv) : lt(av, bv);
      return [na ? where(aLoses, 0, shared) : null, nb ? where(bLoses, 0, shared) : null];
    });
  }
  return out;
}

/** Elementwise maximum; NaN propagates. */
export function maximum(a: TensorOrScalar, b: TensorOrScalar): Tensor {
  return extremum('maximum', a, b);
}

/** Elementwise minimum; NaN propagates. */
export function minimum(a: TensorOrScalar, b: TensorOrScalar): Tensor {
  return extremum('minimum', a, b);
}

/** atan2(input, other): the angle of (other, input), in the default float dtype for integer inputs. */
export function atan2(input: TensorOrScalar, other: TensorOrScalar): Tensor {
  requireTensor('atan2', input, other);
  const dtype = floatTypeOf(resultTypeOf(input, other));
  const out = compute(OP.ATAN2, input, other, dtype);
  if (needsGrad(tensorOrNull(input), tensorOrNull(other))) {
    recordBinary('Atan2Backward0', input, other, out, true, true, (g, sa, sb, na, nb) => {
      const y = valueOf(sa, input);
      const x = valueOf(sb, other);
      const denominator = add(mul(y, y), mul(x, x));
      return [na ? g.mul(div(x, denominator)) : null, nb ? g.mul(div(y, denominator).neg()) : null];
    });
  }
  return out;
}

function modulo(name: 'fmod' | 'remainder', a: TensorOrScalar, b: TensorOrScalar): Tensor {
  requireTensor(name, a, b);
  const dtype = resultTypeOf(a, b);
  if (dtype === 'bool') throw new DTypeError(`"${name}_cpu" not implemented for 'Bool'`);
  const out = compute(name === 'fmod' ? OP.FMOD : OP.REMAINDER, a, b, dtype);
  if (needsGrad(tensorOrNull(a), tensorOrNull(b))) {
    const base = name === 'fmod' ? 'Fmod' : 'Remainder';
    const mode = name === 'fmod' ? 'trunc' : 'floor';
    recordBinary(`${base}Backward${isTensor(b) ? 1 : 0}`, a, b, out, true, true, (g, sa, sb, na, nb) => [
      na ? g : null,
      nb ? g.neg().mul(div(valueOf(sa, a), valueOf(sb, b), { roundingMode: mode })) : null,
    ]);
  }
  return out;
}

/** C's fmod: the remainder has the sign of the dividend. */
export function fmod(a: TensorOrScalar, b: TensorOrScalar): Tensor {
  return modulo('fmod', a, b);
}

/** Python's modulo: the remainder has the sign of the divisor. */
export function remainder(a: TensorOrScalar, b: TensorOrScalar): Tensor {
  return modulo('remainder', a, b);
}
