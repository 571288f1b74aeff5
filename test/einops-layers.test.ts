// einops' layers as modules: Rearrange, Reduce, EinMix (construction checks, forward, printing, parameters,
// initialisation and gradients), and the ExD.3 patch embedding built with them.
import { describe, expect, it } from 'vitest';
import { empty, grad, manualSeed, randn, type Tensor } from '../src/index';
import { EinopsError, einsum, rearrange, reduce } from '../src/einops/index';
import { EinMix, Rearrange, Reduce } from '../src/einops/layers';
import { Linear, ReLU, Sequential } from '../src/nn';
import { uniform_ } from '../src/nn/init';
import { compareTensor, fromFixture, loadFixture, type FixtureTensor } from './support/fixtures';
import { expectSame, values } from './support/tensor-values';
import { thrownBy } from './support/thrown';

function expectEinopsError(run: () => unknown, message: string): void {
  const error = thrownBy(run);
  expect(error).toBeInstanceOf(EinopsError);
  expect(error.message).toBe(message);
}

describe('Rearrange layer', () => {
  it('computes rearrange and prints as einops does', () => {
    const layer = new Rearrange('b c (h p1) (w p2) -> b (h w) (p1 p2 c)', { p1: 8, p2: 8 });
    const x = randn(2, 3, 16, 32);
    expectSame(layer.forward(x), rearrange(x, 'b c (h p1) (w p2) -> b (h w) (p1 p2 c)', { p1: 8, p2: 8 }));
    expect(String(layer)).toBe("Rearrange('b c (h p1) (w p2) -> b (h w) (p1 p2 c)', p1=8, p2=8)");
    expect(layer.parameters()).toEqual([]);
  });

  it('checks the pattern when it is built', () => {
    expectEinopsError(
      () => new Rearrange('a b -> a b c'),
      " Error while preparing Rearrange('a b -> a b c')\n Identifiers only on one side of expression (should be on both): {'c'}",
    );
    expectEinopsError(
      () => new Rearrange('(a b) c -> a b c', { z: 2 }),
      " Error while preparing Rearrange('(a b) c -> a b c', z=2)\n Axis z is not used in transform",
    );
    expect(() => new Rearrange('b ... c -> c b ...', { b: 10 })).not.toThrow();
  });

  it('reports inputs of the wrong shape in forward', () => {
    const layer = new Rearrange('b c h w -> b (c h w)', { c: 20 });
    expect(() => layer.forward(randn(10, 21, 3, 4))).toThrow(EinopsError);
    expect(() => layer.forward(randn(10, 20, 3))).toThrow(/Wrong shape: expected 4 dims. Received 3-dim tensor./);
  });
});

describe('Reduce layer', () => {
  it('computes reduce and prints as einops does', () => {
    const layer = new Reduce('b c (h h2) (w w2) -> b c h w', 'max', { h2: 2, w2: 2 });
    const x = randn(2, 3, 8, 6);
    expectSame(layer.forward(x), reduce(x, 'b c (h h2) (w w2) -> b c h w', 'max', { h2: 2, w2: 2 }));
    expect(String(layer)).toBe("Reduce('b c (h h2) (w w2) -> b c h w', 'max', h2=2, w2=2)");
    expect(String(new Reduce('b c h w -> b c', 'mean'))).toBe("Reduce('b c h w -> b c', 'mean')");
  });

  it('checks the pattern and the reduction when it is built', () => {
    expectEinopsError(
      () => new Reduce('a b -> a c', 'sum'),
      " Error while preparing Reduce('a b -> a c', 'sum')\n Unexpected identifiers on the right side of reduce sum: {'c'}",
    );
    expect(() => new Reduce('a b -> a', 'median' as 'sum')).toThrow(/Unknown reduction median/);
  });

  it('passes the gradient of a sum as ones', () => {
    const x = randn([4, 6], { requiresGrad: true });
    const total = new Reduce('... ->', 'sum').forward(new Rearrange('a (b c) -> c a b', { b: 2 }).forward(x));
    const [g] = grad(total, [x]);
    expect(values(g!)).toEqual(new Array(24).fill(1));
  });
});

