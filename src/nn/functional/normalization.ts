// Normalisation layers: layer norm (a wasm kernel forward), batch norm and group norm; one backward formula.
//
// With xhat = (x - mean) * rstd over the normalised dims, y = xhat * weight + bias, and gxhat = grad * weight:
//   grad_x      = rstd * (gxhat - mean(gxhat) - xhat * mean(gxhat * xhat))
//   grad_weight = sum over the other dims of grad * xhat,   grad_bias = sum of grad
// (the standard derivation, e.g. PyTorch's layer_norm_backward). The formula is written with differentiable
// ops; when the backward itself is recorded (createGraph), mean and rstd are recomputed from x with
// differentiable ops too, so that second derivatives see their dependence on x.
import { isGradEnabled } from '../../autograd/grad-mode';
import type { BackwardFn } from '../../autograd/node';
import { needsGrad, record } from '../../autograd/record';
import { layerNormBackwardInto, layerNormInto } from '../../backend/nn-norm';
import { DTYPES } from '../../dtype';
import { DTypeError, ShapeError } from '../../errors';
import { defineOp } from '../../ops/define';
import { numelOf } from '../../shape';
import { Tensor } from '../../tensor';
import { namedArgs, optionalTensor, type PositionalOrOptions } from './args';
import { contiguousValue, forwardValue } from '../../autograd/forward-value';

const dims = (shape: readonly number[]) => `[${shape.join(', ')}]`;

/** How the normalised values are grouped: `group` views x so that `reduceDims` are the normalised dims. */
interface NormLayout {
  /** x's shape -> the grouped shape the statistics are taken over (identity for layer and batch norm). */
  groupedShape: number[];
  reduceDims: number[];
  /** weight/bias viewed to broadcast against x. */
  affineShape: number[];
}

/** mean and rstd = 1/sqrt(var + eps) (biased variance) over the layout's dims of the grouped x, keepdim. */
function moments(xg: Tensor, reduceDims: number[], eps: number): [Tensor, Tensor] {
  const mean = xg.mean(reduceDims, true);
  const centered = xg.sub(mean);
  const squared = centered.mul(centered);
  const variance = squared.mean(reduceDims, true);
  const shifted = variance.add(eps);
  const rstd = shifted.rsqrt();
  for (const t of [centered, squared, variance, shifted]) t.dispose();
  return [mean, rstd];
}

/** Which gradients the graph wants (fixed when the node is recorded). */
interface Wanted {
  x: boolean;
  weight: boolean;
  bias: boolean;
}

/** Layer norm's rows x D layout, for the first-order backward kernel (used when the backward is not recorded). */
interface RowLayout {
  rows: number;
  D: number;
  normShape: number[];
}

/** The normalisation node's args: what the backward needs besides the saved x, mean, rstd and weight. */
interface NormBackwardArgs {
  layout: NormLayout;
  /** Whether mean and rstd are functions of x (false for batch norm with running statistics). */
  statsFromInput: boolean;
  eps: number;
  wanted: Wanted;
  xShape: number[];
  wShape: number[] | null;
  bShape: number[] | null;
  /** Set for layer norm: first-order gradients come from one kernel pass. */
  rowLayout: RowLayout | null;
}

const normBackward: BackwardFn<NormBackwardArgs> = ([g], [xs, savedMean, savedRstd, w], a) => {
  if (a.rowLayout !== null && !isGradEnabled()) return layerNormKernelBackward(g, xs, w, savedMean, savedRstd, a.wanted, a.rowLayout);
  const { groupedShape, reduceDims, affineShape } = a.layout;
  const xg = xs.reshape(groupedShape);
  const [mean, rstd] = a.statsFromInput && isGradEnabled() ? moments(xg, reduceDims, a.eps) : [savedMean, savedRstd];
  const xhat = xg.sub(mean).mul(rstd);
  let gradX: Tensor | null = null;
  if (a.wanted.x) {
    const gxhat = (w !== undefined ? g.mul(w.reshape(affineShape)) : g).reshape(groupedShape);
    if (a.statsFromInput) {
      const meanG = gxhat.mean(reduceDims, true);
      const meanGX = gxhat.mul(xhat).mean(reduceDims, true);
      gradX = gxhat.sub(meanG).sub(xhat.mul(meanGX)).mul(rstd).reshape(a.xShape);
    } else {
      gradX = gxhat.mul(rstd).reshape(a.xShape);
    }
  }
  const gradW = a.wanted.weight ? g.mul(xhat.reshape(a.xShape)).sumToSize(affineShape).reshape(a.wShape!) : null;
  const gradB = a.wanted.bias ? g.sumToSize(affineShape).reshape(a.bShape!) : null;
  return [gradX, gradW, gradB];
};

