// Scan and softmax kernels (assembly/reduce-scan.ts, reduce-softmax.ts).
//
// Scans are exact: floats accumulate in float64 along the dim in order (as PyTorch's CPU cumsum), so each output is
// the double-precision running sum or product rounded once to the dtype; int32 wraps. Checked through cumsum and
// cumprod on any dim of strided inputs, and on the kernels themselves for the reverse and exclusive forms that the
// backward passes use, in both layouts (inner: the dim contiguous; outer: SIMD across the columns).
//
// softmax and log_softmax work in the element type: each exp is within 1 ulp in float32 (2 in float64), the sum
// adds n u relative (u = 2^-24 or 2^-53), 1/s and the product a half ulp each; the argument x - m is rounded in
// the dtype, which exp turns into a relative error of |x - m| u. Hence
//   softmax:      |y - exact| <= (n + 4) u (1 + |x - m|) exact + 4 * smallest subnormal
//   log_softmax:  |y - exact| <= (n + 4) u (|x - m| + |log s| + 1)
// with m the maximum and s the sum of exp(x - m). A NaN or +inf in a slice makes the whole slice NaN, and a slice of
// -inf only is NaN (-inf - -inf), as in PyTorch.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Tensor, tensor } from '../../src/index';
import { byDType } from '../../src/backend/kernel-table';
import { SCAN } from '../../src/backend/kernels/reduce';
import type { DType } from '../../src/dtype';
import {
  type FloatDType, FLOAT_DTYPES, floatValue, int32Value, lengthArb, logicalValues, materialize, property, roundTo,
  shapeArb, stridedOf, valueOf,
} from './arbitraries';
import { expectSameBits } from './compare';
import { accurateSum } from './reference';

const RUNS = 40;

/** Positions of the slices along dim d of a row-major shape: one array of flat indices per slice. */
function slicesAlong(shape: readonly number[], d: number): number[][] {
  const inner = shape.slice(d + 1).reduce((a, b) => a * b, 1);
  const outer = shape.slice(0, d).reduce((a, b) => a * b, 1);
  const len = shape[d];
  const slices: number[][] = [];
  for (let o = 0; o < outer; o++) {
    for (let c = 0; c < inner; c++) slices.push(Array.from({ length: len }, (_, k) => (o * len + k) * inner + c));
  }
  return slices;
}

/** The running sum or product of xs, forward or reversed, inclusive or exclusive, in double (int32: wrapping). */
function scanOf(xs: readonly number[], prod: boolean, reverse: boolean, exclusive: boolean, dtype: DType): number[] {
  const out = new Array<number>(xs.length);
  const int = dtype === 'int32';
  let acc = prod ? 1 : 0;
  for (let k = 0; k < xs.length; k++) {
    const i = reverse ? xs.length - 1 - k : k;
    if (exclusive) out[i] = acc;
    acc = prod ? (int ? Math.imul(acc, xs[i]) : acc * xs[i]) : int ? (acc + xs[i]) | 0 : acc + xs[i];
    if (!exclusive) out[i] = acc;
  }
  return dtype === 'float32' ? out.map(Math.fround) : out;
}

/** Factors for products: near 1 (so that long products stay in range), and the special values. */
const factors = (dtype: FloatDType) => fc.oneof(
  { weight: 8, arbitrary: fc.double({ min: -1.3, max: 1.3, noNaN: true }).map((v) => roundTo(dtype)(Math.sign(v) * (0.7 + Math.abs(v) / 2))) },
  { weight: 1, arbitrary: fc.constantFrom(0, -0, NaN, Infinity, -Infinity) },
);

describe('cumsum and cumprod, exact', () => {
  for (const dtype of ['float32', 'float64', 'int32', 'bool'] as const) {
    for (const prod of [false, true]) {
      if (dtype === 'bool' && prod) continue;
      const name = prod ? 'cumprod' : 'cumsum';
      it(`${dtype} ${name} along any dim of a strided input`, () => {
        const values = dtype === 'int32' ? int32Value() : dtype === 'bool' ? valueOf('bool') : prod ? factors(dtype) : floatValue(dtype);
        const arb = shapeArb(1, 4).chain((shape) => fc.tuple(stridedOf(dtype, shape, values, { expand: true }), fc.integer({ min: 0, max: shape.length - 1 })));
        property(`scan ${dtype} ${name}`, arb, ([s, d]) => {
          const xs = logicalValues(s);
          const x = materialize(s);
          const got = Array.from((prod ? x.cumprod(d) : x.cumsum(d)).toTypedArray() as ArrayLike<number>);
          const want = new Array<number>(xs.length);
          const scanType = dtype === 'bool' ? 'int32' : dtype;
          for (const slice of slicesAlong(s.layout.shape, d)) {
            const scanned = scanOf(slice.map((i) => xs[i]), prod, false, false, scanType);
            slice.forEach((i, k) => (want[i] = scanned[k]));
          }
          expectSameBits(got, want, `${dtype} ${name} dim ${d} of [${s.layout.shape}]/[${s.layout.strides}]`, [xs]);
        }, RUNS);
      });
    }
  }
});

