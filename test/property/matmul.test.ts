// GEMM kernels (assembly/gemm*.ts, matmul.ts) through matmul, addmm and linear: every rank combination of matmul
// (dot, mv, mm, folded and batched products with broadcast batch dims), transposed, stepped and expanded operands,
// sizes around the 4x8 (float32) and 4x4 (float64) tiles, against a float64 scalar GEMM of the same inputs.
//
// Bound: an inner product of k terms in any order, with or without fused multiply-add, is within k u sum|a||b| of
// the exact value (u = 2^-24 or 2^-53); with alpha, beta and the rounding of the output,
//   |c - exact| <= 2 (k + 2) u (|alpha| sum_l |a_il b_lj| + |beta c_ij|) + 2 (k + 2) * smallest subnormal.
// Magnitudes stay below 1e15 (float32) and 1e150 (float64) so that no product overflows; NaN and infinities in the
// operands give what the exact sum gives (that is independent of the order). beta = 0 ignores C, NaN included.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addmm, matmul, nn, Tensor, tensor } from '../../src/index';
import { kernels } from '../../src/backend/wasm';
import {
  type FloatDType, FLOAT_DTYPES, type Strided, contiguousOf, floatValue, logicalValues, materialize, property, stridedOf,
} from './arbitraries';

const RUNS = 30;

/** Sizes that matter for the tiles: edges below, at and past 4 and 8, and up to 70. */
const sizeArb = fc.oneof(
  { weight: 3, arbitrary: fc.integer({ min: 0, max: 9 }) },
  { weight: 2, arbitrary: fc.integer({ min: 10, max: 40 }) },
  { weight: 1, arbitrary: fc.constantFrom(63, 64, 65, 70) },
);

const gemmValues = (dtype: FloatDType) => floatValue(dtype).filter((v) => !(Math.abs(v) > (dtype === 'float32' ? 1e15 : 1e150)) || !Number.isFinite(v));

interface Product {
  a: Strided;
  b: Strided;
}

/** matmul operands: ranks 1 to 4 each, matching inner sizes, broadcast batch dims. */
function productArb(dtype: FloatDType): fc.Arbitrary<Product> {
  return fc
    .record({
      ranks: fc.tuple(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 4 })),
      m: sizeArb,
      k: sizeArb,
      n: sizeArb,
      batch: fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 2, maxLength: 2 }),
      ones: fc.array(fc.boolean(), { minLength: 4, maxLength: 4 }),
    })
    .filter(({ ranks, m, k, n, batch }) => Math.max(ranks[0], ranks[1]) <= 2 || m * k * n * batch[0] * batch[1] <= 20000)
    .chain(({ ranks: [ra, rb], m, k, n, batch, ones }) => {
      // batch dims broadcast from the right: each operand takes the last rank - 2 sizes, some made 1
      const batchOf = (rank: number, flags: boolean[]) => batch.slice(Math.min(2, 4 - rank)).map((s, i) => (flags[i] ? 1 : s));
      const aShape = ra === 1 ? [k] : [...batchOf(ra, ones.slice(0, 2)), m, k];
      const bShape = rb === 1 ? [k] : [...batchOf(rb, ones.slice(2)), k, n];
      return fc.record({
        a: stridedOf(dtype, aShape, gemmValues(dtype), { expand: true }),
        b: stridedOf(dtype, bShape, gemmValues(dtype), { expand: true }),
      });
    });
}

