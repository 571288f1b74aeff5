// Loss functions with PyTorch's reductions, numerics and grad_fn names.
// Losses that PyTorch implements natively (mse, smooth L1, Huber, NLL, BCE, BCE with logits) compute their
// forward value outside autograd and record one node whose backward is written with differentiable ops;
// losses that PyTorch composes (l1, cross entropy) are composed here the same way.
// PyTorch's deprecated size_average/reduce parameters are not taken: the positional order skips them and
// `reduction` replaces them.
import type { BackwardFn } from '../../autograd/node';
import { needsGrad, record } from '../../autograd/record';
import { binaryCrossEntropyInto, nllGradCoefficientsInto, nllLossInto } from '../../backend/nn-loss';
import { full } from '../../creation/factories';
import { DTYPES } from '../../dtype';
import { DTypeError, IndexError, ShapeError } from '../../errors';
import { broadcastShapes, numelOf, sameShape } from '../../shape';
import { tidy } from '../../lifetime';
import { defineOp } from '../../ops/define';
import { Tensor } from '../../tensor';
import { checkReduction, namedArgs, optionalTensor, type PositionalOrOptions, type Reduction } from './args';
import { contiguousValue, forwardValue } from '../../autograd/forward-value';

const dims = (shape: readonly number[]) => `[${shape.join(', ')}]`;

/** PyTorch's apply_loss_reduction on an elementwise loss (the caller disposes `loss` when it is a temporary). */
function reduce(loss: Tensor, reduction: Reduction): Tensor {
  if (reduction === 'none') return loss;
  return reduction === 'sum' ? loss.sum() : loss.mean();
}

/**
 * Scales an elementwise gradient like the reduction did: g is the upstream gradient (a scalar for mean/sum),
 * `count` the number of elements averaged.
 */
function unreduce(g: Tensor, reduction: Reduction, count: number): Tensor {
  return reduction === 'mean' ? g.div(count) : g;
}

/** What a pairwise loss's backward needs: the reduction, the number of elements averaged, the two input shapes. */
interface PairArgs {
  reduction: Reduction;
  count: number;
  inShape: number[];
  tShape: number[];
}

/** Huber-type losses also clamp the slope at delta and scale it. */
interface HuberArgs extends PairArgs {
  delta: number;
  scale: number;
}

function checkFloat(fn: string, ...ts: Tensor[]): void {
  for (const t of ts) {
    t._check();
    if (!DTYPES[t.dtype].isFloat) throw new DTypeError(`${fn}: expected a floating point tensor, got ${DTYPES[t.dtype].torchName}`);
  }
}

/** Elementwise losses broadcast input and target (PyTorch warns when their sizes differ; the result is the same). */
function pairShape(input: Tensor, target: Tensor): number[] {
  return sameShape(input.shape, target.shape) ? input.shape : broadcastShapes(input.shape, target.shape);
}

/**
 * PyTorch multiplies the elementwise loss by the weights in place (loss.mul_(weight)), so a weight may broadcast to the
 * input's shape but not enlarge it.
 */
function checkWeightFits(input: Tensor, ...weights: (Tensor | null)[]): void {
  for (const w of weights) {
    if (w === null || sameShape(w.shape, input.shape)) continue;
    const shape = broadcastShapes(input.shape, w.shape);
    if (!sameShape(shape, input.shape)) throw new ShapeError(`output with shape ${dims(input.shape)} doesn't match the broadcast shape ${dims(shape)}`);
  }
}

interface ReductionOptions {
  reduction?: Reduction;
}

type ReductionArgs = PositionalOrOptions<[reduction: Reduction], ReductionOptions>;

const mseLossBackward: BackwardFn<PairArgs> = ([g], [x, t], a) => {
  const gx = unreduce(g, a.reduction, a.count).mul(x.sub(t)).mul(2);
  return [gx.sumToSize(a.inShape), gx.neg().sumToSize(a.tShape)];
};

