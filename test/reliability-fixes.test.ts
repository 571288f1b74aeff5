// Op-level fixes found by a differential comparison with PyTorch: special values (NaN, infinities, signed zeros,
// overflow) in forward values and gradients, arguments PyTorch accepts and arguments it refuses, checked against
// real PyTorch (test/fixtures/pytorch/gen_reliability.py; where PyTorch 1.13 differs from 2.x the fixture follows 2.x
// and says so). Then the cases the fixture cannot express: float64 convolutions, in-place variants, higher
// derivatives and the error messages of new arguments.
import { describe, expect, it } from 'vitest';
import {
  add, atan2, clamp, clampMax, clampMin, cumprod, DTypeError, grad, gradcheck, gradgradcheck, IndexError, indexSelect, linalg, log, maximum,
  memory, minimum, nn, ones, prod, randn, relu, rsqrt, rsub, ShapeError, sqrt, std, stdMean, sub, tensor, tidy, variance,
  varMean, where, type Tensor,
} from '../src/index';
import { compareTensor, type FixtureTensor, fixtureValues, fromFixture, loadFixture, type Tolerance } from './support/fixtures';
import { thrownBy } from './support/thrown';

const F = nn.functional;

interface Case {
  name: string;
  op: string;
  args: Record<string, unknown>;
  inputs: Record<string, FixtureTensor>;
  out?: FixtureTensor[];
  gradOutput?: FixtureTensor[];
  grads?: Record<string, FixtureTensor>;
  exactZeros?: boolean;
  expandedWeight?: boolean;
  weightTransposed?: boolean;
  error?: { type: string; message: string };
}

const { cases } = loadFixture<{ cases: Case[] }>('reliability.json');

/** The fixture's numbers ('Infinity' strings included) and nulls (None). */
const arg = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

type Inputs = Record<string, Tensor>;

/** Each fixture op as a wasmgrad call: inputs by name, the scalar arguments from the fixture. */
const OPS: Record<string, (x: Inputs, a: Record<string, any>) => Tensor | Tensor[]> = {
  matrixNorm: (x, a) => linalg.matrixNorm(x.A, a.ord === 'fro' || a.ord === 'nuc' ? a.ord : Number(a.ord), { dim: a.dim, keepdim: a.keepdim }),
  atan2Scalar: (x, a) => atan2(x.x, a.other),
  atan2ScalarFirst: (x, a) => atan2(a.other, x.x),
  nllLoss: (x, a) => F.nllLoss(x.input, x.target, { weight: x.weight, reduction: a.reduction }),
  crossEntropy: (x, a) => F.crossEntropy(x.input, x.target, { weight: x.weight ?? null, reduction: a.reduction, labelSmoothing: a.labelSmoothing }),
  indexSelect: (x, a) => indexSelect(x.x, a.dim, x.index),
  addAlpha: (x, a) => add(x.a, x.b, { alpha: a.alpha }),
  sub: (x) => sub(x.a, x.b),
  rsub: (x) => rsub(x.a, x.b),
  subScalar: (x, a) => sub(x.a, a.other),
  rsubScalar: (x, a) => rsub(x.a, a.other),
  groupNorm: (x, a) => F.groupNorm(x.input, a.numGroups),
  batchNormTraining: (x) => {
    const out = F.batchNorm(x.input, x.runningMean ?? null, x.runningVar ?? null, { training: true });
    return x.runningMean === undefined ? out : [out, x.runningMean, x.runningVar];
  },
  where: (x) => where(x.condition, x.input, x.other),
  relu: (x) => relu(x.x),
  clamp: (x, a) => clamp(x.x, arg(a.min), arg(a.max)),
  clampMin: (x, a) => clampMin(x.x, Number(a.min)),
  clampMax: (x, a) => clampMax(x.x, Number(a.max)),
  prod: (x) => prod(x.x),
  prodDim: (x, a) => prod(x.x, a.dim),
  cumprod: (x, a) => cumprod(x.x, a.dim),
  var: (x, a) => variance(x.x, { correction: a.correction }),
  std: (x, a) => std(x.x, { correction: a.correction }),
  varMean: (x, a) => varMean(x.x, { correction: a.correction }),
  varMeanVar: (x) => varMean(x.x)[0],
  stdMeanStd: (x) => stdMean(x.x)[0],
  varDim: (x, a) => variance(x.x, a.dim),
  stdDim: (x, a) => std(x.x, a.dim),
  max: (x) => x.x.max(),
  min: (x) => x.x.min(),
  amax: (x) => x.x.amax(),
  amin: (x) => x.x.amin(),
  amaxDim: (x, a) => x.x.amax(a.dim),
  aminDim: (x, a) => x.x.amin(a.dim),
  maxDim: (x, a) => (x.x.max(a.dim) as unknown as { values: Tensor }).values,
  maximum: (x) => maximum(x.a, x.b),
  minimum: (x) => minimum(x.a, x.b),
  maximumScalar: (x, a) => maximum(x.a, a.other),
  sqrt: (x) => sqrt(x.x),
  rsqrt: (x) => rsqrt(x.x),
  log: (x) => log(x.x),
  powScalar: (x, a) => x.x.pow(a.exponent),
  pow: (x) => x.a.pow(x.b),
  conv2d: (x, a) => F.conv2d(x.input, x.weight, { padding: a.padding, stride: a.stride, dilation: a.dilation, groups: a.groups }),
};

