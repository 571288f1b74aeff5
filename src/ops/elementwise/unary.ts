// Unary math ops: one declaration each (see define-unary.ts for what an entry gives). Floating-point ops compute
// integer and bool inputs in the default float dtype, as PyTorch does; neg, abs, sign and square keep integer dtypes.
import { zerosLike } from '../../creation/factories';
import type { Tensor } from '../../tensor';
import { unaryOp } from './define-unary';
import * as OP from '../../../abi/elementwise-ops';

const LN2 = Math.LN2;
const LN10 = Math.LN10;
const TWO_OVER_SQRT_PI = 2 / Math.sqrt(Math.PI);
const zeroGrad = (g: Tensor): Tensor => zerosLike(g);

export const exp = unaryOp('exp', { kernel: OP.EXP, computes: 'float', grad: 'ExpBackward0', saves: 'result', backward: (g, y) => g.mul(y) });
export const exp2 = unaryOp('exp2', { kernel: OP.EXP2, computes: 'float', grad: 'Exp2Backward0', saves: 'result', backward: (g, y) => g.mul(y.mul(LN2)) });
export const expm1 = unaryOp('expm1', { kernel: OP.EXPM1, computes: 'float', grad: 'Expm1Backward0', saves: 'result', backward: (g, y) => g.mul(y.add(1)) });
export const log = unaryOp('log', { kernel: OP.LOG, computes: 'float', grad: 'LogBackward0', saves: 'input', backward: (g, x) => g.div(x) });
export const log2 = unaryOp('log2', { kernel: OP.LOG2, computes: 'float', grad: 'Log2Backward0', saves: 'input', backward: (g, x) => g.div(x.mul(LN2)) });
export const log10 = unaryOp('log10', { kernel: OP.LOG10, computes: 'float', grad: 'Log10Backward0', saves: 'input', backward: (g, x) => g.div(x.mul(LN10)) });
export const log1p = unaryOp('log1p', { kernel: OP.LOG1P, computes: 'float', grad: 'Log1PBackward0', saves: 'input', backward: (g, x) => g.div(x.add(1)) });
export const sqrt = unaryOp('sqrt', { kernel: OP.SQRT, computes: 'float', grad: 'SqrtBackward0', saves: 'result', backward: (g, y) => g.div(y.mul(2)) });
export const rsqrt = unaryOp('rsqrt', {
  kernel: OP.RSQRT, computes: 'float', grad: 'RsqrtBackward0', saves: 'result', backward: (g, y) => g.mul(y.pow(3)).mul(-0.5),
});
export const sin = unaryOp('sin', { kernel: OP.SIN, computes: 'float', grad: 'SinBackward0', saves: 'input', backward: (g, x) => g.mul(x.cos()) });
export const cos = unaryOp('cos', { kernel: OP.COS, computes: 'float', grad: 'CosBackward0', saves: 'input', backward: (g, x) => g.mul(x.sin().neg()) });
export const tanh = unaryOp('tanh', {
  kernel: OP.TANH, computes: 'float', grad: 'TanhBackward0', saves: 'result', backward: (g, y) => g.mul(y.mul(y).rsub(1)),
});
export const sigmoid = unaryOp('sigmoid', {
  kernel: OP.SIGMOID, computes: 'float', grad: 'SigmoidBackward0', saves: 'result', backward: (g, y) => g.mul(y.rsub(1)).mul(y),
});
export const atan = unaryOp('atan', {
  kernel: OP.ATAN, computes: 'float', grad: 'AtanBackward0', saves: 'input', backward: (g, x) => g.div(x.mul(x).add(1)),
});
export const asin = unaryOp('asin', {
  kernel: OP.ASIN, computes: 'float', grad: 'AsinBackward0', saves: 'input', backward: (g, x) => g.mul(x.mul(x).rsub(1).rsqrt()),
});
export const erf = unaryOp('erf', {
  kernel: OP.ERF, computes: 'float', grad: 'ErfBackward0', saves: 'input', backward: (g, x) => g.mul(x.mul(x).neg().exp().mul(TWO_OVER_SQRT_PI)),
});
export const reciprocal = unaryOp('reciprocal', {
  kernel: OP.RECIPROCAL, computes: 'float', grad: 'ReciprocalBackward0', saves: 'result', backward: (g, y) => g.mul(y.mul(y)).neg(),
});

// Rounding: integer inputs are returned as copies (PyTorch keeps their dtype); the gradient is zero.
export const floor = unaryOp('floor', { kernel: OP.FLOOR, computes: 'float', integerIsIdentity: true, grad: 'FloorBackward0', saves: 'none', backward: zeroGrad });
export const ceil = unaryOp('ceil', { kernel: OP.CEIL, computes: 'float', integerIsIdentity: true, grad: 'CeilBackward0', saves: 'none', backward: zeroGrad });
export const trunc = unaryOp('trunc', { kernel: OP.TRUNC, computes: 'float', integerIsIdentity: true, grad: 'TruncBackward0', saves: 'none', backward: zeroGrad });
/** Rounds half to even, like torch.round. */
export const round = unaryOp('round', { kernel: OP.ROUND, computes: 'float', integerIsIdentity: true, grad: 'RoundBackward0', saves: 'none', backward: zeroGrad });

export const neg = unaryOp('neg', {
  kernel: OP.NEG,
  computes: 'same',
  bool: 'Negation, the `-` operator, on a bool tensor is not supported. If you are trying to invert a mask, use the `~` or `logical_not()` operator instead.',
  grad: 'NegBackward0',
  saves: 'none',
  backward: (g) => g.neg(),
});
export const abs = unaryOp('abs', { kernel: OP.ABS, computes: 'same', grad: 'AbsBackward0', saves: 'input', backward: (g, x) => g.mul(x.sign()) });
/** -1, 0 or 1 (0 for zeros and NaN); bool inputs are returned as copies. */
export const sign = unaryOp('sign', { kernel: OP.SIGN, computes: 'same', bool: 'copy', grad: 'SignBackward0', saves: 'none', backward: zeroGrad });
/** x * x (PyTorch implements square as pow(x, 2): PowBackward0). Bool inputs give int32. */
export const square = unaryOp('square', {
  kernel: OP.SQUARE, computes: 'same', bool: 'int32', grad: 'PowBackward0', saves: 'input', backward: (g, x) => g.mul(x.mul(2)),
});