/** F.mse_loss(input, target, reduction='mean'): (input - target)^2; MseLossBackward0. */
export const mseLoss = defineOp('mseLoss', (input: Tensor, target: Tensor, ...args: ReductionArgs): Tensor => {
  checkFloat('mse_loss', input, target);
  const reduction = checkReduction(namedArgs('mse_loss', ['reduction'], args).reduction ?? 'mean');
  const count = numelOf(pairShape(input, target));
  const out = forwardValue(() => {
    const d = input.sub(target);
    return reduce(d.mul(d), reduction);
  });
  if (needsGrad(input, target)) {
    record('MseLossBackward0', [input, target], [out], mseLossBackward, [input, target], { reduction, count, inShape: input.shape, tShape: target.shape });
  }
  return out;
}, { method: null });

/** F.l1_loss(input, target, reduction='mean'): |input - target|, composed as PyTorch does (grad_fn of the reduction). */
export const l1Loss = defineOp('l1Loss', (input: Tensor, target: Tensor, ...args: ReductionArgs): Tensor => {
  checkFloat('l1_loss', input, target);
  const reduction = checkReduction(namedArgs('l1_loss', ['reduction'], args).reduction ?? 'mean');
  const d = input.sub(target);
  const a = d.abs();
  d.dispose();
  const out = reduce(a, reduction);
  if (out !== a) a.dispose();
  return out;
}, { method: null });

const huberBackward: BackwardFn<HuberArgs> = ([g], [x, t], a) => {
  let slope = x.sub(t).clamp(-a.delta, a.delta);
  if (a.scale !== 1) slope = slope.mul(a.scale);
  const gx = unreduce(g, a.reduction, a.count).mul(slope);
  return [gx.sumToSize(a.inShape), gx.neg().sumToSize(a.tShape)];
};

/**
 * The Huber-type losses via c = min(|d|, delta): loss = c * (|d| - c/2), i.e. d^2/2 inside [-delta, delta] and
 * delta * (|d| - delta/2) outside; the gradient is clamp(d, -delta, delta). Smooth L1 is Huber / beta.
 */
function huberLike(name: string, input: Tensor, target: Tensor, reduction: Reduction, delta: number, scale: number): Tensor {
  const count = numelOf(pairShape(input, target));
  const out = forwardValue(() => {
    const a = input.sub(target).abs();
    const c = a.clamp(null, delta);
    const loss = c.mul(a.sub(c.mul(0.5)));
    return reduce(scale === 1 ? loss : loss.mul(scale), reduction);
  });
  if (needsGrad(input, target)) {
    record(name, [input, target], [out], huberBackward, [input, target], { reduction, count, inShape: input.shape, tShape: target.shape, delta, scale });
  }
  return out;
}

export interface SmoothL1Options extends ReductionOptions {
  beta?: number;
}

/** F.smooth_l1_loss(input, target, reduction='mean', beta=1): 0.5 d^2 / beta if |d| < beta else |d| - beta/2; SmoothL1LossBackward0. */
export const smoothL1Loss = defineOp('smoothL1Loss', (input: Tensor, target: Tensor, ...args: PositionalOrOptions<[reduction: Reduction, beta: number], SmoothL1Options>): Tensor => {
  checkFloat('smooth_l1_loss', input, target);
  const a = namedArgs('smooth_l1_loss', ['reduction', 'beta'], args);
  const reduction = checkReduction(a.reduction ?? 'mean');
  const beta = (a.beta ?? 1) as number;
  if (beta < 0) throw new RangeError('smooth_l1_loss does not support negative values for beta.');
  if (beta === 0) return l1Loss(input, target, reduction);
  return huberLike('SmoothL1LossBackward0', input, target, reduction, beta, 1 / beta);
}, { method: null });

export interface HuberOptions extends ReductionOptions {
  delta?: number;
}

/** F.huber_loss(input, target, reduction='mean', delta=1): 0.5 d^2 if |d| < delta else delta (|d| - delta/2); HuberLossBackward0. */
export const huberLoss = defineOp('huberLoss', (input: Tensor, target: Tensor, ...args: PositionalOrOptions<[reduction: Reduction, delta: number], HuberOptions>): Tensor => {
  checkFloat('huber_loss', input, target);
  const a = namedArgs('huber_loss', ['reduction', 'delta'], args);
  const reduction = checkReduction(a.reduction ?? 'mean');
  const delta = (a.delta ?? 1) as number;
  if (!(delta > 0)) throw new RangeError('huber_loss does not support non-positive values for delta.');
  return huberLike('HuberLossBackward0', input, target, reduction, delta, 1);
}, { method: null });