/** matmul's result in float64, and the bound's sum of |a||b|, for the operands' logical values. */
function referenceMatmul(a: Strided, b: Strided): { shape: number[]; values: number[]; magnitude: number[]; k: number } {
  const as = a.layout.shape.length === 1 ? [1, ...a.layout.shape] : a.layout.shape;
  const bs = b.layout.shape.length === 1 ? [...b.layout.shape, 1] : b.layout.shape;
  const [m, k] = as.slice(-2);
  const n = bs[bs.length - 1];
  const aBatch = as.slice(0, -2);
  const bBatch = bs.slice(0, -2);
  const nb = Math.max(aBatch.length, bBatch.length);
  const batch = Array.from({ length: nb }, (_, d) => {
    const x = aBatch[d - (nb - aBatch.length)] ?? 1;
    const y = bBatch[d - (nb - bBatch.length)] ?? 1;
    return x === 1 ? y : x;
  });
  const av = logicalValues(a);
  const bv = logicalValues(b);
  const count = batch.reduce((x, y) => x * y, 1);
  const values: number[] = [];
  const magnitude: number[] = [];
  const offsetIn = (own: number[], t: number[]) => own.reduce((at, size, d) => at * size + (size === 1 ? 0 : t[d + nb - own.length]), 0);
  for (let i = 0; i < count; i++) {
    const t = new Array<number>(nb);
    for (let d = nb - 1, r = i; d >= 0; d--) {
      t[d] = r % batch[d];
      r = Math.floor(r / batch[d]);
    }
    const ao = offsetIn(aBatch, t) * m * k;
    const bo = offsetIn(bBatch, t) * k * n;
    for (let r = 0; r < m; r++) {
      for (let c = 0; c < n; c++) {
        let s = 0;
        let mag = 0;
        for (let l = 0; l < k; l++) {
          const p = av[ao + r * k + l] * bv[bo + l * n + c];
          s += p;
          mag += Math.abs(p);
        }
        values.push(s);
        magnitude.push(mag);
      }
    }
  }
  const shape = [...batch, ...(a.layout.shape.length === 1 ? [] : [m]), ...(b.layout.shape.length === 1 ? [] : [n])];
  return { shape, values, magnitude, k };
}

function expectGemm(dtype: FloatDType, got: ArrayLike<number>, want: number[], magnitude: number[], k: number, label: string): void {
  const u = dtype === 'float32' ? 2 ** -24 : 2 ** -53;
  const tiny = dtype === 'float32' ? 2 ** -149 : 2 ** -1074;
  expect(got.length, `${label}: length`).toBe(want.length);
  for (let i = 0; i < want.length; i++) {
    const w = want[i];
    const g = got[i];
    const ok = Number.isFinite(w) ? Math.abs(g - w) <= 2 * (k + 2) * (u * magnitude[i] + tiny) : Object.is(g, w) || (Number.isNaN(g) && Number.isNaN(w));
    if (!ok) expect.fail(`${label}: element ${i} is ${g}, expected ${w} (sum |a||b| ${magnitude[i]})`);
  }
}

