import { describe, expect, it } from 'vitest';
import {
  EinopsError,
  compactEinsumPattern,
  einsum,
  pack,
  parseShape,
  planTransform,
  prepareRecipe,
  rearrange,
  reduce,
  repeat,
  unpack,
} from '../src/einops/engine.js';
import type { AxesLengths, ReductionName } from '../src/einops/engine.js';
import { parseExpression } from '../src/einops/parse.js';
import { pyDict, pyListOfTuples, pyStr, pyTuple } from '../src/einops/python-repr.js';
import { caseTitle, einopsFixture, expectCaseError, normalizeSets, PATCH_INVERSE_PATTERN, type EinopsFixtureCase } from './support/einops-fixture';
import * as patterns from './support/einops-patterns';
import { fixtureValues, type FixtureTensor } from './support/fixture-files';
import { NDArray, ndarrayBackend as B } from './support/ndarray.js';
import { mulberry32, shuffled } from './support/random';
import { thrownBy } from './support/thrown';

// ------------------------------------------------------------------ helpers

function fromFixture(t: FixtureTensor): NDArray {
  if (t.dtype !== 'float32') throw new Error(`unexpected fixture dtype ${t.dtype}`);
  return NDArray.fromValues(fixtureValues(t), t.shape, 'float32');
}

function expectSame(actual: NDArray, expected: NDArray): void {
  expect(actual.shape).toEqual(expected.shape);
  expect(actual.toArray()).toEqual(expected.toArray());
}

/** Expects an EinopsError whose message ends with `reason` (the text after einops' context lines). */
function expectEinopsError(run: () => unknown, reason: string): void {
  const error = thrownBy(run);
  expect(error).toBeInstanceOf(EinopsError);
  expect(error.name).toBe('EinopsError');
  const actual = normalizeSets(error.message);
  const expected = normalizeSets(reason);
  // Fails (showing both texts) unless the message ends with the reason.
  if (!actual.endsWith(expected)) expect(actual).toBe(expected);
}

// ------------------------------------------------------------------ reference cases from einops itself

describe(`einops ${einopsFixture.einops} reference cases`, () => {
  it('has all 41 cases, each of a kind this suite runs', () => {
    expect(einopsFixture.cases[0]!.pattern).toBe('b c (h p1) (w p2) -> b (h w) (p1 p2 c)');
    expect(einopsFixture.cases).toHaveLength(41);
    const kinds = new Set(['rearrange', 'repeat', 'reduce', 'pack', 'einsum']);
    expect(einopsFixture.cases.filter((c) => kinds.has(c.fn))).toHaveLength(41);
    expect(einopsFixture.cases.filter((c) => c.error !== undefined)).toHaveLength(9);
  });

  const transforms = einopsFixture.cases.filter((c) => c.fn === 'rearrange' || c.fn === 'repeat' || c.fn === 'reduce');
  const patchesCase = einopsFixture.cases[0]!;
  const inputOf = (c: EinopsFixtureCase): NDArray =>
    c.pattern === PATCH_INVERSE_PATTERN ? fromFixture(patchesCase.output!) : NDArray.arange(c.input_shape!, 'float32');
  for (const [index, c] of transforms.entries()) {
    it(caseTitle(index, c), () => {
      const x = inputOf(c);
      const axes = c.axes ?? {};
      const run = () =>
        c.fn === 'rearrange'
          ? rearrange(B, x, c.pattern, axes)
          : c.fn === 'repeat'
            ? repeat(B, x, c.pattern, axes)
            : reduce(B, x, c.pattern, c.reduction!, axes);
      if (c.error !== undefined) expectCaseError(c, run);
      else expectSame(run(), fromFixture(c.output!));
    });
  }

  it('pack and unpack "i * j"', () => {
    const c = einopsFixture.cases.find((k) => k.fn === 'pack')!;
    // The second input is arange + 100 (see the einops section of the generator script).
    const inputs = c.input_shapes!.map((shape, i) => NDArray.arange(shape, 'float32', i === 0 ? 0 : 100));
    const [packed, packedShapes] = pack(B, inputs, c.pattern);
    expectSame(packed, fromFixture(c.output!));
    expect(packedShapes).toEqual(c.packed_shapes);
    const unpacked = unpack(B, packed, packedShapes, c.pattern);
    expect(unpacked.map((u) => u.shape)).toEqual(c.unpacked_shapes);
    unpacked.forEach((u, i) => expectSame(u, inputs[i]!));
  });

  it('einsum "i j, j k -> i k"', () => {
    const c = einopsFixture.cases.find((k) => k.fn === 'einsum')!;
    const [p, q] = c.operands!.map(fromFixture) as [NDArray, NDArray];
    expectSame(einsum(B, p, q, c.pattern), fromFixture(c.output!));
  });
});

// ------------------------------------------------------------------ generated cases (after einops' own test suite)

const x5 = NDArray.arange(patterns.x5Shape);

/** Expected result written with the backend's primitive operations directly. */
function permuteReshape(x: NDArray, perm: number[], shape: number[]): NDArray {
  return B.reshape(B.permute(x, perm), shape);
}

