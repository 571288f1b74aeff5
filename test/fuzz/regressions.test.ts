// Regression tests for the disagreements with PyTorch that the fuzz corpus found and wasmgrad fixed; the expected
// values are PyTorch's.
import { describe, expect, it } from 'vitest';
import {
  DTypeError, ShapeError, addmm, grad, lerp, linalg, memory, nn, outer, tensor, tidy, zeros,
} from '../../src/index';
import { values } from '../support/tensor-values';

const F = nn.functional;

/** Runs fn in a tidy scope and checks that it leaves no tensor behind. */
function leakFree(fn: () => void): void {
  const before = memory().tensors;
  tidy(fn);
  expect(memory().tensors).toBe(before);
}

describe('fixed disagreements with PyTorch', () => {
  it('binary cross entropy (with logits): a weight may broadcast to the input, not enlarge it', () => {
    leakFree(() => {
      const x = tensor([0.5]);
      const w = tensor([1, 2]);
      expect(() => F.binaryCrossEntropy(x, x, { weight: w, reduction: 'none' })).toThrow(ShapeError);
      expect(() => F.binaryCrossEntropyWithLogits(x, x, { weight: w, reduction: 'none' })).toThrow(
        "output with shape [1] doesn't match the broadcast shape [2]",
      );
      const x2 = tensor([0.5, 0.2]);
      expect(() => F.binaryCrossEntropyWithLogits(x2, x2, { posWeight: tensor([[1], [2]]), reduction: 'none' })).toThrow(
        "output with shape [2] doesn't match the broadcast shape [2, 2]",
      );
      // broadcasting up to the input's shape stays allowed
      expect(F.binaryCrossEntropyWithLogits(tensor([[0.5, 0.2]]), tensor([[1, 0]]), { weight: tensor([2]), reduction: 'none' }).shape).toEqual([1, 2]);
    });
  });

  it('binary cross entropy clamps x (1 - x) at float32(1e-12) in its float64 gradient, as PyTorch', () => {
    leakFree(() => {
      const x = tensor([0, 0.5], { dtype: 'float64', requiresGrad: true });
      const t = tensor([0.7498, 0.2], { dtype: 'float64' });
      const [g] = grad(F.binaryCrossEntropy(x, t, { reduction: 'sum' }), [x]);
      // PyTorch 1.13: [-749800002996.053, 1.2]
      expect(values(g!)).toEqual([-0.7498 / Math.fround(1e-12), (0.5 - 0.2) / 0.25]);
    });
  });

  it("linalg.matrixNorm('fro') keeps a finite gradient where the squares overflow (x / norm)", () => {
    leakFree(() => {
      const a = tensor([[1e-40], [-3.3e38], [2]], { requiresGrad: true });
      const n = linalg.matrixNorm(a);
      expect(n.item()).toBe(Infinity);
      const [g] = grad(n, [a]);
      // PyTorch: [-0, 0, 0] (each x divided by an infinite norm)
      expect(values(g!)).toEqual([0, -0, 0]);
    });
  });

  it('elu passes the gradient through at a NaN input (PyTorch tests x <= 0 for the exponential side)', () => {
    leakFree(() => {
      const x = tensor([NaN, -1, 2], { requiresGrad: true });
      const [g] = grad(F.elu(x, 2), [x], { gradOutputs: tensor([1.5, 1, 1]) });
      expect(values(g!)).toEqual([1.5, Math.fround(2 * Math.fround(Math.exp(-1))), 1]);
    });
  });

  it('outer is a.reshape(-1, 1) * b: zero products keep their sign, integer and mixed dtypes work', () => {
    leakFree(() => {
      const signed = outer(tensor([1, 0]), tensor([-2, 3]));
      expect(values(signed).map((v) => Object.is(v, -0))).toEqual([false, false, true, false]);
      const ints = outer(tensor([1, 2], { dtype: 'int32' }), tensor([true, false]));
      expect(ints.dtype).toBe('int32');
      expect(ints.tolist()).toEqual([[1, 0], [2, 0]]);
      const mixed = outer(tensor([1, 0]), tensor([-2, 3], { dtype: 'float64' }));
      expect(mixed.dtype).toBe('float64');
      const a = tensor([1, -2], { requiresGrad: true });
      const b = tensor([3, 4, 5], { requiresGrad: true });
      const out = outer(a, b);
      expect(out.gradFn?.name()).toBe('MulBackward0');
      const [ga, gb] = grad(out, [a, b], { gradOutputs: tensor([[1, 0, 1], [0, 1, 0]]) });
      expect(values(ga!)).toEqual([8, 4]);
      expect(values(gb!)).toEqual([1, -2, 1]);
    });
  });

  it('addmm with alpha = 0 ignores mat1 @ mat2, inf and NaN included, as it ignores input for beta = 0', () => {
    leakFree(() => {
      const input = tensor([[1, -2], [3, 4]]);
      const mat1 = tensor([[Infinity, 1], [NaN, 2]]);
      const mat2 = tensor([[1, 2], [3, 4]]);
      expect(values(addmm(input, mat1, mat2, { alpha: 0 }))).toEqual([1, -2, 3, 4]);
      expect(values(addmm(input, mat1, mat2, { alpha: 0, beta: 0.5 }))).toEqual([0.5, -1, 1.5, 2]);
      expect(values(addmm(tensor([NaN]), mat2, mat2, { beta: 0 }))).toEqual([7, 10, 15, 22]);
    });
  });

  it('lerp of integer tensors is refused: a number weight takes no part in type promotion', () => {
    leakFree(() => {
      const a = tensor([-4, 2], { dtype: 'int32' });
      expect(() => lerp(a, a, 0.5)).toThrow(`"lerp_kernel_scalar" not implemented for 'Int'`);
      expect(lerp(tensor([0, 2]), tensor([4, 4]), 0.75).tolist()).toEqual([3, 3.5]);
    });
  });

  it('constant padding refuses negative pads that crop more than a dim holds, without touching memory', () => {
    leakFree(() => {
      expect(() => F.pad(zeros([0]), [-1, 1])).toThrow(ShapeError);
      expect(() => F.pad(zeros([0, 2]), [1, 1, 2, -1])).toThrow(ShapeError);
      expect(F.pad(zeros([2]), [-1, -1]).shape).toEqual([0]);
    });
  });
});
