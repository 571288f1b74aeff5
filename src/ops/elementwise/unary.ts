// Unary math ops with their derivatives (PyTorch's derivatives.yaml formulas, written with differentiable ops so that
// createGraph gives higher derivatives). Floating-point ops compute integer and bool inputs in the default float
// dtype, as PyTorch does; neg, abs, sign and square keep integer dtypes.
import { record, needsGrad } from '../../autograd/record';
import { zerosLike } from '../../creation/factories';
import { DTypeError } from '../../errors';
import type { Tensor } from '../../tensor';
import { cast } from '../cast';
import { clone } from '../views';
import { runUnary, runUnaryInPlace } from './dispatch';
import * as OP from '../../../abi/elementwise-ops';
import { floatTypeOf } from './operands';

const LN2 = Math.LN2;
const LN10 = Math.LN10;
const TWO_OVER_SQRT_PI = 2 / Math.sqrt(Math.PI);

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

/** The gradient of the input from the output's gradient g and the saved tensor (input or result, per `saves`). */
type Backward = (g: Tensor, saved: Tensor) => Tensor;

interface UnarySpec {
  op: number;
  gradName: string;
  /** What the backward formula reads: the input, the result, or nothing. */
  saves: 'input' | 'result' | 'none';
  backward: Backward;
}

/** Runs a floating-point unary op and records its backward. */
function unaryWithGrad(x: Tensor, spec: UnarySpec): Tensor {
  const out = floatUnary(x, spec.op);
  if (needsGrad(x)) recordUnary(x, out, spec);
  return out;
}

function recordUnary(x: Tensor, out: Tensor, spec: UnarySpec): void {
  const { backward, saves } = spec;
  const save = saves === 'input' ? [x] : saves === 'result' ? [out] : [];
  record(spec.gradName, [x], [out], ([g], [saved]) => [backward(g, saved)], save);
}

const zeroGrad: Backward = (g) => zerosLike(g);

export const UNARY: Record<string, UnarySpec> = {
  exp: { op: OP.EXP, gradName: 'ExpBackward0', saves: 'result', backward: (g, y) => g.mul(y) },
  exp2: { op: OP.EXP2, gradName: 'Exp2Backward0', saves: 'result', backward: (g, y) => g.mul(y.mul(LN2)) },
  expm1: { op: OP.EXPM1, gradName: 'Expm1Backward0', saves: 'result', backward: (g, y) => g.mul(y.add(1)) },
  log: { op: OP.LOG, gradName: 'LogBackward0', saves: 'input', backward: (g, x) => g.div(x) },
  log2: { op: OP.LOG2, gradName: 'Log2Backward0', saves: 'input', backward: (g, x) => g.div(x.mul(LN2)) },
  log10: { op: OP.LOG10, gradName: 'Log10Backward0', saves: 'input', backward: (g, x) => g.div(x.mul(LN10)) },
  log1p: { op: OP.LOG1P, gradName: 'Log1PBackward0', saves: 'input', backward: (g, x) => g.div(x.add(1)) },
  sqrt: { op: OP.SQRT, gradName: 'SqrtBackward0', saves: 'result', backward: (g, y) => g.div(y.mul(2)) },
  rsqrt: { op: OP.RSQRT, gradName: 'RsqrtBackward0', saves: 'result', backward: (g, y) => g.mul(y.pow(3)).mul(-0.5) },
  sin: { op: OP.SIN, gradName: 'SinBackward0', saves: 'input', backward: (g, x) => g.mul(x.cos()) },
  cos: { op: OP.COS, gradName: 'CosBackward0', saves: 'input', backward: (g, x) => g.mul(x.sin().neg()) },
  tanh: { op: OP.TANH, gradName: 'TanhBackward0', saves: 'result', backward: (g, y) => g.mul(y.mul(y).rsub(1)) },
  sigmoid: { op: OP.SIGMOID, gradName: 'SigmoidBackward0', saves: 'result', backward: (g, y) => g.mul(y.rsub(1)).mul(y) },
  atan: { op: OP.ATAN, gradName: 'AtanBackward0', saves: 'input', backward: (g, x) => g.div(x.mul(x).add(1)) },
  asin: { op: OP.ASIN, gradName: 'AsinBackward0', saves: 'input', backward: (g, x) => g.mul(x.mul(x).rsub(1).rsqrt()) },
  erf: {
    op: OP.ERF,
    gradName: 'ErfBackward0',
    saves: 'input',
    backward: (g, x) => g.mul(x.mul(x).neg().exp().mul(TWO_OVER_SQRT_PI)),
  },
  reciprocal: { op: OP.RECIPROCAL, gradName: 'ReciprocalBackward0', saves: 'result', backward: (g, y) => g.mul(y.mul(y)).neg() },
  floor: { op: OP.FLOOR, gradName: 'FloorBackward0', saves: 'none', backward: zeroGrad },
  ceil: { op: OP.CEIL, gradName: 'CeilBackward0', saves: 'none', backward: zeroGrad },
  trunc: { op: OP.TRUNC, gradName: 'TruncBackward0', saves: 'none', backward: zeroGrad },
  round: { op: OP.ROUND, gradName: 'RoundBackward0', saves: 'none', backward: zeroGrad },
};

