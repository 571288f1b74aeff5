// nn.init and the default initialisation of layers: bit-exact against PyTorch (nn.json) for the same seed.
import { describe, expect, it } from 'vitest';
import { Generator, manualSeed, zeros, type Tensor } from '../src/index';
import * as nn from '../src/nn';
import { erf, erfinv } from '../src/nn/special-math';
import { fixtureValues, loadFixture, type FixtureTensor } from './support/fixtures';

const { init } = nn;

interface InitCase {
  seed: number;
  in: number;
  out: number;
  k?: number;
  bias: boolean;
  weight: FixtureTensor;
  bias_value: FixtureTensor | null;
}
const reference = loadFixture<{ linear_init: InitCase[]; conv2d_init: InitCase[] }>('nn.json');

/** Number of elements whose bits differ from the fixture (0 = bit-identical), after a shape check. */
function bitMismatches(actual: Tensor, expected: FixtureTensor): number {
  expect(actual.shape).toEqual(expected.shape);
  const got = actual.toTypedArray() as Float32Array;
  const want = Float32Array.from(fixtureValues(expected));
  let bad = 0;
  for (let i = 0; i < want.length; i++) if (!Object.is(got[i], want[i])) bad++;
  return bad;
}

describe('default initialisation matches PyTorch bit for bit', () => {
  it('covers every nn.json init case (5 Linear, 3 Conv2d)', () => {
    expect(reference.linear_init.length).toBe(5);
    expect(reference.conv2d_init.length).toBe(3);
  });

  for (const c of reference.linear_init) {
    it(`Linear(${c.in}, ${c.out}, bias=${c.bias}) after manualSeed(${c.seed})`, () => {
      manualSeed(c.seed);
      const layer = new nn.Linear(c.in, c.out, { bias: c.bias });
      expect(bitMismatches(layer.weight, c.weight)).toBe(0);
      if (c.bias_value === null) expect(layer.bias).toBeNull();
      else expect(bitMismatches(layer.bias!, c.bias_value)).toBe(0);
    });
  }

  for (const c of reference.conv2d_init) {
    it(`Conv2d(${c.in}, ${c.out}, ${c.k}, bias=${c.bias}) after manualSeed(${c.seed})`, () => {
      manualSeed(c.seed);
      const layer = new nn.Conv2d(c.in, c.out, c.k!, { bias: c.bias });
      expect(bitMismatches(layer.weight, c.weight)).toBe(0);
      if (c.bias_value === null) expect(layer.bias).toBeNull();
      else expect(bitMismatches(layer.bias!, c.bias_value)).toBe(0);
    });
  }

  it('Linear in float64 draws 53-bit uniforms from the same stream', () => {
    const g = new Generator(3);
    const expected = new Float64Array(12);
    const bound = Math.sqrt(3) * (Math.sqrt(2 / 6) / Math.sqrt(4));
    g.fillUniformF64(expected, -bound, bound);
    manualSeed(3);
    const layer = new nn.Linear(4, 3, { bias: false, dtype: 'float64' });
    expect(layer.weight.dtype).toBe('float64');
    expect(Array.from(layer.weight.toTypedArray())).toEqual(Array.from(expected));
  });
});

