// im2col and col2im as a pair of differentiable ops over 4-D tensors: each is the other's adjoint, so each one's
// backward is the other, and any order of derivatives follows. unfold/fold and convolution are built on them.
import './tensor-ops';
import { needsGrad, record } from '../../autograd/record';
import { packInts } from '../../backend/scratch';
import { kernels } from '../../backend/wasm';
import { DTYPES } from '../../dtype';
import { DTypeError } from '../../errors';
import { Tensor } from '../../tensor';

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

/** Number of window positions along one dim: floor((size + padTotal - dilation * (kernel - 1) - 1) / stride) + 1. */
export function slidingCount(size: number, kernel: number, stride: number, padTotal: number, dilation: number): number {
  return Math.floor((size + padTotal - dilation * (kernel - 1) - 1) / stride) + 1;
}

function packGeometry(N: number, C: number, g: ConvGeometry, strides: readonly number[]): number {
  return packInts([N, C, g.H, g.W, g.kh, g.kw, g.sh, g.sw, g.ph, g.pw, g.dh, g.dw, g.outH, g.outW], strides);
}

function requireFloat(op: string, t: Tensor): void {
  if (!DTYPES[t.dtype].isFloat) throw new DTypeError(`${op}: expected a floating point tensor, got ${DTYPES[t.dtype].torchName}`);
}

/** im2col: x [N, C, H, W] or [C, H, W] (any strides) -> columns [N, C*kh*kw, outH*outW] or [C*kh*kw, L]; Im2ColBackward0. */
export function im2col(x: Tensor, g: ConvGeometry): Tensor {
  x._check();
  const batched = x.ndim === 4;
  const N = batched ? x.shape[0] : 1;
  const C = x.shape[x.ndim - 3];
  const rows = C * g.kh * g.kw;
  const L = g.outH * g.outW;
  const out = Tensor._empty(batched ? [N, rows, L] : [rows, L], x.dtype);
  if (out.numel() > 0) {
    const strides = batched ? x._strides : [0, ...x._strides];
    kernels.im2col(DTYPES[x.dtype].bytes, x._ptr, out._ptr, packGeometry(N, C, g, strides));
  }
  if (needsGrad(x)) record('Im2ColBackward0', [x], [out], ([grad]) => [col2im(grad, C, g)]);
  return out;
}

/**
 * col2im: columns [N, C*kh*kw, outH*outW] or [C*kh*kw, L] (any strides) -> image [N, C, H, W] or [C, H, W],
 * overlapping entries summed; Col2ImBackward0.
 */
export function col2im(cols: Tensor, C: number, g: ConvGeometry): Tensor {
  cols._check();
  requireFloat('col2im', cols);
  const batched = cols.ndim === 3;
  const N = batched ? cols.shape[0] : 1;
  const out = Tensor._empty(batched ? [N, C, g.H, g.W] : [C, g.H, g.W], cols.dtype);
  if (out.numel() > 0) {
    const s = batched ? cols._strides : [0, ...cols._strides];
    const geo = packGeometry(N, C, g, [s[0], s[1], s[2], 0]);
    if (cols.dtype === 'float32') kernels.col2imF32(cols._ptr, out._ptr, geo);
    else kernels.col2imF64(cols._ptr, out._ptr, geo);
  }
  if (needsGrad(cols)) record('Col2ImBackward0', [cols], [out], ([grad]) => [im2col(grad, g)]);
  return out;
}