/** The wasmgrad error class for each kind of refusal PyTorch raises (ValueError: RangeError, as batch_norm's). */
const ERROR_CLASS: Record<string, new (...args: any[]) => Error> = {
  addAlpha: DTypeError, sub: DTypeError, rsub: DTypeError, subScalar: DTypeError, rsubScalar: DTypeError,
  groupNorm: RangeError, batchNormTraining: RangeError, indexSelect: IndexError,
};

/** The conformance suite's tolerances: atol scaled by the largest finite magnitude expected (at least 1). */
function tolerance(expected: FixtureTensor): Tolerance {
  const finite = fixtureValues(expected).filter(Number.isFinite);
  const magnitude = Math.max(1, ...finite.map(Math.abs));
  return expected.dtype === 'float64' ? { atol: 1e-10 * magnitude, rtol: 1e-10 } : { atol: 1e-5 * magnitude, rtol: 1e-4 };
}

function expectClose(actual: Tensor, expected: FixtureTensor, exactZeros: boolean, what: string): void {
  expect(actual.dtype, `${what} dtype`).toBe(expected.dtype === 'int64' ? 'int32' : expected.dtype);
  const result = compareTensor(actual, expected, tolerance(expected));
  expect(result.ok, `${what}: ${result.detail}`).toBe(true);
  if (!exactZeros) return;
  const got = Array.from(actual.toTypedArray() as ArrayLike<number>);
  fixtureValues(expected).forEach((e, i) => {
    if (e === 0) expect(Object.is(got[i], e), `${what} element ${i}: got ${Object.is(got[i], -0) ? '-0' : got[i]}, expected ${Object.is(e, -0) ? '-0' : e}`).toBe(true);
  });
}

/** The case's inputs as wasmgrad tensors (float ones require grad when the case has their gradient). */
function inputsOf(c: Case): Inputs {
  const x: Inputs = {};
  for (const [k, f] of Object.entries(c.inputs)) {
    let t = fromFixture(f);
    // stride-0 and transposed layouts as in the PyTorch call (the fixture stores the values)
    if (k === 'weight' && c.expandedWeight) t = t.narrow(0, 0, 1).expand(f.shape);
    if (k === 'weight' && c.weightTransposed) t = t.transpose(0, 1).contiguous().transpose(0, 1);
    x[k] = c.grads?.[k] !== undefined ? t.detach().requiresGrad_(true) : t;
  }
  return x;
}