// ---------------------------------------------------------------- negative log-likelihood, cross entropy

export interface NllLossOptions extends ReductionOptions {
  weight?: Tensor | null;
  ignoreIndex?: number;
}

/** Input [N, C, *] (or [C]) as the kernels' [N, C, S] layout, with the matching target checks. */
function classLayout(fn: string, input: Tensor, target: Tensor): { N: number; C: number; S: number } {
  if (target.dtype !== 'int32') {
    throw new DTypeError(`${fn}: expected target of class indices with dtype torch.int32, but got ${DTYPES[target.dtype].torchName}`);
  }
  if (input.ndim < 1) throw new ShapeError(`${fn}: input tensor should be 1D or more, but got a 0-dim tensor`);
  if (input.ndim === 1) {
    if (target.ndim !== 0) throw new ShapeError(`1D target tensor expected, multi-target not supported`);
    return { N: 1, C: input.shape[0], S: 1 };
  }
  const N = input.shape[0];
  const C = input.shape[1];
  const expected = [N, ...input.shape.slice(2)];
  if (target.shape[0] !== N) {
    throw new ShapeError(`Expected input batch_size (${N}) to match target batch_size (${target.shape[0]}).`);
  }
  if (!sameShape(target.shape, expected)) {
    throw new ShapeError(input.ndim === 2 ? '1D target tensor expected, multi-target not supported' : `Expected target size ${dims(expected)}, got ${dims(target.shape)}`);
  }
  return { N, C, S: numelOf(input.shape.slice(2)) };
}

/**
 * F.nll_loss(input, target, weight?, ignoreIndex=-100, reduction='mean'): input [N, C, *] log-probabilities,
 * target [N, *] int32 class indices; loss -weight[t] * input[t], averaged over the weights of the counted
 * targets for 'mean'. NllLossBackward0 (NllLoss2DBackward0 for 4-D input).
 */
export const nllLoss = defineOp('nllLoss', (
  input: Tensor,
  target: Tensor,
  ...args: PositionalOrOptions<[weight: Tensor | null, ignoreIndex: number, reduction: Reduction], NllLossOptions>
): Tensor => {
  const a = namedArgs('nll_loss', ['weight', 'ignoreIndex', 'reduction'], args);
  return nllCore(input, target, optionalTensor('nll_loss', 'weight', a.weight), (a.ignoreIndex ?? -100) as number, checkReduction(a.reduction ?? 'mean')).loss;
}, { method: null });

/** The NLL node's args: the [N, C, S] layout, the input's shape, the ignored class and the gradient's scale. */
interface NllArgs {
  N: number;
  C: number;
  S: number;
  inShape: number[];
  ignoreIndex: number;
  scale: number;
  /** 'none' on a batched input: the gradient has the target's shape and multiplies every class of its sample. */
  perSample: boolean;
}

const nllLossBackward: BackwardFn<NllArgs> = ([g], [target, weight], a) => {
  const coefficients = Tensor._empty(a.inShape.slice(), g.dtype);
  nllGradCoefficientsInto(target, weight ?? null, coefficients, a.N, a.C, a.S, a.ignoreIndex, a.scale);
  return [coefficients.mul(a.perSample ? g.unsqueeze(1) : g), null];
};