/**
 * Records `name` on output y with the normalisation backward. `stats` are the forward's mean/rstd (grouped,
 * keepdim); `statsFromInput` says whether they are functions of x (false for batch norm with running statistics).
 */
function recordNorm(
  name: string,
  x: Tensor,
  weight: Tensor | null,
  bias: Tensor | null,
  y: Tensor,
  layout: NormLayout,
  stats: [Tensor, Tensor],
  statsFromInput: boolean,
  eps: number,
  rowLayout: RowLayout | null = null,
): void {
  if (!needsGrad(x, weight, bias)) return;
  const save = weight !== null ? [x, stats[0], stats[1], weight] : [x, stats[0], stats[1]];
  record(name, [x, weight, bias], [y], normBackward, save, {
    layout,
    statsFromInput,
    eps,
    wanted: { x: x._requiresGrad, weight: weight !== null && weight._requiresGrad, bias: bias !== null && bias._requiresGrad },
    xShape: x.shape,
    wShape: weight?.shape ?? null,
    bShape: bias?.shape ?? null,
    rowLayout,
  });
}

function checkFloat(fn: string, x: Tensor, others: (Tensor | null)[]): void {
  if (!DTYPES[x.dtype].isFloat) throw new DTypeError(`${fn}: expected a floating point input, got ${DTYPES[x.dtype].torchName}`);
  for (const t of others) {
    if (t !== null && t.dtype !== x.dtype) {
      throw new DTypeError(`${fn}: expected all tensors to have the same dtype, but got input ${DTYPES[x.dtype].torchName} and ${DTYPES[t.dtype].torchName}`);
    }
  }
}

/** The trailing arguments named after `names` (see namedArgs), and those every norm takes: weight, bias, eps (default 1e-5). */
function normArgs(fn: string, names: readonly string[], args: readonly unknown[]) {
  const a = namedArgs(fn, names, args);
  const weight = optionalTensor(fn, 'weight', a.weight);
  const bias = optionalTensor(fn, 'bias', a.bias);
  return { a, weight, bias, eps: (a.eps ?? 1e-5) as number };
}

/** Applies y = (xg - mean) * rstd, then the affine transform, without recording (the caller records). */
function normalizeAffine(x: Tensor, layout: NormLayout, mean: Tensor, rstd: Tensor, weight: Tensor | null, bias: Tensor | null): Tensor {
  return forwardValue(() => {
    let y = x.reshape(layout.groupedShape).sub(mean).mul(rstd).reshape(x.shape);
    if (weight !== null) y = y.mul(weight.reshape(layout.affineShape));
    if (bias !== null) y = y.add(bias.reshape(layout.affineShape));
    return y;
  });
}

/** The options of layer_norm and group_norm. */
export interface LayerNormOptions {
  weight?: Tensor | null;
  bias?: Tensor | null;
  eps?: number;
}

export type GroupNormOptions = LayerNormOptions;

/**
 * F.layer_norm(input, normalizedShape, weight?, bias?, eps=1e-5): normalises over the last
 * normalizedShape.length dims; NativeLayerNormBackward0.
 */