describe('rearrange', () => {
  for (const pattern of patterns.identity) {
    it(`keeps every element in place: "${pattern}"`, () => {
      const y = rearrange(B, x5, pattern);
      expect(y.toArray()).toEqual(x5.toArray());
      const expectedShape = pattern.includes('()') ? [2, 3, 1, 4, 5, 6, 1] : [2, 3, 4, 5, 6];
      expect(y.shape).toEqual(expectedShape);
    });
  }

  for (const [pattern1, pattern2, perm, shape] of patterns.equivalent) {
    it(`"${pattern1}" equals "${pattern2}" and a permute + reshape`, () => {
      const expected = permuteReshape(x5, perm, shape);
      expectSame(rearrange(B, x5, pattern1), expected);
      expectSame(rearrange(B, x5, pattern2), expected);
    });
  }

  it('decomposes and recomposes axes (round trip with given lengths)', () => {
    const x = NDArray.arange([1, 2, 3, 5, 7, 11]);
    const mixed = rearrange(B, x, 'a b c d e f -> (f d) c (e b) a');
    expect(mixed.shape).toEqual([55, 3, 14, 1]);
    expectSame(mixed, permuteReshape(x, [5, 3, 2, 4, 1, 0], [55, 3, 14, 1]));
    expectSame(rearrange(B, mixed, '(f d) c (e b) a -> a b c d e f', { b: 2, d: 5 }), x);
    const sizes = { a: 1, b: 2, c: 3, d: 5, e: 7, f: 11 };
    expectSame(rearrange(B, rearrange(B, x, 'a b c d e f -> (f d) c (e b) a', sizes), '(f d) c (e b) a -> a b c d e f', sizes), x);
    expectSame(rearrange(B, x, 'a aa aa1 a1a1 aaaa a11 -> a aa aa1 a1a1 aaaa a11'), x);
    expectSame(rearrange(B, x, 'a b c d e f -> f e d c b a'), rearrange(B, x, 'f e d c b a -> a b c d e f'));
  });

  it('moves each element to its permuted index', () => {
    const x = NDArray.arange([2, 3, 4]);
    const y = rearrange(B, x, 'a b c -> b c a');
    for (let a = 0; a < 2; a++) for (let b = 0; b < 3; b++) for (let c = 0; c < 4; c++) expect(y.at(b, c, a)).toBe(x.at(a, b, c));
  });

  it('matches random permutations of up to 9 axes, by index', () => {
    const random = mulberry32(7);
    for (let nAxes = 1; nAxes < 10; nAxes++) {
      const x = NDArray.arange(new Array(nAxes).fill(2));
      const perm = shuffled(nAxes, random);
      const left = Array.from({ length: nAxes }, (_, i) => `i${i}`).join(' ');
      const right = perm.map((axis) => `i${axis}`).join(' ');
      const y = rearrange(B, x, `${left} -> ${right}`);
      for (let trial = 0; trial < 10; trial++) {
        const pick = Array.from({ length: nAxes }, () => Math.floor(random() * 2));
        expect(y.at(...perm.map((axis) => pick[axis]!))).toBe(x.at(...pick));
      }
    }
  });

  it('stacks a list input on a new first axis', () => {
    const items = [0, 1, 2].map((i) => NDArray.arange([3, 4], 'float64', 12 * i));
    const stacked = NDArray.arange([3, 3, 4]);
    expectSame(rearrange(B, items, '... -> ...'), stacked);
    expectSame(rearrange(B, items, 'b h w -> h (b w)'), rearrange(B, stacked, 'b h w -> h (b w)'));
    expectSame(reduce(B, items, 'b h w -> w', 'max'), reduce(B, stacked, 'b h w -> w', 'max'));
    expectSame(repeat(B, items, '... -> r (...)', { r: 2 }), repeat(B, stacked, '... -> r (...)', { r: 2 }));
    for (const shape of [[], [1], [2, 3], [1, 1, 1]]) {
      const arrays = [0, 1, 2, 3, 4].map((i) => NDArray.arange(shape, 'float64', i));
      expectSame(rearrange(B, arrays, 'b ... -> ... b'), B.permute(B.stack(arrays), [...shape.map((_, i) => i + 1), 0]));
    }
  });

  it('accepts 0-dim inputs and zero-length axes', () => {
    const scalar = NDArray.fromValues([5], []);
    expectSame(rearrange(B, scalar, '... -> ...'), scalar);
    expect(rearrange(B, scalar, ' -> 1 1').shape).toEqual([1, 1]);
    const empty = NDArray.arange([2, 0, 3]);
    expect(rearrange(B, empty, 'a b c -> c (a b)').shape).toEqual([3, 0]);
    expect(rearrange(B, empty, 'a (b x) c -> x a b c', { x: 4 }).shape).toEqual([4, 2, 0, 3]);
  });
});