/** nll_loss, and the total weight of the counted targets (the 'mean' denominator). */
function nllCore(input: Tensor, target: Tensor, weight: Tensor | null, ignoreIndex: number, reduction: Reduction): { loss: Tensor; weightSum: number } {
  checkFloat('nll_loss', input);
  target._check();
  const { N, C, S } = classLayout('nll_loss', input, target);
  if (weight !== null && (weight.ndim !== 1 || weight.shape[0] !== C)) {
    throw new ShapeError(`weight tensor should be defined either for all ${C} classes or no classes but got weight tensor of shape: ${dims(weight.shape)}`);
  }
  if (weight !== null && weight.dtype !== input.dtype) {
    throw new DTypeError(`nll_loss: expected weight of dtype ${DTYPES[input.dtype].torchName}, but got ${DTYPES[weight.dtype].torchName}`);
  }
  const x = contiguousValue(input);
  const t = contiguousValue(target);
  const w = weight === null ? null : contiguousValue(weight);
  const lossShape = input.ndim === 1 ? [] : target.shape.slice();
  const perSample = Tensor._empty(lossShape, input.dtype);
  const { lossSum, weightSum, badTarget } = nllLossInto(x, t, w, perSample, N, C, S, ignoreIndex);
  if (badTarget !== null) {
    for (const [copy, original] of [[x, input], [t, target], [w, weight]] as const) if (copy !== original) copy!.dispose();
    perSample.dispose();
    throw new IndexError(`Target ${badTarget} is out of bounds.`);
  }
  if (x !== input) x.dispose();
  let out: Tensor;
  if (reduction === 'none') out = perSample;
  else {
    perSample.dispose();
    out = full([], reduction === 'sum' ? lossSum : lossSum / weightSum, { dtype: input.dtype });
  }
  if (needsGrad(input)) {
    const name = input.ndim === 4 ? 'NllLoss2DBackward0' : 'NllLossBackward0';
    record(name, [input, weight], [out], nllLossBackward, w !== null ? [t, w] : [t], {
      N, C, S, ignoreIndex,
      inShape: input.shape,
      scale: reduction === 'mean' ? 1 / weightSum : 1,
      perSample: reduction === 'none' && input.ndim > 1,
    });
  }
  // the node holds its own handles on the saved target and weight, so their contiguous copies go now
  if (t !== target) t.dispose();
  if (w !== null && w !== weight) w.dispose();
  return { loss: out, weightSum };
}

export interface CrossEntropyOptions extends NllLossOptions {
  labelSmoothing?: number;
}

/**
 * F.cross_entropy(input, target, weight?, ignoreIndex=-100, reduction='mean', labelSmoothing=0): input [N, C, *]
 * (or [C]) logits; target int32 class indices [N, *], or class probabilities shaped like input. Composed as
 * PyTorch does: log_softmax over the class dim, then nll_loss (or the probability-weighted sum), with label
 * smoothing mixing in the uniform distribution.
 */
export const crossEntropy = defineOp('crossEntropy', (
  input: Tensor,
  target: Tensor,
  ...args: PositionalOrOptions<[weight: Tensor | null, ignoreIndex: number, reduction: Reduction, labelSmoothing: number], CrossEntropyOptions>
): Tensor => {
  input._check();
  target._check();
  const a = namedArgs('cross_entropy', ['weight', 'ignoreIndex', 'reduction', 'labelSmoothing'], args);
  const weight = optionalTensor('cross_entropy', 'weight', a.weight);
  const ignoreIndex = (a.ignoreIndex ?? -100) as number;
  const reduction = checkReduction(a.reduction ?? 'mean');
  const smoothing = (a.labelSmoothing ?? 0) as number;
  if (!(smoothing >= 0 && smoothing <= 1)) throw new RangeError(`label_smoothing must be between 0.0 and 1.0. Got: ${smoothing}`);
  checkFloat('cross_entropy', input);
  const classDim = input.ndim === 1 ? 0 : 1;
  const C = input.shape[classDim];
  const weightView = weight === null ? null : input.shape.map((s, i) => (i === classDim ? C : 1));
  const probabilities = DTYPES[target.dtype].isFloat;
  if (probabilities && !sameShape(input.shape, target.shape)) {
    throw new ShapeError(
      `Expected input and target of the same shape for class probabilities, but got input of size ${dims(input.shape)} and target of size ${dims(target.shape)}`,
    );
  }
  // composed of recorded ops; tidy frees the intermediate tensors (the graph keeps what it saved)
  return tidy(() => {
    const logp = input.logSoftmax(classDim);

    if (probabilities) {
      const t = smoothing > 0 ? target.mul(1 - smoothing).add(smoothing / C) : target;
      let prod = logp.mul(t);
      if (weight !== null) prod = prod.mul(weight.reshape(weightView!));
      if (reduction === 'none') return prod.sum(classDim).neg();
      const total = prod.sum().neg();
      return reduction === 'sum' ? total : total.div(input.numel() / C);
    }

    const { loss: nll, weightSum } = nllCore(logp, target, weight, ignoreIndex, reduction);
    if (smoothing === 0) return nll;
    // label smoothing: (1 - s) * nll + s / C * smooth, smooth = -sum_c w_c logp_c per sample (0 where ignored),
    // averaged like nll (over the weights of the counted targets, or their number without weights).
    const weighted = weight === null ? logp : logp.mul(weight.reshape(weightView!));
    // ignored targets are filled with 0, not multiplied by 0: with every target ignored the mean divides by a zero
    // weight, and the gradient must stay 0 there (PyTorch's masked_fill), not become 0 * inf
    let smooth = weighted.sum(classDim).neg().maskedFill(target.eq(ignoreIndex), 0);
    if (reduction !== 'none') {
      const total = smooth.sum();
      smooth = reduction === 'sum' ? total : total.div(weightSum);
    }
    return nll.mul(1 - smoothing).add(smooth.mul(smoothing / C));
  });
}, { method: null });

