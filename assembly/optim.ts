// Optimiser update kernels: fused SGD (momentum, Nesterov, weight decay) and Adam/AdamW (amsgrad) steps.
//
// One call updates one parameter tensor in place, with its gradient and state, in a single pass over memory.
// The arithmetic follows PyTorch's single-tensor ("foreach=False") implementations in torch/optim/sgd.py and
// torch/optim/adam.py operation by operation, in the parameter's precision: hyper-parameters arrive as doubles and
// are rounded to the element type exactly where PyTorch's CPU kernels convert their Scalar arguments
// (`value.to<scalar_t>()`). Every product and sum is rounded separately (no fused multiply-add), so the SIMD
// loops and the scalar reference loops give bit-identical results in both binaries.
//
// Generic over T = f32 | f64: the generic v128 builtins (v128.add<T>...) pick the f32x4 or f64x2 instruction at
// compile time.
import {
  ADAM_AMSGRAD, ADAM_DECOUPLED, ADAM_MAXIMIZE, SGD_INIT_BUFFER, SGD_MAXIMIZE, SGD_NESTEROV,
} from '../abi/optim-flags';
import { lanes } from './simd';

// ------------------------------------------------------------------ SGD

/**
 * torch.optim.SGD, one parameter (torch/optim/sgd.py `_single_tensor_sgd`):
 *   g = maximize ? -grad : grad
 *   if weightDecay != 0:  g = g + weightDecay * p                  (grad.add(param, alpha=weight_decay))
 *   if momentum != 0:
 *     buf = first step ? g : buf * momentum + (1 - dampening) * g  (buf.mul_(momentum).add_(g, alpha=1-dampening))
 *     g = nesterov ? g + momentum * buf : buf
 *   p = p + (-lr) * g                                              (param.add_(g, alpha=-lr))
 * `buf` is unused (may be 0) when momentum is 0. `simd` = false runs the scalar reference loop over every element.
 */
@inline
function sgdStep<T>(
  param: usize, grad: usize, buf: usize, n: i32,
  lr: f64, momentum: f64, dampening: f64, weightDecay: f64, flags: i32, simd: bool,
): void {
  const maximize = (flags & SGD_MAXIMIZE) != 0;
  const nesterov = (flags & SGD_NESTEROV) != 0;
  const initBuffer = (flags & SGD_INIT_BUFFER) != 0;
  const hasDecay = weightDecay != 0;
  const hasMomentum = momentum != 0;
  const negLr = <T>-lr;
  const decay = <T>weightDecay;
  const mom = <T>momentum;
  const damp = <T>(1.0 - dampening);
  let i = 0;
  if (simd) {
    const step = lanes<T>();
    const vNegLr = v128.splat<T>(negLr);
    const vDecay = v128.splat<T>(decay);
    const vMom = v128.splat<T>(mom);
    const vDamp = v128.splat<T>(damp);
    for (; i + step <= n; i += step) {
      const at = <usize>i * sizeof<T>();
      const p = v128.load(param + at);
      let g = v128.load(grad + at);
      if (maximize) g = v128.neg<T>(g);
      if (hasDecay) g = v128.add<T>(g, v128.mul<T>(vDecay, p));
      if (hasMomentum) {
        let b: v128;
        if (initBuffer) b = g;
        else b = v128.add<T>(v128.mul<T>(v128.load(buf + at), vMom), v128.mul<T>(vDamp, g));
        v128.store(buf + at, b);
        g = nesterov ? v128.add<T>(g, v128.mul<T>(vMom, b)) : b;
      }
      v128.store(param + at, v128.add<T>(p, v128.mul<T>(vNegLr, g)));
    }
  }
  for (; i < n; i++) {
    const at = <usize>i * sizeof<T>();
    const p = load<T>(param + at);
    let g = load<T>(grad + at);
    if (maximize) g = -g;
    if (hasDecay) g = g + decay * p;
    if (hasMomentum) {
      let b: T;
      if (initBuffer) b = g;
      else b = load<T>(buf + at) * mom + damp * g;
      store<T>(buf + at, b);
      g = nesterov ? g + mom * b : b;
    }
    store<T>(param + at, p + negLr * g);
  }
}

export function sgdStepF32(param: usize, grad: usize, buf: usize, n: i32, lr: f64, momentum: f64, dampening: f64, weightDecay: f64, flags: i32): void {
  sgdStep<f32>(param, grad, buf, n, lr, momentum, dampening, weightDecay, flags, true);
}