describe('reduce', () => {
  for (const reduction of ['min', 'max', 'sum'] as const) {
    for (const [pattern1, pattern2] of patterns.equivalentReductions) {
      it(`${reduction}: "${pattern1}" equals "${pattern2}"`, () => {
        expectSame(reduce(B, x5, pattern1, reduction), reduce(B, x5, pattern2, reduction));
      });
    }
  }

  const reductions: ReductionName[] = ['min', 'max', 'sum', 'mean', 'prod'];
  for (const reduction of reductions) {
    it(`${reduction} equals explicit reduce + permute + reshape`, () => {
      const x = reduction === 'prod' ? B.reshape(NDArray.fromValues(x5.toArray().map((v) => 1 + v / 720), [720]), [2, 3, 4, 5, 6]) : x5;
      const all = B.reduce(x, reduction, [0, 1, 2, 3, 4]);
      const over13 = B.reduce(x, reduction, [1, 3]); // a c e
      const cases: [string, AxesLengths, NDArray][] = [
        ['a b c d e -> ', {}, all],
        ['a ... -> ', {}, all],
        ['(a1 a2) ... (e1 e2) -> ', { a1: 1, e2: 2 }, B.reduce(B.reshape(x, [1, 2, 3, 4, 5, 3, 2]), reduction, [0, 1, 2, 3, 4, 5, 6])],
        ['a b c d e -> (e c) a', {}, permuteReshape(over13, [2, 1, 0], [24, 2])],
        ['a ... c d e -> (e c) a', {}, permuteReshape(over13, [2, 1, 0], [24, 2])],
        ['a b c d e ... -> (e c) a', {}, permuteReshape(over13, [2, 1, 0], [24, 2])],
        ['a b c d e -> (e c a)', {}, permuteReshape(over13, [2, 1, 0], [48])],
        ['(a a2) ... -> (a2 a) ...', { a2: 1 }, x],
        ['a b c d e -> a 1 c () e', {}, B.reshape(over13, [2, 1, 4, 1, 6])],
        ['a b (c1 2) d e -> a b c1', {}, B.reduce(B.reshape(x, [2, 3, 2, 2, 5, 6]), reduction, [3, 4, 5])],
      ];
      for (const [pattern, axes, expected] of cases) expectSame(reduce(B, x, pattern, reduction, axes), expected);
    });
  }

  it('any and all over boolean-valued data', () => {
    // Parity of the bit count of 0..63, on six axes of length 2.
    const bits = Array.from({ length: 64 }, (_, i) => (i.toString(2).split('1').length - 1) % 2 === 0 ? 1 : 0);
    const x = NDArray.fromValues(bits, [2, 2, 2, 2, 2, 2]);
    for (let axis = 0; axis < 6; axis++) {
      const names = ['a', 'b', 'c', 'd', 'e', 'f'];
      const out = names.map((name, i) => (i === axis ? '1' : name));
      const pattern = `${names.join(' ')} -> ${out.join(' ')}`;
      const keptShape = [2, 2, 2, 2, 2, 2].map((d, i) => (i === axis ? 1 : d));
      const any = reduce(B, x, pattern, 'any');
      const all = reduce(B, x, pattern, 'all');
      expectSame(any, B.reshape(B.reduce(x, 'any', [axis]), keptShape));
      expectSame(all, B.reshape(B.reduce(x, 'all', [axis]), keptShape));
      expect(any.toArray()).not.toEqual(all.toArray());
    }
    expectSame(reduce(B, x, 'a b ... -> 1 1 ...', 'any'), B.reshape(B.reduce(x, 'any', [0, 1]), [1, 1, 2, 2, 2, 2]));
  });

  it('matches random permutations followed by a reduction of the leading axes', () => {
    const random = mulberry32(11);
    for (const reduction of ['min', 'max', 'sum', 'mean', 'prod', 'rearrange'] as const) {
      for (let nAxes = 0; nAxes < 9; nAxes++) {
        const shape = Array.from({ length: nAxes }, () => 2 + Math.floor(random() * 2));
        const perm = shuffled(nAxes, random);
        const skipped = reduction === 'rearrange' ? 0 : Math.floor(random() * (nAxes + 1));
        const left = shape.map((_, i) => `x${i}`).join(' ');
        const right = perm.slice(skipped).map((i) => `x${i}`).join(' ');
        // prod: values of +-1, so that any order of multiplication gives exactly the same result.
        const x =
          reduction === 'prod'
            ? NDArray.fromValues(NDArray.arange(shape).toArray().map((v) => (v % 3 === 0 ? -1 : 1)), shape)
            : NDArray.arange(shape, 'float64', 1);
        const result =
          reduction === 'rearrange' ? rearrange(B, x, `${left}->${right}`) : reduce(B, x, `${left}->${right}`, reduction);
        let expected = B.permute(x, perm);
        if (skipped > 0 && reduction !== 'rearrange') {
          expected = B.reduce(expected, reduction, Array.from({ length: skipped }, (_, i) => i));
        }
        expectSame(result, expected);
      }
    }
  });

  it('calls a reduction function with the axes to reduce', () => {
    const calls: number[][] = [];
    const logSumExp = (t: NDArray, axes: number[]): NDArray => {
      calls.push(axes);
      const m = B.reduce(t, 'max', axes);
      const shifted = NDArray.fromValues(t.toArray(), t.shape);
      // exp(x - max) summed, then log + max: a numerically stable logsumexp over the trailing axes.
      const run = axes.reduce((n, axis) => n * t.shape[axis]!, 1);
      for (let i = 0; i < shifted.data.length; i++) shifted.data[i] = Math.exp(shifted.data[i]! - m.data[Math.floor(i / run)]!);
      const s = B.reduce(shifted, 'sum', axes);
      return NDArray.fromValues(s.toArray().map((v, i) => Math.log(v) + m.data[i]!), s.shape);
    };
    const x = NDArray.fromValues(x5.toArray().map((v) => v / 720), x5.shape);
    for (const [pattern1, pattern2] of patterns.equivalentReductions) {
      expectSame(reduce(B, x, pattern1, logSumExp), reduce(B, x, pattern2, logSumExp));
    }
    expect(calls[0]).toEqual([0, 1, 2, 3, 4]);
    expect(calls[2]).toEqual([2, 3, 4]); // 'a b c d e -> (e a)' moves a and e first, reduces b c d
    const sum = (t: NDArray, axes: number[]) => B.reduce(t, 'sum', axes);
    expectSame(reduce(B, x5, 'a b c d e -> e (b d)', sum), reduce(B, x5, 'a b c d e -> e (b d)', 'sum'));
  });

  it('rejects a reduction function that keeps the reduced axes', () => {
    const keepDims = (t: NDArray) => t;
    expectEinopsError(
      () => reduce(B, x5, 'a b c d e -> a', keepDims),
      'Reduction function should remove the reduced axes (1, 2, 3, 4) of a 5-dim tensor and return a 1-dim tensor, got a 5-dim tensor',
    );
  });
});

