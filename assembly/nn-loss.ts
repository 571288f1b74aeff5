// Loss kernels: negative log-likelihood over class indices (forward and its gradient coefficients), the
// elementwise binary cross entropy, and integer index checks shared by the index-taking ops.
// Layout for class-index losses: input [N, C, S] contiguous (S = product of spatial dims, 1 without), targets [N, S].

/**
 * NLL forward: loss[n, s] = -w[t] * input[n, t, s] with t = target[n, s] (0 where t == ignoreIndex), and
 * totals (two f64 words) = [sum of losses, sum of the weights w[t] of the counted targets].
 * weight is 0 when every class weighs 1. Returns -1, or the position of the first target outside [0, C)
 * that is not ignoreIndex (nothing is written then).
 */
function nllLoss<T>(input: usize, target: usize, weight: usize, loss: usize, totals: usize, N: i32, C: i32, S: i32, ignoreIndex: i32): i32 {
  const eb = <usize>sizeof<T>();
  const count = N * S;
  for (let i = 0; i < count; i++) {
    const t = load<i32>(target + (<usize>i << 2));
    if (t != ignoreIndex && (t < 0 || t >= C)) return i;
  }
  let lossSum: f64 = 0;
  let weightSum: f64 = 0;
  for (let n = 0; n < N; n++) {
    for (let s = 0; s < S; s++) {
      const i = n * S + s;
      const t = load<i32>(target + (<usize>i << 2));
      let l: T = <T>0;
      if (t != ignoreIndex) {
        const w: T = weight != 0 ? load<T>(weight + <usize>t * eb) : <T>1;
        l = -w * load<T>(input + <usize>((n * C + t) * S + s) * eb);
        lossSum += <f64>l;
        weightSum += <f64>w;
      }
      store<T>(loss + <usize>i * eb, l);
    }
  }
  store<f64>(totals, lossSum);
  store<f64>(totals + 8, weightSum);
  return -1;
}

export function nllLossF32(input: usize, target: usize, weight: usize, loss: usize, totals: usize, N: i32, C: i32, S: i32, ignoreIndex: i32): i32 {
  return nllLoss<f32>(input, target, weight, loss, totals, N, C, S, ignoreIndex);
}

export function nllLossF64(input: usize, target: usize, weight: usize, loss: usize, totals: usize, N: i32, C: i32, S: i32, ignoreIndex: i32): i32 {
  return nllLoss<f64>(input, target, weight, loss, totals, N, C, S, ignoreIndex);
}

/**
 * The NLL gradient's coefficients: dst [N, C, S] (overwritten) is 0 except dst[n, t, s] = -w[t] * scale for
 * each counted target t = target[n, s]; the gradient is these times the upstream gradient. Targets are valid
 * (checked by the forward pass).
 */
function nllGradCoefficients<T>(target: usize, weight: usize, dst: usize, N: i32, C: i32, S: i32, ignoreIndex: i32, scale: f64): void {
  const eb = <usize>sizeof<T>();
  memory.fill(dst, 0, <usize>N * <usize>C * <usize>S * eb);
  for (let n = 0; n < N; n++) {
    for (let s = 0; s < S; s++) {
      const t = load<i32>(target + (<usize>(n * S + s) << 2));
      if (t == ignoreIndex) continue;
      const w: f64 = weight != 0 ? <f64>load<T>(weight + <usize>t * eb) : 1.0;
      store<T>(dst + <usize>((n * C + t) * S + s) * eb, <T>(-w * scale));
    }
  }
}

export function nllGradCoefficientsF32(target: usize, weight: usize, dst: usize, N: i32, C: i32, S: i32, ignoreIndex: i32, scale: f64): void {
  nllGradCoefficients<f32>(target, weight, dst, N, C, S, ignoreIndex, scale);
}

export function nllGradCoefficientsF64(target: usize, weight: usize, dst: usize, N: i32, C: i32, S: i32, ignoreIndex: i32, scale: f64): void {
  nllGradCoefficients<f64>(target, weight, dst, N, C, S, ignoreIndex, scale);
}

/**
 * Elementwise binary cross entropy on probabilities, PyTorch's form with logs clamped at -100:
 *   loss = (t - 1) * max(log1p(-x), -100) - t * max(log(x), -100).
 * Returns -1, or 2 * i when input i is outside [0, 1] (NaN included), 2 * i + 1 when target i is.
 */
function binaryCrossEntropy<T>(input: usize, target: usize, dst: usize, n: i32): i32 {
  const eb = <usize>sizeof<T>();
  for (let i = 0; i < n; i++) {
    const x = load<T>(input + <usize>i * eb);
    if (!(x >= <T>0 && x <= <T>1)) return 2 * i;
    const t = load<T>(target + <usize>i * eb);
    if (!(t >= <T>0 && t <= <T>1)) return 2 * i + 1;
  }
  for (let i = 0; i < n; i++) {
    const x = load<T>(input + <usize>i * eb);
    const t = load<T>(target + <usize>i * eb);
    let logX: T, log1mX: T;
    if (sizeof<T>() == 4) {
      logX = <T>Mathf.log(<f32>x);
      log1mX = <T>Mathf.log1p(-<f32>x);
    } else {
      logX = <T>Math.log(<f64>x);
      log1mX = <T>Math.log1p(-<f64>x);
    }
    store<T>(dst + <usize>i * eb, (t - <T>1) * max(log1mX, <T>-100) - t * max(logX, <T>-100));
  }
  return -1;
}

export function binaryCrossEntropyF32(input: usize, target: usize, dst: usize, n: i32): i32 {
  return binaryCrossEntropy<f32>(input, target, dst, n);
}

export function binaryCrossEntropyF64(input: usize, target: usize, dst: usize, n: i32): i32 {
  return binaryCrossEntropy<f64>(input, target, dst, n);
}

/** Writes the smallest and largest of n int32 values to out[0], out[1] (n >= 1). */
export function minMaxI32(src: usize, n: i32, out: usize): void {
  let lo = load<i32>(src);
  let hi = lo;
  for (let i = 1; i < n; i++) {
    const v = load<i32>(src + (<usize>i << 2));
    lo = min(lo, v);
    hi = max(hi, v);
  }
  store<i32>(out, lo);
  store<i32>(out + 4, hi);
}