describe('EinMix', () => {
  it('builds the einsum, the weight and the bias as einops does', () => {
    const mix = new EinMix('t b cin -> t b cout', { weightShape: 'cin cout', biasShape: 'cout', cin: 10, cout: 20 });
    // Axes sorted by name: b, cin, cout, t -> a, b, c, d.
    expect(mix.einsumPattern).toBe('dab,bc->dac');
    expect(mix.weight.shape).toEqual([10, 20]);
    expect(mix.bias!.shape).toEqual([1, 1, 20]);
    expect(mix.preRearrange).toBeNull();
    expect(mix.postRearrange).toBeNull();
    expect(mix.namedParameters().map(([name]) => name)).toEqual(['weight', 'bias']);
    expect(Object.keys(mix.stateDict())).toEqual(['weight', 'bias']);
    expect(String(mix)).toBe("EinMix('t b cin -> t b cout', 'cin cout', 'cout', cin=10, cout=20)");
  });

  it('rearranges compositions before and after the einsum', () => {
    const mix = new EinMix('b (h w) c -> b (h w c2)', { weightShape: 'c c2', h: 4, c: 3, c2: 5 });
    expect(mix.preRearrange!.pattern).toBe('b (h w) c -> b h w c');
    expect(mix.preRearrange!.axesLengths).toEqual({ h: 4, c: 3 });
    expect(mix.postRearrange!.pattern).toBe('b h w c2 -> b (h w c2)');
    // Axes sorted by name: b, c, c2, h, w -> a, b, c, d, e.
    expect(mix.einsumPattern).toBe('adeb,bc->adec');
    const x = randn(2, 12, 3);
    const y = mix.forward(x);
    expect(y.shape).toEqual([2, 60]);
    const expected = einsum(x.reshape(2, 4, 3, 3), mix.weight, 'b h w c, c c2 -> b h w c2').reshape(2, 60);
    expectSame(y, expected);
  });

  it('initialises weight then bias from U(-bound, bound) with bounds from the fan-in', () => {
    // fan-in: the weight axes that are not in the output, here h and cin (2 * 6 = 12).
    const options = { weightShape: 'h cin cout', biasShape: 'cout', h: 2, cin: 6, cout: 5 } as const;
    manualSeed(7);
    const mix = new EinMix('b h cin -> b cout', options);
    manualSeed(7);
    const weight = uniform_(empty(2, 6, 5), -Math.sqrt(3 / 12), Math.sqrt(3 / 12));
    const bias = uniform_(empty(1, 5), -Math.sqrt(1 / 12), Math.sqrt(1 / 12));
    expectSame(mix.weight, weight);
    expectSame(mix.bias!, bias);
    const bound = Math.sqrt(3 / 12);
    expect(values(mix.weight).every((v) => Math.abs(v) <= bound)).toBe(true);
    expect(Math.max(...values(mix.weight).map(Math.abs))).toBeGreaterThan(bound * 0.8);
  });

  it('equals einsum plus bias, and gradients flow to input, weight and bias', () => {
    const mix = new EinMix('t b cin -> t b cout', { weightShape: 'cin cout', biasShape: 'cout', cin: 4, cout: 3 });
    const x = randn([5, 2, 4], { requiresGrad: true });
    const y = mix.forward(x);
    const manual = einsum(x, mix.weight, 't b i, i o -> t b o').add(mix.bias!);
    expectSame(y, manual);
    const g = randn(5, 2, 3);
    const got = grad(y, [x, mix.weight, mix.bias!], { gradOutputs: [g] });
    const want = grad(manual, [x, mix.weight, mix.bias!], { gradOutputs: [g] });
    got.forEach((t, i) => expectSame(t!, want[i]!));
    expect(values(got[2]!).length).toBe(3);
  });

  it('reports patterns and shapes that do not fit, in einops words', () => {
    const cases: [() => unknown, string][] = [
      [() => new EinMix('a b -> a d', { weightShape: 'b c', b: 2, c: 3 }), "Unrecognized identifiers on the right side of EinMix {'d'}"],
      [() => new EinMix('a ... -> a ...', { weightShape: '... c', c: 3 }), 'Ellipsis is not supported in weight, as its shape should be fully specified'],
      [() => new EinMix('a ... b -> a c', { weightShape: 'b c', b: 2, c: 3 }), 'Ellipsis in EinMix should be on both sides, a ... b -> a c'],
      [() => new EinMix('a 2 b -> a c', { weightShape: 'b c', b: 2, c: 3 }), 'Anonymous axes (numbers) are not allowed in EinMix'],
      [() => new EinMix('a b -> a c', { weightShape: 'b c' }), 'Dimension b of weight should be specified'],
      [() => new EinMix('a b -> a c', { weightShape: 'b c', b: 2, c: 3, z: 4 }), "Axes {'z'} are not used in pattern"],
      [() => new EinMix('a b -> a', { weightShape: 'b k', b: 2, k: 3 }), "Weight axes {'k'} are redundant"],
      [() => new EinMix('a b -> a c', { weightShape: 'b c', biasShape: 'a', b: 2, c: 3 }), "Sizes not provided for bias axes {'a'}"],
      [() => new EinMix('a b -> a c', { weightShape: 'b c', biasShape: 'q', b: 2, c: 3 }), "Bias axes {'q'} not present in output"],
      [() => new EinMix('a ... b -> c ... a', { weightShape: 'b c', biasShape: 'c', b: 2, c: 3 }), 'all bias dimensions should go after ellipsis in the output'],
    ];
    for (const [run, message] of cases) expectEinopsError(run, message);
  });
});

describe('ExD.3 patch embedding as a Sequential', () => {
  const exd3 = loadFixture<{ exd3: Record<string, FixtureTensor> }>('seed_exercises.json').exd3;

  it("prints, names its state and computes PyTorch's output", () => {
    const mapping = new Sequential(
      new Rearrange('b c (h p1) (w p2) -> b (h w) (p1 p2 c)', { p1: 8, p2: 8 }),
      new Linear(64, 64, { bias: false }),
      new ReLU(),
      new Linear(64, 128, { bias: false }),
    );
    expect(String(mapping)).toBe(
      'Sequential(\n' +
        "  (0): Rearrange('b c (h p1) (w p2) -> b (h w) (p1 p2 c)', p1=8, p2=8)\n" +
        '  (1): Linear(in_features=64, out_features=64, bias=False)\n' +
        '  (2): ReLU()\n' +
        '  (3): Linear(in_features=64, out_features=128, bias=False)\n' +
        ')',
    );
    expect(Object.keys(mapping.stateDict())).toEqual(['1.weight', '3.weight']);
    mapping.loadStateDict({ '1.weight': fromFixture(exd3.w1!), '3.weight': fromFixture(exd3.w2!) });
    const out = mapping.forward(fromFixture(exd3.img!)) as Tensor;
    expect(out.shape).toEqual([6, 16, 128]);
    // Two float32 products of length 64: the order of the additions may differ from PyTorch's.
    const { ok, detail } = compareTensor(out, exd3.out!, { atol: 1e-5, rtol: 1e-5 });
    expect(ok, detail).toBe(true);
  });
});