describe('repeat', () => {
  const x = NDArray.arange([2, 3, 5]);

  /** repeat is right when reducing the copies back with min and with max both give the input. */
  function checkReversion(input: NDArray, pattern: string, axes: AxesLengths): void {
    const repeated = repeat(B, input, pattern, axes);
    expectSame(reduce(B, repeated, patterns.reversed(pattern), 'min', axes), input);
    expectSame(reduce(B, repeated, patterns.reversed(pattern), 'max', axes), input);
  }

  for (const [pattern, axes] of patterns.repeats) {
    it(`reverses by reduction: "${pattern}"`, () => checkReversion(x, pattern, axes));
  }

  for (const [pattern, axes] of patterns.anonymousRepeats) {
    it(`reverses by reduction, anonymous axes: "${pattern}"`, () => checkReversion(NDArray.arange([1, 2, 4, 6]), pattern, axes));
  }

  it('equals explicit broadcasts', () => {
    expectSame(repeat(B, x, 'a b c -> copy a b c ', { copy: 1 }), B.reshape(x, [1, 2, 3, 5]));
    const v = NDArray.arange([2, 3]);
    // 'h w -> (h h2) w': each row twice in a row; '(h2 h) w': the whole matrix twice.
    expect(repeat(B, v, 'h w -> (h h2) w', { h2: 2 }).toArray()).toEqual([0, 1, 2, 0, 1, 2, 3, 4, 5, 3, 4, 5]);
    expect(repeat(B, v, 'h w -> (h2 h) w', { h2: 2 }).toArray()).toEqual([0, 1, 2, 3, 4, 5, 0, 1, 2, 3, 4, 5]);
    expect(repeat(B, v, 'h w -> h (w 2)').toArray()).toEqual([0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5]);
    expectSame(repeat(B, v, 'h w -> w n h', { n: 3 }), B.addAxes(B.permute(v, [1, 0]), 3, new Map([[1, 3]])));
  });
});

// ------------------------------------------------------------------ recipes and plans

describe('recipes and plans', () => {
  it('returns the cached recipe for the same pattern, operation, axes names and ndim', () => {
    const pattern = 'b c (h p1) (w p2) -> b (h w) (p1 p2 c)';
    const first = prepareRecipe(pattern, 'rearrange', ['p1', 'p2'], 4);
    expect(prepareRecipe(pattern, 'rearrange', ['p1', 'p2'], 4)).toBe(first);
    expect(prepareRecipe(pattern, 'rearrange', ['p2', 'p1'], 4)).not.toBe(first);
    expect(prepareRecipe('... -> (...)', 'rearrange', [], 3)).not.toBe(prepareRecipe('... -> (...)', 'rearrange', [], 4));
    expect(prepareRecipe('a b -> a', 'sum', [], 2)).not.toBe(prepareRecipe('a b -> a', 'max', [], 2));
    const f = (t: NDArray) => t;
    const g = (t: NDArray) => t;
    expect(prepareRecipe('a b -> a', f, [], 2)).toBe(prepareRecipe('a b -> a', g, [], 2));
    // The API goes through the same cache.
    rearrange(B, NDArray.arange([6, 1, 32, 32]), pattern, { p1: 8, p2: 8 });
    expect(prepareRecipe(pattern, 'rearrange', ['p1', 'p2'], 4)).toBe(first);
  });

  it('plans a patch embedding as reshape, permute, reshape', () => {
    const recipe = prepareRecipe('b c (h p1) (w p2) -> b (h w) (p1 p2 c)', 'rearrange', ['p1', 'p2'], 4);
    const plan = planTransform(recipe, [6, 1, 32, 32], [['p1', 8], ['p2', 8]]);
    expect(plan.initShape).toEqual([6, 1, 4, 8, 4, 8]);
    expect(plan.permutation).toEqual([0, 2, 4, 3, 5, 1]);
    expect(plan.reducedAxes).toEqual([]);
    expect(plan.reduction).toBeNull();
    expect(plan.addedAxes.size).toBe(0);
    expect(plan.finalShape).toEqual([6, 16, 64]);
  });

  it('plans nothing for an identity, and only what is needed otherwise', () => {
    const identity = planTransform(prepareRecipe('a b c -> a b c', 'rearrange', [], 3), [2, 3, 4], []);
    expect([identity.initShape, identity.permutation, identity.finalShape]).toEqual([null, null, null]);
    const transpose = planTransform(prepareRecipe('a b c -> c b a', 'rearrange', [], 3), [2, 3, 4], []);
    expect([transpose.initShape, transpose.permutation, transpose.finalShape]).toEqual([null, [2, 1, 0], null]);
    const reduction = planTransform(prepareRecipe('a b c -> c a', 'mean', [], 3), [2, 3, 4], []);
    expect(reduction.permutation).toEqual([2, 0, 1]);
    expect(reduction.reducedAxes).toEqual([2]);
    expect(reduction.reduction).toBe('mean');
    const tiling = planTransform(prepareRecipe('h w -> (r h) w c', 'repeat', ['r', 'c'], 2), [2, 3], [['r', 2], ['c', 4]]);
    expect(tiling.permutation).toBeNull();
    expect([...tiling.addedAxes]).toEqual([[0, 2], [3, 4]]);
    expect(tiling.nAxesAfterAdding).toBe(4);
    expect(tiling.finalShape).toEqual([4, 3, 4]);
  });
});