export function sgdStepF64(param: usize, grad: usize, buf: usize, n: i32, lr: f64, momentum: f64, dampening: f64, weightDecay: f64, flags: i32): void {
  sgdStep<f64>(param, grad, buf, n, lr, momentum, dampening, weightDecay, flags, true);
}

/** Scalar reference of sgdStepF32 (for tests). */
export function sgdStepF32Reference(param: usize, grad: usize, buf: usize, n: i32, lr: f64, momentum: f64, dampening: f64, weightDecay: f64, flags: i32): void {
  sgdStep<f32>(param, grad, buf, n, lr, momentum, dampening, weightDecay, flags, false);
}

/** Scalar reference of sgdStepF64 (for tests). */
export function sgdStepF64Reference(param: usize, grad: usize, buf: usize, n: i32, lr: f64, momentum: f64, dampening: f64, weightDecay: f64, flags: i32): void {
  sgdStep<f64>(param, grad, buf, n, lr, momentum, dampening, weightDecay, flags, false);
}

// ------------------------------------------------------------------ Adam / AdamW

/**
 * torch.optim.Adam / AdamW, one parameter (torch/optim/adam.py `_single_tensor_adam`). The host computes in double
 * bias_correction1 = 1 - beta1^step, bias_correction2 = 1 - beta2^step, negStepSize = -(lr / bias_correction1),
 * bc2Sqrt = sqrt(bias_correction2), decayFactor = 1 - lr * weightDecay; then per element:
 *   g = maximize ? -grad : grad
 *   if weightDecay != 0:  decoupled ? p = p * decayFactor : g = g + weightDecay * p
 *   m = lerp(m, g, 1 - beta1)           ATen's lerp: |w| < 0.5 ? m + w * (g - m) : g - (g - m) * (1 - w)
 *   v = v * beta2;  v = v + ((1 - beta2) * g) * g                        (exp_avg_sq.mul_(beta2).addcmul_(g, g, value=1-beta2))
 *   amsgrad: vmax = max(vmax, v), used below in place of v              (torch.maximum, NaN-propagating)
 *   denom = sqrt(v) / bc2Sqrt + eps                                      ((v.sqrt() / bias_correction2_sqrt).add_(eps))
 *   p = p + (negStepSize * m) / denom                                    (param.addcdiv_(m, denom, value=-step_size))
 * `maxExpAvgSq` is unused (may be 0) without amsgrad.
 */
