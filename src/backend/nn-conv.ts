// Convolution drivers (assembly/nn-conv.ts): im2col, col2im and the per-channel bias. Outputs are allocated by the
// caller, contiguous, and passed in.
import type { TensorBuffer } from './buffer';
import { DTYPES } from '../dtype';
import { byDType, kernelFor } from './kernel-table';
import { packInts } from './scratch';
import { kernels } from './wasm';

/**
 * A sliding window over an H x W image: kernel (kh, kw), stride, top/left padding, dilation, and the number of
 * window positions (outH, outW). Bottom/right padding is whatever makes outH/outW fit, so it may differ from the
 * top/left padding (padding='same' with an even effective kernel).
 */
export interface ConvGeometry {
  H: number;
  W: number;
  kh: number;
  kw: number;
  sh: number;
  sw: number;
  ph: number;
  pw: number;
  dh: number;
  dw: number;
  outH: number;
  outW: number;
}

const COL2IM = byDType('col2im');
const ADD_CHANNEL_BIAS = byDType('addChannelBias');
const CONV_PADDING_FIX = byDType('convPaddingFix');

/** The kernels' geometry words: sizes and window, then the four element strides of the (batched) source. */
function packGeometry(N: number, C: number, g: ConvGeometry, strides: readonly number[]): number {
  return packInts([N, C, g.H, g.W, g.kh, g.kw, g.sh, g.sw, g.ph, g.pw, g.dh, g.dw, g.outH, g.outW], strides);
}

/** The geometry words of an image x [N, C, H, W] or [C, H, W] (an unbatched image is one of a batch of one). */
function packImageGeometry(x: TensorBuffer, g: ConvGeometry): number {
  const batched = x.shape.length === 4;
  return packGeometry(batched ? x.shape[0] : 1, x.shape[x.shape.length - 3], g, batched ? x._strides : [0, ...x._strides]);
}

/** x [N, C, H, W] or [C, H, W] (any strides) -> out [N, C*kh*kw, outH*outW] or [C*kh*kw, L] (contiguous). */
export function im2colInto(x: TensorBuffer, out: TensorBuffer, g: ConvGeometry): void {
  x._check();
  out._check();
  if (out.numel() === 0) return;
  kernels.im2col(DTYPES[x.dtype].bytes, x._ptr, out._ptr, packImageGeometry(x, g));
}

/** cols [N, C*kh*kw, L] or [C*kh*kw, L] (any strides) summed into out [N, C, H, W] or [C, H, W] (contiguous). */
export function col2imInto(cols: TensorBuffer, out: TensorBuffer, C: number, g: ConvGeometry): void {
  cols._check();
  out._check();
  if (out.numel() === 0) return;
  const batched = cols.shape.length === 3;
  const N = batched ? cols.shape[0] : 1;
  const s = batched ? cols._strides : [0, ...cols._strides];
  kernelFor(COL2IM, cols.dtype, 'col2im')(cols._ptr, out._ptr, packGeometry(N, C, g, [s[0], s[1], s[2], 0]));
}

/**
 * Where some weight is not finite, recomputes the outputs whose window reaches the padding from the in-range taps
 * only (the padding contributes nothing, not 0 * w). x [N, C, H, W] or [C, H, W] (any strides), weight
 * [O, C/groups, kh, kw] and out [N, O, outH * outW] contiguous, before the bias.
 */
export function convPaddingFixInto(x: TensorBuffer, weight: TensorBuffer, out: TensorBuffer, g: ConvGeometry, groups: number): void {
  x._check();
  weight._check();
  out._check();
  if (out.numel() === 0) return;
  const fix = kernelFor(CONV_PADDING_FIX, x.dtype, 'conv2d');
  fix(x._ptr, weight._ptr, out._ptr, packImageGeometry(x, g), weight.shape[0], groups);
}

/** Adds bias[c] to every element of channel c of out [N, C, L] (both contiguous, in place). */
export function addChannelBiasInPlace(out: TensorBuffer, bias: TensorBuffer, N: number, C: number, L: number): void {
  out._check();
  bias._check();
  kernelFor(ADD_CHANNEL_BIAS, out.dtype, 'conv bias')(out._ptr, bias._ptr, N, C, L);
}