describe('init functions', () => {
  it('calculateGain follows PyTorch', () => {
    expect(init.calculateGain('linear')).toBe(1);
    expect(init.calculateGain('conv2d')).toBe(1);
    expect(init.calculateGain('sigmoid')).toBe(1);
    expect(init.calculateGain('tanh')).toBe(5 / 3);
    expect(init.calculateGain('relu')).toBe(Math.SQRT2);
    expect(init.calculateGain('leaky_relu')).toBe(Math.sqrt(2 / (1 + 0.01 * 0.01)));
    expect(init.calculateGain('leakyRelu', 0.2)).toBe(Math.sqrt(2 / (1 + 0.2 * 0.2)));
    expect(init.calculateGain('selu')).toBe(0.75);
    expect(() => init.calculateGain('softplus')).toThrow('Unsupported nonlinearity softplus');
  });

  it('fan in / fan out count the receptive field', () => {
    expect(init.calculateFanInAndFanOut(zeros(5, 3))).toEqual([3, 5]);
    expect(init.calculateFanInAndFanOut(zeros(8, 2, 3, 3))).toEqual([18, 72]);
    expect(() => init.calculateFanInAndFanOut(zeros(4))).toThrow('Fan in and fan out can not be computed for tensor with fewer than 2 dimensions');
  });

  it('kaiming and xavier fills use the documented bounds and the given generator', () => {
    const w = zeros(6, 4);
    init.kaimingUniform_(w, { a: 0, mode: 'fan_out', nonlinearity: 'relu', generator: new Generator(11) });
    const expected = new Float32Array(24);
    const bound = Math.sqrt(3) * (Math.SQRT2 / Math.sqrt(6));
    new Generator(11).fillUniformF32(expected, -bound, bound);
    expect(Array.from(w.toTypedArray())).toEqual(Array.from(expected));

    const x = zeros(6, 4);
    init.xavierNormal_(x, 2, { generator: new Generator(5) });
    const normal = new Float32Array(24);
    new Generator(5).fillNormalF32(normal, 0, 2 * Math.sqrt(2 / 10));
    expect(Array.from(x.toTypedArray())).toEqual(Array.from(normal));

    expect(() => init.kaimingNormal_(zeros(3, 3), 0, 'fan_avg' as never)).toThrow("Mode fan_avg not supported, please use one of ['fan_in', 'fan_out']");
  });

  it('uniform_, normal_, constant_, zeros_, ones_ and eye_ write in place and return the tensor', () => {
    const t = zeros(3, 4);
    expect(init.uniform_(t, -2, 3, { generator: new Generator(1) })).toBe(t);
    const u = t.toTypedArray();
    expect(u.every((v) => v >= -2 && v < 3)).toBe(true);
    init.constant_(t, 0.25);
    expect(Array.from(t.toTypedArray())).toEqual(new Array(12).fill(0.25));
    init.ones_(t);
    expect(Array.from(t.toTypedArray())).toEqual(new Array(12).fill(1));
    init.eye_(t);
    expect(t.tolist()).toEqual([[1, 0, 0, 0], [0, 1, 0, 0], [0, 0, 1, 0]]);
    expect(() => init.eye_(zeros(2, 2, 2))).toThrow('Only tensors with 2 dimensions are supported');
  });

  it('initialises a non-contiguous view through its own elements only', () => {
    const base = zeros(4, 4);
    const column = base.T.narrow(0, 1, 1); // column 1 of base, strided
    init.constant_(column, 7);
    expect(base.tolist()).toEqual([[0, 7, 0, 0], [0, 7, 0, 0], [0, 7, 0, 0], [0, 7, 0, 0]]);
  });

  it('truncNormal_ stays within [a, b] and has the truncated mean and spread', () => {
    const t = zeros(20000);
    init.truncNormal_(t, 1, 2, -1, 2, { generator: new Generator(7) });
    const v = t.toTypedArray();
    let mean = 0;
    for (const x of v) mean += x;
    mean /= v.length;
    expect(Math.min(...v)).toBeGreaterThanOrEqual(-1);
    expect(Math.max(...v)).toBeLessThanOrEqual(2);
    // Mean of N(1, 2^2) truncated to [-1, 2]: mu + sigma * (phi(alpha) - phi(beta)) / (Phi(beta) - Phi(alpha)).
    const phi = (z: number) => Math.exp(-z * z / 2) / Math.sqrt(2 * Math.PI);
    const Phi = (z: number) => (1 + erf(z / Math.SQRT2)) / 2;
    const expectedMean = 1 + 2 * (phi(-1) - phi(0.5)) / (Phi(0.5) - Phi(-1));
    expect(Math.abs(mean - expectedMean)).toBeLessThan(0.02);
  });

  it('erf and erfinv invert each other to double precision', () => {
    expect(erf(0)).toBe(0);
    expect(erf(0.5)).toBeCloseTo(0.5204998778130465, 15);
    expect(erf(-1.5)).toBeCloseTo(-0.9661051464753108, 15);
    for (const y of [-0.999, -0.7, -0.3, 0, 0.1, 0.69, 0.71, 0.95, 0.9999]) expect(erf(erfinv(y))).toBeCloseTo(y, 14);
    expect(erfinv(1)).toBe(Infinity);
    expect(Number.isNaN(erfinv(1.5))).toBe(true);
  });

  it('Embedding starts from N(0, 1) with the padding row zeroed', () => {
    manualSeed(0);
    const e = new nn.Embedding(10, 3, { paddingIdx: -1 });
    const expected = new Float32Array(30);
    new Generator(0).fillNormalF32(expected);
    const got = e.weight.toTypedArray();
    expect(Array.from(got.subarray(0, 27))).toEqual(Array.from(expected.subarray(0, 27)));
    expect(Array.from(got.subarray(27))).toEqual([0, 0, 0]);
    expect(e.paddingIdx).toBe(9);
  });

  it('LayerNorm starts at weight 1 and bias 0', () => {
    const ln = new nn.LayerNorm([2, 3]);
    expect(Array.from(ln.weight!.toTypedArray())).toEqual([1, 1, 1, 1, 1, 1]);
    expect(Array.from(ln.bias!.toTypedArray())).toEqual([0, 0, 0, 0, 0, 0]);
  });
});