export const exp = (x: Tensor): Tensor => unaryWithGrad(x, UNARY.exp);
export const exp2 = (x: Tensor): Tensor => unaryWithGrad(x, UNARY.exp2);
export const expm1 = (x: Tensor): Tensor => unaryWithGrad(x, UNARY.expm1);
export const log = (x: Tensor): Tensor => unaryWithGrad(x, UNARY.log);
export const log2 = (x: Tensor): Tensor => unaryWithGrad(x, UNARY.log2);
export const log10 = (x: Tensor): Tensor => unaryWithGrad(x, UNARY.log10);
export const log1p = (x: Tensor): Tensor => unaryWithGrad(x, UNARY.log1p);
export const sqrt = (x: Tensor): Tensor => unaryWithGrad(x, UNARY.sqrt);
export const rsqrt = (x: Tensor): Tensor => unaryWithGrad(x, UNARY.rsqrt);
export const sin = (x: Tensor): Tensor => unaryWithGrad(x, UNARY.sin);
export const cos = (x: Tensor): Tensor => unaryWithGrad(x, UNARY.cos);
export const tanh = (x: Tensor): Tensor => unaryWithGrad(x, UNARY.tanh);
export const sigmoid = (x: Tensor): Tensor => unaryWithGrad(x, UNARY.sigmoid);
export const atan = (x: Tensor): Tensor => unaryWithGrad(x, UNARY.atan);
export const asin = (x: Tensor): Tensor => unaryWithGrad(x, UNARY.asin);
export const erf = (x: Tensor): Tensor => unaryWithGrad(x, UNARY.erf);
export const reciprocal = (x: Tensor): Tensor => unaryWithGrad(x, UNARY.reciprocal);

/** floor/ceil/trunc/round: integer inputs are returned as copies (PyTorch keeps their dtype). */
function rounding(x: Tensor, name: string): Tensor {
  x._check();
  if (x.dtype === 'int32') return clone(x);
  if (x.dtype === 'bool') throw new DTypeError(`"${name}" not implemented for 'Bool'`);
  return unaryWithGrad(x, UNARY[name]);
}

export const floor = (x: Tensor): Tensor => rounding(x, 'floor');
export const ceil = (x: Tensor): Tensor => rounding(x, 'ceil');
export const trunc = (x: Tensor): Tensor => rounding(x, 'trunc');
/** Rounds half to even, like torch.round. */
export const round = (x: Tensor): Tensor => rounding(x, 'round');

export function neg(x: Tensor): Tensor {
  x._check();
  if (x.dtype === 'bool') {
    throw new DTypeError(
      'Negation, the `-` operator, on a bool tensor is not supported. If you are trying to invert a mask, use the `~` or `logical_not()` operator instead.',
    );
  }
  const out = runUnary(OP.NEG, x);
  if (needsGrad(x)) record('NegBackward0', [x], [out], ([g]) => [g.neg()]);
  return out;
}

export function abs(x: Tensor): Tensor {
  const out = numericUnary(x, OP.ABS, 'abs');
  if (needsGrad(x)) record('AbsBackward0', [x], [out], ([g], [input]) => [g.mul(input.sign())], [x]);
  return out;
}

/** -1, 0 or 1 (0 for zeros and NaN); bool inputs are returned as copies. */
export function sign(x: Tensor): Tensor {
  x._check();
  if (x.dtype === 'bool') return clone(x);
  const out = runUnary(OP.SIGN, x);
  if (needsGrad(x)) record('SignBackward0', [x], [out], ([g]) => [zerosLike(g)]);
  return out;
}

/** x * x (PyTorch implements square as pow(x, 2): PowBackward0). Bool inputs give int32. */
export function square(x: Tensor): Tensor {
  x._check();
  const input = x.dtype === 'bool' ? cast(x, 'int32') : x;
  const out = runUnary(OP.SQUARE, input);
  if (input !== x) input.dispose();
  if (needsGrad(x)) record('PowBackward0', [x], [out], ([g], [s]) => [g.mul(s.mul(2))], [x]);
  return out;
}