export const layerNorm = defineOp('layerNorm', (
  input: Tensor,
  normalizedShape: number | readonly number[],
  ...args: PositionalOrOptions<[weight: Tensor | null, bias: Tensor | null, eps: number], LayerNormOptions>
): Tensor => {
  input._check();
  const { weight, bias, eps } = normArgs('layer_norm', ['weight', 'bias', 'eps'], args);
  const normShape = typeof normalizedShape === 'number' ? [normalizedShape] : Array.from(normalizedShape);
  if (normShape.length === 0) {
    throw new ShapeError('Expected normalized_shape to be at least 1-dimensional, i.e., containing at least one element, but got normalized_shape = []');
  }
  for (const [label, t] of [['weight', weight], ['bias', bias]] as const) {
    if (t !== null && (t.ndim !== normShape.length || t.shape.some((s, i) => s !== normShape[i]))) {
      throw new ShapeError(`Expected ${label} to be of same shape as normalized_shape, but got ${label} of shape ${dims(t.shape)} and normalized_shape = ${dims(normShape)}`);
    }
  }
  const k = normShape.length;
  if (input.ndim < k || input.shape.slice(-k).some((s, i) => s !== normShape[i])) {
    throw new ShapeError(`Given normalized_shape=${dims(normShape)}, expected input with shape [*, ${normShape.join(', ')}], but got input of size${dims(input.shape)}`);
  }
  checkFloat('layer_norm', input, [weight, bias]);
  const D = numelOf(normShape);
  const batchShape = input.shape.slice(0, input.ndim - k);
  const statShape = [...batchShape, ...normShape.map(() => 1)];
  const src = contiguousValue(input);
  const plain = (t: Tensor | null) => (t === null ? null : contiguousValue(t));
  const w = plain(weight);
  const b = plain(bias);
  const out = Tensor._empty(input.shape.slice(), input.dtype);
  const mean = Tensor._empty(statShape, input.dtype);
  const rstd = Tensor._empty(statShape.slice(), input.dtype);
  const rows = numelOf(batchShape);
  if (rows > 0 && D > 0) layerNormInto(src, out, w, b, mean, rstd, rows, D, eps);
  for (const [copy, original] of [[src, input], [w, weight], [b, bias]] as const) if (copy !== original) copy!.dispose();
  const reduceDims = normShape.map((_, i) => batchShape.length + i);
  const layout: NormLayout = { groupedShape: input.shape, reduceDims, affineShape: normShape };
  recordNorm('NativeLayerNormBackward0', input, weight, bias, out, layout, [mean, rstd], true, eps, { rows, D, normShape });
  mean.dispose();
  rstd.dispose();
  return out;
}, { method: null });

/** The first-order layer norm backward in one kernel pass over the rows. */
function layerNormKernelBackward(g: Tensor, x: Tensor, weight: Tensor | undefined, mean: Tensor, rstd: Tensor, wanted: Wanted, { rows, D, normShape }: RowLayout): (Tensor | null)[] {
  const gc = g.contiguous();
  const xc = x.contiguous();
  const wc = weight?.contiguous() ?? null;
  const gx = wanted.x ? Tensor._emptyLike(x) : null;
  const gw = wanted.weight ? Tensor._empty(normShape.slice(), x.dtype) : null;
  const gb = wanted.bias ? Tensor._empty(normShape.slice(), x.dtype) : null;
  if (D > 0) layerNormBackwardInto(gc, xc, wc, mean, rstd, gx, gw, gb, rows, D);
  for (const [copy, original] of [[gc, g], [xc, x], [wc, weight ?? null]] as const) if (copy !== original) copy!.dispose();
  return [gx, gw, gb];
}

export interface BatchNormOptions {
  weight?: Tensor | null;
  bias?: Tensor | null;
  training?: boolean;
  momentum?: number;
  eps?: number;
}

/**
 * F.batch_norm(input, runningMean, runningVar, weight?, bias?, training=false, momentum=0.1, eps=1e-5):
 * input [N, C, *]. Training normalises with the batch statistics over every dim but 1 and updates the running
 * statistics in place (the variance with Bessel's correction); otherwise the running statistics are used.
 * NativeBatchNormBackward0.
 */
