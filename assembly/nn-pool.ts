// Pooling kernels over contiguous planes [P, H, W] (P = batch * channels), all driven by per-output window bounds
// that the host computes once per call: max/avg pooling, their adaptive forms and ceil mode only differ in bounds.
// Pointers are byte addresses; `bounds` points at i32 words.
//
// Max windows: bounds = hStart[OH], hEnd[OH], wStart[OW], wEnd[OW]; taps run hStart, hStart + dilH, ... < hEnd,
//   where hStart is the first tap inside the input (PyTorch's "while (ih0 < 0) ih0 += dilation").
// Average windows: bounds = hStart[OH], hEnd[OH], hDiv[OH], wStart[OW], wEnd[OW], wDiv[OW] (clipped to the input);
//   an output is its window's sum divided by hDiv[oh] * wDiv[ow] (count_include_pad, divisor_override and the
//   adaptive divisor are all such products; the override is passed as hDiv = override, wDiv = 1).

@inline
function bound(bounds: usize, i: i32): i32 {
  return load<i32>(bounds + (<usize>i << 2));
}

/**
 * Max pooling forward: values and the flat index (ih * W + iw) of each window's maximum within its plane.
 * A NaN wins over any number and a later NaN over an earlier one, as in PyTorch (`val > max || isnan(val)`).
 */
function windowMax<T>(src: usize, dst: usize, indices: usize, P: i32, H: i32, W: i32, OH: i32, OW: i32, dilH: i32, dilW: i32, bounds: usize): void {
  const eb = <usize>sizeof<T>();
  const plane = <usize>H * <usize>W;
  let out: usize = 0;
  for (let p = 0; p < P; p++) {
    const base = src + <usize>p * plane * eb;
    for (let oh = 0; oh < OH; oh++) {
      const h0 = bound(bounds, oh), h1 = bound(bounds, OH + oh);
      for (let ow = 0; ow < OW; ow++) {
        const w0 = bound(bounds, 2 * OH + ow), w1 = bound(bounds, 2 * OH + OW + ow);
        let best: T = <T>-Infinity;
        let bestAt: i32 = h0 * W + w0;
        for (let ih = h0; ih < h1; ih += dilH) {
          for (let iw = w0; iw < w1; iw += dilW) {
            const at = ih * W + iw;
            const v = load<T>(base + <usize>at * eb);
            if (v > best || isNaN(v)) {
              best = v;
              bestAt = at;
            }
          }
        }
        store<T>(dst + out * eb, best);
        store<i32>(indices + (out << 2), bestAt);
        out++;
      }
    }
  }
}

export function maxPoolF32(src: usize, dst: usize, indices: usize, P: i32, H: i32, W: i32, OH: i32, OW: i32, dilH: i32, dilW: i32, bounds: usize): void {
  windowMax<f32>(src, dst, indices, P, H, W, OH, OW, dilH, dilW, bounds);
}

export function maxPoolF64(src: usize, dst: usize, indices: usize, P: i32, H: i32, W: i32, OH: i32, OW: i32, dilH: i32, dilW: i32, bounds: usize): void {
  windowMax<f64>(src, dst, indices, P, H, W, OH, OW, dilH, dilW, bounds);
}

/**
 * Average pooling forward: each output is its window's sum (row-major order) over the divisor; or, when `backward`
 * (a constant), its adjoint: dst (overwritten, the input's shape) gets g / divisor over each window, src being the
 * output gradient.
 */
