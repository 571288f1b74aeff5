// Activation functions (torch.nn.functional style, plain functions): relu, leakyRelu, elu, silu, gelu, softplus.
// sigmoid and tanh live with the unary math ops. Forward formulas follow PyTorch's CPU kernels; backwards are written
// with differentiable ops (PyTorch's *_backward formulas), so createGraph gives second derivatives.
import { needsGrad, record } from '../../autograd/record';
import { DTypeError } from '../../errors';
import type { Tensor } from '../../tensor';
import { runUnary } from './dispatch';
import * as OP from '../../../abi/elementwise-ops';
import { typeName } from './operands';
import { numericUnary } from './define-unary';
import { where } from './where';

/** Boolean shorthand or options object for the in-place flag of the functional activations. */
export interface InplaceOptions {
  inplace?: boolean;
}

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

/** The in-place flag given as a boolean or in options (default false). */
export function inplaceFlag(options: boolean | InplaceOptions | undefined): boolean {
  return typeof options === 'boolean' ? options : (options?.inplace ?? false);
}

/**
 * max(x, 0) (ReluBackward0: the gradient passes where the result is positive, so relu'(0) = 0). Integer tensors
 * stay integer. `inplace` writes into x (relu_).
 */
export function relu(x: Tensor, options?: boolean | InplaceOptions): Tensor {
  if (inplaceFlag(options)) return x.relu_();
  const out = numericUnary(x, OP.RELU, 'relu');
  if (needsGrad(x)) record('ReluBackward0', [x], [out], ([g], [result]) => [where(result.gt(0), g, 0)], [out]);
  return out;
}

/** x > 0 ? x : negativeSlope * x (LeakyReluBackward0). */
export function leakyRelu(x: Tensor, negativeSlope: number | LeakyReluOptions = 0.01, inplace = false): Tensor {
  const options = typeof negativeSlope === 'number' ? { negativeSlope, inplace } : negativeSlope;
  const slope = options.negativeSlope ?? 0.01;
  if (options.inplace) return x.leakyRelu_(slope);
  floatOnly(x, 'leaky_relu');
  const out = runUnary(OP.LEAKY_RELU, x, slope);
  if (needsGrad(x)) record('LeakyReluBackward0', [x], [out], ([g], [input]) => [where(input.gt(0), g, g.mul(slope))], [x]);
  return out;
}

/** x > 0 ? x : alpha * (exp(x) - 1) (EluBackward0). */
export function elu(x: Tensor, alpha: number | EluOptions = 1, inplace = false): Tensor {
  const options = typeof alpha === 'number' ? { alpha, inplace } : alpha;
  const a = options.alpha ?? 1;
  if (options.inplace) return x.elu_(a);
  floatOnly(x, 'elu');
  const out = runUnary(OP.ELU, x, a);
  if (needsGrad(x)) {
    record('EluBackward0', [x], [out], ([g], [input]) => [where(input.gt(0), g, g.mul(input.exp().mul(a)))], [x]);
  }
  return out;
}

/** x * sigmoid(x), computed as x / (1 + exp(-x)) (SiluBackward0). */
export function silu(x: Tensor): Tensor {
  floatOnly(x, 'silu');
  const out = runUnary(OP.SILU, x);
  if (needsGrad(x)) {
    record(
      'SiluBackward0',
      [x],
      [out],
      ([g], [input]) => {
        const s = input.sigmoid();
        return [g.mul(s.mul(input.mul(s.rsub(1)).add(1)))];
      },
      [x],
    );
  }
  return out;
}

/**
 * Gaussian error linear unit: x * Phi(x) with the exact normal CDF ('none') or PyTorch's tanh approximation
 * (GeluBackward0).
 */
export function gelu(x: Tensor, approximate: GeluApproximate | GeluOptions = 'none'): Tensor {
  const mode = typeof approximate === 'string' ? approximate : (approximate.approximate ?? 'none');
  if (mode !== 'none' && mode !== 'tanh') throw new TypeError(`approximate argument must be either none or tanh (got '${String(mode)}')`);
  floatOnly(x, 'GeluKernelImpl');
  const out = runUnary(mode === 'tanh' ? OP.GELU_TANH : OP.GELU, x);
  if (needsGrad(x)) {
    record('GeluBackward0', [x], [out], ([g], [input]) => [g.mul(mode === 'tanh' ? geluTanhDerivative(input) : geluDerivative(input))], [x]);
  }
  return out;
}

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

/** log(1 + exp(beta x)) / beta, linear where beta x > threshold (SoftplusBackward0). */
export function softplus(x: Tensor, beta: number | SoftplusOptions = 1, threshold = 20): Tensor {
  const options = typeof beta === 'number' ? { beta, threshold } : beta;
  const b = options.beta ?? 1;
  const t = options.threshold ?? 20;
  floatOnly(x, 'softplus');
  const out = runUnary(OP.SOFTPLUS, x, b, t);
  if (needsGrad(x)) {
    record(
      'SoftplusBackward0',
      [x],
      [out],
      ([g], [input]) => {
        const scaled = input.mul(b);
        const z = scaled.exp();
        return [where(scaled.gt(t), g, g.mul(z.div(z.add(1))))];
      },
      [x],
    );
  }
  return out;
}
