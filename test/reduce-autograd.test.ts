// Gradients of the reductions: grad_fn names as PyTorch's, first and second derivatives against finite differences
// (gradcheck / gradgradcheck in float64), ties, zeros in prod, NaN in max.
import { describe, expect, it } from 'vitest';
import { enableGrad, grad, gradcheck, noGrad, tensor, tidy, type Tensor } from '../src/index';
import '../src/ops/reduce';
import { signedUniforms } from './support/random';

/** Deterministic float64 values in [-1, 1), away from 0 by at least `gap`. */
function randomTensor(shape: number[], seed: number, gap = 0): Tensor {
  const n = shape.reduce((x, y) => x * y, 1);
  const out = signedUniforms(n, seed).map((u) => (u < 0 ? u - gap : u + gap));
  return tensor(out, { dtype: 'float64' }).reshape(shape).requiresGrad_(true);
}

/**
 * Second derivatives: gradcheck of the vector-Jacobian product x -> grad(fn(x), x, u) taken with createGraph, for a
 * fixed upstream u (recording is switched on inside, since gradcheck evaluates its function without recording).
 */
function secondOrderCheck(fn: (x: Tensor) => Tensor, x: Tensor): boolean {
  const shape = noGrad(() => fn(x).shape);
  const n = shape.reduce((a, b) => a * b, 1);
  const u = tensor(Float64Array.from({ length: n }, (_, k) => 0.5 + (k % 7) / 7), { dtype: 'float64' }).reshape(shape);
  const vjp = (t: Tensor): Tensor =>
    enableGrad(() => {
      const [g] = grad(fn(t), [t], { gradOutputs: u, createGraph: true });
      // A linear fn has a constant gradient: give it a (zero) dependence on t so that gradcheck can differentiate it.
      return g!.requiresGrad ? g! : g!.add(t.mul(0));
    });
  return gradcheck(vjp, [x]);
}

function values(t: Tensor | null): number[] {
  return Array.from(t!.toTypedArray() as ArrayLike<number>);
}

interface GradCase {
  name: string;
  gradFn: string;
  fn: (x: Tensor) => Tensor;
  /** Values kept away from 0 (norms with p < 2 and prod's quotient are not differentiable at 0 in every direction). */
  gap?: number;
  second?: boolean;
}