@inline
function windowAvg<T>(backward: bool, src: usize, dst: usize, P: i32, H: i32, W: i32, OH: i32, OW: i32, bounds: usize): void {
  const eb = <usize>sizeof<T>();
  const plane = <usize>H * <usize>W;
  if (backward) memory.fill(dst, 0, <usize>P * plane * eb);
  let at: usize = 0; // the window's output (forward) or gradient (backward) element
  for (let p = 0; p < P; p++) {
    const base = (backward ? dst : src) + <usize>p * plane * eb;
    for (let oh = 0; oh < OH; oh++) {
      const h0 = bound(bounds, oh), h1 = bound(bounds, OH + oh), hDiv = bound(bounds, 2 * OH + oh);
      for (let ow = 0; ow < OW; ow++) {
        const w0 = bound(bounds, 3 * OH + ow), w1 = bound(bounds, 3 * OH + OW + ow), wDiv = bound(bounds, 3 * OH + 2 * OW + ow);
        const divisor = <T>(hDiv * wDiv);
        if (backward) {
          const share = load<T>(src + at * eb) / divisor;
          for (let ih = h0; ih < h1; ih++) {
            const row = base + <usize>(ih * W) * eb;
            for (let iw = w0; iw < w1; iw++) {
              const to = row + <usize>iw * eb;
              store<T>(to, load<T>(to) + share);
            }
          }
        } else {
          let sum: T = <T>0;
          for (let ih = h0; ih < h1; ih++) {
            const row = base + <usize>(ih * W) * eb;
            for (let iw = w0; iw < w1; iw++) sum += load<T>(row + <usize>iw * eb);
          }
          store<T>(dst + at * eb, sum / divisor);
        }
        at++;
      }
    }
  }
}

export function avgPoolF32(src: usize, dst: usize, P: i32, H: i32, W: i32, OH: i32, OW: i32, bounds: usize): void {
  windowAvg<f32>(false, src, dst, P, H, W, OH, OW, bounds);
}

export function avgPoolF64(src: usize, dst: usize, P: i32, H: i32, W: i32, OH: i32, OW: i32, bounds: usize): void {
  windowAvg<f64>(false, src, dst, P, H, W, OH, OW, bounds);
}

export function avgPoolBackwardF32(grad: usize, dst: usize, P: i32, H: i32, W: i32, OH: i32, OW: i32, bounds: usize): void {
  windowAvg<f32>(true, grad, dst, P, H, W, OH, OW, bounds);
}

export function avgPoolBackwardF64(grad: usize, dst: usize, P: i32, H: i32, W: i32, OH: i32, OW: i32, bounds: usize): void {
  windowAvg<f64>(true, grad, dst, P, H, W, OH, OW, bounds);
}

/**
 * dst[p, j] = src[p, indices[p, j]] for planes of `planeSize` source elements and L indices each; or, when `scatter`
 * (a constant), its adjoint: dst (overwritten, P planes of planeSize) gets src[p, j] added at indices[p, j].
 */
@inline
function planeIndexed<T>(scatter: bool, src: usize, indices: usize, dst: usize, P: i32, planeSize: i32, L: i32): void {
  const eb = <usize>sizeof<T>();
  if (scatter) memory.fill(dst, 0, <usize>P * <usize>planeSize * eb);
  let j: usize = 0;
  for (let p = 0; p < P; p++) {
    const plane = (scatter ? dst : src) + <usize>p * <usize>planeSize * eb;
    for (let k = 0; k < L; k++) {
      const at = plane + <usize>load<i32>(indices + (j << 2)) * eb;
      if (scatter) store<T>(at, load<T>(at) + load<T>(src + j * eb));
      else store<T>(dst + j * eb, load<T>(at));
      j++;
    }
  }
}

export function planeGatherF32(src: usize, indices: usize, dst: usize, P: i32, planeSize: i32, L: i32): void {
  planeIndexed<f32>(false, src, indices, dst, P, planeSize, L);
}

export function planeGatherF64(src: usize, indices: usize, dst: usize, P: i32, planeSize: i32, L: i32): void {
  planeIndexed<f64>(false, src, indices, dst, P, planeSize, L);
}

export function planeScatterAddF32(src: usize, indices: usize, dst: usize, P: i32, planeSize: i32, L: i32): void {
  planeIndexed<f32>(true, src, indices, dst, P, planeSize, L);
}

export function planeScatterAddF64(src: usize, indices: usize, dst: usize, P: i32, planeSize: i32, L: i32): void {
  planeIndexed<f64>(true, src, indices, dst, P, planeSize, L);
}