export const batchNorm = defineOp('batchNorm', (
  input: Tensor,
  runningMean: Tensor | null,
  runningVar: Tensor | null,
  ...args: PositionalOrOptions<[weight: Tensor | null, bias: Tensor | null, training: boolean, momentum: number, eps: number], BatchNormOptions>
): Tensor => {
  input._check();
  const { a, weight, bias, eps } = normArgs('batch_norm', ['weight', 'bias', 'training', 'momentum', 'eps'], args);
  const training = Boolean(a.training ?? false);
  const momentum = (a.momentum ?? 0.1) as number;
  if (input.ndim < 2) throw new ShapeError(`batch_norm: expected input with at least 2 dims [N, C, *], but got input of size ${dims(input.shape)}`);
  const C = input.shape[1];
  for (const [label, t] of [['weight', weight], ['bias', bias], ['running_mean', runningMean], ['running_var', runningVar]] as const) {
    if (t != null && (t.ndim !== 1 || t.shape[0] !== C)) {
      throw new ShapeError(`${label} should contain ${C} elements not ${t.numel()}`);
    }
  }
  checkFloat('batch_norm', input, [weight, bias]);
  const reduceDims = input.shape.map((_, i) => i).filter((i) => i !== 1);
  const affineShape = input.shape.map((s, i) => (i === 1 ? s : 1));
  const layout: NormLayout = { groupedShape: input.shape, reduceDims, affineShape };
  let mean: Tensor;
  let rstd: Tensor;
  if (training) {
    const count = input.numel() / C;
    // F.batch_norm's _verify_batch_size refuses exactly one value per channel; an empty batch passes (and, as in
    // PyTorch, leaves the running statistics as they are)
    if (count === 1) throw new RangeError(`Expected more than 1 value per channel when training, got input size torch.Size(${dims(input.shape)})`);
    [mean, rstd] = forwardValue(() => moments(input, reduceDims, eps));
    if (count > 0 && (runningMean != null || runningVar != null)) {
      forwardValue(() => {
        if (runningMean != null) runningMean.copy_(runningMean.mul(1 - momentum).add(mean.reshape([C]).mul(momentum)));
        if (runningVar != null) {
          // biased var = 1/rstd^2 - eps; the running variance is unbiased: times n / (n - 1)
          const biased = rstd.reshape([C]).pow(-2).sub(eps);
          runningVar.copy_(runningVar.mul(1 - momentum).add(biased.mul((momentum * count) / (count - 1))));
        }
      });
    }
  } else {
    if (runningMean == null || runningVar == null) throw new TypeError('batch_norm: running_mean and running_var must be defined in evaluation mode');
    [mean, rstd] = forwardValue(() => [runningMean.reshape(affineShape), runningVar.reshape(affineShape).add(eps).rsqrt()]);
  }
  const out = normalizeAffine(input, layout, mean, rstd, weight, bias);
  recordNorm('NativeBatchNormBackward0', input, weight, bias, out, layout, [mean, rstd], training, eps);
  mean.dispose();
  rstd.dispose();
  return out;
}, { method: null });

/**
 * F.group_norm(input, numGroups, weight?, bias?, eps=1e-5): input [N, C, *], channels split into numGroups
 * groups each normalised over its channels and spatial dims; weight/bias per channel. NativeGroupNormBackward0.
 */
export const groupNorm = defineOp('groupNorm', (
  input: Tensor,
  numGroups: number,
  ...args: PositionalOrOptions<[weight: Tensor | null, bias: Tensor | null, eps: number], GroupNormOptions>
): Tensor => {
  input._check();
  const { weight, bias, eps } = normArgs('group_norm', ['weight', 'bias', 'eps'], args);
  if (input.ndim < 2) throw new ShapeError(`Expected at least 2 dimensions for input tensor but received ${input.ndim}`);
  const [N, C] = input.shape;
  if (Number.isInteger(numGroups) && numGroups > 0) {
    // F.group_norm's _verify_batch_size on [N * C // G, G, *spatial]: one value per group-and-sample is refused
    const size = [Math.floor((N * C) / numGroups), numGroups, ...input.shape.slice(2)];
    if (size[0] * numelOf(size.slice(2)) === 1) throw new RangeError(`Expected more than 1 value per channel when training, got input size ${dims(size)}`);
  }
  if (!Number.isInteger(numGroups) || numGroups <= 0 || C % numGroups !== 0) {
    throw new ShapeError(`Expected number of channels in input to be divisible by num_groups, but got input of shape ${dims(input.shape)} and num_groups=${numGroups}`);
  }
  for (const [label, t] of [['weight', weight], ['bias', bias]] as const) {
    if (t !== null && (t.ndim !== 1 || t.shape[0] !== C)) {
      throw new ShapeError(`Expected ${label} to be a vector of size equal to the number of channels in input, but got ${label} of shape ${dims(t.shape)} and input of shape ${dims(input.shape)}`);
    }
  }
  checkFloat('group_norm', input, [weight, bias]);
  const layout: NormLayout = {
    groupedShape: [N, numGroups, input.numel() / Math.max(1, N * numGroups)],
    reduceDims: [2],
    affineShape: input.shape.map((s, i) => (i === 1 ? s : 1)),
  };
  const [mean, rstd] = forwardValue(() => moments(input.reshape(layout.groupedShape), [2], eps));
  const out = normalizeAffine(input, layout, mean, rstd, weight, bias);
  recordNorm('NativeGroupNormBackward0', input, weight, bias, out, layout, [mean, rstd], true, eps);
  mean.dispose();
  rstd.dispose();
  return out;
}, { method: null });