describe('matmul against a float64 scalar GEMM', () => {
  for (const dtype of FLOAT_DTYPES) {
    it(`${dtype}: every rank combination, strided and broadcast operands`, () => {
      property(`matmul ${dtype}`, productArb(dtype), ({ a, b }) => {
        const ref = referenceMatmul(a, b);
        const out = matmul(materialize(a), materialize(b));
        const label = `${dtype} [${a.layout.shape}]/[${a.layout.strides}] @ [${b.layout.shape}]/[${b.layout.strides}]`;
        expect(out.shape, `${label}: shape`).toEqual(ref.shape);
        expectGemm(dtype, out.toTypedArray() as Float32Array, ref.values, ref.magnitude, ref.k, label);
      }, RUNS);
    });

    it(`${dtype}: addmm with alpha and beta, the input broadcast (beta = 0 ignores it, NaN included)`, () => {
      const arb = fc
        .record({ m: sizeArb, k: sizeArb, n: sizeArb, alpha: fc.constantFrom(1, -2, 0.5, 0), beta: fc.constantFrom(0, 1, 0.5, -1.5), row: fc.boolean() })
        .chain((p) =>
          fc.record({
            p: fc.constant(p),
            input: stridedOf(dtype, p.row ? [p.n] : [p.m, p.n], gemmValues(dtype), { expand: true }),
            a: stridedOf(dtype, [p.m, p.k], gemmValues(dtype), { expand: true }),
            b: stridedOf(dtype, [p.k, p.n], gemmValues(dtype), { expand: true }),
          }),
        );
      property(`addmm ${dtype}`, arb, ({ p: { m, n, alpha, beta, row }, input, a, b }) => {
        const ref = referenceMatmul(a, b);
        const c = logicalValues(input);
        const cAt = (i: number) => (row ? c[i % n] : c[i]);
        // BLAS (and PyTorch): alpha = 0 does not read mat1 and mat2, beta = 0 does not read the input
        const product = (v: number) => (alpha === 0 ? 0 : alpha * v);
        const want = ref.values.map((v, i) => (beta === 0 ? product(v) : beta * cAt(i) + product(v)));
        const magnitude = ref.magnitude.map((v, i) => (alpha === 0 ? 0 : Math.abs(alpha) * v) + (beta === 0 ? 0 : Math.abs(beta * cAt(i))));
        const out = addmm(materialize(input), materialize(a), materialize(b), { alpha, beta });
        expect(out.shape).toEqual([m, n]);
        expectGemm(dtype, out.toTypedArray() as Float32Array, want, magnitude, ref.k, `${dtype} addmm alpha ${alpha} beta ${beta} [${m}, ${ref.k}, ${n}]`);
      }, RUNS, [
        // alpha = 0 with NaN and inf in mat1 and mat2 (once NaN: the kernel multiplied by alpha after the product)
        {
          p: { m: 5, k: 3, n: 6, alpha: 0, beta: 0.5, row: true },
          input: contiguousOf(dtype, [6], [1, 2, 3, 4, 5, NaN]),
          a: contiguousOf(dtype, [5, 3], [NaN, 1, 2, Infinity, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, -Infinity]),
          b: contiguousOf(dtype, [3, 6], Array.from({ length: 18 }, (_, i) => (i === 4 ? Infinity : i))),
        },
      ]);
    });

    it(`${dtype}: linear (input @ weight^T + bias)`, () => {
      const arb = fc.record({ lead: fc.array(fc.integer({ min: 1, max: 4 }), { maxLength: 2 }), k: sizeArb, n: sizeArb, bias: fc.boolean() }).chain((p) =>
        fc.record({
          p: fc.constant(p),
          x: stridedOf(dtype, [...p.lead, p.k], gemmValues(dtype), { expand: true }),
          w: stridedOf(dtype, [p.n, p.k], gemmValues(dtype)),
          bias: stridedOf(dtype, [p.n], gemmValues(dtype)),
        }),
      );
      property(`linear ${dtype}`, arb, ({ p: { lead, k, n, bias: withBias }, x, w, bias }) => {
        // weight^T as a strided view: the same storage read with the two strides swapped
        const wt: Strided = { ...w, layout: { ...w.layout, shape: [k, n], strides: [w.layout.strides[1], w.layout.strides[0]] } };
        const ref = referenceMatmul(x, wt);
        const bv = logicalValues(bias);
        const want = ref.values.map((v, i) => (withBias ? v + bv[i % n] : v));
        const magnitude = ref.magnitude.map((v, i) => v + (withBias ? Math.abs(bv[i % n]) : 0));
        const out = nn.functional.linear(materialize(x), materialize(w), withBias ? materialize(bias) : null);
        expect(out.shape).toEqual([...lead, n]);
        expectGemm(dtype, out.toTypedArray() as Float32Array, want, magnitude, k, `${dtype} linear [${lead}, ${k}] x [${n}, ${k}]`);
      }, RUNS);
    });
  }
});

