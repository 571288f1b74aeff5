// Data movement kernels (assembly/copy.ts), all exact: strided gathers into contiguous memory (contiguous(),
// flip: every inner path, transposes of 4- and 8-byte elements, interleaves, broadcasts, negative strides),
// strided-to-strided copies (copy_ into views), casts between every pair of dtypes, and fills.
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { full, tensor } from '../../src/index';
import type { DType } from '../../src/dtype';
import {
  ALL_DTYPES, type Layout, type Strided, broadcastShapeOf, broadcastValues, contiguousLayout, layoutArb, logicalValues,
  materialize, positionsOf, property, shapeArb, stridedOf, valueOf,
} from './arbitraries';
import { expectSameBits } from './compare';

const RUNS = 50;

/** Shapes for the copy paths: small ones of up to 5 dims, wide 2-d planes (4x4 tiles in 8x8 squares, runs past
 * 256 bytes) and channel-like dims of 2 and 3 (the interleave paths). */
const copyShape: fc.Arbitrary<number[]> = fc.oneof(
  { weight: 3, arbitrary: shapeArb(0, 5) },
  { weight: 2, arbitrary: fc.tuple(fc.integer({ min: 0, max: 70 }), fc.integer({ min: 0, max: 70 })) },
  { weight: 2, arbitrary: fc.tuple(fc.integer({ min: 1, max: 40 }), fc.constantFrom(2, 3), fc.integer({ min: 1, max: 9 })) },
);

const copyArb = (dtype: DType, negative = true): fc.Arbitrary<Strided> =>
  copyShape.chain((shape) => stridedOf(dtype, shape, valueOf(dtype), { negative, expand: true }));

/** The value a cast gives, following PyTorch on x86: truncation, INT_MIN outside the int32 range, x != 0 for bool. */
function castValue(v: number, to: DType): number {
  switch (to) {
    case 'float32': return Math.fround(v);
    case 'float64': return v;
    case 'bool': return v !== 0 ? 1 : 0;
    case 'int32': {
      const t = Math.trunc(v);
      return t >= -2147483648 && t <= 2147483647 ? t | 0 : -2147483648;
    }
  }
}

describe('strided gather (copyStrided), exact for every element size', () => {
  for (const dtype of ALL_DTYPES) {
    it(`${dtype}: contiguous() of any view (permuted, stepped, expanded, flipped)`, () => {
      property(`copy ${dtype} contiguous`, copyArb(dtype), (s) => {
        const got = materialize(s).contiguous().toTypedArray();
        expectSameBits(Array.from(got), logicalValues(s), `${dtype} [${s.layout.shape}] strides [${s.layout.strides}] offset ${s.layout.offset}`);
      }, RUNS);
    });
  }

  it('flip of any view along any dims', () => {
    const arb = fc.constantFrom(...ALL_DTYPES).chain((dtype) =>
      copyArb(dtype, false).chain((s) => fc.tuple(fc.constant(s), fc.subarray(s.layout.shape.map((_, d) => d)))),
    );
    property('copy flip', arb, ([s, dims]) => {
      const { shape, strides } = s.layout;
      // the flipped view, written out: each flipped dim walks backwards from its last element
      const flipped: Layout = {
        ...s.layout,
        strides: strides.map((st, d) => (dims.includes(d) ? -st : st)),
        offset: s.layout.offset + dims.reduce((o, d) => o + (shape[d] > 0 ? (shape[d] - 1) * strides[d] : 0), 0),
      };
      const want = positionsOf(flipped).map((p) => s.storage[p]);
      expectSameBits(Array.from(materialize(s).flip(dims).toTypedArray()), want, `${s.dtype} flip ${dims} of [${shape}]/[${strides}]`);
    }, RUNS);
  });
});