const cases: GradCase[] = [
  { name: 'sum()', gradFn: 'SumBackward0', fn: (x) => x.sum(), second: true },
  { name: 'sum(dims)', gradFn: 'SumBackward1', fn: (x) => x.sum([0, 2]), second: true },
  { name: 'sum(dim, keepdim)', gradFn: 'SumBackward1', fn: (x) => x.sum(1, true), second: true },
  { name: 'mean()', gradFn: 'MeanBackward0', fn: (x) => x.mean(), second: true },
  { name: 'mean(dim)', gradFn: 'MeanBackward1', fn: (x) => x.mean(-1), second: true },
  { name: 'prod()', gradFn: 'ProdBackward0', fn: (x) => x.prod(), gap: 0.2, second: true },
  { name: 'prod(dim)', gradFn: 'ProdBackward1', fn: (x) => x.prod(1), gap: 0.2, second: true },
  { name: 'max()', gradFn: 'MaxBackward1', fn: (x) => x.max() },
  { name: 'max(dim).values', gradFn: 'MaxBackward0', fn: (x) => x.max(1).values, second: true },
  { name: 'min(dim, keepdim).values', gradFn: 'MinBackward0', fn: (x) => x.min(0, true).values, second: true },
  { name: 'amax(dims)', gradFn: 'AmaxBackward0', fn: (x) => x.amax([0, 2]) },
  { name: 'amin(dim)', gradFn: 'AminBackward0', fn: (x) => x.amin(1, true) },
  { name: 'norm()', gradFn: 'LinalgVectorNormBackward0', fn: (x) => x.norm(), second: true },
  { name: 'norm(1, dim)', gradFn: 'LinalgVectorNormBackward0', fn: (x) => x.norm(1, 1), gap: 0.1 },
  { name: 'norm(3, dim)', gradFn: 'LinalgVectorNormBackward0', fn: (x) => x.norm(3, 2), second: true },
  { name: 'norm(1.5, dims)', gradFn: 'LinalgVectorNormBackward0', fn: (x) => x.norm(1.5, [0, 1]), gap: 0.1 },
  { name: 'norm(0.5)', gradFn: 'LinalgVectorNormBackward0', fn: (x) => x.norm(0.5), gap: 0.1 },
  { name: 'norm(inf, dim)', gradFn: 'LinalgVectorNormBackward0', fn: (x) => x.norm(Infinity, 1) },
  { name: 'norm(-inf)', gradFn: 'LinalgVectorNormBackward0', fn: (x) => x.norm(-Infinity), gap: 0.1 },
  { name: 'var(dim)', gradFn: 'VarBackward0', fn: (x) => x.var(1), second: true },
  { name: 'var(correction 0)', gradFn: 'VarBackward0', fn: (x) => x.var({ correction: 0 }), second: true },
  { name: 'std(dims, keepdim)', gradFn: 'StdBackward0', fn: (x) => x.std([0, 2], true, true), second: true },
  { name: 'logsumexp(dim)', gradFn: 'LogsumexpBackward0', fn: (x) => x.logsumexp(1), second: true },
  { name: 'logsumexp(dims, keepdim)', gradFn: 'LogsumexpBackward0', fn: (x) => x.logsumexp([0, 2], true), second: true },
  { name: 'softmax(1)', gradFn: 'SoftmaxBackward0', fn: (x) => x.softmax(1), second: true },
  { name: 'softmax(0)', gradFn: 'SoftmaxBackward0', fn: (x) => x.softmax(0), second: true },
  { name: 'logSoftmax(-1)', gradFn: 'LogSoftmaxBackward0', fn: (x) => x.logSoftmax(-1), second: true },
  { name: 'cumsum(1)', gradFn: 'CumsumBackward0', fn: (x) => x.cumsum(1), second: true },
  { name: 'cumprod(2)', gradFn: 'CumprodBackward0', fn: (x) => x.cumprod(2), gap: 0.2 },
];

describe('reduction gradients against finite differences (float64)', () => {
  for (const c of cases) {
    it(`${c.name}: ${c.gradFn}, gradcheck${c.second ? ' and second order' : ''}`, () => {
      tidy(() => {
        const x = randomTensor([3, 4, 5], c.name.length * 31, c.gap ?? 0);
        expect(c.fn(x).gradFn?.name()).toBe(c.gradFn);
        expect(gradcheck(c.fn, [x])).toBe(true);
        if (c.second) expect(secondOrderCheck(c.fn, x)).toBe(true);
      });
    });
  }

  it('varMean / stdMean: gradients of both outputs', () => {
    tidy(() => {
      const x = randomTensor([3, 4], 5);
      expect(gradcheck((t) => t.varMean(1), [x])).toBe(true);
      expect(gradcheck((t) => t.stdMean(0, { correction: 0 }), [x])).toBe(true);
      expect(x.varMean(1)[0].gradFn?.name()).toBe('VarMeanBackward0');
      expect(x.stdMean()[1].gradFn?.name()).toBe('StdMeanBackward0');
    });
  });
});

