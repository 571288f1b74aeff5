// Activation functions (torch.nn.functional style, plain functions): relu, leakyRelu, elu, silu, gelu, softplus.
// sigmoid and tanh live with the unary math ops. Forward formulas follow PyTorch's CPU kernels; backwards are written
// with differentiable ops (PyTorch's *_backward formulas), so createGraph gives second derivatives.
import type { BackwardFn } from '../../autograd/node';
import { needsGrad, record } from '../../autograd/record';
import { DTypeError } from '../../errors';
import { checkOptionKeys } from '../../options';
import type { Tensor } from '../../tensor';
import { defineOp, type Op } from '../define';
import { applyInPlace } from '../inplace';
import { runUnary, runUnaryInPlace } from './dispatch';
import * as OP from '../../../abi/elementwise-ops';
import { typeName, inplaceFlag, type InplaceOptions } from './operands';
import { numericUnary } from './define-unary';
import { where } from './where';

/** Boolean shorthand or options object for the in-place flag of the functional activations. */

export interface LeakyReluOptions extends InplaceOptions {
  negativeSlope?: number;
}

export interface EluOptions extends InplaceOptions {
  alpha?: number;
}

export interface SoftplusOptions {
  beta?: number;
  threshold?: number;
}

export type GeluApproximate = 'none' | 'tanh';

export interface GeluOptions {
  approximate?: GeluApproximate;
}

const INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);
const SQRT_2_OVER_PI = Math.sqrt(2 / Math.PI);
const GELU_KAPPA = 0.044715;

function floatOnly(x: Tensor, name: string): void {
  x._check();
  if (x.dtype !== 'float32' && x.dtype !== 'float64') throw new DTypeError(`"${name}" not implemented for '${typeName(x.dtype)}'`);
}

/** Unary activations in place; `op` null: no kernel writes into x directly (the out-of-place function reports unsupported dtypes). */
function unaryInPlace(x: Tensor, op: number | null, outOfPlace: (self: Tensor) => Tensor, p = 0): Tensor {
  const direct = op === null ? null : () => (runUnaryInPlace(op, x, p), true);
  return applyInPlace(x, x.dtype, [], direct, outOfPlace);
}

const isFloatTensor = (x: Tensor): boolean => x.dtype === 'float32' || x.dtype === 'float64';

// PyTorch's threshold_backward(grad, result, 0): result <= 0 ? 0 : grad, so a NaN result passes the gradient.
const reluBackward: BackwardFn = ([g], [result]) => [where(result.le(0), 0, g)];

function reluOf(x: Tensor): Tensor {
  const out = numericUnary(x, OP.RELU, 'relu');
  if (needsGrad(x)) record('ReluBackward0', [x], [out], reluBackward, [out]);
  return out;
}

const reluInPlace = (x: Tensor): Tensor => unaryInPlace(x, x.dtype === 'bool' ? null : OP.RELU, reluOf);

/**
 * x < 0 ? 0 : x, PyTorch's clamp_min(x, 0): NaN and -0 pass through (ReluBackward0: the gradient is 0 where the
 * result is <= 0, so relu'(0) = 0, and passes elsewhere, NaN included). Integer tensors stay integer. `inplace`
 * writes into x (relu_).
 */
export const relu: Op<(x: Tensor, options?: boolean | InplaceOptions) => Tensor, (self: Tensor) => Tensor, (x: Tensor) => Tensor> = defineOp(
  'relu',
  (x: Tensor, options?: boolean | InplaceOptions): Tensor => (inplaceFlag('relu', options) ? reluInPlace(x) : reluOf(x)),
  { method: (self: Tensor) => reluOf(self), inplace: reluInPlace },
);

const leakyReluBackward: BackwardFn<number> = ([g], [input], slope) => [where(input.gt(0), g, g.mul(slope))];

function leakyReluInPlace(x: Tensor, negativeSlope = 0.01): Tensor {
  return unaryInPlace(x, isFloatTensor(x) ? OP.LEAKY_RELU : null, (self) => leakyReluOf(self, negativeSlope), negativeSlope);
}

function leakyReluOf(x: Tensor, slope: number): Tensor {
  floatOnly(x, 'leaky_relu');
  const out = runUnary(OP.LEAKY_RELU, x, slope);
  if (needsGrad(x)) record('LeakyReluBackward0', [x], [out], leakyReluBackward, [x], slope);
  return out;
}

/** x > 0 ? x : negativeSlope * x (LeakyReluBackward0). */
type LeakyRelu = (x: Tensor, negativeSlope?: number | LeakyReluOptions, inplace?: boolean) => Tensor;
type Elu = (x: Tensor, alpha?: number | EluOptions, inplace?: boolean) => Tensor;

export const leakyRelu: Op<LeakyRelu, (self: Tensor, negativeSlope?: number | LeakyReluOptions) => Tensor, typeof leakyReluInPlace> = defineOp(
  'leakyRelu',
  (x: Tensor, negativeSlope: number | LeakyReluOptions = 0.01, inplace = false): Tensor => {
    const options = typeof negativeSlope === 'number' ? { negativeSlope, inplace } : checkOptionKeys('leaky_relu', negativeSlope, ['negativeSlope', 'inplace']);
    const slope = options.negativeSlope ?? 0.01;
    return options.inplace ? leakyReluInPlace(x, slope) : leakyReluOf(x, slope);
  },
  { method: (self: Tensor, negativeSlope?: number | LeakyReluOptions) => leakyRelu(self, negativeSlope), inplace: leakyReluInPlace },
);

