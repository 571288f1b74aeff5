// einops over wasmgrad Tensors: einops' own reference cases, the ExD.3 patch step, generated cases checked against
// plain view compositions, and gradients through every operation.
import { describe, expect, it } from 'vitest';
import { arange, grad, linspace, randn, tensor, manualSeed, type Tensor } from '../src/index';
import { EinopsError, einsum, pack, parseShape, rearrange, reduce, repeat, unpack } from '../src/einops/index';
import type { AxesLengths, ReductionName } from '../src/einops/index';
import { cat, stack } from '../src/ops/indexing';
import { caseTitle, einopsFixture, expectCaseError, PATCH_INVERSE_PATTERN, type EinopsFixtureCase } from './support/einops-fixture';
import * as patterns from './support/einops-patterns';
import { fixtureValues, fromFixture, loadFixture, type FixtureTensor } from './support/fixtures';
import { mulberry32, shuffled } from './support/random';
import { expectSame, values } from './support/tensor-values';
import { thrownBy } from './support/thrown';

// ------------------------------------------------------------------ helpers

function expectFixture(actual: Tensor, expected: FixtureTensor): void {
  expect(actual.shape).toEqual(expected.shape);
  expect(values(actual)).toEqual(fixtureValues(expected));
}

/** arange(prod(shape)).reshape(shape) as float32 (the fixtures' inputs), plus an offset. */
function arangeOf(shape: number[], start = 0): Tensor {
  const n = shape.reduce((a, b) => a * b, 1);
  return arange(start, start + n, { dtype: 'float32' }).reshape(shape);
}

/** The gradient of sum(y * g) with respect to x, for a fixed upstream gradient g. */
function vjp(x: Tensor, y: Tensor, g: Tensor): Tensor {
  const [gx] = grad(y, [x], { gradOutputs: [g] });
  return gx!;
}

// ------------------------------------------------------------------ einops' reference cases

describe(`einops ${einopsFixture.einops} reference cases through Tensors`, () => {
  const patchesCase = einopsFixture.cases[0]!;
  const inputOf = (c: EinopsFixtureCase): Tensor =>
    c.pattern === PATCH_INVERSE_PATTERN ? fromFixture(patchesCase.output!) : arangeOf(c.input_shape!);

  for (const [index, c] of einopsFixture.cases.entries()) {
    if (c.fn !== 'rearrange' && c.fn !== 'repeat' && c.fn !== 'reduce') continue;
    it(caseTitle(index, c), () => {
      const x = inputOf(c);
      const axes = c.axes ?? {};
      const run = () =>
        c.fn === 'rearrange' ? rearrange(x, c.pattern, axes) : c.fn === 'repeat' ? repeat(x, c.pattern, axes) : reduce(x, c.pattern, c.reduction!, axes);
      if (c.error !== undefined) expectCaseError(c, run);
      else expectFixture(run(), c.output!);
    });
  }

  it('pack and unpack "i * j"', () => {
    const c = einopsFixture.cases.find((k) => k.fn === 'pack')!;
    const inputs = c.input_shapes!.map((shape, i) => arangeOf(shape, i === 0 ? 0 : 100));
    const [packed, packedShapes] = pack(inputs, c.pattern);
    expectFixture(packed, c.output!);
    expect(packedShapes).toEqual(c.packed_shapes);
    const unpacked = unpack(packed, packedShapes, c.pattern);
    expect(unpacked.map((u) => u.shape)).toEqual(c.unpacked_shapes);
    unpacked.forEach((u, i) => expectSame(u, inputs[i]!));
  });

  it('einsum "i j, j k -> i k"', () => {
    const c = einopsFixture.cases.find((k) => k.fn === 'einsum')!;
    const [p, q] = c.operands!.map((t) => fromFixture(t)) as [Tensor, Tensor];
    expectFixture(einsum(p, q, c.pattern), c.output!);
  });
});

// ------------------------------------------------------------------ the seed exercise

