// Gradients of the shape-building and indexing ops, in float64: vector-Jacobian products against central finite
// differences, grad_fn names against PyTorch's, and second-order graphs. Every op here is linear in its float
// inputs, so the differentiated backward (createGraph) must give the Jacobian-vector product J v:
// grad(grad(out, x, w), w, v) = J v, which is checked against (f(x + v) - f(x - v)) / 2.
import { describe, expect, it } from 'vitest';
import { grad, noGrad, tensor, tidy, Tensor } from '../src/index';
import {
  cat, chunk, diag, diagEmbed, flip, gather, indexAdd, indexSelect, maskedSelect, pad, repeat, roll, scatter,
  scatter_, scatterAdd, split, stack, take, tile, tril, triu, unbind,
} from '../src/ops/indexing';
import { mulberry32 } from './support/random';
import { values } from './support/tensor-values';

const rand = mulberry32(99);

const numel = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);
const randomValues = (n: number) => Array.from({ length: n }, () => Math.round((rand() * 4 - 2) * 64) / 64);
const f64 = (data: number[], shape: number[]) => tensor(Float64Array.from(data), { dtype: 'float64' }).reshape(shape);
const leaf = (shape: number[]) => f64(randomValues(numel(shape)), shape).detach().requiresGrad_(true);
const index = (data: number[], shape: number[] = [data.length]) => tensor(Int32Array.from(data), { dtype: 'int32' }).reshape(shape);

const dot = (a: number[], b: number[]) => a.reduce((s, v, i) => s + v * b[i], 0);

/** f at inputs whose values are replaced (input k gets `replace`), evaluated without recording. */
function evaluateWith(f: (xs: Tensor[]) => Tensor, inputs: Tensor[], k: number, replace: number[]): number[] {
  return noGrad(() =>
    tidy(() => {
      const xs = inputs.map((x, i) => (i === k ? f64(replace, x.shape) : x.detach()));
      return values(f(xs));
    }),
  );
}

/**
 * Checks, for every input: the VJP against central differences of <f, w>, and the double-backward JVP against
 * central differences along a random direction. Returns the output for further checks.
 */
function checkGradients(f: (xs: Tensor[]) => Tensor, inputs: Tensor[], gradFnName: string): void {
  const out = f(inputs);
  expect(out.gradFn?.name()).toBe(gradFnName);
  const w = f64(randomValues(out.numel()), out.shape).requiresGrad_(true);
  const vjps = grad(out, inputs, { gradOutputs: w, createGraph: true, allowUnused: true });
  inputs.forEach((x, k) => {
    const base = values(x);
    const g = vjps[k];
    expect(g, `input ${k} gets a gradient`).not.toBeNull();
    expect(g!.shape).toEqual(x.shape);
    // VJP: d<f, w>/dx_j by central differences (exact up to rounding for a linear f; h = 1 keeps it so).
    const wv = values(w);
    const numeric = base.map((_, j) => {
      const plus = base.slice();
      const minus = base.slice();
      plus[j] += 1;
      minus[j] -= 1;
      return (dot(evaluateWith(f, inputs, k, plus), wv) - dot(evaluateWith(f, inputs, k, minus), wv)) / 2;
    });
    values(g!).forEach((v, j) => expect(v).toBeCloseTo(numeric[j], 10));
    // Second order: the VJP is a differentiable function of w; its VJP with v is J v.
    const v = randomValues(x.numel());
    const [jv] = grad(g!, [w], { gradOutputs: f64(v, x.shape), allowUnused: true });
    const along = (s: number) => evaluateWith(f, inputs, k, base.map((b, j) => b + s * v[j]));
    const plus = along(1);
    const minus = along(-1);
    const expected = plus.map((p, i) => (p - minus[i]) / 2);
    const got = jv === null ? expected.map(() => 0) : values(jv);
    got.forEach((value, i) => expect(value).toBeCloseTo(expected[i], 10));
  });
}