// ------------------------------------------------------------------ errors

describe('pattern errors (einops messages)', () => {
  const x = NDArray.arange([2, 3, 4, 6]);
  const cases: [string, () => unknown, string][] = [
    ['two ellipses', () => rearrange(B, x, '... a ... -> a'), 'Expression may contain dots only inside ellipsis (...); only one ellipsis for tensor '],
    ['stray dots', () => rearrange(B, x, 'a.b c d e -> a'), 'Expression may contain dots only inside ellipsis (...)'],
    ['four dots', () => rearrange(B, x, 'a .... -> a'), 'Expression may contain dots only inside ellipsis (...); only one ellipsis for tensor '],
    ['nested parentheses', () => rearrange(B, x, 'a ((b c)) d -> a b c d'), 'Axis composition is one-level (brackets inside brackets not allowed)'],
    ['unopened parenthesis', () => rearrange(B, x, 'a b c d) -> a b c d'), 'Brackets are not balanced'],
    ['unclosed parenthesis', () => rearrange(B, x, 'a b c d -> (a b c d'), 'Imbalanced parentheses in expression: " (a b c d"'],
    ['unclosed parenthesis with ellipsis', () => rearrange(B, x, 'a ... -> (a ...'), 'Imbalanced parentheses in expression: " (a \u2026"'],
    ['unknown character', () => rearrange(B, x, 'a b c d -> a-b c d'), "Unknown character '-'"],
    ['tab', () => rearrange(B, x, 'a b c\td -> a b c d'), "Unknown character '\t'"],
    ['leading digit', () => rearrange(B, x, 'a b c 1d -> a b c 1d'), 'Invalid axis identifier: 1d\nnot a valid python identifier'],
    ['leading underscore', () => rearrange(B, x, 'a b c _d -> a b c _d'), 'Invalid axis identifier: _d\naxis name should should not start or end with underscore'],
    ['trailing underscore', () => rearrange(B, x, 'a b c d_ -> a b c d_'), 'Invalid axis identifier: d_\naxis name should should not start or end with underscore'],
    ['bare underscore', () => rearrange(B, x, 'a b c _ -> a b c _'), 'Invalid axis identifier: _\naxis name should should not start or end with underscore'],
    ['zero-length anonymous axis', () => repeat(B, x, 'a b c d -> a b c d 0'), 'Anonymous axis should have positive length, not 0'],
    ['duplicate axis', () => rearrange(B, x, 'a a c d -> a c d'), 'Indexing expression contains duplicate dimension "a"'],
    ['duplicate on the right', () => rearrange(B, x, 'a b c d -> a b c d a'), 'Indexing expression contains duplicate dimension "a"'],
    ['no arrow', () => rearrange(B, x, 'a b c d'), `Pattern should contain exactly one '->', found 0 in "a b c d"`],
    ['two arrows', () => rearrange(B, x, 'a b c d -> a b c d -> a'), `Pattern should contain exactly one '->', found 2 in "a b c d -> a b c d -> a"`],
    ['ellipsis only on the right', () => rearrange(B, x, 'a b c d -> ...'), 'Ellipsis found in right side, but not left side of a pattern a b c d -> ...'],
    ['ellipsis in parentheses on the left', () => rearrange(B, x, 'a (...) -> a ...'), 'Ellipsis inside parenthesis in the left side is not allowed: a (...) -> a ...'],
    ['ellipsis on one side only', () => rearrange(B, x, 'a ... -> a'), "Identifiers only on one side of expression (should be on both): {'\u2026'}"],
    ['anonymous axis in rearrange', () => rearrange(B, x, 'a b c (d 2) -> a b c d'), 'Non-unitary anonymous axes are not supported in rearrange (exception is length 1)'],
    ['left-only axis in repeat', () => repeat(B, x, 'a b c d -> a b c'), "Unexpected identifiers on the left side of repeat: {'d'}"],
    ['left anonymous axis in repeat', () => repeat(B, x, 'a b c (d 2) -> a b c d 2'), 'Unexpected identifiers on the left side of repeat: {2-axis}'],
    ['new axis without length', () => repeat(B, x, 'a b c d -> a b c d e f', { e: 2 }), "Specify sizes for new axes in repeat: {'f'}"],
    ['right-only axis in reduce', () => reduce(B, x, 'a b c d -> a e', 'sum'), "Unexpected identifiers on the right side of reduce sum: {'e'}"],
    ['anonymous axis on the right of reduce', () => reduce(B, x, 'a b c d -> a 2', 'max'), 'Unexpected identifiers on the right side of reduce max: {2-axis}'],
    ['unknown reduction', () => reduce(B, x, 'a b c d -> a', 'median' as ReductionName), "Unknown reduction median. Expect one of ('min', 'max', 'sum', 'mean', 'prod', 'any', 'all')."],
    ['too few dims for the ellipsis', () => reduce(B, x, 'a b c d e ... -> ...', 'sum'), 'Wrong shape: expected >=5 dims. Received 4-dim tensor.'],
    ['wrong number of dims', () => rearrange(B, x, 'a b c -> a b c'), 'Wrong shape: expected 3 dims. Received 4-dim tensor.'],
    ['invalid name of a given length', () => rearrange(B, x, 'a b c d -> a b c d', { d_: 6 }), "('Invalid name for an axis', 'd_')"],
    ['given length of an unused axis', () => rearrange(B, x, 'a b c d -> a b c d', { e: 6 }), 'Axis e is not used in transform'],
    ['two unknowns in a group', () => rearrange(B, x, 'a b c (d1 d2) -> a b c d1 d2'), "Could not infer sizes for {'d1', 'd2'}"],
    ['indivisible length', () => rearrange(B, x, 'a b c (d1 d2) -> a b c d1 d2', { d1: 4 }), "Shape mismatch, can't divide axis of length 6 in chunks of 4"],
    ['zero-length chunk', () => rearrange(B, x, 'a b c (d1 d2) -> a b c d1 d2', { d1: 0 }), "Shape mismatch, can't divide axis of length 6 in chunks of 0"],
    ['known lengths that disagree', () => rearrange(B, x, 'a b c (d1 d2) -> a b c d1 d2', { d1: 2, d2: 2 }), 'Shape mismatch, 6 != 4'],
    ['unit axis of another length', () => rearrange(B, x, 'a b c 1 -> a b c'), 'Shape mismatch, 6 != 1'],
    ['given length that disagrees', () => rearrange(B, x, 'a b c d -> a b c d', { a: 3 }), 'Shape mismatch, 2 != 3'],
    ['fractional length', () => rearrange(B, x, 'a b c (d1 d2) -> a b c d1 d2', { d1: 1.5 }), 'Length of axis d1 should be a non-negative integer, got 1.5'],
  ];
  for (const [title, run, reason] of cases) it(title, () => expectEinopsError(run, reason));

  it('wraps the reason with the pattern, the input shape and the given lengths', () => {
    const error = thrownBy(() => rearrange(B, x, 'a b c (d1 d2) -> a b c d1 d2', { d1: 4 }));
    expect(error.message).toBe(
      ' Error while processing rearrange-reduction pattern "a b c (d1 d2) -> a b c d1 d2".\n' +
        " Input tensor shape: (2, 3, 4, 6). Additional info: {'d1': 4}.\n" +
        " Shape mismatch, can't divide axis of length 6 in chunks of 4",
    );
    const listError = thrownBy(() => reduce(B, [x, x], 'a b c -> a', 'sum'));
    expect(listError.message).toBe(
      ' Error while processing sum-reduction pattern "a b c -> a".\n Input is list. Additional info: {}.\n' +
        ' Wrong shape: expected 3 dims. Received 5-dim tensor.',
    );
    const named = function halve(t: NDArray) {
      return t;
    };
    expect(thrownBy(() => reduce(B, x, 'a -> a b', named)).message).toContain(
      'Unexpected identifiers on the right side of reduce <function halve>: ',
    );
  });

  it('rejects inputs that are neither tensors nor lists of tensors, unwrapped', () => {
    expect(thrownBy(() => rearrange(B, [], 'a -> a')).message).toBe("Rearrange/Reduce/Repeat can't be applied to an empty list");
    expect(thrownBy(() => rearrange(B, 3 as unknown as NDArray, 'a -> a')).message).toBe('Expected a tensor or a list of tensors, got number');
    expect(thrownBy(() => rearrange(B, [x, 'y' as unknown as NDArray], 'a -> a')).message).toBe(
      'Expected a list of tensors, item 1 is string',
    );
  });

  it('lets errors of the backend itself through unchanged', () => {
    const failing = { ...B, permute: () => { throw new RangeError('out of memory'); } };
    const error = thrownBy(() => rearrange(failing, x, 'a b c d -> d c b a'));
    expect(error).toBeInstanceOf(RangeError);
    expect(error.message).toBe('out of memory');
  });
});