// ---------------------------------------------------------------- binary cross entropy

export interface BceOptions extends ReductionOptions {
  weight?: Tensor | null;
}

/**
 * PyTorch's clamp of x (1 - x) in binary cross entropy's input gradient: its EPSILON is a float constant, so the clamp
 * is 1e-12 rounded to float32 in every dtype.
 */
const BCE_EPSILON = Math.fround(1e-12);

const binaryCrossEntropyBackward: BackwardFn<PairArgs> = ([g], [x, t, w], a) => {
  let scale = unreduce(g, a.reduction, a.count);
  if (w !== undefined) scale = scale.mul(w);
  const gx = scale.mul(x.sub(t)).div(x.mul(x.neg().add(1)).clamp(BCE_EPSILON, null));
  // d/dt = log(1 - x) - log(x)
  const gt = scale.mul(x.neg().log1p().sub(x.log()));
  return [gx.sumToSize(a.inShape), gt.sumToSize(a.tShape), null];
};

/**
 * F.binary_cross_entropy(input, target, weight?, reduction='mean'): input probabilities in [0, 1];
 * -w (t log x + (1 - t) log(1 - x)) with the logs clamped at -100 as in PyTorch; BinaryCrossEntropyBackward0.
 */
export const binaryCrossEntropy = defineOp('binaryCrossEntropy', (
  input: Tensor,
  target: Tensor,
  ...args: PositionalOrOptions<[weight: Tensor | null, reduction: Reduction], BceOptions>
): Tensor => {
  checkFloat('binary_cross_entropy', input, target);
  const a = namedArgs('binary_cross_entropy', ['weight', 'reduction'], args);
  const weight = optionalTensor('binary_cross_entropy', 'weight', a.weight);
  const reduction = checkReduction(a.reduction ?? 'mean');
  if (!sameShape(input.shape, target.shape)) {
    throw new ShapeError(
      `Using a target size (${dims(target.shape)}) that is different to the input size (${dims(input.shape)}) is deprecated. Please ensure they have the same size.`,
    );
  }
  checkWeightFits(input, weight);
  const count = input.numel();
  const out = forwardValue(() => {
    const x = input.contiguous();
    const t = target.dtype === input.dtype ? target.contiguous() : target.to(input.dtype);
    const loss = Tensor._empty(input.shape.slice(), input.dtype);
    const bad = binaryCrossEntropyInto(x, t, loss);
    if (bad >= 0) throw new RangeError(`all elements of ${bad % 2 === 0 ? 'input' : 'target'} should be between 0 and 1`);
    return reduce(weight === null ? loss : loss.mul(weight), reduction);
  });
  if (needsGrad(input, target, weight)) {
    const save = weight !== null ? [input, target, weight] : [input, target];
    record('BinaryCrossEntropyBackward0', [input, target, weight], [out], binaryCrossEntropyBackward, save, {
      reduction, count, inShape: input.shape, tShape: target.shape,
    });
  }
  return out;
}, { method: null });