describe('ExD.3 patch embedding step', () => {
  const exd3 = loadFixture<{ exd3: { img: FixtureTensor; patches: FixtureTensor } }>('seed_exercises.json').exd3;
  const pattern = 'b c (h p1) (w p2) -> b (h w) (p1 p2 c)';

  it('rearranges the image into 8x8 patches exactly as einops does', () => {
    const img = fromFixture(exd3.img);
    expect(img.shape).toEqual([6, 1, 32, 32]);
    const patches = rearrange(img, pattern, { p1: 8, p2: 8 });
    expect(patches.shape).toEqual([6, 16, 64]);
    expectFixture(patches, exd3.patches);
  });

  it('the inverse pattern restores the image exactly', () => {
    const img = fromFixture(exd3.img);
    const patches = rearrange(img, pattern, { p1: 8, p2: 8 });
    const restored = rearrange(patches, 'b (h w) (p1 p2 c) -> b c (h p1) (w p2)', { p1: 8, p2: 8, h: 4 });
    expectSame(restored, img);
  });

  it('equals the same reshape -> permute -> reshape written with views', () => {
    const img = fromFixture(exd3.img);
    const manual = img.reshape(6, 1, 4, 8, 4, 8).permute(0, 2, 4, 3, 5, 1).reshape(6, 16, 64);
    expectSame(rearrange(img, pattern, { p1: 8, p2: 8 }), manual);
  });
});

// ------------------------------------------------------------------ generated cases (after einops' own test suite)

const x5 = arangeOf(patterns.x5Shape);

function permuteReshape(x: Tensor, perm: number[], shape: number[]): Tensor {
  return x.permute(perm).reshape(shape);
}

describe('rearrange', () => {
  for (const pattern of patterns.identity) {
    it(`keeps every element in place: "${pattern}"`, () => {
      const y = rearrange(x5, pattern);
      expect(values(y)).toEqual(values(x5));
      expect(y.shape).toEqual(pattern.includes('()') ? [2, 3, 1, 4, 5, 6, 1] : [2, 3, 4, 5, 6]);
    });
  }

  for (const [pattern1, pattern2, perm, shape] of patterns.equivalent) {
    it(`"${pattern1}" equals "${pattern2}" and a permute + reshape`, () => {
      const expected = permuteReshape(x5, perm, shape);
      expectSame(rearrange(x5, pattern1), expected);
      expectSame(rearrange(x5, pattern2), expected);
    });
  }

  it('decomposes and recomposes axes (round trip with given lengths)', () => {
    const x = arangeOf([1, 2, 3, 5, 7, 11]);
    const mixed = rearrange(x, 'a b c d e f -> (f d) c (e b) a');
    expectSame(mixed, permuteReshape(x, [5, 3, 2, 4, 1, 0], [55, 3, 14, 1]));
    expectSame(rearrange(mixed, '(f d) c (e b) a -> a b c d e f', { b: 2, d: 5 }), x);
    expectSame(rearrange(x, 'a b c d e f -> f e d c b a'), rearrange(x, 'f e d c b a -> a b c d e f'));
  });

  it('matches random permutations of up to 9 axes', () => {
    const random = mulberry32(7);
    for (let nAxes = 1; nAxes < 10; nAxes++) {
      const shape = Array.from({ length: nAxes }, () => 1 + Math.floor(random() * 3));
      const x = arangeOf(shape);
      const perm = shuffled(nAxes, random);
      const left = shape.map((_, i) => `i${i}`).join(' ');
      const right = perm.map((axis) => `i${axis}`).join(' ');
      expectSame(rearrange(x, `${left} -> ${right}`), x.permute(perm).contiguous());
    }
  });

  it('splits and merges axes of non-contiguous inputs', () => {
    const x = arangeOf([6, 4, 10]).permute(2, 0, 1); // [10, 6, 4], strides (1, 40, 10)
    expectSame(rearrange(x, '(a b) (c d) e -> (b d) (a c e)', { a: 2, c: 3 }), x.contiguous().reshape(2, 5, 3, 2, 4).permute(1, 3, 0, 2, 4).reshape(10, 24));
    expectSame(rearrange(x.slice(1, 0, 6, 2), 'a b c -> c (b a)'), x.slice(1, 0, 6, 2).permute(2, 1, 0).reshape(4, 30));
  });

  it('stacks a list input on a new first axis', () => {
    const items = [0, 1, 2].map((i) => arangeOf([3, 4], 12 * i));
    const stacked = arangeOf([3, 3, 4]);
    expectSame(rearrange(items, '... -> ...'), stacked);
    expectSame(rearrange(items, 'b h w -> h (b w)'), rearrange(stacked, 'b h w -> h (b w)'));
    expectSame(reduce(items, 'b h w -> w', 'max'), reduce(stacked, 'b h w -> w', 'max'));
    expectSame(repeat(items, '... -> r (...)', { r: 2 }), repeat(stacked, '... -> r (...)', { r: 2 }));
  });

  it('accepts 0-dim inputs and zero-length axes', () => {
    const scalar = tensor(5);
    expectSame(rearrange(scalar, '... -> ...'), scalar);
    expect(values(rearrange(scalar, ' -> 1 1'))).toEqual([5]);
    const empty = arangeOf([2, 0, 3]);
    expect(rearrange(empty, 'a b c -> c (a b)').shape).toEqual([3, 0]);
    expect(rearrange(empty, 'a (b x) c -> x a b c', { x: 4 }).shape).toEqual([4, 2, 0, 3]);
  });

  it('keeps the dtype of integer, float64 and bool tensors', () => {
    for (const dtype of ['int32', 'float64', 'bool'] as const) {
      const x = arange(24, { dtype: dtype === 'bool' ? 'int32' : dtype }).reshape(2, 3, 4);
      const input = dtype === 'bool' ? x.to('bool') : x;
      expectSame(rearrange(input, 'a b c -> c (a b)'), input.permute(2, 0, 1).reshape(4, 6));
    }
  });
});