describe('parsing', () => {
  it('reads compositions, unit axes, anonymous axes and the ellipsis', () => {
    const simple = parseExpression('a1  b1   c1    d1');
    expect(simple.composition).toEqual([['a1'], ['b1'], ['c1'], ['d1']]);
    expect([...simple.identifiers]).toEqual(['a1', 'b1', 'c1', 'd1']);
    expect(simple.hasEllipsis).toBe(false);
    expect(parseExpression('() () () ()').composition).toEqual([[], [], [], []]);
    expect(parseExpression('1 1 1 ()').composition).toEqual([[], [], [], []]);
    const anonymous = parseExpression('5 1 (1 4) 1');
    expect(anonymous.hasNonUnitaryAnonymousAxes).toBe(true);
    expect(anonymous.composition.map((g) => (g === '\u2026' ? g : g.map(String)))).toEqual([['5-axis'], [], ['4-axis'], []]);
    const twice = parseExpression('2 2');
    expect(twice.identifiers.size).toBe(2); // every anonymous axis is its own axis
    const inGroup = parseExpression('(name1 ... a1 12) name2 14');
    expect(inGroup.hasEllipsis).toBe(true);
    expect(inGroup.hasEllipsisParenthesized).toBe(true);
    expect(inGroup.identifiers.size).toBe(6);
    expect(parseExpression('camelCase under_scored cApiTaLs \u00df ...').composition).toHaveLength(5);
    expect(parseExpression('a ... b').hasEllipsisParenthesized).toBe(false);
  });

  it('formats values as Python prints them', () => {
    expect(pyTuple([])).toBe('()');
    expect(pyTuple([2])).toBe('(2,)');
    expect(pyTuple([2, 3, 4])).toBe('(2, 3, 4)');
    expect(pyDict([])).toBe('{}');
    expect(pyDict([['p1', 8], ['p2', 8]])).toBe("{'p1': 8, 'p2': 8}");
    expect(pyListOfTuples([[3], []])).toBe('[(3,), ()]');
    expect(pyStr("it's")).toBe('"it\'s"');
    expect(pyStr('a\nb')).toBe("'a\\nb'");
  });
});

