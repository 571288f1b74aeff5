// Derivatives of the elementwise ops: PyTorch's grad_fn names, first and second derivatives against finite differences
// (float64 gradcheck / gradgradcheck), PyTorch's conventions at kinks and ties, and gradients of mixed-dtype and
// broadcast operands.
import { describe, expect, it } from 'vitest';
import { grad, gradcheck, gradgradcheck, tensor, tidy, type Tensor } from '../src/index';
import '../src/ops/reduce';
import * as E from '../src/ops/elementwise';

const f64 = (v: number[] | number[][] | number) => tensor(v, { dtype: 'float64' });
const leaf = (v: number[] | number[][] | number) => f64(v).requiresGrad_(true);

describe('grad_fn names are PyTorch\'s', () => {
  const x = () => leaf([0.3, 0.6]);
  const y = () => leaf([0.2, 0.7]);
  const cases: [string, () => Tensor][] = [
    ['NegBackward0', () => x().neg()],
    ['ExpBackward0', () => x().exp()],
    ['Exp2Backward0', () => x().exp2()],
    ['Expm1Backward0', () => x().expm1()],
    ['LogBackward0', () => x().log()],
    ['Log2Backward0', () => x().log2()],
    ['Log10Backward0', () => x().log10()],
    ['Log1PBackward0', () => x().log1p()],
    ['SqrtBackward0', () => x().sqrt()],
    ['RsqrtBackward0', () => x().rsqrt()],
    ['AbsBackward0', () => x().abs()],
    ['SigmoidBackward0', () => x().sigmoid()],
    ['TanhBackward0', () => x().tanh()],
    ['SinBackward0', () => x().sin()],
    ['CosBackward0', () => x().cos()],
    ['AtanBackward0', () => x().atan()],
    ['AsinBackward0', () => x().asin()],
    ['ErfBackward0', () => x().erf()],
    ['ReciprocalBackward0', () => x().reciprocal()],
    ['PowBackward0', () => x().square()],
    ['SignBackward0', () => x().sign()],
    ['FloorBackward0', () => x().floor()],
    ['CeilBackward0', () => x().ceil()],
    ['TruncBackward0', () => x().trunc()],
    ['RoundBackward0', () => x().round()],
    ['ReluBackward0', () => E.relu(x())],
    ['LeakyReluBackward0', () => E.leakyRelu(x(), 0.2)],
    ['EluBackward0', () => E.elu(x())],
    ['SiluBackward0', () => E.silu(x())],
    ['GeluBackward0', () => E.gelu(x(), 'tanh')],
    ['SoftplusBackward0', () => E.softplus(x())],
    ['ClampBackward1', () => x().clamp(0, 0.5)],
    ['ClampBackward0', () => x().clamp(y(), null)],
    ['ClampMinBackward0', () => x().clampMin(0.4)],
    ['ClampMaxBackward1', () => x().clampMax(y())],
    ['AddBackward0', () => x().add(y())],
    ['AddBackward0', () => x().add(2.5)],
    ['SubBackward0', () => x().sub(y(), { alpha: 2 })],
    ['RsubBackward0', () => x().rsub(y())],
    ['RsubBackward1', () => E.rsub(x(), 1)],
    ['MulBackward0', () => x().mul(-3)],
    ['DivBackward0', () => x().div(y())],
    ['DivBackward2', () => x().div(y(), { roundingMode: 'floor' })],
    ['DivBackward3', () => x().div(2, { roundingMode: 'trunc' })],
    ['PowBackward0', () => x().pow(2)],
    ['PowBackward1', () => x().pow(y())],
    ['PowBackward2', () => E.pow(2, x())],
    ['MaximumBackward0', () => x().maximum(y())],
    ['MinimumBackward0', () => x().minimum(y())],
    ['Atan2Backward0', () => x().atan2(y())],
    ['FmodBackward0', () => x().fmod(0.25)],
    ['FmodBackward1', () => x().fmod(y())],
    ['RemainderBackward1', () => x().remainder(y())],
    ['WhereBackward0', () => E.where(tensor([true, false]), x(), y())],
    ['MaskedFillBackward0', () => x().maskedFill(tensor([true, false]), 0)],
    ['MaskedFillBackward1', () => x().maskedFill(tensor([true, false]), leaf(0.5))],
  ];
  for (const [name, make] of cases) {
    it(name, () => tidy(() => expect(make().gradFn?.name()).toBe(name)));
  }

  it('integer and bool results never record', () => {
    tidy(() => {
      expect(x().gt(0.5).requiresGrad).toBe(false);
      expect(x().eq(y()).gradFn).toBeNull();
    });
  });
});

