// F.conv1d / F.conv2d: im2col, then one GEMM per group through matmul, then the bias; ConvolutionBackward0.
//
// Forward, with K = kh*kw and G groups of Cg = C/G input and Og = O/G output channels:
//   cols = im2col(x)                                   [N, G, Cg*K, L]
//   out  = W.view(G, Og, Cg*K) @ cols  (+ bias)        [N, G, Og, L] = [N, O, outH, outW]
// The padding adds nothing to a window's sum (as oneDNN, PyTorch's float32 CPU path for batched, grouped, strided
// or dilated convolutions): where a weight is not finite, the outputs whose window reaches the padding are
// recomputed from the in-range taps instead of 0 * w.
// Backward (differentiable ops only, so that createGraph gives second derivatives):
//   grad_input  = col2im(W^T @ grad)                   (the transposed convolution)
//   grad_weight = sum_n grad @ im2col(x)^T
//   grad_bias   = grad summed over every dim but the channel
// conv1d is the same with H = 1 (the input viewed as [N, C, 1, L]).
import type { BackwardFn } from '../../autograd/node';
import { needsGrad, record } from '../../autograd/record';
import { addChannelBiasInPlace, convPaddingFixInto } from '../../backend/nn-conv';
import { DTYPES } from '../../dtype';
import { DTypeError, NotSupportedError, ShapeError } from '../../errors';
import { contiguousStrides } from '../../shape';
import { defineOp } from '../../ops/define';
import { Tensor } from '../../tensor';
import { expandInts, namedArgs, optionalTensor, type IntOrPair, type PositionalOrOptions } from './args';
import { forwardValue } from '../../autograd/forward-value';
import { col2im, im2col, slidingCount, type ConvGeometry } from './im2col';

export type ConvPadding = IntOrPair | 'valid' | 'same';

export interface ConvOptions {
  bias?: Tensor | null;
  stride?: IntOrPair;
  padding?: ConvPadding;
  dilation?: IntOrPair;
  groups?: number;
}

type ConvArgs = PositionalOrOptions<[bias: Tensor | null, stride: IntOrPair, padding: ConvPadding, dilation: IntOrPair, groups: number], ConvOptions>;

const CONV_ARG_NAMES = ['bias', 'stride', 'padding', 'dilation', 'groups'];

/**
 * F.conv2d(input, weight, bias?, stride=1, padding=0, dilation=1, groups=1): input [N, C, H, W] or [C, H, W],
 * weight [O, C/groups, kh, kw], bias [O]; padding an int, a pair, 'valid' or 'same'.
 */
export const conv2d = defineOp(
  'conv2d',
  (input: Tensor, weight: Tensor, ...args: ConvArgs): Tensor => convolution('conv2d', 2, input, weight, namedArgs('conv2d', CONV_ARG_NAMES, args)),
  { method: null },
);

/** F.conv1d(input, weight, bias?, stride=1, padding=0, dilation=1, groups=1): input [N, C, L] or [C, L], weight [O, C/groups, k]. */
export const conv1d = defineOp(
  'conv1d',
  (input: Tensor, weight: Tensor, ...args: ConvArgs): Tensor => convolution('conv1d', 1, input, weight, namedArgs('conv1d', CONV_ARG_NAMES, args)),
  { method: null },
);

const dims = (t: { shape: readonly number[] }) => `[${t.shape.join(', ')}]`;

/** The checks of PyTorch's convolution (check_shape_forward), in its words. */
function checkShapes(fn: string, spatial: number, input: Tensor, weight: Tensor, bias: Tensor | null, groups: number): void {
  const k = spatial + 2;
  if (input.ndim !== k && input.ndim !== k - 1) {
    throw new ShapeError(`Expected ${k - 1}D (unbatched) or ${k}D (batched) input to ${fn}, but got input of size: ${dims(input)}`);
  }
  // PyTorch checks the unbatched input after giving it a batch dim of 1
  const batchedInput = input.ndim === k ? input.shape : [1, ...input.shape];
  if (weight.ndim !== k) {
    throw new ShapeError(
      `Expected ${weight.ndim}-dimensional input for ${weight.ndim}-dimensional weight ${dims(weight)}, but got ${k}-dimensional input of size ${dims({ shape: batchedInput })} instead`,
    );
  }
  for (const [name, t] of [['weight', weight], ['bias', bias]] as const) {
    if (t !== null && t.dtype !== input.dtype) {
      throw new DTypeError(`Input type (${input._torchTypeName()}) and ${name} type (${t._torchTypeName()}) should be the same`);
    }
  }
  if (!DTYPES[input.dtype].isFloat) {
    // PyTorch convolves integer tensors too; the products here are float32 or float64 GEMMs.
    throw new NotSupportedError(`${fn}: ${input.dtype} inputs are not supported; convolutions are computed in float32 or float64 (convert with .float() or .double())`);
  }
  const O = weight.shape[0];
  if (O < groups) {
    throw new ShapeError(`Given groups=${groups}, expected weight to be at least ${groups} at dimension 0, but got weight of size ${dims(weight)} instead`);
  }
  if (O % groups !== 0) {
    throw new ShapeError(`Given groups=${groups}, expected weight to be divisible by ${groups} at dimension 0, but got weight of size ${dims(weight)} instead`);
  }
  if (batchedInput[1] !== weight.shape[1] * groups) {
    throw new ShapeError(
      `Given groups=${groups}, weight of size ${dims(weight)}, expected input${dims({ shape: batchedInput })} to have ${weight.shape[1] * groups} channels, but got ${batchedInput[1]} channels instead`,
    );
  }
  if (bias !== null && (bias.ndim !== 1 || bias.shape[0] !== O)) {
    throw new ShapeError(`Given weight of size ${dims(weight)}, expected bias to be 1-dimensional with ${O} elements, but got bias of size ${dims(bias)} instead`);
  }
}