// ------------------------------------------------------------------ parse_shape, pack, einsum

describe('parseShape', () => {
  const x = NDArray.arange([2, 3, 5, 7]);
  it('names dimensions, skipping _ and ...', () => {
    expect(parseShape(B, x, 'batch _ h w')).toEqual({ batch: 2, h: 5, w: 7 });
    expect(parseShape(B, x, 'batch _ h 7')).toEqual({ batch: 2, h: 5 });
    expect(parseShape(B, x, '... w')).toEqual({ w: 7 });
    expect(parseShape(B, x, 'a b ... c d')).toEqual({ a: 2, b: 3, c: 5, d: 7 });
    expect(parseShape(B, x, '_ _ _ _')).toEqual({});
    expect(parseShape(B, NDArray.arange([1, 4]), '() n')).toEqual({ n: 4 });
    // parseShape output feeds other operations.
    expect(rearrange(B, NDArray.arange([210]), '(b c h w) -> b c h w', parseShape(B, x, 'b _ h w')).shape).toEqual([2, 3, 5, 7]);
  });
  it('reports shapes that do not fit', () => {
    expectEinopsError(() => parseShape(B, x, 'a (b c) d'), "Can't parse shape with composite axes: a (b c) d (2, 3, 5, 7)");
    expectEinopsError(() => parseShape(B, x, 'a b c'), "Can't parse shape with different number of dimensions: a b c (2, 3, 5, 7)");
    expectEinopsError(() => parseShape(B, x, 'a b c d e ...'), "Can't parse shape with this number of dimensions: a b c d e ... (2, 3, 5, 7)");
    expectEinopsError(() => parseShape(B, x, 'a 1 c d'), "Length of axis is not 1: a 1 c d (2, 3, 5, 7)");
    expectEinopsError(() => parseShape(B, x, 'a 4 c d'), 'Length of anonymous axis does not match: a 4 c d (2, 3, 5, 7)');
    expectEinopsError(() => parseShape(B, x, 'a a c d'), 'Indexing expression contains duplicate dimension "a"');
  });
});

describe('pack and unpack', () => {
  const [h, w] = [4, 5];
  const [r, g, b] = [0, 1, 2].map((i) => NDArray.arange([h, w], 'float64', 100 * i)) as [NDArray, NDArray, NDArray];
  const embeddings = NDArray.arange([h, w, 6], 'float64', 1000);

  it('packs like stack and concatenate', () => {
    expectSame(pack(B, [r, g, b], 'h w *')[0], rearrange(B, [r, g, b], 'c h w -> h w c'));
    expectSame(pack(B, [r, g, b], 'h * w')[0], rearrange(B, [r, g, b], 'c h w -> h c w'));
    expectSame(pack(B, [r, g, b], '* h w')[0], B.stack([r, g, b]));
    expectSame(pack(B, [r, g, b], 'h *')[0], B.concat([r, g, b], 1));
    expectSame(pack(B, [r, g, b], '* w')[0], B.concat([r, g, b], 0));
    const [packed, shapes] = pack(B, [r, g, b, embeddings], 'h w *');
    expect(shapes).toEqual([[], [], [], [6]]);
    expectSame(packed, B.concat([...[r, g, b].map((t) => B.reshape(t, [h, w, 1])), embeddings], 2));
    expect(pack(B, [r, g, b], 'some_name_for_H some_name_for_w1 *')[0].shape).toEqual([h, w, 3]);
    expect(pack(B, [r, g, b, embeddings], 'h H *')[0].shape).toEqual([h, w, 9]);
  });

  it('unpacks what it packed, also with one -1', () => {
    const inputs = [NDArray.arange([2, 3, 5]), NDArray.arange([2, 3, 7, 5], 'float64', 50), NDArray.arange([2, 3, 7, 9, 5], 'float64', 500)];
    const [packed, shapes] = pack(B, inputs, 'i j * k');
    expect(packed.shape).toEqual([2, 3, 71, 5]);
    expect(shapes).toEqual([[], [7], [7, 9]]);
    unpack(B, packed, shapes, 'i j * k').forEach((u, i) => expectSame(u, inputs[i]!));
    unpack(B, packed, [[], [7], [-1, 9]], 'i j * k').forEach((u, i) => expectSame(u, inputs[i]!));
    unpack(B, packed, [[], [-1], [7, 9]], 'i j * k').forEach((u, i) => expectSame(u, inputs[i]!));
  });

  it('reports pattern and shape errors', () => {
    expectEinopsError(() => pack(B, [r, g], 'h w nonexisting_axis *'), 'packed tensor #0 (enumeration starts with 0) has shape (4, 5), while pattern h w nonexisting_axis * assumes at least 3 axes');
    expectEinopsError(() => pack(B, [r], 'h _w *'), 'Invalid axis name _w in pack(..., "h _w *")');
    expectEinopsError(() => pack(B, [r], 'h_ w *'), 'Invalid axis name h_ in pack(..., "h_ w *")');
    expectEinopsError(() => pack(B, [r], '1 w *'), 'Invalid axis name 1 in pack(..., "1 w *")');
    expectEinopsError(() => pack(B, [r], 'h h *'), 'Duplicates in axes names in pack(..., "h h *")');
    expectEinopsError(() => pack(B, [r], 'h w'), 'No *-axis in pack(..., "h w")');
    expectEinopsError(() => pack(B, [], 'h *'), 'pack(..., "h *") needs at least one tensor, got none');
    const [packed] = pack(B, [r, g], 'h *');
    expectEinopsError(() => unpack(B, packed, [[5], [5]], 'h * x'), 'unpack(..., h * x) received input of wrong dim with shape (4, 10)');
    expectEinopsError(() => unpack(B, packed, [[-1], [-1]], 'h *'), "unpack(..., h *) received more than one -1 in [(-1,), (-1,)] and can't infer dimensions");
    expectEinopsError(() => unpack(B, packed, [[5], [6]], 'h *'), 'Error during unpack(..., "h *"): could not split axis of size 10 into requested [(5,), (6,)]');
    expectEinopsError(() => unpack(B, packed, [[11], [-1]], 'h *'), 'Error during unpack(..., "h *"): could not split axis of size 10 into requested [(11,), (-1,)]');
    expectEinopsError(() => unpack(B, packed, [[3], [-1, 2]], 'h *'), 'Error during unpack(..., "h *"): could not split axis of size 10 into requested [(3,), (-1, 2)]');
  });
});