describe('first and second derivatives against finite differences (float64)', () => {
  // Points away from kinks; every function maps (x[, y]) to a tensor.
  const p = [-1.3, -0.4, 0.35, 0.9, 1.7];
  const q = [0.6, -1.1, 1.4, -0.3, 0.8];
  const positive = [0.3, 0.7, 1.2, 2.5, 4.0];
  const unit = [-0.8, -0.3, 0.1, 0.45, 0.7];
  const unaryCases: [string, number[], (x: Tensor) => Tensor, boolean][] = [
    ['neg', p, (x) => x.neg(), true],
    ['exp', p, (x) => x.exp(), true],
    ['exp2', p, (x) => x.exp2(), true],
    ['expm1', p, (x) => x.expm1(), true],
    ['log', positive, (x) => x.log(), true],
    ['log2', positive, (x) => x.log2(), true],
    ['log10', positive, (x) => x.log10(), true],
    ['log1p', positive, (x) => x.log1p(), true],
    ['sqrt', positive, (x) => x.sqrt(), true],
    ['rsqrt', positive, (x) => x.rsqrt(), true],
    ['abs', p, (x) => x.abs(), true],
    ['sigmoid', p, (x) => x.sigmoid(), true],
    ['tanh', p, (x) => x.tanh(), true],
    ['sin', p, (x) => x.sin(), true],
    ['cos', p, (x) => x.cos(), true],
    ['atan', p, (x) => x.atan(), true],
    ['asin', unit, (x) => x.asin(), true],
    ['erf', p, (x) => x.erf(), true],
    ['reciprocal', positive, (x) => x.reciprocal(), true],
    ['square', p, (x) => x.square(), true],
    ['relu', p, (x) => E.relu(x), true],
    ['leakyRelu', p, (x) => E.leakyRelu(x, 0.1), true],
    ['elu', p, (x) => E.elu(x, 1.5), true],
    ['silu', p, (x) => E.silu(x), true],
    ['gelu', p, (x) => E.gelu(x), true],
    ['gelu tanh', p, (x) => E.gelu(x, 'tanh'), true],
    ['softplus', p, (x) => E.softplus(x, 2, 1), true],
    ['clamp', p, (x) => x.clamp(-1, 1), true],
    ['pow 3', p, (x) => x.pow(3), true],
    ['pow -1.5', positive, (x) => x.pow(-1.5), true],
    ['pow 0.5', positive, (x) => x.pow(0.5), true],
    ['rpow', p, (x) => E.pow(1.7, x), true],
    ['add scalar', p, (x) => x.add(2.5), true],
    ['rsub scalar', p, (x) => E.rsub(x, 1, { alpha: 3 }), true],
    ['mul scalar', p, (x) => x.mul(-3), true],
    ['rdiv scalar', positive, (x) => E.div(2, x), true],
    ['maskedFill', p, (x) => x.maskedFill(x.gt(0), 0.5), true],
  ];
  for (const [name, values, fn, second] of unaryCases) {
    it(name, () => {
      tidy(() => {
        const x = leaf(values);
        expect(gradcheck(fn, [x])).toBe(true);
        if (second) expect(gradgradcheck(fn, [x])).toBe(true);
      });
    });
  }

  const binaryCases: [string, (a: Tensor, b: Tensor) => Tensor, number[][], number[][]][] = [
    ['add alpha', (a, b) => a.add(b, { alpha: -2 }), [p], [q]],
    ['sub', (a, b) => a.sub(b), [p], [q]],
    ['rsub', (a, b) => a.rsub(b, { alpha: 0.5 }), [p], [q]],
    ['mul', (a, b) => a.mul(b), [p], [q]],
    ['div', (a, b) => a.div(b), [p], [q]],
    ['pow', (a, b) => a.pow(b), [positive], [q]],
    ['maximum', (a, b) => a.maximum(b), [p], [q]],
    ['minimum', (a, b) => a.minimum(b), [p], [q]],
    ['atan2', (a, b) => a.atan2(b), [p], [q]],
    ['fmod', (a, b) => a.fmod(b), [[2.3, -1.7, 0.9, 3.1, -0.2]], [[0.7, 0.6, -0.4, 1.3, 0.15]]],
    ['remainder', (a, b) => a.remainder(b), [[2.3, -1.7, 0.9, 3.1, -0.2]], [[0.7, 0.6, -0.4, 1.3, 0.15]]],
    ['where', (a, b) => E.where(a.gt(b), a, b.mul(b)), [p], [q]],
    ['clamp tensor bounds', (a, b) => a.clamp(b, b.add(0.5)), [p], [q]],
  ];
  for (const [name, fn, av, bv] of binaryCases) {
    it(`${name} (same shape)`, () => {
      tidy(() => {
        const a = leaf(av[0]);
        const b = leaf(bv[0]);
        expect(gradcheck(fn, [a, b])).toBe(true);
        expect(gradgradcheck(fn, [a, b])).toBe(true);
      });
    });
  }

  it('broadcasting binary ops reduce the gradient to each input shape', () => {
    tidy(() => {
      const a = leaf([[0.3, -0.7, 1.1, 0.4], [0.8, 0.2, -1.5, 0.9], [-0.6, 1.3, 0.5, -0.2]]); // [3, 4]
      const row = leaf([0.5, -1.2, 0.7, 1.9]); // [4]
      const col = leaf([[1.4], [0.6], [-0.9]]); // [3, 1]
      for (const fn of [
        (x: Tensor, y: Tensor) => x.add(y),
        (x: Tensor, y: Tensor) => x.mul(y),
        (x: Tensor, y: Tensor) => x.div(y),
        (x: Tensor, y: Tensor) => x.atan2(y),
        (x: Tensor, y: Tensor) => x.maximum(y),
      ]) {
        expect(gradcheck(fn, [a, row])).toBe(true);
        expect(gradcheck(fn, [col, row])).toBe(true);
        expect(gradgradcheck(fn, [a, col])).toBe(true);
      }
      expect(gradcheck((x, y) => E.where(x.gt(0), x, y), [a, col])).toBe(true);
    });
  });
});

