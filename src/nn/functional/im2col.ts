// im2col and col2im as a pair of differentiable ops over 4-D tensors: each is the other's adjoint, so each one's
// backward is the other, and any order of derivatives follows. unfold/fold and convolution are built on them.
import type { BackwardFn } from '../../autograd/node';
import { needsGrad, record } from '../../autograd/record';
import { col2imInto, type ConvGeometry, im2colInto } from '../../backend/nn-conv';
import { DTYPES } from '../../dtype';
import { DTypeError } from '../../errors';
import { Tensor } from '../../tensor';

export type { ConvGeometry };

/** Number of window positions along one dim: floor((size + padTotal - dilation * (kernel - 1) - 1) / stride) + 1. */
export function slidingCount(size: number, kernel: number, stride: number, padTotal: number, dilation: number): number {
  return Math.floor((size + padTotal - dilation * (kernel - 1) - 1) / stride) + 1;
}

function requireFloat(op: string, t: Tensor): void {
  if (!DTYPES[t.dtype].isFloat) throw new DTypeError(`${op}: expected a floating point tensor, got ${DTYPES[t.dtype].torchName}`);
}

/** The window and the image's channel count, which the adjoint needs. */
interface WindowArgs {
  C: number;
  g: ConvGeometry;
}

const im2colBackward: BackwardFn<WindowArgs> = ([grad], _, { C, g }) => [col2im(grad, C, g)];
const col2imBackward: BackwardFn<WindowArgs> = ([grad], _, { g }) => [im2col(grad, g)];

/** im2col: x [N, C, H, W] or [C, H, W] (any strides) -> columns [N, C*kh*kw, outH*outW] or [C*kh*kw, L]; Im2ColBackward0. */
export function im2col(x: Tensor, g: ConvGeometry): Tensor {
  x._check();
  const batched = x.ndim === 4;
  const C = x.shape[x.ndim - 3];
  const rows = C * g.kh * g.kw;
  const L = g.outH * g.outW;
  const out = Tensor._empty(batched ? [x.shape[0], rows, L] : [rows, L], x.dtype);
  im2colInto(x, out, g);
  if (needsGrad(x)) record('Im2ColBackward0', [x], [out], im2colBackward, [], { C, g });
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
  const out = Tensor._empty(batched ? [cols.shape[0], C, g.H, g.W] : [C, g.H, g.W], cols.dtype);
  col2imInto(cols, out, C, g);
  if (needsGrad(cols)) record('Col2ImBackward0', [cols], [out], col2imBackward, [], { C, g });
  return out;
}
