// Optimiser update kernels: fused SGD (momentum, Nesterov, weight decay) and Adam/AdamW (amsgrad) steps.
//
// One call updates one parameter tensor in place, with its gradient and state, in a single pass over memory.
// The arithmetic follows PyTorch's single-tensor ("foreach=False") implementations in torch/optim/sgd.py and
// torch/optim/adam.py operation by operation, in the parameter's precision: hyper-parameters arrive as doubles and
// are rounded to the element type exactly where PyTorch's CPU kernels convert their Scalar arguments
// (`value.to<scalar_t>()`). Every product and sum is rounded separately (no fused multiply-add), so the SIMD
// loops and the scalar reference loops give bit-identical results in both binaries.
//
// Generic over T = f32 | f64: the v* helpers pick the f32x4 or f64x2 instruction at compile time.

/** SGD flags. */
const SGD_MAXIMIZE: i32 = 1;
const SGD_NESTEROV: i32 = 2;
/** First step with momentum: the buffer is created as a copy of the (decayed) gradient. */
const SGD_INIT_BUFFER: i32 = 4;

/** Adam flags. */
const ADAM_MAXIMIZE: i32 = 1;
const ADAM_AMSGRAD: i32 = 2;
/** AdamW: weight decay multiplies the parameter by (1 - lr * weightDecay) instead of adding to the gradient. */
const ADAM_DECOUPLED: i32 = 4;

// ------------------------------------------------------------------ lane helpers (f32x4 or f64x2)

@inline
function lanes<T>(): i32 {
  return 16 / sizeof<T>();
}

@inline
function vsplat<T>(x: T): v128 {
  if (sizeof<T>() == 4) return f32x4.splat(<f32>x);
  return f64x2.splat(<f64>x);
}

@inline
function vadd<T>(a: v128, b: v128): v128 {
  if (sizeof<T>() == 4) return f32x4.add(a, b);
  return f64x2.add(a, b);
}

@inline
function vsub<T>(a: v128, b: v128): v128 {
  if (sizeof<T>() == 4) return f32x4.sub(a, b);
  return f64x2.sub(a, b);
}

@inline
function vmul<T>(a: v128, b: v128): v128 {
  if (sizeof<T>() == 4) return f32x4.mul(a, b);
  return f64x2.mul(a, b);
}

@inline
function vdiv<T>(a: v128, b: v128): v128 {
  if (sizeof<T>() == 4) return f32x4.div(a, b);
  return f64x2.div(a, b);
}

@inline
function vsqrt<T>(a: v128): v128 {
  if (sizeof<T>() == 4) return f32x4.sqrt(a);
  return f64x2.sqrt(a);
}

/** Lane-wise maximum that propagates NaN, as torch.maximum does. */
@inline
function vmax<T>(a: v128, b: v128): v128 {
  if (sizeof<T>() == 4) return f32x4.max(a, b);
  return f64x2.max(a, b);
}

@inline
function vneg<T>(a: v128): v128 {
  if (sizeof<T>() == 4) return f32x4.neg(a);
  return f64x2.neg(a);
}

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
    const vNegLr = vsplat<T>(negLr);
    const vDecay = vsplat<T>(decay);
    const vMom = vsplat<T>(mom);
    const vDamp = vsplat<T>(damp);
    for (; i + step <= n; i += step) {
      const at = <usize>i * sizeof<T>();
      const p = v128.load(param + at);
      let g = v128.load(grad + at);
      if (maximize) g = vneg<T>(g);
      if (hasDecay) g = vadd<T>(g, vmul<T>(vDecay, p));
      if (hasMomentum) {
        let b: v128;
        if (initBuffer) b = g;
        else b = vadd<T>(vmul<T>(v128.load(buf + at), vMom), vmul<T>(vDamp, g));
        v128.store(buf + at, b);
        g = nesterov ? vadd<T>(g, vmul<T>(vMom, b)) : b;
      }
      v128.store(param + at, vadd<T>(p, vmul<T>(vNegLr, g)));
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
    const vDecay = vsplat<T>(decay);
    const vFactor = vsplat<T>(factor);
    const vW = vsplat<T>(w);
    const vOneMinusW = vsplat<T>(oneMinusW);
    const vB2 = vsplat<T>(b2);
    const vOneMinusB2 = vsplat<T>(oneMinusB2);
    const vEps = vsplat<T>(epsT);
    const vBc2 = vsplat<T>(bc2);
    const vNegStep = vsplat<T>(negStep);
    for (; i + step <= n; i += step) {
      const at = <usize>i * sizeof<T>();
      let p = v128.load(param + at);
      let g = v128.load(grad + at);
      if (maximize) g = vneg<T>(g);
      if (hasDecay) {
        if (decoupled) p = vmul<T>(p, vFactor);
        else g = vadd<T>(g, vmul<T>(vDecay, p));
      }
      let m = v128.load(expAvg + at);
      const diff = vsub<T>(g, m);
      m = smallWeight ? vadd<T>(m, vmul<T>(vW, diff)) : vsub<T>(g, vmul<T>(diff, vOneMinusW));
      v128.store(expAvg + at, m);
      let v = vmul<T>(v128.load(expAvgSq + at), vB2);
      v = vadd<T>(v, vmul<T>(vmul<T>(vOneMinusB2, g), g));
      v128.store(expAvgSq + at, v);
      if (amsgrad) {
        v = vmax<T>(v128.load(maxExpAvgSq + at), v);
        v128.store(maxExpAvgSq + at, v);
      }
      const denom = vadd<T>(vdiv<T>(vsqrt<T>(v), vBc2), vEps);
      v128.store(param + at, vadd<T>(p, vdiv<T>(vmul<T>(vNegStep, m), denom)));
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
