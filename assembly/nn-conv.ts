// Convolution kernels: im2col (unfold), col2im (fold) and the per-channel bias add.
// Pointers are byte addresses into host-owned memory; sizes and strides are element counts.
//
// Geometry block (i32 words at `geo`), shared by im2col and col2im:
//   0 N, 1 C, 2 H, 3 W, 4 kh, 5 kw, 6 strideH, 7 strideW, 8 padTop, 9 padLeft, 10 dilH, 11 dilW, 12 outH, 13 outW,
//   14..17 element strides of the strided operand (image strides N, C, H, W for im2col; column strides
//   N, row, column-index, unused for col2im).
// Padding below/right is implied by outH/outW, so asymmetric padding ('same' with an even kernel) needs no extra words.
import { addRun, addStrided } from './nn-simd';
import { lanes } from './simd';
import { moveStrided } from './strided';

@inline
function word(geo: usize, i: i32): i32 {
  return load<i32>(geo + (<usize>i << 2));
}

/** The first output index o >= 0 with o * stride >= a (a may be negative): ceil(a / stride) clamped at 0. */
@inline
function firstAtLeast(a: i32, stride: i32): i32 {
  return a <= 0 ? 0 : (a + stride - 1) / stride;
}

/**
 * im2col: image [N, C, H, W] (any strides) -> columns [N, C*kh*kw, outH*outW] (contiguous). Row (c, ki, kj) of a
 * sample holds, for every output position, the input element under kernel tap (ki, kj) or 0 in the padding.
 * Per output row the in-range window [owLo, owHi) is computed once, so the inner loop is a plain strided gather
 * (a memory.copy when the source run is contiguous) and the padding is written with memory.fill.
 */
export function im2col(elemBytes: i32, src: usize, dst: usize, geo: usize): void {
  const N = word(geo, 0), C = word(geo, 1), H = word(geo, 2), W = word(geo, 3);
  const kh = word(geo, 4), kw = word(geo, 5), sh = word(geo, 6), sw = word(geo, 7);
  const ph = word(geo, 8), pw = word(geo, 9), dh = word(geo, 10), dw = word(geo, 11);
  const outH = word(geo, 12), outW = word(geo, 13);
  const sN = word(geo, 14), sC = word(geo, 15), sH = word(geo, 16), sW = word(geo, 17);
  const eb = <usize>elemBytes;
  const rowBytes = <usize>outW * eb;
  const step = sw * sW; // source stride between neighbouring output columns
  let out = dst;
  for (let n = 0; n < N; n++) {
    for (let c = 0; c < C; c++) {
      const plane = <isize>n * sN + <isize>c * sC;
      for (let ki = 0; ki < kh; ki++) {
        for (let kj = 0; kj < kw; kj++) {
          const colShift = kj * dw - pw; // iw = ow * sw + colShift
          const owLo = min(firstAtLeast(-colShift, sw), outW);
          const owHi = max(owLo, min(firstAtLeast(W - colShift, sw), outW));
          for (let oh = 0; oh < outH; oh++) {
            const ih = oh * sh - ph + ki * dh;
            if (ih < 0 || ih >= H || owLo >= owHi) {
              zeroBytes(out, rowBytes);
            } else {
              if (owLo > 0) zeroBytes(out, <usize>owLo * eb);
              const from = src + <usize>((plane + <isize>ih * sH + <isize>(owLo * sw + colShift) * sW) * elemBytes);
              const to = out + <usize>owLo * eb;
              const count = owHi - owLo;
              if (step == 1) copyBytes(to, from, <usize>count * eb);
              else if (elemBytes == 8) moveStrided<u64>(to, 8, from, <usize>(<isize>step << 3), count);
              else moveStrided<u32>(to, 4, from, <usize>(<isize>step << 2), count);
              if (owHi < outW) zeroBytes(out + <usize>owHi * eb, <usize>(outW - owHi) * eb);
            }
            out += rowBytes;
          }
        }
      }
    }
  }
}

// Rows of a convolution are short (often 8-64 elements): below SHORT_RUN bytes, inline v128 moves beat the
// out-of-line memory.copy / memory.fill calls. Lengths are multiples of 4 bytes (f32, i32, f64 elements).
const SHORT_RUN: usize = 512;