describe('gradients (float64, finite differences, second order)', () => {
  it('cat and stack (with non-contiguous inputs and negative dims)', () => {
    const a = leaf([2, 3]);
    const b = leaf([3, 2]);
    checkGradients(([x, y]) => cat([x, y.t()], -2), [a, b], 'CatBackward0');
    const constant = f64(randomValues(6), [2, 3]);
    checkGradients(([x, y]) => stack([x, y.t(), constant], -1), [a, b], 'StackBackward0');
  });

  it('split, chunk and unbind (gradient reaches the input through every piece)', () => {
    const x = leaf([5, 4]);
    checkGradients(([t]) => split(t, 2, 0)[2], [x], 'SplitBackward0');
    checkGradients(([t]) => split(t, [1, 3], -1)[1], [x], 'SplitWithSizesBackward0');
    checkGradients(([t]) => chunk(t.t(), 3, 1)[0], [x], 'SplitBackward0');
    checkGradients(([t]) => unbind(t, 1)[3], [x], 'UnbindBackward0');
    const pieces = split(x, 2, 0);
    const [g] = grad([pieces[0], pieces[2]], [x], { gradOutputs: [f64([1, 2, 3, 4, 5, 6, 7, 8], [2, 4]), f64([9, 10, 11, 12], [1, 4])] });
    expect(values(g!)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 0, 0, 0, 0, 0, 0, 0, 0, 9, 10, 11, 12]);
  });

  it('indexSelect, indexAdd and take (repeated indices accumulate in the gradient)', () => {
    const x = leaf([4, 3]);
    const idx = index([2, 0, 2, 3]);
    checkGradients(([t]) => indexSelect(t, 0, idx), [x], 'IndexSelectBackward0');
    checkGradients(([t]) => indexSelect(t.t(), -1, idx), [x], 'IndexSelectBackward0');
    const source = leaf([4, 4]);
    checkGradients(([t, s]) => indexAdd(t, 0, idx, s.narrow(1, 1, 3)), [x, source], 'IndexAddBackward0');
    checkGradients(([t]) => take(t, index([-1, 0, 5, 5], [2, 2])), [x], 'TakeBackward0');
  });

  it('the backward of indexSelect is itself recorded (IndexAddBackward0)', () => {
    const x = leaf([4, 3]);
    const w = leaf([2, 3]);
    const [g] = grad(indexSelect(x, 0, index([1, 1])), [x], { gradOutputs: w, createGraph: true });
    expect(g!.gradFn?.name()).toBe('IndexAddBackward0');
  });

  it('gather, scatter (tensor, value, in place) and scatterAdd', () => {
    const x = leaf([3, 4]);
    const idx = index([0, 2, 1, 1, 3, 0], [3, 2]);
    checkGradients(([t]) => gather(t, 1, idx), [x], 'GatherBackward0');
    checkGradients(([t]) => gather(t.t(), -2, index([0, 2, 1, 1, 2, 0], [2, 3])), [x], 'GatherBackward0');
    const src = leaf([3, 3]);
    const unique = index([3, 0, 1, 2, 0, 1], [3, 2]);
    checkGradients(([t, s]) => scatter(t, 1, unique, s), [x, src], 'ScatterBackward0');
    checkGradients(([t]) => scatter(t, 1, unique, 0.5), [x], 'ScatterBackward1');
    checkGradients(([t, s]) => scatterAdd(t, 1, idx, s), [x, src], 'ScatterAddBackward0');
    checkGradients(([t, s]) => scatter_(t.clone(), 1, unique, s), [x, src], 'ScatterBackward0');
  });

  it('maskedSelect (with a broadcast input)', () => {
    const mask = tensor([[true, false, true], [false, true, true]]);
    checkGradients(([t]) => maskedSelect(t, mask), [leaf([2, 3])], 'MaskedSelectBackward0');
    checkGradients(([t]) => maskedSelect(t, mask), [leaf([3])], 'MaskedSelectBackward0');
  });

  it('triu, tril, diag and diagEmbed', () => {
    const x = leaf([2, 3, 4]);
    checkGradients(([t]) => triu(t, 1), [x], 'TriuBackward0');
    checkGradients(([t]) => tril(t.transpose(1, 2), -1), [x], 'TrilBackward0');
    checkGradients(([t]) => diag(t, -1), [leaf([3])], 'DiagEmbedBackward0');
    checkGradients(([t]) => diag(t, 1), [leaf([3, 4])], 'DiagonalBackward0_copy');
    checkGradients(([t]) => diagEmbed(t, -1, 0, 2), [leaf([2, 3])], 'DiagEmbedBackward0');
  });

  it('flip, roll, repeat and tile', () => {
    const x = leaf([3, 4]);
    checkGradients(([t]) => flip(t, [0, -1]), [x], 'FlipBackward0');
    checkGradients(([t]) => roll(t, [1, -3], [0, 1]), [x], 'RollBackward0');
    checkGradients(([t]) => roll(t.t(), 5), [x], 'RollBackward0');
    checkGradients(([t]) => repeat(t, [2, 1, 3]), [x], 'RepeatBackward0');
    checkGradients(([t]) => tile(t.t(), [2]), [x], 'RepeatBackward0');
  });

  it('pad: constant (padding and cropping), reflect, replicate and circular', () => {
    const x = leaf([1, 2, 4, 5]);
    checkGradients(([t]) => pad(t, [1, 2, 0, 1]), [x], 'ConstantPadNdBackward0');
    checkGradients(([t]) => pad(t, [-1, 2, 1, -2], 'constant', 3), [x], 'ConstantPadNdBackward0');
    checkGradients(([t]) => pad(t, [-1, -2]), [x], 'ConstantPadNdBackward0');
    checkGradients(([t]) => pad(t, [2, 3, 1, 2], 'reflect'), [x], 'ReflectionPad2DBackward0');
    checkGradients(([t]) => pad(t.squeeze(0), [3, 1], 'replicate'), [x], 'ReplicationPad1DBackward0');
    checkGradients(([t]) => pad(t, [2, 5, 4, -1], 'circular'), [x], 'CopySlices');
  });

  it.skipIf(!('mul' in Tensor.prototype))('indexAdd with alpha scales the source gradient', () => {
    checkGradients(([t, s]) => indexAdd(t, 1, index([2, 0]), s, -1.5), [leaf([3, 4]), leaf([3, 2])], 'IndexAddBackward0');
  });
});