describe('the GEMM kernels against the scalar reference kernel, on raw operands', () => {
  for (const dtype of FLOAT_DTYPES) {
    it(`${dtype}: strided A and B, a batch with B shared, alpha, beta, a padded leading dimension`, () => {
      const arb = fc
        .record({ m: sizeArb, n: sizeArb, k: sizeArb, batch: fc.integer({ min: 1, max: 3 }), shareB: fc.boolean(), alpha: fc.constantFrom(1, -0.5, 2), beta: fc.constantFrom(0, 1, -1.5), pad: fc.integer({ min: 0, max: 3 }) })
        .filter(({ m, n, k, batch }) => m * n * k * batch <= 30000)
        .chain((p) =>
          fc.record({
            p: fc.constant(p),
            a: stridedOf(dtype, [p.batch, p.m, p.k], gemmValues(dtype), { expand: true }),
            b: stridedOf(dtype, [p.shareB ? 1 : p.batch, p.k, p.n], gemmValues(dtype), { expand: true }),
            c: fc.array(gemmValues(dtype), { minLength: p.batch * p.m * (p.n + p.pad), maxLength: p.batch * p.m * (p.n + p.pad) }),
          }),
        );
      property(`gemm kernels ${dtype}`, arb, ({ p: { m, n, k, batch, shareB, alpha, beta, pad }, a, b, c }) => {
        const A = materialize(a);
        const B = materialize(b);
        const ldc = n + pad;
        const cSpan = m * ldc;
        const simd = tensor(c, { dtype });
        const ref = tensor(c, { dtype });
        const [sa, sb] = [a.layout.strides, b.layout.strides];
        const args = (out: number) => [batch, m, n, k, alpha, A._ptr, sa[0], sa[1], sa[2], B._ptr, shareB ? 0 : sb[0], sb[1], sb[2], beta, out, cSpan, ldc] as const;
        const work = Tensor._empty([Math.ceil(kernels.gemmWorkspaceBytes(m, n, k, dtype === 'float32' ? 4 : 8) / 4) + 4], 'float32');
        const aligned = (work._ptr + 15) & ~15; // 16-byte aligned scratch inside the tensor
        if (dtype === 'float32') {
          kernels.gemmF32(...args(simd._ptr), aligned);
          kernels.gemmReferenceF32(...args(ref._ptr));
        } else {
          kernels.gemmF64(...args(simd._ptr), aligned);
          kernels.gemmReferenceF64(...args(ref._ptr));
        }
        const av = logicalValues(a);
        const bv = logicalValues(b);
        const u = dtype === 'float32' ? 2 ** -24 : 2 ** -53;
        const got = Array.from(simd.toTypedArray() as Float32Array);
        const want = Array.from(ref.toTypedArray() as Float32Array);
        for (let t = 0; t < batch; t++) for (let i = 0; i < m; i++) for (let j = 0; j < ldc; j++) {
          const at = t * cSpan + i * ldc + j;
          const label = `${dtype} gemm [${t}, ${i}, ${j}] of ${batch} x ${m} x ${k} x ${n} alpha ${alpha} beta ${beta} ldc ${ldc}`;
          if (j >= n) {
            expect(Object.is(got[at], c[at]) || (Number.isNaN(got[at]) && Number.isNaN(c[at])), `${label}: padding written`).toBe(true);
            continue;
          }
          let mag = 0;
          const bt = shareB ? 0 : t;
          for (let l = 0; l < k; l++) mag += Math.abs(av[(t * m + i) * k + l] * bv[(bt * k + l) * n + j]);
          mag = Math.abs(alpha) * mag + (beta === 0 ? 0 : Math.abs(beta * c[at]));
          const tol = 4 * (k + 2) * (u * mag + (dtype === 'float32' ? 2 ** -149 : 2 ** -1074));
          const same = Object.is(got[at], want[at]) || (Number.isNaN(got[at]) && Number.isNaN(want[at]));
          if (!same && !(Math.abs(got[at] - want[at]) <= tol)) expect.fail(`${label}: ${got[at]}, the reference kernel ${want[at]} (tolerance ${tol})`);
        }
      }, RUNS);
    });
  }
});