interface ConvSetup {
  geometry: ConvGeometry;
  groups: number;
}

/** Stride, padding (int, tuple, 'valid', 'same'), dilation and groups -> a 2-D window geometry (H = 1 for 1-D). */
function setup(fn: string, spatial: number, input: Tensor, weight: Tensor, bias: Tensor | null, a: Record<string, unknown>): ConvSetup {
  const groups = (a.groups ?? 1) as number;
  if (!Number.isInteger(groups) || groups <= 0) throw new RangeError('non-positive groups is not supported');
  checkShapes(fn, spatial, input, weight, bias, groups);
  const stride = expandInts(fn, 'stride', (a.stride ?? 1) as IntOrPair, spatial);
  const dilation = expandInts(fn, 'dilation', (a.dilation ?? 1) as IntOrPair, spatial);
  if (stride.some((s) => s <= 0)) throw new RangeError('non-positive stride is not supported');
  if (dilation.some((d) => d <= 0)) throw new RangeError('dilation should be greater than zero');
  const kernel = weight.shape.slice(2);
  const size = input.shape.slice(-spatial);
  const padding = a.padding ?? 0;
  let before: number[];
  let total: number[];
  if (padding === 'valid') {
    before = kernel.map(() => 0);
    total = before;
  } else if (padding === 'same') {
    if (stride.some((s) => s !== 1)) throw new RangeError("padding='same' is not supported for strided convolutions");
    // PyTorch pads the extra element of an odd total after (bottom/right).
    total = kernel.map((k, i) => dilation[i] * (k - 1));
    before = total.map((t) => Math.floor(t / 2));
  } else if (typeof padding === 'string') {
    throw new RangeError(`Invalid padding string: '${padding}'`);
  } else {
    before = expandInts(fn, 'padding', padding as IntOrPair, spatial);
    if (before.some((p) => p < 0)) throw new RangeError('negative padding is not supported');
    total = before.map((p) => 2 * p);
  }
  const padded = size.map((s, i) => s + total[i]);
  const effective = kernel.map((k, i) => dilation[i] * (k - 1) + 1);
  if (padded.some((p, i) => p < effective[i])) {
    throw new ShapeError(
      `Calculated padded input size per channel: (${padded.join(' x ')}). Kernel size: (${effective.join(' x ')}). Kernel size can't be greater than actual input size`,
    );
  }
  const lead = spatial === 1 ? 1 : 0; // 1-D runs as 2-D with a height of 1
  const at = (v: number[], i: number, fill: number) => (i < lead ? fill : v[i - lead]);
  return {
    groups,
    geometry: {
      H: at(size, 0, 1),
      W: at(size, 1, 1),
      kh: at(kernel, 0, 1),
      kw: at(kernel, 1, 1),
      sh: at(stride, 0, 1),
      sw: at(stride, 1, 1),
      ph: at(before, 0, 0),
      pw: at(before, 1, 0),
      dh: at(dilation, 0, 1),
      dw: at(dilation, 1, 1),
      outH: slidingCount(at(size, 0, 1), at(kernel, 0, 1), at(stride, 0, 1), at(total, 0, 0), at(dilation, 0, 1)),
      outW: slidingCount(at(size, 1, 1), at(kernel, 1, 1), at(stride, 1, 1), at(total, 1, 0), at(dilation, 1, 1)),
    },
  };
}

/** The input as the [.., C, H, W] image im2col reads (1-D inputs get a unit height); a view, no copy. */
function asImage(x: Tensor, spatial: number): Tensor {
  return spatial === 2 ? x : x.unsqueeze(-2);
}

/** A 1x1 kernel with unit stride and no padding reads every pixel once: the columns are the image itself. */
function isPointwise(g: ConvGeometry): boolean {
  return g.kh === 1 && g.kw === 1 && g.sh === 1 && g.sw === 1 && g.ph === 0 && g.pw === 0 && g.outH === g.H && g.outW === g.W;
}