export interface BceWithLogitsOptions extends BceOptions {
  posWeight?: Tensor | null;
}

/** log(sigmoid(x)) = min(x, 0) - log1p(exp(-|x|)), which never overflows. */
function logSigmoid(x: Tensor): Tensor {
  return x.clamp(null, 0).sub(x.abs().neg().exp().log1p());
}

/** The saved tensors are input, target, then the weight (when hasWeight) and posWeight (when given). */
const bceWithLogitsBackward: BackwardFn<PairArgs & { hasWeight: boolean }> = ([g], saved, a) => {
  const [x, t] = saved;
  const w = a.hasWeight ? saved[2] : null;
  const p = saved[a.hasWeight ? 3 : 2] ?? null;
  let scale = unreduce(g, a.reduction, a.count);
  if (w !== null) scale = scale.mul(w);
  let gx: Tensor;
  let gt: Tensor;
  if (p === null) {
    gx = x.sigmoid().sub(t);
    gt = x.neg();
  } else {
    const pt = p.mul(t);
    gx = pt.add(1).sub(t).mul(x.sigmoid()).sub(pt);
    gt = logSigmoid(x.neg()).sub(p.mul(logSigmoid(x)));
  }
  return [scale.mul(gx).sumToSize(a.inShape), scale.mul(gt).sumToSize(a.tShape), null, null];
};

/**
 * F.binary_cross_entropy_with_logits(input, target, weight?, reduction='mean', posWeight?):
 *   loss = (1 - t) x - (1 + (p - 1) t) log_sigmoid(x)       (p = posWeight, 1 without)
 * with log_sigmoid(x) = min(x, 0) - log1p(exp(-|x|)), which never overflows.
 * Gradients: d/dx = (1 + (p - 1) t) sigmoid(x) - p t,  d/dt = log_sigmoid(-x) - p log_sigmoid(x).
 * BinaryCrossEntropyWithLogitsBackward0.
 */
export const binaryCrossEntropyWithLogits = defineOp('binaryCrossEntropyWithLogits', (
  input: Tensor,
  target: Tensor,
  ...args: PositionalOrOptions<[weight: Tensor | null, reduction: Reduction, posWeight: Tensor | null], BceWithLogitsOptions>
): Tensor => {
  checkFloat('binary_cross_entropy_with_logits', input, target);
  const a = namedArgs('binary_cross_entropy_with_logits', ['weight', 'reduction', 'posWeight'], args);
  const weight = optionalTensor('binary_cross_entropy_with_logits', 'weight', a.weight);
  const posWeight = optionalTensor('binary_cross_entropy_with_logits', 'posWeight', a.posWeight);
  const reduction = checkReduction(a.reduction ?? 'mean');
  if (!sameShape(input.shape, target.shape)) {
    throw new ShapeError(`Target size (${dims(target.shape)}) must be the same as input size (${dims(input.shape)})`);
  }
  checkWeightFits(input, weight, posWeight);
  const count = input.numel();
  const out = forwardValue(() => {
    const logSigX = logSigmoid(input);
    let loss: Tensor;
    if (posWeight === null) loss = target.neg().add(1).mul(input).sub(logSigX);
    else loss = target.neg().add(1).mul(input).sub(posWeight.sub(1).mul(target).add(1).mul(logSigX));
    if (weight !== null) loss = loss.mul(weight);
    return reduce(loss, reduction);
  });
  if (needsGrad(input, target, weight, posWeight)) {
    const save = [input, target, ...(weight !== null ? [weight] : []), ...(posWeight !== null ? [posWeight] : [])];
    record('BinaryCrossEntropyWithLogitsBackward0', [input, target, weight, posWeight], [out], bceWithLogitsBackward, save, {
      reduction, count, inShape: input.shape, tShape: target.shape, hasWeight: weight !== null,
    });
  }
  return out;
}, { method: null });
