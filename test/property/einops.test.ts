// einops copies (the strided-copy kernel behind rearrange and repeat) on random patterns: axes split, merged,
// permuted and repeated, on strided inputs of every dtype, against index arithmetic over the named axes. Exact.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rearrange, repeat } from '../../src/index';
import { ALL_DTYPES, logicalValues, materialize, property, stridedOf, valueOf } from './arbitraries';
import { expectSameBits } from './compare';

const RUNS = 40;
const NAMES = ['a', 'b', 'c', 'd', 'e', 'f'];

interface Pattern {
  sizes: Record<string, number>;
  /** The input's axes in order, grouped into its dims. */
  input: string[][];
  /** The output's axes (a permutation of the input's, plus new ones for repeat), grouped into its dims. */
  output: string[][];
}

/** Splits a list into consecutive groups (each of at least one element). */
function groupsOf<T>(items: T[], cuts: boolean[]): T[][] {
  const groups: T[][] = [];
  items.forEach((item, i) => {
    if (i === 0 || cuts[i]) groups.push([item]);
    else groups[groups.length - 1].push(item);
  });
  return groups;
}

function patternArb(withNew: boolean): fc.Arbitrary<Pattern> {
  return fc.integer({ min: 1, max: 5 }).chain((n) => {
    const axes = NAMES.slice(0, n);
    return fc
      .record({
        sizes: fc.array(fc.integer({ min: 1, max: 5 }), { minLength: n + 2, maxLength: n + 2 }),
        inOrder: fc.shuffledSubarray(axes, { minLength: n, maxLength: n }),
        outOrder: fc.shuffledSubarray(axes, { minLength: n, maxLength: n }),
        added: withNew ? fc.subarray(['x', 'y'], { minLength: 1 }) : fc.constant<string[]>([]),
        positions: fc.array(fc.nat(), { minLength: 2, maxLength: 2 }),
        inCuts: fc.array(fc.boolean(), { minLength: n, maxLength: n }),
        outCuts: fc.array(fc.boolean(), { minLength: n + 2, maxLength: n + 2 }),
      })
      .map(({ sizes, inOrder, outOrder, added, positions, inCuts, outCuts }) => {
        const out = outOrder.slice();
        added.forEach((name, i) => out.splice(positions[i] % (out.length + 1), 0, name));
        const all = [...axes, 'x', 'y'];
        return {
          sizes: Object.fromEntries(all.map((name, i) => [name, sizes[i]])),
          input: groupsOf(inOrder, inCuts),
          output: groupsOf(out, outCuts),
        };
      });
  });
}

const text = (groups: string[][]) => groups.map((g) => (g.length === 1 ? g[0] : `(${g.join(' ')})`)).join(' ');

/** The output's values by index arithmetic: each output position names an index per axis, read from the input. */
function transformed(values: number[], p: Pattern): { shape: number[]; values: number[] } {
  const inAxes = p.input.flat();
  const outAxes = p.output.flat();
  const outSizes = outAxes.map((a) => p.sizes[a]);
  const n = outSizes.reduce((x, y) => x * y, 1);
  const index: Record<string, number> = {};
  const counter = new Array<number>(outAxes.length).fill(0);
  const result: number[] = [];
  for (let i = 0; i < n; i++) {
    outAxes.forEach((a, k) => (index[a] = counter[k]));
    result.push(values[inAxes.reduce((at, a) => at * p.sizes[a] + index[a], 0)]);
    for (let k = outAxes.length - 1; k >= 0; k--) {
      if (++counter[k] < outSizes[k]) break;
      counter[k] = 0;
    }
  }
  return { shape: p.output.map((g) => g.reduce((x, a) => x * p.sizes[a], 1)), values: result };
}

describe('rearrange and repeat against index arithmetic', () => {
  for (const dtype of ALL_DTYPES) {
    for (const withNew of [false, true]) {
      const op = withNew ? 'repeat' : 'rearrange';
      it(`${dtype} ${op}`, () => {
        const arb = patternArb(withNew).chain((p) =>
          fc.tuple(fc.constant(p), stridedOf(dtype, p.input.map((g) => g.reduce((x, a) => x * p.sizes[a], 1)), valueOf(dtype), { expand: true })),
        );
        property(`einops ${dtype} ${op}`, arb, ([p, x]) => {
          const pattern = `${text(p.input)} -> ${text(p.output)}`;
          const want = transformed(logicalValues(x), p);
          const lengths = Object.fromEntries(Object.entries(p.sizes).filter(([a]) => p.output.flat().includes(a)));
          const out = (withNew ? repeat : rearrange)(materialize(x), pattern, lengths);
          expect(out.shape, pattern).toEqual(want.shape);
          expectSameBits(Array.from(out.toTypedArray()), want.values, `${dtype} ${op} '${pattern}' ${JSON.stringify(p.sizes)} input [${x.layout.shape}]/[${x.layout.strides}]`);
        }, RUNS);
      });
    }
  }
});