// PyTorch's elu_backward tests x <= 0 for the exponential side, so a NaN input passes the gradient through.
const eluBackward: BackwardFn<number> = ([g], [input], a) => [where(input.le(0), g.mul(input.exp().mul(a)), g)];

function eluInPlace(x: Tensor, alpha = 1): Tensor {
  return unaryInPlace(x, isFloatTensor(x) ? OP.ELU : null, (self) => eluOf(self, alpha), alpha);
}

function eluOf(x: Tensor, a: number): Tensor {
  floatOnly(x, 'elu');
  const out = runUnary(OP.ELU, x, a);
  if (needsGrad(x)) record('EluBackward0', [x], [out], eluBackward, [x], a);
  return out;
}

/** x > 0 ? x : alpha * (exp(x) - 1) (EluBackward0). */
export const elu: Op<Elu, (self: Tensor, alpha?: number | EluOptions) => Tensor, typeof eluInPlace> = defineOp(
  'elu',
  (x: Tensor, alpha: number | EluOptions = 1, inplace = false): Tensor => {
    const options = typeof alpha === 'number' ? { alpha, inplace } : checkOptionKeys('elu', alpha, ['alpha', 'inplace']);
    const a = options.alpha ?? 1;
    return options.inplace ? eluInPlace(x, a) : eluOf(x, a);
  },
  { method: (self: Tensor, alpha?: number | EluOptions) => elu(self, alpha), inplace: eluInPlace },
);

const siluBackward: BackwardFn = ([g], [input]) => {
  const s = input.sigmoid();
  return [g.mul(s.mul(input.mul(s.rsub(1)).add(1)))];
};

/** x * sigmoid(x), computed as x / (1 + exp(-x)) (SiluBackward0). */
export const silu: Op<(x: Tensor) => Tensor, (x: Tensor) => Tensor, null> = defineOp('silu', (x: Tensor): Tensor => {
  floatOnly(x, 'silu');
  const out = runUnary(OP.SILU, x);
  if (needsGrad(x)) record('SiluBackward0', [x], [out], siluBackward, [x]);
  return out;
});

const geluBackward: BackwardFn<GeluApproximate> = ([g], [input], mode) => [
  g.mul(mode === 'tanh' ? geluTanhDerivative(input) : geluDerivative(input)),
];

/**
 * Gaussian error linear unit: x * Phi(x) with the exact normal CDF ('none') or PyTorch's tanh approximation
 * (GeluBackward0).
 */
type Gelu = (x: Tensor, approximate?: GeluApproximate | GeluOptions) => Tensor;

export const gelu: Op<Gelu, Gelu, null> = defineOp('gelu', (x: Tensor, approximate: GeluApproximate | GeluOptions = 'none'): Tensor => {
  const mode = typeof approximate === 'string' ? approximate : (checkOptionKeys('gelu', approximate, ['approximate']).approximate ?? 'none');
  if (mode !== 'none' && mode !== 'tanh') throw new TypeError(`approximate argument must be either none or tanh (got '${String(mode)}')`);
  floatOnly(x, 'GeluKernelImpl');
  const out = runUnary(mode === 'tanh' ? OP.GELU_TANH : OP.GELU, x);
  if (needsGrad(x)) record('GeluBackward0', [x], [out], geluBackward, [x], mode);
  return out;
});

/** Phi(x) + x phi(x). */
function geluDerivative(x: Tensor): Tensor {
  const cdf = x.mul(Math.SQRT1_2).erf().add(1).mul(0.5);
  const pdf = x.mul(x).mul(-0.5).exp().mul(INV_SQRT_2PI);
  return cdf.add(x.mul(pdf));
}

/** d/dx 0.5 x (1 + tanh(u)), u = sqrt(2/pi) (x + kappa x^3). */
function geluTanhDerivative(x: Tensor): Tensor {
  const x2 = x.mul(x);
  const t = x.add(x2.mul(x).mul(GELU_KAPPA)).mul(SQRT_2_OVER_PI).tanh();
  const left = t.add(1).mul(0.5);
  const right = x.mul(0.5).mul(t.mul(t).rsub(1)).mul(x2.mul(3 * GELU_KAPPA).add(1).mul(SQRT_2_OVER_PI));
  return left.add(right);
}

const softplusBackward: BackwardFn<{ beta: number; threshold: number }> = ([g], [input], { beta, threshold }) => {
  const scaled = input.mul(beta);
  const z = scaled.exp();
  return [where(scaled.gt(threshold), g, g.mul(z.div(z.add(1))))];
};

/** log(1 + exp(beta x)) / beta, linear where beta x > threshold (SoftplusBackward0). */
type Softplus = (x: Tensor, beta?: number | SoftplusOptions, threshold?: number) => Tensor;

export const softplus: Op<Softplus, Softplus, null> = defineOp('softplus', (x: Tensor, beta: number | SoftplusOptions = 1, threshold = 20): Tensor => {
  const options = typeof beta === 'number' ? { beta, threshold } : checkOptionKeys('softplus', beta, ['beta', 'threshold']);
  const b = options.beta ?? 1;
  const t = options.threshold ?? 20;
  floatOnly(x, 'softplus');
  const out = runUnary(OP.SOFTPLUS, x, b, t);
  if (needsGrad(x)) record('SoftplusBackward0', [x], [out], softplusBackward, [x], { beta: b, threshold: t });
  return out;
});