describe('PyTorch reference values', () => {
  for (const c of cases.filter((k) => k.error === undefined)) {
    it(c.name, () => {
      const before = memory().tensors;
      tidy(() => {
        const x = inputsOf(c);
        const result = OPS[c.op](x, c.args);
        const outs = Array.isArray(result) ? result : [result];
        expect(outs.length).toBe(c.out!.length);
        outs.forEach((o, i) => expectClose(o, c.out![i], c.exactZeros ?? false, `output ${i}`));
        const names = Object.keys(c.grads ?? {});
        if (names.length === 0) return;
        // the outputs that carry a gradient (not running statistics), with their upstream gradients
        const carried = outs.map((o, i) => [o, fromFixture(c.gradOutput![i])] as const).filter(([o]) => o.requiresGrad);
        const grads = grad(carried.map(([o]) => o), names.map((k) => x[k]), { gradOutputs: carried.map(([, g]) => g) });
        names.forEach((k, i) => expectClose(grads[i]!, c.grads![k], c.exactZeros ?? false, `gradient of ${k}`));
      });
      expect(memory().tensors).toBe(before);
    });
  }
});

describe('PyTorch refusals', () => {
  for (const c of cases.filter((k) => k.error !== undefined)) {
    it(c.name, () => {
      const before = memory().tensors;
      tidy(() => {
        const error = thrownBy(() => OPS[c.op](inputsOf(c), c.args));
        expect(error).toBeInstanceOf(ERROR_CLASS[c.op]);
        // PyTorch's words, which wasmgrad may follow with the value given; index errors keep wasmgrad's message,
        // which names the index and the size
        if (c.op !== 'indexSelect') expect(error.message.startsWith(c.error!.message), error.message).toBe(true);
      });
      expect(memory().tensors).toBe(before);
    });
  }
});

describe('convolution: the padding contributes nothing', () => {
  it('float64 gives the float32 reference (PyTorch float64 multiplies the padding; wasmgrad does not)', () =>
    tidy(() => {
      for (const c of cases.filter((k) => k.op === 'conv2d')) {
        const x = inputsOf(c);
        const f64 = (t: Tensor) => t.to('float64');
        const out = OPS.conv2d({ input: f64(x.input), weight: f64(x.weight) }, c.args) as Tensor;
        expectClose(out.to('float32'), c.out![0], false, c.name);
      }
    }));

  it('conv1d with an infinite weight tap that only meets the padding stays finite', () =>
    tidy(() => {
      const x = tensor([[[1, 2, 3, 4], [5, 6, 7, 8]]]);
      const w = tensor([[[Infinity, 1, 1]], [[1, 1, -Infinity]]]);
      // padding 1: the first output of channel 0 and the last of channel 1 only put the infinite tap on the padding
      const y = F.conv1d(x.expand([2, 2, 4]), w, { padding: 1, groups: 2 });
      expect(Array.from(y.select(0, 0).toTypedArray())).toEqual([3, Infinity, Infinity, Infinity, -Infinity, -Infinity, -Infinity, 15]);
    }));

  it("padding='same' with an even kernel pads after: a non-finite tap there adds nothing", () =>
    tidy(() => {
      const y = F.conv1d(tensor([[[1, 2, 3]]]), tensor([[[1, NaN]]]), { padding: 'same' });
      expect(Array.from(y.toTypedArray())).toEqual([NaN, NaN, 3]);
    }));

  it('finite weights: gradients still match gradcheck with padding, stride, dilation and groups (float64)', () =>
    tidy(() => {
      const x = randn([2, 4, 5, 5], { dtype: 'float64' }).requiresGrad_(true);
      const w = randn([6, 2, 3, 2], { dtype: 'float64' }).requiresGrad_(true);
      const fn = (a: Tensor, b: Tensor) => F.conv2d(a, b, { padding: [1, 2], stride: [2, 1], dilation: [1, 2], groups: 2 });
      expect(gradcheck(fn, [x, w])).toBe(true);
    }));
});