describe('gradients at ties, zeros and NaN, as PyTorch', () => {
  it('max() and amax share the gradient equally among ties; max(dim) gives it to the first index', () => {
    tidy(() => {
      const x = tensor([[1, 3, 3], [3, 0, 2]], { requiresGrad: true });
      expect(values(grad(x.max(), [x])[0])).toEqual([0, 1 / 3, 1 / 3, 1 / 3, 0, 0].map(Math.fround));
      expect(values(grad(x.amax(1), [x], { gradOutputs: tensor([1, 2]) })[0])).toEqual([0, 0.5, 0.5, 2, 0, 0]);
      expect(values(grad(x.max(1).values, [x], { gradOutputs: tensor([1, 2]) })[0])).toEqual([0, 1, 0, 2, 0, 0]);
      expect(values(grad(x.min(), [x])[0])).toEqual([0, 0, 0, 0, 1, 0]);
    });
  });

  it('max() of a tensor with NaN sends the gradient to the NaNs', () => {
    tidy(() => {
      const x = tensor([1, NaN, 2, NaN], { requiresGrad: true });
      expect(values(grad(x.max(), [x])[0])).toEqual([0, 0.5, 0, 0.5]);
    });
  });

  it('prod with zeros: one zero gets the product of the others, two zeros give 0 (first and second order)', () => {
    tidy(() => {
      const x = tensor([[2, 0, 3], [0, 5, 0], [1, 2, 4]], { dtype: 'float64', requiresGrad: true });
      const [g] = grad(x.prod(1), [x], { gradOutputs: tensor([1, 1, 1], { dtype: 'float64' }) });
      expect(values(g)).toEqual([0, 6, 0, 0, 0, 0, 8, 4, 2]);
      const y = tensor([2, 0, 3, 0.5], { dtype: 'float64', requiresGrad: true });
      expect(values(grad(y.prod(), [y])[0])).toEqual([0, 3, 0, 0]);
      expect(gradcheck((t) => t.prod(1), [x])).toBe(true);
      expect(secondOrderCheck((t) => t.prod(1), x)).toBe(true);
      expect(secondOrderCheck((t) => t.prod(), tensor([2, 0, 3], { dtype: 'float64', requiresGrad: true }))).toBe(true);
    });
  });

  it('norm 2 of a zero slice has a zero gradient (not NaN)', () => {
    tidy(() => {
      const x = tensor([[0, 0], [3, 4]], { requiresGrad: true });
      expect(values(grad(x.norm(2, 1), [x], { gradOutputs: tensor([1, 1]) })[0])).toEqual([0, 0, 0.6, 0.8].map(Math.fround));
    });
  });

  it('integer results never record', () => {
    tidy(() => {
      const x = tensor([[1, 2], [3, 4]], { requiresGrad: true });
      expect(x.argmax().requiresGrad).toBe(false);
      expect(x.max(1).indices.requiresGrad).toBe(false);
      expect(x.all().requiresGrad).toBe(false);
      expect(x.countNonzero().requiresGrad).toBe(false);
    });
  });
});

describe('sumToSize and the gradient of broadcasting', () => {
  it('sumToSize records SumBackward1 and its gradient expands back', () => {
    tidy(() => {
      const x = randomTensor([2, 3, 4], 3);
      const s = x.sumToSize(3, 1);
      expect(s.gradFn?.name()).toBe('ViewBackward0');
      expect(gradcheck((t) => t.sumToSize(3, 1), [x])).toBe(true);
      expect(x.sum([0, 2], true).gradFn?.name()).toBe('SumBackward1');
    });
  });
});

describe('cumprod with zeros', () => {
  it('first-order gradient as PyTorch: the first zero gets the products after it, later entries 0', () => {
    tidy(() => {
      const x = tensor([[2, 0, 3, 0, 5], [1, 2, 3, 4, 5]], { dtype: 'float64', requiresGrad: true });
      expect(gradcheck((t) => t.cumprod(1), [x])).toBe(true);
      const x0 = tensor([0, 2, 3], { dtype: 'float64', requiresGrad: true });
      // y = [0, 0, 0]; dL/dx0 = g0 + g1 x1 + g2 x1 x2 = 1 + 2 + 6 with g = 1
      expect(values(grad(x0.cumprod(0), [x0], { gradOutputs: tensor([1, 1, 1], { dtype: 'float64' }) })[0])).toEqual([9, 0, 0]);
    });
  });

  it('refuses higher derivatives when the input holds zeros', () => {
    tidy(() => {
      const x = tensor([2, 0, 3], { dtype: 'float64', requiresGrad: true });
      expect(() => grad(x.cumprod(0), [x], { gradOutputs: tensor([1, 1, 1], { dtype: 'float64' }), createGraph: true })).toThrow(
        'cumprod: derivatives of second or higher order are not supported for inputs that contain zeros',
      );
    });
  });
});