/** Whether some window reaches outside the image (padding before, or after: outH/outW imply the bottom/right). */
function hasPadding(g: ConvGeometry): boolean {
  const reach = (out: number, stride: number, kernel: number, dilation: number) => (out - 1) * stride + (kernel - 1) * dilation + 1;
  return g.ph > 0 || g.pw > 0 || reach(g.outH, g.sh, g.kh, g.dh) > g.H || reach(g.outW, g.sw, g.kw, g.dw) > g.W;
}

/** im2col of the [.., C, H, W] image (a reshape for pointwise kernels), differentiable. */
function columns(image: Tensor, g: ConvGeometry): Tensor {
  return isPointwise(g) ? image.reshape([...image.shape.slice(0, -2), g.H * g.W]) : im2col(image, g);
}

/** col2im of [.., C*K, L] columns into [.., C, H, W] (a reshape for pointwise kernels), differentiable. */
function image(cols: Tensor, C: number, g: ConvGeometry): Tensor {
  return isPointwise(g) ? cols.reshape([...cols.shape.slice(0, -2), C, g.H, g.W]) : col2im(cols, C, g);
}

/** What the convolution's backward needs besides the saved input and weight. */
interface ConvBackwardArgs {
  spatial: number;
  batched: boolean;
  N: number;
  C: number;
  O: number;
  L: number;
  groups: number;
  groupCols: number;
  g: ConvGeometry;
  inputShape: number[];
  weightShape: number[];
  needInput: boolean;
  needWeight: boolean;
  needBias: boolean;
}

const convolutionBackward: BackwardFn<ConvBackwardArgs> = ([grad], [x, w], a) => {
  const { spatial, batched, N, C, O, L, groups, groupCols, g } = a;
  const lead = batched ? [N] : [];
  const gradByGroup = grad.reshape([...lead, groups, O / groups, L]);
  let gradInput: Tensor | null = null;
  let gradWeight: Tensor | null = null;
  let gradBias: Tensor | null = null;
  if (a.needInput) {
    const wT = w.reshape(groups, O / groups, groupCols).transpose(-1, -2); // [G, Cg*K, Og]
    const gradCols = wT.matmul(gradByGroup).reshape([...lead, C * g.kh * g.kw, L]);
    gradInput = image(gradCols, C, g).reshape(a.inputShape);
  }
  if (a.needWeight) {
    const cols = columns(asImage(x, spatial), g).reshape([...lead, groups, groupCols, L]);
    let gw = gradByGroup.matmul(cols.transpose(-1, -2)); // [N, G, Og, Cg*K]
    if (batched) gw = gw.sum(0);
    gradWeight = gw.reshape(a.weightShape);
  }
  if (a.needBias) {
    gradBias = grad.reshape([...lead, O, L]).sum(batched ? [0, 2] : [1]);
  }
  return [gradInput, gradWeight, gradBias];
};

function convolution(fn: string, spatial: number, input: Tensor, weight: Tensor, a: Record<string, unknown>): Tensor {
  input._check();
  weight._check();
  const bias = optionalTensor(fn, 'bias', a.bias);
  const { geometry: g, groups } = setup(fn, spatial, input, weight, bias, a);
  const batched = input.ndim === spatial + 2;
  const N = batched ? input.shape[0] : 1;
  const C = input.shape[input.ndim - spatial - 1];
  const O = weight.shape[0];
  const L = g.outH * g.outW;
  const groupCols = (C / groups) * g.kh * g.kw;
  const outShape = [...(batched ? [N] : []), O, ...(spatial === 2 ? [g.outH, g.outW] : [g.outW])];

  const result = forwardValue(() => {
    const cols = columns(asImage(input, spatial), g); // [N, C*K, L] (or [C*K, L])
    const colsByGroup = cols.view([...(batched ? [N] : []), groups, groupCols, L]);
    const product = weight.reshape(groups, O / groups, groupCols).matmul(colsByGroup); // [N, G, Og, L]
    const out = product.contiguous();
    // im2col's zeros stand for the padding, which contributes nothing: a non-finite weight must not meet them
    if (hasPadding(g)) convPaddingFixInto(asImage(input, spatial), weight.contiguous(), out, g, groups);
    if (bias !== null) {
      const b = bias.contiguous();
      addChannelBiasInPlace(out, b, N, O, L);
    }
    return out;
  });
  const output = result._view(outShape, contiguousStrides(outShape), result._offset);
  result.dispose();

  if (needsGrad(input, weight, bias)) {
    record('ConvolutionBackward0', [input, weight, bias], [output], convolutionBackward, [input, weight], {
      spatial, batched, N, C, O, L, groups, groupCols, g,
      inputShape: input.shape,
      weightShape: weight.shape,
      needInput: input._requiresGrad,
      needWeight: weight._requiresGrad,
      needBias: bias !== null && bias._requiresGrad,
    });
  }
  return output;
}