@inline
function copyBytes(to: usize, from: usize, bytes: usize): void {
  if (bytes >= SHORT_RUN) {
    memory.copy(to, from, bytes);
    return;
  }
  let i: usize = 0;
  for (; i + 16 <= bytes; i += 16) v128.store(to + i, v128.load(from + i));
  for (; i < bytes; i += 4) store<u32>(to + i, load<u32>(from + i));
}

@inline
function zeroBytes(to: usize, bytes: usize): void {
  if (bytes >= SHORT_RUN) {
    memory.fill(to, 0, bytes);
    return;
  }
  const zero = i32x4.splat(0);
  let i: usize = 0;
  for (; i + 16 <= bytes; i += 16) v128.store(to + i, zero);
  for (; i < bytes; i += 4) store<u32>(to + i, 0);
}

/**
 * col2im: columns [N, C*kh*kw, outH*outW] (any strides) -> image [N, C, H, W] (contiguous, overwritten), summing
 * every column entry into the input element its kernel tap reads; entries that fall in the padding are dropped.
 * The adjoint of im2col. With unit stride along the width and contiguous columns, the inner accumulation is a
 * SIMD add of two contiguous runs (`addRun`); otherwise a scalar strided loop.
 */
function col2im<T>(src: usize, dst: usize, geo: usize): void {
  const N = word(geo, 0), C = word(geo, 1), H = word(geo, 2), W = word(geo, 3);
  const kh = word(geo, 4), kw = word(geo, 5), sh = word(geo, 6), sw = word(geo, 7);
  const ph = word(geo, 8), pw = word(geo, 9), dh = word(geo, 10), dw = word(geo, 11);
  const outH = word(geo, 12), outW = word(geo, 13);
  const cN = word(geo, 14), cR = word(geo, 15), cL = word(geo, 16);
  const eb = <usize>sizeof<T>();
  memory.fill(dst, 0, <usize>N * <usize>C * <usize>H * <usize>W * eb);
  for (let n = 0; n < N; n++) {
    for (let c = 0; c < C; c++) {
      const image = dst + (<usize>(n * C + c) * <usize>H * <usize>W) * eb;
      for (let ki = 0; ki < kh; ki++) {
        for (let kj = 0; kj < kw; kj++) {
          const row = <isize>n * cN + <isize>((c * kh + ki) * kw + kj) * cR;
          const colShift = kj * dw - pw;
          const owLo = min(firstAtLeast(-colShift, sw), outW);
          const owHi = max(owLo, min(firstAtLeast(W - colShift, sw), outW));
          const count = owHi - owLo;
          if (count == 0) continue;
          for (let oh = 0; oh < outH; oh++) {
            const ih = oh * sh - ph + ki * dh;
            if (ih < 0 || ih >= H) continue;
            const from = src + <usize>((row + <isize>(oh * outW + owLo) * cL) * <isize>eb);
            const to = image + <usize>(ih * W + owLo * sw + colShift) * eb;
            if (sw == 1 && cL == 1) addRun<T>(to, from, count);
            else addStrided<T>(to, from, count, sw, cL);
          }
        }
      }
    }
  }
}

export function col2imF32(src: usize, dst: usize, geo: usize): void {
  col2im<f32>(src, dst, geo);
}

export function col2imF64(src: usize, dst: usize, geo: usize): void {
  col2im<f64>(src, dst, geo);
}

/** Scalar reference of the SIMD run add used by col2im (tests compare the two). */
export function addRunScalarF32(to: usize, from: usize, count: i32): void {
  addStrided<f32>(to, from, count, 1, 1);
}

export function addRunSimdF32(to: usize, from: usize, count: i32): void {
  addRun<f32>(to, from, count);
}

