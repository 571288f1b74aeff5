// F.unfold (im2col: sliding local blocks as columns) and F.fold (col2im: columns summed back into an image).
import { DTypeError, ShapeError } from '../../errors';
import { defineOp } from '../../ops/define';
import type { Tensor } from '../../tensor';
import { expandInts, namedArgs, type IntOrPair, type PositionalOrOptions } from './args';
import { col2im, im2col, slidingCount, type ConvGeometry } from './im2col';

export interface UnfoldOptions {
  kernelSize?: IntOrPair;
  dilation?: IntOrPair;
  padding?: IntOrPair;
  stride?: IntOrPair;
}

export interface FoldOptions extends UnfoldOptions {
  outputSize?: IntOrPair;
}

interface WindowParams {
  kernel: number[];
  dilation: number[];
  padding: number[];
  stride: number[];
}

function windowParams(fn: string, a: Record<string, unknown>): WindowParams {
  if (a.kernelSize === undefined) throw new TypeError(`${fn}() missing required argument 'kernelSize'`);
  const p = {
    kernel: expandInts(fn, 'kernelSize', a.kernelSize as IntOrPair, 2),
    dilation: expandInts(fn, 'dilation', (a.dilation ?? 1) as IntOrPair, 2),
    padding: expandInts(fn, 'padding', (a.padding ?? 0) as IntOrPair, 2),
    stride: expandInts(fn, 'stride', (a.stride ?? 1) as IntOrPair, 2),
  };
  // PyTorch's im2col/col2im shape checks, in their words.
  if (!(p.kernel[0] > 0 && p.kernel[1] > 0)) {
    throw new RangeError(`kernel size should be greater than zero, but got kernel_height: ${p.kernel[0]} kernel_width: ${p.kernel[1]}`);
  }
  if (!(p.dilation[0] > 0 && p.dilation[1] > 0)) {
    throw new RangeError(`dilation should be greater than zero, but got dilation_height: ${p.dilation[0]} dilation_width: ${p.dilation[1]}`);
  }
  if (!(p.padding[0] >= 0 && p.padding[1] >= 0)) {
    throw new RangeError(`padding should be non-negative, but got pad_height: ${p.padding[0]} pad_width: ${p.padding[1]}`);
  }
  if (!(p.stride[0] > 0 && p.stride[1] > 0)) {
    throw new RangeError(`stride should be greater than zero, but got stride_height: ${p.stride[0]} stride_width: ${p.stride[1]}`);
  }
  return p;
}

function geometryOf(H: number, W: number, p: WindowParams): ConvGeometry {
  return {
    H,
    W,
    kh: p.kernel[0],
    kw: p.kernel[1],
    sh: p.stride[0],
    sw: p.stride[1],
    ph: p.padding[0],
    pw: p.padding[1],
    dh: p.dilation[0],
    dw: p.dilation[1],
    outH: slidingCount(H, p.kernel[0], p.stride[0], 2 * p.padding[0], p.dilation[0]),
    outW: slidingCount(W, p.kernel[1], p.stride[1], 2 * p.padding[1], p.dilation[1]),
  };
}

const pair = (v: number[]) => `(${v[0]}, ${v[1]})`;

/**
 * F.unfold(input, kernelSize, dilation=1, padding=0, stride=1): input [N, C, H, W] (or [C, H, W]) ->
 * [N, C*kh*kw, L] (or [C*kh*kw, L]), L the number of window positions; Im2ColBackward0.
 */
