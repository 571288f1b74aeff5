// lerp, addcmul, addcdiv and logaddexp: forward values, input gradients and grad_fn names against real PyTorch
// (test/fixtures/pytorch/gen_elementwise_ternary.py), float64 gradcheck / gradgradcheck, the in-place variants, and
// the ternary kernel against a scalar reference at every size 1..67 (vector tails), contiguous and broadcast.
import { describe, expect, it } from 'vitest';
import { addcdiv, addcmul, grad, gradcheck, gradgradcheck, lerp, logaddexp, randn, tensor, tidy, type Tensor } from '../src/index';
import { compareTensor, type FixtureTensor, fromFixture, loadFixture, type Tolerance } from './support/fixtures';

interface Case {
  name: string;
  op: 'lerp' | 'addcmul' | 'addcdiv' | 'logaddexp';
  scalars: { weight?: number; value?: number };
  inputs: Record<string, FixtureTensor>;
  out: FixtureTensor;
  gradOutput: FixtureTensor;
  grads: Record<string, FixtureTensor>;
  gradFn: string;
}

const { cases } = loadFixture<{ cases: Case[] }>('elementwise_ternary.json');

/** The conformance suite's tolerances: atol scaled by the largest finite magnitude expected (at least 1). */
function tolerance(expected: FixtureTensor): Tolerance {
  const finite = expected.data.filter((v): v is number => typeof v === 'number');
  const magnitude = Math.max(1, ...finite.map(Math.abs));
  return expected.dtype === 'float64' ? { atol: 1e-10 * magnitude, rtol: 1e-10 } : { atol: 1e-5 * magnitude, rtol: 1e-4 };
}

function apply(c: Case, x: Record<string, Tensor>): Tensor {
  switch (c.op) {
    case 'lerp':
      return lerp(x.input, x.end, x.weight ?? c.scalars.weight!);
    case 'addcmul':
      return addcmul(x.input, x.tensor1, x.tensor2, { value: c.scalars.value });
    case 'addcdiv':
      return addcdiv(x.input, x.tensor1, x.tensor2, { value: c.scalars.value });
    case 'logaddexp':
      return logaddexp(x.input, x.other);
  }
}

function expectClose(actual: Tensor, expected: FixtureTensor): void {
  const result = compareTensor(actual, expected, tolerance(expected));
  expect(result.ok, result.detail).toBe(true);
}

describe('PyTorch reference values', () => {
  for (const c of cases) {
    it(c.name, () =>
      tidy(() => {
        const names = Object.keys(c.inputs);
        const inputs = Object.fromEntries(names.map((k) => [k, fromFixture(c.inputs[k], true)]));
        const out = apply(c, inputs);
        expect(out.dtype).toBe(c.out.dtype);
        expectClose(out, c.out);
        expect(out.gradFn?.name()).toBe(c.gradFn);
        const grads = grad([out], names.map((k) => inputs[k]), { gradOutputs: [fromFixture(c.gradOutput)] });
        names.forEach((k, i) => expectClose(grads[i]!, c.grads[k]));
      }),
    );
  }
});

describe('gradcheck and gradgradcheck (float64)', () => {
  const leaf = (shape: number[]) => randn(shape, { dtype: 'float64' }).requiresGrad_(true);
  const positive = (shape: number[]) => randn(shape, { dtype: 'float64' }).abs().add(0.5).detach().requiresGrad_(true);
  const checks: [string, () => Tensor[], (...t: Tensor[]) => Tensor][] = [
    ['lerp, number weight', () => [leaf([3, 4]), leaf([4])], (a, b) => lerp(a, b, 0.3)],
    ['lerp, number weight >= 0.5', () => [leaf([3, 4]), leaf([4])], (a, b) => lerp(a, b, 0.8)],
    ['lerp, tensor weight', () => [leaf([2, 1, 3]), leaf([3]), leaf([2, 3, 1])], (a, b, w) => lerp(a, b, w)],
    ['addcmul', () => [leaf([3, 1]), leaf([1, 4]), leaf([3, 4])], (a, b, c) => addcmul(a, b, c, { value: 0.7 })],
    ['addcdiv', () => [leaf([4]), leaf([3, 4]), positive([3, 1])], (a, b, c) => addcdiv(a, b, c, { value: -1.5 })],
    ['logaddexp', () => [leaf([3, 1]), leaf([4])], (a, b) => logaddexp(a, b)],
  ];
  for (const [name, make, fn] of checks) {
    it(name, () =>
      tidy(() => {
        const inputs = make();
        expect(gradcheck(fn, inputs)).toBe(true);
        expect(gradgradcheck(fn, inputs)).toBe(true);
      }),
    );
  }
});