describe('PyTorch\'s conventions at kinks, ties and zeros', () => {
  const gradOf = (fn: (x: Tensor) => Tensor, values: number[]): number[] =>
    tidy(() => {
      const x = leaf(values);
      return grad(fn(x).sum(), [x])[0]!.tolist() as number[];
    });

  it('relu\'(0) = 0, abs\'(0) = 0, leakyRelu\'(0) = slope, elu\'(0) = alpha, sign/floor/round have zero gradients', () => {
    expect(gradOf((x) => E.relu(x), [-1, 0, 2])).toEqual([0, 0, 1]);
    expect(gradOf((x) => x.abs(), [-1, 0, 2])).toEqual([-1, 0, 1]);
    expect(gradOf((x) => E.leakyRelu(x, 0.1), [-1, 0, 2])).toEqual([0.1, 0.1, 1]);
    expect(gradOf((x) => E.elu(x, 2), [0, 3])).toEqual([2, 1]);
    expect(gradOf((x) => x.sign().add(x.floor()).add(x.round()), [-1.5, 0.2])).toEqual([0, 0]);
  });

  it('clamp passes the gradient at the bounds themselves and blocks it outside (and for NaN)', () => {
    expect(gradOf((x) => x.clamp(-0.5, 0.7), [-0.6, -0.5, 0, 0.7, 0.8, NaN])).toEqual([0, 1, 1, 1, 0, 0]);
    expect(gradOf((x) => x.clampMin(0), [-1, 0, 1])).toEqual([0, 1, 1]);
  });

  it('maximum and minimum split the gradient equally on ties', () => {
    tidy(() => {
      const a = leaf([1, 2, 3]);
      const b = leaf([1, 5, 0]);
      const [ga, gb] = grad(a.maximum(b).sum(), [a, b]);
      expect(ga!.tolist()).toEqual([0.5, 0, 1]);
      expect(gb!.tolist()).toEqual([0.5, 1, 0]);
      const [ha, hb] = grad(a.minimum(b).sum(), [a, b]);
      expect(ha!.tolist()).toEqual([0.5, 1, 0]);
      expect(hb!.tolist()).toEqual([0.5, 0, 1]);
      const [gs] = grad(a.maximum(2).sum(), [a]);
      expect(gs!.tolist()).toEqual([0, 0.5, 1]);
    });
  });

  it('pow: zero exponent gives zero gradient; the exponent gradient is 0 where the base is 0 and e >= 0', () => {
    expect(gradOf((x) => x.pow(0), [0, 2])).toEqual([0, 0]);
    expect(gradOf((x) => x.pow(2), [0, 3])).toEqual([0, 6]);
    tidy(() => {
      const base = leaf([0, 0, 2]);
      const e = leaf([0, 2, 3]);
      const [gb, ge] = grad(base.pow(e).sum(), [base, e]);
      expect(gb!.tolist()).toEqual([0, 0, 12]);
      const [g0, g1, g2] = Array.from(ge!.toTypedArray() as Float64Array);
      expect(g0).toBe(0);
      expect(g1).toBe(0);
      expect(g2).toBeCloseTo(8 * Math.LN2, 12);
      const [gz] = grad(E.pow(0, e).sum(), [e]);
      expect(gz!.tolist()).toEqual([0, 0, 0]);
    });
  });

  it('gradients of mixed-dtype operands come back in each input\'s dtype and shape', () => {
    tidy(() => {
      const a = tensor([[1, 2], [3, 4]], { requiresGrad: true }); // float32
      const b = leaf([0.5, 0.25]); // float64, broadcast over rows
      const out = a.mul(b);
      expect(out.dtype).toBe('float64');
      const [ga, gb] = grad(out.sum(), [a, b]);
      expect(ga!.dtype).toBe('float32');
      expect(ga!.tolist()).toEqual([[0.5, 0.25], [0.5, 0.25]]);
      expect(gb!.dtype).toBe('float64');
      expect(gb!.tolist()).toEqual([4, 6]);
    });
  });

  it('where sends the gradient to the chosen branch only', () => {
    tidy(() => {
      const a = leaf([1, 2, 3]);
      const b = leaf([[10], [20]]);
      const out = E.where(tensor([true, false, true]), a, b); // [2, 3]
      const [ga, gb] = grad(out.sum(), [a, b]);
      expect(ga!.tolist()).toEqual([2, 0, 2]);
      expect(gb!.tolist()).toEqual([[1], [1]]);
    });
  });

  it('maskedFill with a 0-d tensor value sends the masked gradient to the value', () => {
    tidy(() => {
      const x = leaf([1, 2, 3]);
      const v = leaf(0.5);
      const [gx, gv] = grad(x.maskedFill(tensor([true, false, true]), v).mul(f64([1, 2, 3])).sum(), [x, v]);
      expect(gx!.tolist()).toEqual([0, 2, 0]);
      expect(gv!.tolist()).toEqual(4);
    });
  });
});