const SCAN_INNER = byDType('scanInner');
const SCAN_OUTER = byDType('scanOuter');
const SCAN_REFERENCE = byDType('scanReference');

describe('scan kernels: reverse and exclusive forms, both layouts', () => {
  for (const dtype of ['float32', 'float64', 'int32'] as const) {
    it(`${dtype}: every flag combination, the SIMD layouts and the scalar reference against double precision`, () => {
      const arb = fc.record({
        outer: fc.integer({ min: 1, max: 3 }),
        len: lengthArb.filter((n) => n <= 300),
        cols: fc.oneof(fc.constant(1), fc.integer({ min: 1, max: 19 })),
        prod: fc.boolean(),
        flags: fc.constantFrom(0, SCAN.reverse, SCAN.exclusive, SCAN.reverse | SCAN.exclusive),
      }).chain((c) => fc.tuple(fc.constant(c), fc.array(dtype === 'int32' ? int32Value() : c.prod ? factors(dtype) : floatValue(dtype), { minLength: c.outer * c.len * c.cols, maxLength: c.outer * c.len * c.cols })));
      property(`scan kernels ${dtype}`, arb, ([{ outer, len, cols, prod, flags }, values]) => {
        const x = tensor(values, { dtype });
        const n = values.length;
        const simd = Tensor._empty([n], dtype);
        const ref = Tensor._empty([n], dtype);
        const op = prod ? SCAN.prod : SCAN.sum;
        if (n > 0) {
          if (cols === 1) SCAN_INNER[dtype]!(op, flags, x._ptr, simd._ptr, outer, len);
          else SCAN_OUTER[dtype]!(op, flags, x._ptr, simd._ptr, outer, len, cols);
          SCAN_REFERENCE[dtype]!(op, flags, x._ptr, ref._ptr, outer, len, cols);
        }
        const xs = Array.from(x.toTypedArray() as ArrayLike<number>);
        const want = new Array<number>(n);
        for (const slice of slicesAlong([outer, len, cols], 1)) {
          const scanned = scanOf(slice.map((i) => xs[i]), prod, (flags & SCAN.reverse) !== 0, (flags & SCAN.exclusive) !== 0, dtype);
          slice.forEach((i, k) => (want[i] = scanned[k]));
        }
        const label = `${dtype} ${prod ? 'prod' : 'sum'} flags ${flags} outer ${outer} len ${len} cols ${cols}`;
        if (n === 0) return;
        expectSameBits(Array.from(simd.toTypedArray() as ArrayLike<number>), want, `${label}: SIMD`, [xs]);
        expectSameBits(Array.from(ref.toTypedArray() as ArrayLike<number>), want, `${label}: scalar reference`, [xs]);
      }, RUNS);
    });
  }
});

describe('softmax and log_softmax within the stated bound', () => {
  for (const dtype of FLOAT_DTYPES) {
    const u = dtype === 'float32' ? 2 ** -24 : 2 ** -53;
    const tiny = dtype === 'float32' ? 2 ** -149 : 2 ** -1074;
    for (const log of [false, true]) {
      const name = log ? 'log_softmax' : 'softmax';
      it(`${dtype} ${name} along any dim of a strided input`, () => {
        const values = fc.oneof({ weight: 6, arbitrary: floatValue(dtype, { min: -40, max: 40, plain: true }) }, { weight: 1, arbitrary: fc.constantFrom(NaN, Infinity, -Infinity, 0, -0, 100, -100) });
        const arb = shapeArb(1, 4).chain((shape) => fc.tuple(stridedOf(dtype, shape, values, { expand: true }), fc.integer({ min: 0, max: shape.length - 1 })));
        property(`softmax ${dtype} ${name}`, arb, ([s, d]) => {
          const xs = logicalValues(s);
          const x = materialize(s);
          const got = Array.from((log ? x.logSoftmax(d) : x.softmax(d)).toTypedArray() as Float32Array);
          const label = `${dtype} ${name} dim ${d} of [${s.layout.shape}]/[${s.layout.strides}]`;
          for (const slice of slicesAlong(s.layout.shape, d)) {
            const v = slice.map((i) => xs[i]);
            const m = Math.max(...v);
            if (v.some(Number.isNaN) || m === Infinity || m === -Infinity) {
              for (const i of slice) expect(Number.isNaN(got[i]), `${label}: element ${i} is ${got[i]}, expected NaN`).toBe(true);
              continue;
            }
            const sum = accurateSum(v.map((e) => Math.exp(e - m)));
            const n = v.length;
            for (const i of slice) {
              const z = xs[i] - m;
              const want = log ? z - Math.log(sum) : Math.exp(z) / sum;
              const tol = log ? (n + 4) * u * (Math.abs(z) + Math.abs(Math.log(sum)) + 1) : (n + 4) * u * (1 + Math.abs(z)) * want + 4 * tiny;
              if (xs[i] === -Infinity) expectSameBits([got[i]], [log ? -Infinity : 0], `${label}: element ${i}`);
              else if (!(Math.abs(got[i] - want) <= tol)) expect.fail(`${label}: element ${i} (${xs[i]}) is ${got[i]}, expected ${want} within ${tol}`);
            }
          }
        }, RUNS);
      });
    }
  }
});