export const unfold = defineOp('unfold', (
  input: Tensor,
  ...args: PositionalOrOptions<[kernelSize: IntOrPair, dilation: IntOrPair, padding: IntOrPair, stride: IntOrPair], UnfoldOptions>
): Tensor => {
  input._check();
  // PyTorch's im2col copies floats and bools, but not integers.
  if (input.dtype === 'int32') throw new DTypeError('unfold: expected a floating point or bool input, got torch.int32');
  const a = namedArgs('unfold', ['kernelSize', 'dilation', 'padding', 'stride'], args);
  const p = windowParams('unfold', a);
  const batched = input.ndim === 4;
  if (input.ndim !== 3 && !batched) {
    throw new ShapeError(
      `Expected 3D or 4D (batch mode) tensor for input with possible 0 batch size and non-zero dimensions for input, but got: [${input.shape.join(', ')}]`,
    );
  }
  const [H, W] = input.shape.slice(-2);
  const g = geometryOf(H, W, p);
  if (g.outH < 1 || g.outW < 1) {
    throw new ShapeError(
      `Given input with spatial size (${H}, ${W}), kernel_size=${pair(p.kernel)}, dilation=${pair(p.dilation)}, padding=${pair(p.padding)}, calculated shape of the array of sliding blocks as (${g.outH}, ${g.outW}), but its components must be at least one.`,
    );
  }
  return im2col(input, g);
}, { method: null });

/**
 * F.fold(input, outputSize, kernelSize, dilation=1, padding=0, stride=1): columns [N, C*kh*kw, L] (or
 * [C*kh*kw, L]) summed into [N, C, outH, outW] (or [C, outH, outW]); the adjoint of unfold; Col2ImBackward0.
 */
export const fold = defineOp('fold', (
  input: Tensor,
  ...args: PositionalOrOptions<[outputSize: IntOrPair, kernelSize: IntOrPair, dilation: IntOrPair, padding: IntOrPair, stride: IntOrPair], FoldOptions>
): Tensor => {
  input._check();
  const a = namedArgs('fold', ['outputSize', 'kernelSize', 'dilation', 'padding', 'stride'], args);
  if (a.outputSize === undefined) throw new TypeError(`fold() missing required argument 'outputSize'`);
  const size = expandInts('fold', 'outputSize', a.outputSize as IntOrPair, 2);
  const p = windowParams('fold', a);
  const batched = input.ndim === 3;
  if (input.ndim !== 2 && !batched) {
    throw new ShapeError(
      `Expected 2D or 3D (batch mode) tensor for input with possible 0 batch size and non-zero dimensions for input, but got: [${input.shape.join(', ')}]`,
    );
  }
  if (!(size[0] > 0 && size[1] > 0)) throw new RangeError(`output_size should be greater than zero, but got output_height: ${size[0]} output_width: ${size[1]}`);
  const [rows, L] = input.shape.slice(-2);
  const blockSize = p.kernel[0] * p.kernel[1];
  if (rows % blockSize !== 0) {
    throw new ShapeError(
      `Expected size of input's dimension ${batched ? 1 : 0} to be divisible by the product of kernel_size, but got input.size(${batched ? 1 : 0})=${rows} and kernel_size=${pair(p.kernel)}.`,
    );
  }
  const g = geometryOf(size[0], size[1], p);
  if (g.outH < 1 || g.outW < 1) {
    throw new ShapeError(
      `Given output_size=${pair(size)}, kernel_size=${pair(p.kernel)}, dilation=${pair(p.dilation)}, padding=${pair(p.padding)}, stride=${pair(p.stride)}, calculated shape of the array of sliding blocks as (${g.outH}, ${g.outW}), but its components must be at least one.`,
    );
  }
  if (L !== g.outH * g.outW) {
    throw new ShapeError(
      `Given output_size=${pair(size)}, kernel_size=${pair(p.kernel)}, dilation=${pair(p.dilation)}, padding=${pair(p.padding)}, stride=${pair(p.stride)}, expected size of input's dimension ${batched ? 2 : 1} to match the calculated number of sliding blocks ${g.outH} * ${g.outW} = ${g.outH * g.outW}, but got input.size(${batched ? 2 : 1})=${L}.`,
    );
  }
  return col2im(input, rows / blockSize, g);
}, { method: null });
