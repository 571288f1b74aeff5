// Random fills and the dropout mask (bernoulliScale): checks that hold whatever the distribution: every sample
// in its range and of its dtype, the same generator seed giving the same bits, in-place fills of a view touching
// only the view, and dropout outputs that are 0 or the scaled input.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Generator, manualSeed, nn, rand, randint, randn, randperm, tensor } from '../../src/index';
import {
  FLOAT_DTYPES, contiguousLayout, floatValue, layoutArb, logicalValues, materialize, positionsOf, property, roundTo,
  shapeArb, stridedArb,
} from './arbitraries';
import { expectSameBits } from './compare';

const RUNS = 25;
const seedArb = fc.integer({ min: 0, max: 2 ** 31 - 1 });

describe('random factories', () => {
  for (const dtype of FLOAT_DTYPES) {
    it(`${dtype}: rand is in [0, 1), randn is finite, and a seed repeats the same bits`, () => {
      property(`random ${dtype} rand randn`, fc.tuple(shapeArb(0, 3), seedArb), ([shape, seed]) => {
        const u = Array.from(rand(shape, { dtype, generator: new Generator(seed) }).toTypedArray());
        for (const v of u) expect(v >= 0 && v < 1, `rand ${dtype} gave ${v}`).toBe(true);
        expectSameBits(Array.from(rand(shape, { dtype, generator: new Generator(seed) }).toTypedArray()), u, `rand ${dtype} seed ${seed}`);
        const z = Array.from(randn(shape, { dtype, generator: new Generator(seed) }).toTypedArray());
        for (const v of z) expect(Number.isFinite(v), `randn ${dtype} gave ${v}`).toBe(true);
        expectSameBits(Array.from(randn(shape, { dtype, generator: new Generator(seed) }).toTypedArray()), z, `randn ${dtype} seed ${seed}`);
      }, RUNS);
    });
  }

  it('randint is in [low, high) and integral in every dtype; randperm is a permutation', () => {
    const arb = fc.tuple(shapeArb(0, 3), seedArb, fc.integer({ min: -1000, max: 1000 }), fc.integer({ min: 1, max: 2000 }), fc.constantFrom('int32', 'float32', 'float64' as const));
    property('random randint randperm', arb, ([shape, seed, low, width, dtype]) => {
      const values = Array.from(randint(low, low + width, shape, { dtype, generator: new Generator(seed) }).toTypedArray());
      for (const v of values) expect(Number.isInteger(v) && v >= low && v < low + width, `randint gave ${v}`).toBe(true);
      const n = shape.reduce((a, b) => a * b, 1) % 300;
      const perm = Array.from(randperm(n, { generator: new Generator(seed) }).toTypedArray()).sort((a, b) => a - b);
      expect(perm).toEqual(Array.from({ length: n }, (_, i) => i));
    }, RUNS);
  });
});

describe('in-place random fills of a view', () => {
  for (const dtype of FLOAT_DTYPES) {
    it(`${dtype}: uniform_ and normal_ write only the view, in range, the same bits for the same seed`, () => {
      const arb = fc.tuple(shapeArb(0, 3).chain((shape) => layoutArb(shape)), seedArb, floatValue(dtype, { plain: true, min: -5, max: 5 }), fc.double({ min: 0.001, max: 10, noNaN: true }));
      property(`random ${dtype} in place`, arb, ([layout, seed, from, width]) => {
        const r = roundTo(dtype);
        const to = r(from + width);
        const fill = (kind: 'uniform' | 'normal') => {
          const base = tensor(new Array<number>(layout.storage).fill(-1e9), { dtype });
          const view = base._view(layout.shape.slice(), layout.strides.slice(), layout.offset);
          if (kind === 'uniform') view.uniform_(from, to, { generator: new Generator(seed) });
          else view.normal_(from, width, { generator: new Generator(seed) });
          return Array.from(base.toTypedArray());
        };
        const inside = new Set(positionsOf(layout));
        for (const kind of ['uniform', 'normal'] as const) {
          const storage = fill(kind);
          storage.forEach((v, p) => {
            if (!inside.has(p)) expect(v, `${kind}_ wrote outside the view at ${p}`).toBe(r(-1e9));
            // float32 rounding of from + u * (to - from) may reach `to`: the range is closed for the check
            else if (kind === 'uniform') expect(v >= r(from) && v <= to, `uniform_(${from}, ${to}) gave ${v}`).toBe(true);
            else expect(Number.isFinite(v), `normal_ gave ${v}`).toBe(true);
          });
          expectSameBits(fill(kind), storage, `${kind}_ ${dtype} seed ${seed}`);
        }
      }, RUNS);
    });
  }
});

describe('dropout (the bernoulliScale kernel)', () => {
  for (const dtype of FLOAT_DTYPES) {
    it(`${dtype}: each output is 0 or x * (1 / (1 - p)), and manualSeed repeats the mask`, () => {
      const arb = fc.tuple(stridedArb(dtype, floatValue(dtype, { finite: true }), { expand: true }), seedArb, fc.double({ min: 0.05, max: 0.95, noNaN: true }));
      property(`random ${dtype} dropout`, arb, ([s, seed, p]) => {
        const r = roundTo(dtype);
        const scale = r(1 / r(1 - p));
        const xs = logicalValues(s);
        manualSeed(seed);
        const out = Array.from(nn.functional.dropout(materialize(s), p).toTypedArray());
        out.forEach((v, i) => {
          const kept = r(xs[i] * scale);
          expect(Object.is(v, kept) || v === 0, `dropout(${xs[i]}) gave ${v}, expected 0 or ${kept}`).toBe(true);
        });
        manualSeed(seed);
        expectSameBits(Array.from(nn.functional.dropout(materialize(s), p).toTypedArray()), out, `dropout seed ${seed}`);
        expect(nn.functional.dropout(materialize(s), 0).shape).toEqual(contiguousLayout(s.layout.shape).shape);
      }, RUNS);
    });
  }
});