describe('reduce', () => {
  for (const reduction of ['min', 'max', 'sum', 'mean'] as const) {
    for (const [pattern1, pattern2] of patterns.equivalentReductions) {
      it(`${reduction}: "${pattern1}" equals "${pattern2}"`, () => {
        expectSame(reduce(x5, pattern1, reduction), reduce(x5, pattern2, reduction));
      });
    }
  }

  // Explicit reductions over the given dims, written with Tensor methods directly.
  const explicit: Record<'min' | 'max' | 'sum' | 'mean' | 'prod', (x: Tensor, dims: number[]) => Tensor> = {
    min: (x, dims) => x.amin(dims),
    max: (x, dims) => x.amax(dims),
    sum: (x, dims) => x.sum(dims),
    mean: (x, dims) => x.mean(dims),
    prod: (x, dims) => dims.slice().sort((a, b) => b - a).reduce((t, d) => t.prod(d), x),
  };
  for (const reduction of ['min', 'max', 'sum', 'mean', 'prod'] as const) {
    it(`${reduction} equals explicit reduce + permute + reshape`, () => {
      // prod: values near 1, so that the product of many stays in range.
      const x = reduction === 'prod' ? linspace(1, 1.5, 720).reshape(2, 3, 4, 5, 6) : x5;
      const over13 = explicit[reduction](x, [1, 3]); // a c e
      const cases: [string, AxesLengths, Tensor][] = [
        ['a b c d e -> (e c) a', {}, permuteReshape(over13, [2, 1, 0], [24, 2])],
        ['a ... c d e -> (e c) a', {}, permuteReshape(over13, [2, 1, 0], [24, 2])],
        ['a b c d e -> (e c a)', {}, permuteReshape(over13, [2, 1, 0], [48])],
        ['a b c d e -> a 1 c () e', {}, over13.reshape(2, 1, 4, 1, 6)],
        ['a b (c1 2) d e -> a b c1', {}, explicit[reduction](x.reshape(2, 3, 2, 2, 5, 6), [3, 4, 5])],
        ['(a a2) ... -> (a2 a) ...', { a2: 1 }, x],
      ];
      for (const [pattern, axes, expected] of cases) expectSame(reduce(x, pattern, reduction, axes), expected);
    });
  }

  it('any and all reduce to bool', () => {
    const x = arange(64, { dtype: 'int32' }).reshape(2, 2, 2, 2, 2, 2).narrow(5, 1, 1).bool(); // odd numbers: all true
    const y = arange(64, { dtype: 'int32' }).reshape(2, 2, 2, 2, 2, 2).narrow(5, 0, 1).bool(); // even: 0 is false
    expect(values(reduce(x, 'a b c d e f -> a', 'all'))).toEqual([1, 1]);
    expect(values(reduce(y, 'a b c d e f -> a', 'all'))).toEqual([0, 1]);
    expect(values(reduce(y, 'a b c d e f -> (a b)', 'any'))).toEqual([1, 1, 1, 1]);
    expect(reduce(y, 'a ... -> a', 'any').dtype).toBe('bool');
  });

  it('matches random permutations followed by a reduction of the leading axes', () => {
    const random = mulberry32(11);
    for (const reduction of ['min', 'max', 'sum', 'mean'] as const) {
      for (let nAxes = 1; nAxes < 8; nAxes++) {
        const shape = Array.from({ length: nAxes }, () => 2 + Math.floor(random() * 2));
        const perm = shuffled(nAxes, random);
        const skipped = Math.floor(random() * (nAxes + 1));
        const left = shape.map((_, i) => `x${i}`).join(' ');
        const right = perm.slice(skipped).map((i) => `x${i}`).join(' ');
        const x = arangeOf(shape, 1);
        let expected = x.permute(perm);
        if (skipped > 0) expected = explicit[reduction](expected, Array.from({ length: skipped }, (_, i) => i));
        expectSame(reduce(x, `${left}->${right}`, reduction), expected.contiguous());
      }
    }
  });

  it('calls a reduction function with the axes to reduce', () => {
    const calls: number[][] = [];
    const logSumExp = (t: Tensor, axes: number[]): Tensor => {
      calls.push(axes);
      return t.logsumexp(axes);
    };
    const x = linspace(0, 1, 720).reshape(2, 3, 4, 5, 6);
    expectSame(reduce(x, 'a b c d e -> e (b d)', logSumExp), x.logsumexp([0, 2]).permute(2, 0, 1).reshape(6, 15));
    expect(calls).toEqual([[3, 4]]);
  });
});