@inline
function adamStep<T>(
  param: usize, grad: usize, expAvg: usize, expAvgSq: usize, maxExpAvgSq: usize, n: i32,
  oneMinusBeta1: f64, beta2: f64, eps: f64, weightDecay: f64, decayFactor: f64, negStepSize: f64, bc2Sqrt: f64,
  flags: i32, simd: bool,
): void {
  const maximize = (flags & ADAM_MAXIMIZE) != 0;
  const amsgrad = (flags & ADAM_AMSGRAD) != 0;
  const decoupled = (flags & ADAM_DECOUPLED) != 0;
  const hasDecay = weightDecay != 0;
  const decay = <T>weightDecay;
  const factor = <T>decayFactor;
  const w = <T>oneMinusBeta1;
  const smallWeight = abs<T>(w) < <T>0.5;
  const oneMinusW = <T>1 - w;
  const b2 = <T>beta2;
  const oneMinusB2 = <T>(1.0 - beta2);
  const epsT = <T>eps;
  const bc2 = <T>bc2Sqrt;
  const negStep = <T>negStepSize;
  let i = 0;
  if (simd) {
    const step = lanes<T>();
    const vDecay = v128.splat<T>(decay);
    const vFactor = v128.splat<T>(factor);
    const vW = v128.splat<T>(w);
    const vOneMinusW = v128.splat<T>(oneMinusW);
    const vB2 = v128.splat<T>(b2);
    const vOneMinusB2 = v128.splat<T>(oneMinusB2);
    const vEps = v128.splat<T>(epsT);
    const vBc2 = v128.splat<T>(bc2);
    const vNegStep = v128.splat<T>(negStep);
    for (; i + step <= n; i += step) {
      const at = <usize>i * sizeof<T>();
      let p = v128.load(param + at);
      let g = v128.load(grad + at);
      if (maximize) g = v128.neg<T>(g);
      if (hasDecay) {
        if (decoupled) p = v128.mul<T>(p, vFactor);
        else g = v128.add<T>(g, v128.mul<T>(vDecay, p));
      }
      let m = v128.load(expAvg + at);
      const diff = v128.sub<T>(g, m);
      m = smallWeight ? v128.add<T>(m, v128.mul<T>(vW, diff)) : v128.sub<T>(g, v128.mul<T>(diff, vOneMinusW));
      v128.store(expAvg + at, m);
      let v = v128.mul<T>(v128.load(expAvgSq + at), vB2);
      v = v128.add<T>(v, v128.mul<T>(v128.mul<T>(vOneMinusB2, g), g));
      v128.store(expAvgSq + at, v);
      if (amsgrad) {
        v = v128.max<T>(v128.load(maxExpAvgSq + at), v); // NaN-propagating, as torch.maximum
        v128.store(maxExpAvgSq + at, v);
      }
      const denom = v128.add<T>(v128.div<T>(v128.sqrt<T>(v), vBc2), vEps);
      v128.store(param + at, v128.add<T>(p, v128.div<T>(v128.mul<T>(vNegStep, m), denom)));
    }
  }
  for (; i < n; i++) {
    const at = <usize>i * sizeof<T>();
    let p = load<T>(param + at);
    let g = load<T>(grad + at);
    if (maximize) g = -g;
    if (hasDecay) {
      if (decoupled) p = p * factor;
      else g = g + decay * p;
    }
    let m = load<T>(expAvg + at);
    const diff = g - m;
    m = smallWeight ? m + w * diff : g - diff * oneMinusW;
    store<T>(expAvg + at, m);
    let v = load<T>(expAvgSq + at) * b2;
    v = v + oneMinusB2 * g * g;
    store<T>(expAvgSq + at, v);
    if (amsgrad) {
      v = max<T>(load<T>(maxExpAvgSq + at), v);
      store<T>(maxExpAvgSq + at, v);
    }
    const denom = sqrt<T>(v) / bc2 + epsT;
    store<T>(param + at, p + (negStep * m) / denom);
  }
}

export function adamStepF32(
  param: usize, grad: usize, expAvg: usize, expAvgSq: usize, maxExpAvgSq: usize, n: i32,
  oneMinusBeta1: f64, beta2: f64, eps: f64, weightDecay: f64, decayFactor: f64, negStepSize: f64, bc2Sqrt: f64, flags: i32,
): void {
  adamStep<f32>(param, grad, expAvg, expAvgSq, maxExpAvgSq, n, oneMinusBeta1, beta2, eps, weightDecay, decayFactor, negStepSize, bc2Sqrt, flags, true);
}

export function adamStepF64(
  param: usize, grad: usize, expAvg: usize, expAvgSq: usize, maxExpAvgSq: usize, n: i32,
  oneMinusBeta1: f64, beta2: f64, eps: f64, weightDecay: f64, decayFactor: f64, negStepSize: f64, bc2Sqrt: f64, flags: i32,
): void {
  adamStep<f64>(param, grad, expAvg, expAvgSq, maxExpAvgSq, n, oneMinusBeta1, beta2, eps, weightDecay, decayFactor, negStepSize, bc2Sqrt, flags, true);
}

/** Scalar reference of adamStepF32 (for tests). */
export function adamStepF32Reference(
  param: usize, grad: usize, expAvg: usize, expAvgSq: usize, maxExpAvgSq: usize, n: i32,
  oneMinusBeta1: f64, beta2: f64, eps: f64, weightDecay: f64, decayFactor: f64, negStepSize: f64, bc2Sqrt: f64, flags: i32,
): void {
  adamStep<f32>(param, grad, expAvg, expAvgSq, maxExpAvgSq, n, oneMinusBeta1, beta2, eps, weightDecay, decayFactor, negStepSize, bc2Sqrt, flags, false);
}

/** Scalar reference of adamStepF64 (for tests). */
export function adamStepF64Reference(
  param: usize, grad: usize, expAvg: usize, expAvgSq: usize, maxExpAvgSq: usize, n: i32,
  oneMinusBeta1: f64, beta2: f64, eps: f64, weightDecay: f64, decayFactor: f64, negStepSize: f64, bc2Sqrt: f64, flags: i32,
): void {
  adamStep<f64>(param, grad, expAvg, expAvgSq, maxExpAvgSq, n, oneMinusBeta1, beta2, eps, weightDecay, decayFactor, negStepSize, bc2Sqrt, flags, false);
}
