// Layer normalisation forward over contiguous rows: y = (x - mean) * rstd * weight + bias, with the per-row mean
// and rstd = 1 / sqrt(var + eps) (biased variance) written out for the backward pass.
// Two passes per row (mean, then the sum of squared deviations), accumulated in f64, which avoids the
// cancellation of the one-pass E[x^2] - E[x]^2 form.

function layerNorm<T>(src: usize, dst: usize, weight: usize, bias: usize, mean: usize, rstd: usize, rows: i32, D: i32, eps: f64): void {
  const eb = <usize>sizeof<T>();
  for (let r = 0; r < rows; r++) {
    const x = src + <usize>r * <usize>D * eb;
    const y = dst + <usize>r * <usize>D * eb;
    let sum: f64 = 0;
    for (let i = 0; i < D; i++) sum += <f64>load<T>(x + <usize>i * eb);
    const m = sum / <f64>D;
    let sq: f64 = 0;
    for (let i = 0; i < D; i++) {
      const d = <f64>load<T>(x + <usize>i * eb) - m;
      sq += d * d;
    }
    const s = 1.0 / Math.sqrt(sq / <f64>D + eps);
    store<T>(mean + <usize>r * eb, <T>m);
    store<T>(rstd + <usize>r * eb, <T>s);
    for (let i = 0; i < D; i++) {
      let v = (<f64>load<T>(x + <usize>i * eb) - m) * s;
      if (weight != 0) v *= <f64>load<T>(weight + <usize>i * eb);
      if (bias != 0) v += <f64>load<T>(bias + <usize>i * eb);
      store<T>(y + <usize>i * eb, <T>v);
    }
  }
}

/** weight and bias are 0 when absent. */
export function layerNormF32(src: usize, dst: usize, weight: usize, bias: usize, mean: usize, rstd: usize, rows: i32, D: i32, eps: f64): void {
  layerNorm<f32>(src, dst, weight, bias, mean, rstd, rows, D, eps);
}

export function layerNormF64(src: usize, dst: usize, weight: usize, bias: usize, mean: usize, rstd: usize, rows: i32, D: i32, eps: f64): void {
  layerNorm<f64>(src, dst, weight, bias, mean, rstd, rows, D, eps);
}

/**
 * Layer normalisation backward (first order), per row with xhat = (x - mean) * rstd and gxhat = g * weight:
 *   gx = rstd * (gxhat - mean(gxhat) - xhat * mean(gxhat * xhat)),  gw += g * xhat,  gb += g  (summed over rows).
 * Pointers gx, gw, gb are 0 for gradients not wanted; weight is 0 when absent. gw and gb are overwritten.
 */
function layerNormBackward<T>(grad: usize, src: usize, weight: usize, mean: usize, rstd: usize, gx: usize, gw: usize, gb: usize, rows: i32, D: i32): void {
  const eb = <usize>sizeof<T>();
  if (gw != 0) memory.fill(gw, 0, <usize>D * eb);
  if (gb != 0) memory.fill(gb, 0, <usize>D * eb);
  for (let r = 0; r < rows; r++) {
    const base = <usize>r * <usize>D * eb;
    const m = <f64>load<T>(mean + <usize>r * eb);
    const s = <f64>load<T>(rstd + <usize>r * eb);
    let sumG: f64 = 0;
    let sumGX: f64 = 0;
    for (let i = 0; i < D; i++) {
      const at = base + <usize>i * eb;
      const g = <f64>load<T>(grad + at);
      const xhat = (<f64>load<T>(src + at) - m) * s;
      const gxhat = weight != 0 ? g * <f64>load<T>(weight + <usize>i * eb) : g;
      sumG += gxhat;
      sumGX += gxhat * xhat;
      if (gw != 0) store<T>(gw + <usize>i * eb, load<T>(gw + <usize>i * eb) + <T>(g * xhat));
      if (gb != 0) store<T>(gb + <usize>i * eb, load<T>(gb + <usize>i * eb) + <T>g);
    }
    if (gx == 0) continue;
    const a = sumG / <f64>D;
    const b = sumGX / <f64>D;
    for (let i = 0; i < D; i++) {
      const at = base + <usize>i * eb;
      const xhat = (<f64>load<T>(src + at) - m) * s;
      const g = <f64>load<T>(grad + at);
      const gxhat = weight != 0 ? g * <f64>load<T>(weight + <usize>i * eb) : g;
      store<T>(gx + at, <T>(s * (gxhat - a - xhat * b)));
    }
  }
}

export function layerNormBackwardF32(grad: usize, src: usize, weight: usize, mean: usize, rstd: usize, gx: usize, gw: usize, gb: usize, rows: i32, D: i32): void {
  layerNormBackward<f32>(grad, src, weight, mean, rstd, gx, gw, gb, rows, D);
}

export function layerNormBackwardF64(grad: usize, src: usize, weight: usize, mean: usize, rstd: usize, gx: usize, gw: usize, gb: usize, rows: i32, D: i32): void {
  layerNormBackward<f64>(grad, src, weight, mean, rstd, gx, gw, gb, rows, D);
}