describe('repeat', () => {
  const x = arangeOf([2, 3, 5]);

  /** repeat is right when reducing the copies back with min and with max both give the input. */
  function checkReversion(input: Tensor, pattern: string, axes: AxesLengths): void {
    const repeated = repeat(input, pattern, axes);
    expectSame(reduce(repeated, patterns.reversed(pattern), 'min', axes), input);
    expectSame(reduce(repeated, patterns.reversed(pattern), 'max', axes), input);
  }

  for (const [pattern, axes] of patterns.repeats) {
    it(`reverses by reduction: "${pattern}"`, () => checkReversion(x, pattern, axes));
  }

  for (const [pattern, axes] of patterns.anonymousRepeats) {
    it(`reverses by reduction, anonymous axes: "${pattern}"`, () => checkReversion(arangeOf([1, 2, 4, 6]), pattern, axes));
  }

  it('equals expand + reshape written with views', () => {
    const v = arangeOf([2, 3]);
    expectSame(repeat(v, 'h w -> (h h2) w', { h2: 2 }), v.unsqueeze(1).expand(2, 2, 3).reshape(4, 3));
    expectSame(repeat(v, 'h w -> (h2 h) w', { h2: 2 }), v.unsqueeze(0).expand(2, 2, 3).reshape(4, 3));
    expectSame(repeat(v, 'h w -> h (w 2)'), v.unsqueeze(2).expand(2, 3, 2).reshape(2, 6));
    expectSame(repeat(v, 'h w -> w n h', { n: 3 }), v.t().unsqueeze(1).expand(3, 3, 2).contiguous());
    expect(values(repeat(v, 'h w -> h (w 2)'))).toEqual([0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5]);
  });

  it('tiles like Tensor.repeat and stacks like stack', () => {
    const v = arangeOf([2, 3]);
    expectSame(repeat(v, 'h w -> (r h) (s w)', { r: 2, s: 3 }), v.repeat(2, 3));
    expectSame(repeat(v, 'h w -> r h w', { r: 2 }), stack([v, v]));
    expectSame(repeat(v, 'h w -> (r h) w', { r: 3 }), cat([v, v, v]));
  });
});

describe('parseShape, pack, unpack, einsum', () => {
  it('parseShape names dimensions', () => {
    const x = randn(2, 3, 5, 7);
    expect(parseShape(x, 'batch _ h w')).toEqual({ batch: 2, h: 5, w: 7 });
    expect(parseShape(x, 'batch ... w')).toEqual({ batch: 2, w: 7 });
    expect(() => parseShape(x, 'a b c')).toThrow(EinopsError);
  });

  it('packs like cat of flattened views and unpacks back', () => {
    const a = randn(2, 3, 5);
    const b = randn(2, 5);
    const c = randn(2, 4, 2, 5);
    const [packed, shapes] = pack([a, b, c], 'i * j');
    expect(shapes).toEqual([[3], [], [4, 2]]);
    expectSame(packed, cat([a, b.unsqueeze(1), c.reshape(2, 8, 5)], 1));
    const [ua, ub, uc] = unpack(packed, [[3], [], [-1, 2]], 'i * j') as [Tensor, Tensor, Tensor];
    expectSame(ua, a);
    expectSame(ub, b);
    expectSame(uc, c);
  });

  it('einsum with named axes equals the letter form', () => {
    const x = randn(4, 5, 6);
    const w = randn(6, 3);
    const named = einsum(x, w, 'batch seq channel, channel out -> batch out seq');
    expect(named.shape).toEqual([4, 3, 5]);
    expectSame(named, einsum(x, w, 'b s c, c o -> b o s'));
    expectSame(named, x.matmul(w).permute(0, 2, 1));
    expect(() => einsum(x, w, 'a b c, c d')).toThrow(EinopsError);
  });
});