/** out[n, c, :] += bias[c] over a contiguous [N, C, L] tensor (the convolution bias). */
function addChannelBias<T>(out: usize, bias: usize, N: i32, C: i32, L: i32): void {
  const eb = <usize>sizeof<T>();
  const lanesT = lanes<T>();
  let at = out;
  for (let n = 0; n < N; n++) {
    for (let c = 0; c < C; c++) {
      const b = load<T>(bias + <usize>c * eb);
      const splat = v128.splat<T>(b);
      let i = 0;
      for (; i + lanesT <= L; i += lanesT) {
        const p = at + <usize>i * eb;
        v128.store(p, v128.add<T>(v128.load(p), splat));
      }
      for (; i < L; i++) {
        const p = at + <usize>i * eb;
        store<T>(p, load<T>(p) + b);
      }
      at += <usize>L * eb;
    }
  }
}

export function addChannelBiasF32(out: usize, bias: usize, N: i32, C: i32, L: i32): void {
  addChannelBias<f32>(out, bias, N, C, L);
}

export function addChannelBiasF64(out: usize, bias: usize, N: i32, C: i32, L: i32): void {
  addChannelBias<f64>(out, bias, N, C, L);
}

/**
 * The padding contributes nothing to a convolution, not 0 * w: with a non-finite weight, im2col's zeros times the
 * GEMM would put NaN into every output whose window reaches the padding. When some weight is not finite, this
 * recomputes those outputs from the in-range taps only (the others are unaffected: a finite w * 0 adds 0).
 * image [N, C, H, W] (any strides, geometry as im2col), weight [O, C/G, kh, kw] contiguous, out [N, O, outH, outW]
 * contiguous (before the bias).
 */
function convPaddingFix<T>(src: usize, weight: usize, dst: usize, geo: usize, O: i32, G: i32): void {
  const N = word(geo, 0), C = word(geo, 1), H = word(geo, 2), W = word(geo, 3);
  const kh = word(geo, 4), kw = word(geo, 5), sh = word(geo, 6), sw = word(geo, 7);
  const ph = word(geo, 8), pw = word(geo, 9), dh = word(geo, 10), dw = word(geo, 11);
  const outH = word(geo, 12), outW = word(geo, 13);
  const sN = word(geo, 14), sC = word(geo, 15), sH = word(geo, 16), sW = word(geo, 17);
  const eb = <usize>sizeof<T>();
  const Cg = C / G, Og = O / G;
  const K = kh * kw;
  const weights = O * Cg * K;
  let finite = true;
  for (let i = 0; i < weights && finite; i++) {
    const v = load<T>(weight + <usize>i * eb);
    finite = v - v == 0; // false for +-inf and NaN
  }
  if (finite) return;
  for (let n = 0; n < N; n++) {
    for (let o = 0; o < O; o++) {
      const c0 = (o / Og) * Cg;
      const w0 = weight + <usize>(o * Cg * K) * eb;
      const plane = dst + <usize>((n * O + o) * outH * outW) * eb;
      for (let oh = 0; oh < outH; oh++) {
        const top = oh * sh - ph;
        const rowsInside = top >= 0 && top + (kh - 1) * dh < H;
        for (let ow = 0; ow < outW; ow++) {
          const left = ow * sw - pw;
          if (rowsInside && left >= 0 && left + (kw - 1) * dw < W) continue;
          let s: T = 0;
          for (let c = 0; c < Cg; c++) {
            const image = <isize>n * sN + <isize>(c0 + c) * sC;
            for (let ki = 0; ki < kh; ki++) {
              const ih = top + ki * dh;
              if (ih < 0 || ih >= H) continue;
              for (let kj = 0; kj < kw; kj++) {
                const iw = left + kj * dw;
                if (iw < 0 || iw >= W) continue;
                const x = load<T>(src + <usize>((image + <isize>ih * sH + <isize>iw * sW) * <isize>eb));
                s += load<T>(w0 + <usize>((c * kh + ki) * kw + kj) * eb) * x;
              }
            }
          }
          store<T>(plane + <usize>(oh * outW + ow) * eb, s);
        }
      }
    }
  }
}

export function convPaddingFixF32(src: usize, weight: usize, dst: usize, geo: usize, O: i32, G: i32): void {
  convPaddingFix<f32>(src, weight, dst, geo, O, G);
}

export function convPaddingFixF64(src: usize, weight: usize, dst: usize, geo: usize, O: i32, G: i32): void {
  convPaddingFix<f64>(src, weight, dst, geo, O, G);
}