describe('einsum', () => {
  it('translates axis names to letters', () => {
    expect(compactEinsumPattern('i j, j k -> i k')).toBe('ab,bc->ac');
    expect(compactEinsumPattern('batch h w, h w channel -> batch channel')).toBe('abc,bcd->ad');
    expect(compactEinsumPattern('out_dim in_dim, ... in_dim -> ... out_dim')).toBe('ab,...b->...a');
    expect(compactEinsumPattern('i i ->')).toBe('aa->');
    expect(compactEinsumPattern('a _ (b) -> _ b')).toBe('abc->bc');
  });

  it('computes products and contractions', () => {
    const p = NDArray.arange([3, 4]);
    const q = NDArray.arange([4, 2]);
    const product = einsum(B, p, q, 'rows inner, inner cols -> rows cols');
    for (let i = 0; i < 3; i++) {
      for (let k = 0; k < 2; k++) {
        let sum = 0;
        for (let j = 0; j < 4; j++) sum += p.at(i, j) * q.at(j, k);
        expect(product.at(i, k)).toBe(sum);
      }
    }
    const square = NDArray.arange([4, 4]);
    expect(einsum(B, square, 'i i ->').toArray()).toEqual([0 + 5 + 10 + 15]);
    expectSame(einsum(B, p, 'a b -> b a'), rearrange(B, p, 'a b -> b a'));
    const data = NDArray.arange([2, 3, 4]);
    const weights = NDArray.arange([5, 4]);
    const out = einsum(B, weights, data, 'out_dim in_dim, ... in_dim -> ... out_dim');
    expect(out.shape).toEqual([2, 3, 5]);
    expectSame(B.reshape(out, [6, 5]), einsum(B, B.reshape(data, [6, 4]), weights, 'n i, o i -> n o'));
  });

  it('reports what einsum does not support', () => {
    const t = NDArray.arange([5, 1]);
    expectEinopsError(() => einsum(B, t, 'i () -> i'), 'Singleton () axes are not yet supported in einsum.');
    expectEinopsError(() => einsum(B, t, 'a b -> (a b)'), 'Shape rearrangement is not yet supported in einsum.');
    expectEinopsError(() => einsum(B, t, 'i 2 -> i'), 'Anonymous axes are not yet supported in einsum.');
    expectEinopsError(() => einsum(B, t, 'i 2j -> i'), 'Invalid axis identifier: 2j\nnot a valid python identifier');
    expectEinopsError(() => einsum(B, t, 'i j'), "Einsum pattern must contain '->'.");
    expectEinopsError(() => einsum(B, t, 'i j -> k'), 'Unknown axis k on right side of einsum i j -> k.');
    const letters = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'.split('').join(' ');
    expectEinopsError(() => einsum(B, t, `${letters} extra ->`), 'Too many axes in einsum.');
    expectEinopsError(() => (einsum as (...a: unknown[]) => unknown)(B, 'i -> i'), '`einops.einsum` takes at minimum two arguments: the tensors (at least one), followed by the pattern.');
    expectEinopsError(() => (einsum as (...a: unknown[]) => unknown)(B, 'i j -> i', t), 'The last argument passed to `einops.einsum` must be a string, representing the einsum pattern.');
  });
});