// ------------------------------------------------------------------ gradients

describe('gradients', () => {
  it('flow through rearrange as through the equivalent views', () => {
    manualSeed(3);
    const x = randn([2, 3, 8, 8], { requiresGrad: true });
    const y = rearrange(x, 'b c (h p1) (w p2) -> b (h w) (p1 p2 c)', { p1: 4, p2: 4 });
    const manual = x.reshape(2, 3, 2, 4, 2, 4).permute(0, 2, 4, 3, 5, 1).reshape(2, 4, 48);
    const g = randn(2, 4, 48);
    expectSame(vjp(x, y, g), vjp(x, manual, g));
    // The gradient is the inverse rearrangement of g.
    expectSame(vjp(x, y, g), rearrange(g, 'b (h w) (p1 p2 c) -> b c (h p1) (w p2)', { h: 2, p1: 4, p2: 4 }));
    expect(y.gradFn?.name()).toBe(manual.gradFn?.name());
  });

  it('flow through repeat (summed over the copies)', () => {
    const x = randn([2, 3], { requiresGrad: true });
    const y = repeat(x, 'h w -> (r h) w c', { r: 2, c: 4 });
    const g = randn(4, 3, 4);
    const expected = g.reshape(2, 2, 3, 4).sum([0, 3]);
    expect(values(vjp(x, y, g))).toEqual(values(vjp(x, x.unsqueeze(0).unsqueeze(3).expand(2, 2, 3, 4).reshape(4, 3, 4), g)));
    const got = values(vjp(x, y, g));
    values(expected).forEach((v, i) => expect(got[i]).toBeCloseTo(v, 5));
  });

  it('flow through each reduction as through the explicit one', () => {
    const x = randn([2, 3, 4], { requiresGrad: true });
    const g = randn(4, 2);
    const cases: [ReductionName, (t: Tensor) => Tensor][] = [
      ['sum', (t) => t.sum(1).t()],
      ['mean', (t) => t.mean(1).t()],
      ['max', (t) => t.amax(1).t()],
      ['min', (t) => t.amin(1).t()],
      ['prod', (t) => t.prod(1).t()],
    ];
    for (const [reduction, manual] of cases) {
      expectSame(vjp(x, reduce(x, 'a b c -> c a', reduction), g), vjp(x, manual(x), g));
    }
  });

  it('flow through pack, unpack and einsum', () => {
    const a = randn([2, 3], { requiresGrad: true });
    const b = randn([2], { requiresGrad: true });
    const [packed] = pack([a, b], 'i *');
    const g = randn(2, 4);
    const [ga, gb] = grad(packed, [a, b], { gradOutputs: [g] });
    expectSame(ga!, g.narrow(1, 0, 3));
    expectSame(gb!, g.narrow(1, 3, 1).reshape(2));
    const w = randn([3, 5], { requiresGrad: true });
    const y = einsum(a, w, 'i j, j k -> k i');
    const gy = randn(5, 2);
    const [gw] = grad(y, [w], { gradOutputs: [gy] });
    expectSame(gw!, vjp(w, a.matmul(w).t(), gy));
  });
});

// ------------------------------------------------------------------ errors

describe('errors', () => {
  it('name the pattern, the input shape and the reason', () => {
    const x = randn(2, 3, 4);
    const error = thrownBy(() => rearrange(x, 'a b c -> a (b c) d'));
    expect(error).toBeInstanceOf(EinopsError);
    expect(error.message).toBe(
      ' Error while processing rearrange-reduction pattern "a b c -> a (b c) d".\n Input tensor shape: (2, 3, 4). ' +
        "Additional info: {}.\n Identifiers only on one side of expression (should be on both): {'d'}",
    );
    expect(() => reduce(x, 'a b c -> a', 'median' as ReductionName)).toThrow(/Unknown reduction median\. Expect one of/);
    expect(() => repeat(x, 'a b c -> a b c d')).toThrow(/Specify sizes for new axes in repeat: \{'d'\}/);
  });

  it('reject values that are not tensors', () => {
    expect(() => rearrange(3 as unknown as Tensor, 'a -> a')).toThrow(EinopsError);
    expect(() => rearrange([], 'a -> a')).toThrow("Rearrange/Reduce/Repeat can't be applied to an empty list");
  });
});