describe('bool add with alpha', () => {
  it('add_ in place: a zero alpha leaves the tensor, a nonzero one is logical or', () =>
    tidy(() => {
      const a = tensor([true, false, true, false]);
      const b = tensor([true, true, false, false]);
      expect(a.clone().add_(b, { alpha: 0 }).tolist()).toEqual([true, false, true, false]);
      expect(a.clone().add_(b, { alpha: false }).tolist()).toEqual([true, false, true, false]);
      expect(a.clone().add_(b, { alpha: 3 }).tolist()).toEqual([true, true, true, false]);
    }));

  it('a zero alpha broadcasts the first operand', () =>
    tidy(() => {
      expect(add(tensor([true, false]), tensor([[true], [true]]), { alpha: 0 }).tolist()).toEqual([[true, false], [true, false]]);
    }));
});

describe('linalg.matrixNorm dims', () => {
  it('refuses a dim that is not a pair of distinct dims', () =>
    tidy(() => {
      const A = ones([2, 3, 4]);
      expect(() => linalg.matrixNorm(A, 'fro', { dim: [1, 1] })).toThrow(new ShapeError('linalg.matrix_norm: dims must be different. Got (1, 1)'));
      expect(() => linalg.matrixNorm(A, 'fro', { dim: [1, -2] })).toThrow('dims must be different');
      expect(() => linalg.matrixNorm(A, 'fro', { dim: [0, 3] })).toThrow(IndexError);
      expect(() => linalg.matrixNorm(A, 'fro', { dim: [0] as unknown as [number, number] })).toThrow('dim must be a 2-tuple');
      expect(() => linalg.matrixNorm(A, 'fro', { keepDim: true } as never)).toThrow(TypeError);
    }));

  it('gradients of every ord over non-trailing dims (float64 gradcheck)', () =>
    tidy(() => {
      const A = randn([3, 2, 4], { dtype: 'float64' }).requiresGrad_(true);
      for (const ord of ['fro', 'nuc', 2, -2, 1, -1, Infinity, -Infinity] as const) {
        expect(gradcheck((a: Tensor) => linalg.matrixNorm(a, ord, { dim: [2, 0], keepdim: true }), [A]), String(ord)).toBe(true);
      }
    }));
});

describe('higher derivatives keep working', () => {
  it('prod with zeros: gradgradcheck (float64)', () =>
    tidy(() => {
      const x = tensor([[0, 2, 3], [1.5, 0, 0], [2, -1, 0.5]], { dtype: 'float64' }).requiresGrad_(true);
      expect(gradgradcheck((a: Tensor) => a.prod(1), [x])).toBe(true);
      expect(gradgradcheck((a: Tensor) => a.prod(), [tensor([0, 2, 3], { dtype: 'float64' }).requiresGrad_(true)])).toBe(true);
    }));

  it('atan2 with a number: gradgradcheck (float64)', () =>
    tidy(() => {
      const x = randn([5], { dtype: 'float64' }).requiresGrad_(true);
      expect(gradgradcheck((a: Tensor) => atan2(a, 2), [x])).toBe(true);
      expect(gradgradcheck((a: Tensor) => atan2(-1.5, a), [x])).toBe(true);
    }));

  it('var over the whole tensor without degrees of freedom follows the sign of the upstream gradient', () =>
    tidy(() => {
      const x = tensor([1, 2]).requiresGrad_(true);
      const [g] = grad([variance(x, { correction: 2 })], [x], { gradOutputs: [tensor(-3)] });
      expect(Array.from(g!.toTypedArray())).toEqual([-Infinity, -Infinity]);
    }));
});

describe('where with a 0-d float64 operand', () => {
  it('returns its gradient in float64, summed in the float32 gradient (as PyTorch)', () =>
    tidy(() => {
      const a = tensor(1.5, { dtype: 'float64' }).requiresGrad_(true);
      const y = where(tensor([true, true, true]), a, tensor([1, 2, 3]));
      const [g] = grad([y], [a], { gradOutputs: [tensor([0.1, 0.1, 0.1])] });
      expect(g!.dtype).toBe('float64');
      expect(g!.item()).toBe(Math.fround(Math.fround(Math.fround(0.1) + Math.fround(0.1)) + Math.fround(0.1)));
    }));
});