describe('strided-to-strided copy (copy_ into a view), exact', () => {
  for (const dtype of ALL_DTYPES) {
    it(`${dtype}: copy_ a broadcast source into a permuted, stepped view; nothing else of the storage changes`, () => {
      const arb = shapeArb(0, 4).chain((shape) =>
        fc.tuple(
          stridedOf(dtype, shape, valueOf(dtype)), // the destination: no stride 0 (in-place writes refuse them)
          broadcastShapeOf(shape).chain((srcShape) => stridedOf(dtype, srcShape, valueOf(dtype), { expand: true, negative: false })),
        ),
      );
      property(`copy ${dtype} copy_`, arb, ([dst, src]) => {
        const base = tensor(dst.storage, { dtype });
        const view = base._view(dst.layout.shape.slice(), dst.layout.strides.slice(), dst.layout.offset);
        view.copy_(materialize(src));
        const want = dst.storage.slice();
        const values = broadcastValues(src, dst.layout.shape);
        positionsOf(dst.layout).forEach((p, i) => (want[p] = values[i]));
        expectSameBits(Array.from(base.toTypedArray()), want, `${dtype} copy_ [${src.layout.shape}] into [${dst.layout.shape}]/[${dst.layout.strides}]`);
      }, RUNS);
    });
  }
});

describe('casts between every pair of dtypes, exact', () => {
  for (const from of ALL_DTYPES) {
    for (const to of ALL_DTYPES) {
      if (from === to) continue;
      it(`${from} -> ${to}`, () => {
        // values beyond the int32 range as well: their conversion is INT_MIN, as PyTorch on x86
        const values = from === 'float32' || from === 'float64'
          ? fc.oneof(valueOf(from), fc.constantFrom(2147483647.5, 2147483648, -2147483648.75, -2147483649, 3e9, -3e9, 1e10).map((v) => (from === 'float32' ? Math.fround(v) : v)))
          : valueOf(from);
        const arb = shapeArb(0, 3).chain((shape) => stridedOf(from, shape, values, { expand: true }));
        property(`cast ${from} ${to}`, arb, (s) => {
          const xs = logicalValues(s);
          expectSameBits(Array.from(materialize(s).to(to).toTypedArray()), xs.map((v) => castValue(v, to)), `${from} -> ${to} [${s.layout.shape}]`, [xs]);
        }, RUNS);
      });
    }
  }
});

describe('fills, exact', () => {
  for (const dtype of ALL_DTYPES) {
    it(`${dtype}: full() and fill_ on a contiguous tensor and on a strided view`, () => {
      const fillValue = dtype === 'int32' ? fc.integer({ min: -2147483648, max: 2147483647 }) : dtype === 'bool' ? fc.constantFrom(0, 1, 2, -0.5) : valueOf(dtype);
      const arb = fc.tuple(
        shapeArb(0, 4).chain((shape) => fc.tuple(fc.constant(shape), layoutArb(shape))),
        fillValue,
      );
      property(`fill ${dtype}`, arb, ([[shape, layout], value]) => {
        const want = castValue(value, dtype);
        const n = shape.reduce((a, b) => a * b, 1);
        expectSameBits(Array.from(full(shape, value, { dtype }).toTypedArray()), new Array<number>(n).fill(want), `full ${dtype} [${shape}] ${value}`);
        // fill_ through a view writes exactly the view's elements
        const storage = new Array<number>(layout.storage).fill(dtype === 'bool' ? 0 : 7);
        const base = tensor(storage, { dtype });
        base._view(shape.slice(), layout.strides.slice(), layout.offset).fill_(value);
        const expected = storage.slice();
        for (const p of positionsOf(layout)) expected[p] = want;
        expectSameBits(Array.from(base.toTypedArray()), expected, `fill_ ${dtype} [${shape}]/[${layout.strides}] ${value}`);
        const contiguous = full(contiguousLayout(shape).shape, 0, { dtype }).fill_(value);
        expectSameBits(Array.from(contiguous.toTypedArray()), new Array<number>(n).fill(want), `fill_ contiguous ${dtype}`);
      }, RUNS);
    });
  }
});