describe('dtype rules and in-place variants', () => {
  it('integer inputs compute in the default float dtype for logaddexp; addcdiv refuses integer division', () =>
    tidy(() => {
      expect(logaddexp(tensor([1, 2], { dtype: 'int32' }), tensor([3, 4], { dtype: 'int32' })).dtype).toBe('float32');
      const i = tensor([1, 2], { dtype: 'int32' });
      expect(() => addcdiv(i, i, i)).toThrow('Integer division with addcdiv is no longer supported');
      expect(addcmul(tensor([1.5]), tensor([2], { dtype: 'int32' }), tensor([3], { dtype: 'int32' })).tolist()).toEqual([7.5]);
    }));

  it('lerp_, addcmul_ and addcdiv_ write into the input and bump its version', () =>
    tidy(() => {
      const make = () => tensor([[1, 2, 3], [4, 5, 6]]);
      const end = tensor([10, 20, 30]);
      const t1 = tensor([[2], [3]]);
      const t2 = tensor([1, 2, 4]);
      for (const [inplace, outOfPlace] of [
        [(x: Tensor) => x.lerp_(end, 0.25), (x: Tensor) => lerp(x, end, 0.25)],
        [(x: Tensor) => x.lerp_(end, tensor([0.1, 0.6, 1])), (x: Tensor) => lerp(x, end, tensor([0.1, 0.6, 1]))],
        [(x: Tensor) => x.addcmul_(t1, t2, { value: 2 }), (x: Tensor) => addcmul(x, t1, t2, { value: 2 })],
        [(x: Tensor) => x.addcdiv_(t1, t2, { value: -1 }), (x: Tensor) => addcdiv(x, t1, t2, { value: -1 })],
      ] as const) {
        const x = make();
        const version = x._storage.version;
        const expected = outOfPlace(make()).tolist();
        expect(inplace(x)).toBe(x);
        expect(x.tolist()).toEqual(expected);
        expect(x._storage.version).toBeGreaterThan(version);
      }
    }));

  it('in place with autograd records the op on the input (AddcmulBackward0) and gives the input gradient', () =>
    tidy(() => {
      const w = tensor([1, 2, 3], { requiresGrad: true });
      const x = w.mul(1);
      x.addcmul_(tensor([2, 2, 2]), tensor([1, 1, 1]));
      expect(x.gradFn?.name()).toBe('AddcmulBackward0');
      x.sum().backward();
      expect(w.grad!.tolist()).toEqual([1, 1, 1]);
    }));

  it('clamp with tensor bounds runs the ternary kernel with NaN propagation', () =>
    tidy(() => {
      const x = tensor([-2, 0.5, 3, NaN, 1]);
      const lo = tensor([-1, 0, 0, 0, NaN]);
      const hi = tensor([1, 1, 2, 1, 2]);
      expect(x.clamp(lo, hi).tolist()).toEqual([-1, 0.5, 2, NaN, NaN]);
      expect(x.clamp(lo).tolist()).toEqual([-1, 0.5, 3, NaN, NaN]);
      expect(x.clamp(null, hi).tolist()).toEqual([-2, 0.5, 2, NaN, 1]);
    }));
});

describe('ternary kernel: every size 1..67 against a scalar reference', () => {
  const f32 = Math.fround;
  const refs: Record<string, (a: number, b: number, c: number, p: number, round: (v: number) => number) => number> = {
    lerp: (a, b, w, _p, r) => (Math.abs(w) < 0.5 ? r(a + r(w * r(b - a))) : r(b - r(r(b - a) * r(1 - w)))),
    addcmul: (a, b, c, p, r) => r(a + r(r(p * b) * c)),
    addcdiv: (a, b, c, p, r) => r(a + r(r(p * b) / c)),
  };
  const run = (op: string, a: Tensor, b: Tensor, c: Tensor, p: number): Tensor =>
    op === 'lerp' ? lerp(a, b, c) : op === 'addcmul' ? addcmul(a, b, c, { value: p }) : addcdiv(a, b, c, { value: p });

  for (const dtype of ['float32', 'float64'] as const) {
    const round = dtype === 'float32' ? f32 : (v: number) => v;
    for (const op of Object.keys(refs)) {
      it(`${op} ${dtype}: contiguous rows, a broadcast scalar operand and a broadcast column`, () =>
        tidy(() => {
          const p = 0.75;
          for (let n = 1; n <= 67; n++) {
            const a = randn([n], { dtype });
            const b = randn([n], { dtype });
            const c = op === 'addcdiv' ? randn([n], { dtype }).abs().add(0.5) : randn([n], { dtype });
            const [av, bv, cv] = [a, b, c].map((t) => Array.from(t.toTypedArray() as ArrayLike<number>));
            const want = av.map((x, i) => refs[op](x, bv[i], cv[i], p, round));
            expect(Array.from(run(op, a, b, c, p).toTypedArray() as ArrayLike<number>)).toEqual(want);
            // c as one value (stride 0) and b as a [n, 1] column against a [n, 3] input (N-d kernel)
            const c0 = c.narrow(0, 0, 1);
            expect(Array.from(run(op, a, b, c0, p).toTypedArray() as ArrayLike<number>)).toEqual(av.map((x, i) => refs[op](x, bv[i], cv[0], p, round)));
            const wide = a.reshape([n, 1]).expand([n, 3]).contiguous();
            const got = Array.from(run(op, wide, b.reshape([n, 1]), c.reshape([n, 1]), p).toTypedArray() as ArrayLike<number>);
            expect(got).toEqual(want.flatMap((v) => [v, v, v]));
          }
        }),
      );
    }
  }

  it('logaddexp at every size 1..67 equals the elementwise formula (max + log1p(exp(-|a - b|)))', () =>
    tidy(() => {
      for (let n = 1; n <= 67; n++) {
        const a = randn([n], { dtype: 'float64' });
        const b = randn([n], { dtype: 'float64' });
        const got = Array.from(logaddexp(a, b).toTypedArray() as ArrayLike<number>);
        const av = Array.from(a.toTypedArray() as ArrayLike<number>);
        const bv = Array.from(b.toTypedArray() as ArrayLike<number>);
        got.forEach((v, i) => expect(v).toBeCloseTo(Math.max(av[i], bv[i]) + Math.log1p(Math.exp(-Math.abs(av[i] - bv[i]))), 13));
      }
    }));
});
