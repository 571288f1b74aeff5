// Layer norm, loss and embedding kernels (assembly/nn-norm.ts, nn-loss.ts, nn-embed.ts) through nn.functional.
//
// Exact: embedding rows, one_hot, the per-sample NLL loss (-w[t] x[t], one rounding), the embedding gradient
// (rows summed in index order, each sum rounded to the dtype), max_norm renormalisation for p = 1, 2, inf (the
// norm and the scale in double, as PyTorch's embedding_renorm_, one rounding per element).
// Within a bound (u = 2^-24 or 2^-53; D the normalised size):
//   layer_norm forward: two passes in double, one rounding: 2 ulps of the result plus (D + 4) 2^-53 max|x| rstd
//     (the double-precision mean's error), times |w| (1 + |xhat|)
//   layer_norm backward: the saved mean and rstd are rounded to the dtype (as PyTorch saves them), so the terms of
//     rstd (g w - mean(g w) - xhat mean(g w xhat)) carry (D + 4) u of their size
//   binary_cross_entropy: two logs of at most 1 ulp, products and a sum of terms of one sign: 3 ulps
//   reductions of losses (sum, mean): the summation bound n u sum|l|
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IndexError, nn, noGrad, type Tensor, tensor } from '../../src/index';
import {
  type FloatDType, FLOAT_DTYPES, floatValue, logicalValues, materialize, property, roundTo, stridedOf,
} from './arbitraries';
import { expectEqual, expectSameBits, expectUlps, ulpOf } from './compare';
import { accurateSum, varianceOf } from './reference';

const F = nn.functional;
const RUNS = 25;
const unit = (dtype: FloatDType) => (dtype === 'float32' ? 2 ** -24 : 2 ** -53);
const read = (t: Tensor) => Array.from(t.toTypedArray() as Float32Array);

function expectClose(got: ArrayLike<number>, want: number[], tol: number[], label: string): void {
  expect(got.length, `${label}: length`).toBe(want.length);
  for (let i = 0; i < want.length; i++) {
    const ok = Number.isFinite(want[i]) ? Math.abs(got[i] - want[i]) <= tol[i] : Object.is(got[i], want[i]) || (Number.isNaN(got[i]) && Number.isNaN(want[i]));
    if (!ok) expect.fail(`${label}: element ${i} is ${got[i]}, expected ${want[i]} within ${tol[i]}`);
  }
}

describe('layer_norm', () => {
  for (const dtype of FLOAT_DTYPES) {
    it(`${dtype}: forward and the gradients of input, weight and bias`, () => {
      const finite = floatValue(dtype, { finite: true, min: -8, max: 8 });
      const arb = fc
        .record({ lead: fc.array(fc.integer({ min: 1, max: 4 }), { maxLength: 2 }), norm: fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 1, maxLength: 2 }), affine: fc.boolean(), eps: fc.constantFrom(1e-5, 1e-3, 0.5) })
        .chain((p) =>
          fc.record({
            p: fc.constant(p),
            x: stridedOf(dtype, [...p.lead, ...p.norm], finite, { expand: true }),
            w: stridedOf(dtype, p.norm, finite),
            b: stridedOf(dtype, p.norm, finite),
          }),
        );
      property(`nn ${dtype} layer_norm`, arb, ({ p: { norm, affine, eps }, x, w, b }) => {
        const r = roundTo(dtype);
        const xs = logicalValues(x);
        const ws = affine ? logicalValues(w) : null;
        const bs = affine ? logicalValues(b) : null;
        const D = norm.reduce((a, c) => a * c, 1);
        const rows = xs.length / D;
        const g = xs.map((_, i) => r(Math.cos(i * 1.7) * 3));
        const input = tensor(xs, { dtype }).reshape(x.layout.shape.slice()).requiresGrad_();
        const weight = ws === null ? null : tensor(ws, { dtype }).reshape(norm.slice()).requiresGrad_();
        const bias = bs === null ? null : tensor(bs, { dtype }).reshape(norm.slice()).requiresGrad_();
        const out = F.layerNorm(input, norm, { weight, bias, eps });
        const yWant: number[] = [];
        const yTol: number[] = [];
        const gxWant: number[] = [];
        const gxTol: number[] = [];
        const gwWant = new Array<number>(D).fill(0);
        const gwTol = new Array<number>(D).fill(0);
        const gbWant = new Array<number>(D).fill(0);
        const gbTol = new Array<number>(D).fill(0);
        const u = unit(dtype);
        const smallest = dtype === 'float32' ? 2 ** -149 : 2 ** -1074;
        for (let row = 0; row < rows; row++) {
          const v = xs.slice(row * D, (row + 1) * D);
          const { mean, m2 } = varianceOf(v);
          const s = 1 / Math.sqrt(m2 / D + eps);
          const maxAbs = Math.max(...v.map(Math.abs));
          const xhat = v.map((e) => (e - mean) * s);
          const gr = g.slice(row * D, (row + 1) * D);
          const gxhat = gr.map((e, j) => e * (ws?.[j] ?? 1));
          const a = accurateSum(gxhat) / D;
          const c = accurateSum(gxhat.map((e, j) => e * xhat[j])) / D;
          // the saved statistics are rounded to the dtype: the error of xhat they carry, and what it does to the
          // row means a = mean(g w) and c = mean(g w xhat)
          // (a subnormal mean is rounded to a multiple of the smallest subnormal, not to a relative u)
          const xhatError = (D + 4) * u * (maxAbs * s + Math.abs(xhat.reduce((m, e) => Math.max(m, Math.abs(e)), 0))) + smallest * s;
          const meanAbsG = accurateSum(gxhat.map(Math.abs)) / D;
          const aError = (D + 2) * u * meanAbsG;
          const cError = meanAbsG * xhatError + ((D + 2) * u * accurateSum(gxhat.map((e, j) => Math.abs(e * xhat[j])))) / D;
          for (let j = 0; j < D; j++) {
            const wj = ws?.[j] ?? 1;
            const y = xhat[j] * wj + (bs?.[j] ?? 0);
            yWant.push(y);
            yTol.push(2 * ulpOf(dtype, y) + 4 * (D + 4) * 2 ** -53 * maxAbs * s * Math.abs(wj) * (1 + Math.abs(xhat[j])) + 2 ** -52 * Math.abs(bs?.[j] ?? 0));
            gxWant.push(s * (gxhat[j] - a - xhat[j] * c));
            const innerError = aError + xhatError * Math.abs(c) + (Math.abs(xhat[j]) + xhatError) * cError + 4 * u * (Math.abs(gxhat[j]) + Math.abs(a) + Math.abs(xhat[j] * c));
            const gx = gxWant[gxWant.length - 1];
            gxTol.push(2 * (ulpOf(dtype, gx) + s * innerError + 2 * u * Math.abs(gx)));
            gwWant[j] += gr[j] * xhat[j];
            // each row's term is rounded to the dtype before it is added: subnormal terms lose up to half a spacing
            gwTol[j] += 2 * Math.abs(gr[j]) * (xhatError + (rows + 2) * u * Math.abs(xhat[j])) + smallest;
            gbWant[j] += gr[j];
            gbTol[j] += (rows + 2) * u * Math.abs(gr[j]) + smallest;
          }
        }
        const label = `${dtype} layer_norm [${x.layout.shape}] over [${norm}] affine ${affine} eps ${eps}`;
        expectClose(out.toTypedArray() as Float32Array, yWant, yTol, `${label}: forward`);
        const strided = noGrad(() => F.layerNorm(materialize(x), norm, { weight, bias, eps }));
        expectSameBits(Array.from(strided.toTypedArray() as Float32Array), Array.from(out.toTypedArray() as Float32Array), `${label}: strided input`);
        out.backward(tensor(g, { dtype }).reshape(out.shape.slice()));
        expectClose(input.grad!.toTypedArray() as Float32Array, gxWant, gxTol, `${label}: input gradient`);
        if (weight !== null && bias !== null) {
          expectClose(weight.grad!.toTypedArray() as Float32Array, gwWant, gwTol.map((t, j) => t + ulpOf(dtype, gwWant[j])), `${label}: weight gradient`);
          expectClose(bias.grad!.toTypedArray() as Float32Array, gbWant, gbTol.map((t, j) => t + ulpOf(dtype, gbWant[j])), `${label}: bias gradient`);
        }
        for (const t of [input, weight, bias]) t?.grad?.dispose(); // .grad outlives the scope that made it
      }, RUNS);
    });

    it(`${dtype}: a NaN or an infinity makes its row NaN and no other`, () => {
      const values = fc.oneof({ weight: 8, arbitrary: floatValue(dtype, { finite: true }) }, { weight: 1, arbitrary: fc.constantFrom(NaN, Infinity, -Infinity) });
      const arb = fc.tuple(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 40 })).chain(([rows, D]) => stridedOf(dtype, [rows, D], values, { expand: true }));
      property(`nn ${dtype} layer_norm special`, arb, (x) => {
        const [rows, D] = x.layout.shape;
        const xs = logicalValues(x);
        const out = Array.from(F.layerNorm(materialize(x), [D]).toTypedArray() as Float32Array);
        for (let row = 0; row < rows; row++) {
          const bad = xs.slice(row * D, (row + 1) * D).some((v) => !Number.isFinite(v));
          for (let j = 0; j < D; j++) {
            expect(Number.isNaN(out[row * D + j]), `row ${row} [${xs.slice(row * D, (row + 1) * D)}] element ${j}: ${out[row * D + j]}`).toBe(bad);
          }
        }
      }, RUNS);
    });
  }
});

describe('losses', () => {
  for (const dtype of FLOAT_DTYPES) {
    it(`${dtype} nll_loss: per sample exact, sum and mean within the bound, ignore_index, class weights, spatial dims`, () => {
      const arb = fc
        .record({ N: fc.integer({ min: 1, max: 6 }), C: fc.integer({ min: 1, max: 7 }), spatial: fc.array(fc.integer({ min: 1, max: 4 }), { maxLength: 2 }), weighted: fc.boolean(), ignore: fc.constantFrom(-100, 0, 2) })
        .chain((p) =>
          fc.record({
            p: fc.constant(p),
            x: stridedOf(dtype, [p.N, p.C, ...p.spatial], floatValue(dtype, { finite: true }), { expand: true }),
            target: fc.array(fc.integer({ min: 0, max: p.C - 1 }).chain((t) => fc.constantFrom(t, t, p.ignore)), { minLength: p.N * p.spatial.reduce((a, b) => a * b, 1), maxLength: p.N * p.spatial.reduce((a, b) => a * b, 1) }),
            weight: fc.array(floatValue(dtype, { plain: true, min: 0, max: 3 }), { minLength: p.C, maxLength: p.C }),
          }),
        );
      property(`nn ${dtype} nll_loss`, arb, ({ p: { N, C, spatial, weighted, ignore }, x, target, weight }) => {
        const r = roundTo(dtype);
        const xs = logicalValues(x);
        const S = spatial.reduce((a, b) => a * b, 1);
        const want: number[] = [];
        let weightSum = 0;
        for (let n = 0; n < N; n++) {
          for (let s = 0; s < S; s++) {
            const t = target[n * S + s];
            if (t === ignore) {
              want.push(0);
              continue;
            }
            const w = weighted ? weight[t] : 1;
            want.push(r(-w * xs[(n * C + t) * S + s]));
            weightSum += w;
          }
        }
        const args = (reduction: 'none' | 'sum' | 'mean') => ({ weight: weighted ? tensor(weight, { dtype }) : null, ignoreIndex: ignore, reduction });
        const tgt = tensor(target, { dtype: 'int32' }).reshape([N, ...spatial]);
        const label = `${dtype} nll_loss [${N}, ${C}, ${spatial}] ignore ${ignore} weighted ${weighted}`;
        expectSameBits(Array.from(F.nllLoss(materialize(x), tgt, args('none')).toTypedArray() as Float32Array), want, `${label}: none`);
        const total = accurateSum(want);
        const magnitude = accurateSum(want.map(Math.abs));
        const sum = F.nllLoss(materialize(x), tgt, args('sum')).item();
        expectClose([sum], [total], [want.length * 2 ** -53 * magnitude + ulpOf(dtype, total)], `${label}: sum`);
        const input = tensor(xs, { dtype }).reshape([N, C, ...spatial]).requiresGrad_();
        const meanLoss = F.nllLoss(input, tgt, args('mean'));
        const mean = meanLoss.item();
        const meanWant = total / weightSum;
        if (Number.isFinite(meanWant)) expectClose([mean], [meanWant], [(want.length + 2) * 2 ** -53 * (magnitude / weightSum) + ulpOf(dtype, meanWant)], `${label}: mean`);
        else expect(Number.isNaN(mean) || mean === meanWant, `${label}: mean ${mean}, expected ${meanWant}`).toBe(true);
        // the gradient of the mean: -w[t] / (sum of the counted weights) at each counted target, 0 elsewhere
        meanLoss.backward();
        const gradWant = new Array<number>(xs.length).fill(0);
        target.forEach((t, i) => {
          if (t === ignore) return;
          const n = Math.floor(i / S);
          gradWant[(n * C + t) * S + (i % S)] = r(-(weighted ? weight[t] : 1) * (1 / weightSum));
        });
        expectSameBits(read(input.grad!), gradWant, `${label}: gradient of the mean`);
        input.grad!.dispose();
      }, RUNS);
    });

    it(`${dtype} cross_entropy with label smoothing and ignore_index, per sample`, () => {
      const arb = fc
        .record({ N: fc.integer({ min: 1, max: 6 }), C: fc.integer({ min: 1, max: 9 }), smoothing: fc.constantFrom(0, 0.1, 0.5), ignore: fc.constantFrom(-100, 1) })
        .chain((p) =>
          fc.record({
            p: fc.constant(p),
            x: stridedOf(dtype, [p.N, p.C], floatValue(dtype, { plain: true, min: -20, max: 20 }), { expand: true }),
            target: fc.array(fc.integer({ min: 0, max: p.C - 1 }).chain((t) => fc.constantFrom(t, t, p.ignore)), { minLength: p.N, maxLength: p.N }),
          }),
        );
      property(`nn ${dtype} cross_entropy`, arb, ({ p: { N, C, smoothing, ignore }, x, target }) => {
        const xs = logicalValues(x);
        const u = unit(dtype);
        const want: number[] = [];
        const tol: number[] = [];
        for (let n = 0; n < N; n++) {
          const row = xs.slice(n * C, (n + 1) * C);
          const m = Math.max(...row);
          const lse = m + Math.log(accurateSum(row.map((v) => Math.exp(v - m))));
          const logp = row.map((v) => v - lse);
          const t = target[n];
          const counted = t !== ignore;
          want.push(counted ? (1 - smoothing) * -logp[t] + (smoothing / C) * -accurateSum(logp) : 0);
          // each log-probability is within (C + 4) u (|x - m| + |log s| + 1) (log_softmax), then sums of C terms
          const each = row.map((v) => (C + 4) * u * (Math.abs(v - m) + Math.abs(lse - m) + 1));
          tol.push(counted ? 2 * ((1 - smoothing) * each[t] + (smoothing / C) * (accurateSum(each) + C * u * accurateSum(logp.map(Math.abs)))) + ulpOf(dtype, want[n]) : 0);
        }
        const got = F.crossEntropy(materialize(x), tensor(target, { dtype: 'int32' }), { labelSmoothing: smoothing, ignoreIndex: ignore, reduction: 'none' });
        expectClose(got.toTypedArray() as Float32Array, want, tol, `${dtype} cross_entropy [${N}, ${C}] smoothing ${smoothing} ignore ${ignore} targets [${target}]`);
      }, RUNS);
    });

    it(`${dtype} nll_loss: a target out of range throws IndexError`, () => {
      const arb = fc.tuple(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 6 }), fc.oneof(fc.integer({ min: -99, max: -1 }), fc.integer({ min: 0, max: 50 })));
      property(`nn ${dtype} nll_loss bounds`, arb, ([N, C, bad]) => {
        const target = Array.from({ length: N }, (_, i) => i % C);
        target[N - 1] = bad;
        const call = () => F.nllLoss(tensor(new Array<number>(N * C).fill(-1), { dtype }).reshape([N, C]), tensor(target, { dtype: 'int32' }));
        if (bad >= 0 && bad < C) expect(call().item()).toBe(1);
        else {
          expect(call).toThrow(IndexError);
          expect(call).toThrow(`Target ${bad} is out of bounds.`);
        }
      }, RUNS);
    });

    it(`${dtype} binary_cross_entropy within 3 ulps, logs clamped at -100`, () => {
      const probability = fc.oneof(floatValue(dtype, { plain: true, min: 0, max: 1 }), fc.constantFrom(0, 1, 0.5, 1e-30, 1 - 1e-7));
      const arb = fc.integer({ min: 0, max: 70 }).chain((n) => fc.tuple(fc.array(probability.map(roundTo(dtype)), { minLength: n, maxLength: n }), fc.array(probability.map(roundTo(dtype)), { minLength: n, maxLength: n })));
      property(`nn ${dtype} bce`, arb, ([x, t]) => {
        const r = roundTo(dtype);
        const want = x.map((xi, i) => {
          const log1m = Math.max(r(Math.log1p(-xi)), -100);
          const logx = Math.max(r(Math.log(xi)), -100);
          return r(r(r(t[i] - 1) * log1m) - r(t[i] * logx));
        });
        const got = F.binaryCrossEntropy(tensor(x, { dtype }), tensor(t, { dtype }), { reduction: 'none' }).toTypedArray() as Float32Array;
        expectUlps(dtype, got, want, { ulps: 3 }, `${dtype} bce`, [x, t]);
      }, RUNS);
    });

    it(`${dtype} binary_cross_entropy refuses probabilities outside [0, 1]`, () => {
      const arb = fc.tuple(fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 20 }), fc.nat(), fc.constantFrom(-0.5, 1.5, NaN, -1e-30));
      property(`nn ${dtype} bce bounds`, arb, ([x, at, bad]) => {
        const input = x.slice();
        input[at % input.length] = bad;
        expect(() => F.binaryCrossEntropy(tensor(input, { dtype }), tensor(x, { dtype }))).toThrow(/between 0 and 1|outside|\[0, 1\]/);
      }, RUNS);
    });
  }
});

describe('embedding and one_hot', () => {
  for (const dtype of FLOAT_DTYPES) {
    it(`${dtype}: rows gathered exactly; the gradient sums rows in index order, skipping padding_idx`, () => {
      const arb = fc
        .record({ V: fc.integer({ min: 1, max: 9 }), D: fc.integer({ min: 0, max: 19 }), shape: fc.array(fc.integer({ min: 0, max: 5 }), { maxLength: 2 }), padding: fc.boolean() })
        .chain((p) =>
          fc.record({
            p: fc.constant(p),
            table: stridedOf(dtype, [p.V, p.D], floatValue(dtype)),
            indices: fc.array(fc.integer({ min: 0, max: p.V - 1 }), { minLength: p.shape.reduce((a, b) => a * b, 1), maxLength: p.shape.reduce((a, b) => a * b, 1) }),
            paddingIdx: fc.integer({ min: 0, max: p.V - 1 }),
          }),
        );
      property(`nn ${dtype} embedding`, arb, ({ p: { V, D, shape, padding }, table, indices, paddingIdx }) => {
        const r = roundTo(dtype);
        const ts = logicalValues(table);
        const weight = tensor(ts, { dtype }).reshape([V, D]).requiresGrad_();
        const idx = tensor(indices, { dtype: 'int32' }).reshape(shape.slice());
        const out = F.embedding(idx, weight, padding ? { paddingIdx } : {});
        expect(out.shape).toEqual([...shape, D]);
        const label = `${dtype} embedding V ${V} D ${D} at [${indices}] padding ${padding ? paddingIdx : 'none'}`;
        expectSameBits(Array.from(out.toTypedArray() as Float32Array), indices.flatMap((i) => ts.slice(i * D, (i + 1) * D)), `${label}: forward`);
        const g = indices.flatMap((_, i) => Array.from({ length: D }, (_, j) => r(Math.sin(i * 31 + j) * 2)));
        out.backward(tensor(g, { dtype }).reshape(out.shape.slice()));
        const want = new Array<number>(V * D).fill(0);
        indices.forEach((row, i) => {
          if (padding && row === paddingIdx) return;
          for (let j = 0; j < D; j++) want[row * D + j] = r(want[row * D + j] + g[i * D + j]);
        });
        expectSameBits(Array.from(weight.grad!.toTypedArray() as Float32Array), want, `${label}: gradient`);
        weight.grad!.dispose();
      }, RUNS);
    });

    it(`${dtype}: max_norm renormalises each referenced row once, for p = 1, 2 and inf`, () => {
      const arb = fc
        .record({ V: fc.integer({ min: 1, max: 7 }), D: fc.integer({ min: 1, max: 11 }), maxNorm: fc.constantFrom(0.5, 1, 3), p: fc.constantFrom(1, 2, Infinity) })
        .chain((q) =>
          fc.record({
            q: fc.constant(q),
            table: fc.array(floatValue(dtype, { finite: true, min: -4, max: 4 }), { minLength: q.V * q.D, maxLength: q.V * q.D }),
            indices: fc.array(fc.integer({ min: 0, max: q.V - 1 }), { maxLength: 12 }),
          }),
        );
      property(`nn ${dtype} embedding max_norm`, arb, ({ q: { V, D, maxNorm, p }, table, indices }) => {
        const r = roundTo(dtype);
        const want = table.slice();
        for (const row of indices) {
          let norm = 0;
          for (let j = 0; j < D; j++) {
            const v = Math.abs(want[row * D + j]);
            norm = p === Infinity ? Math.max(norm, v) : p === 1 ? norm + v : norm + v * v;
          }
          if (p === 2) norm = Math.sqrt(norm);
          if (norm > maxNorm) {
            const scale = maxNorm / (norm + 1e-7);
            for (let j = 0; j < D; j++) want[row * D + j] = r(want[row * D + j] * scale);
          }
        }
        const weight = tensor(table, { dtype }).reshape([V, D]);
        const out = F.embedding(tensor(indices, { dtype: 'int32' }), weight, { maxNorm, normType: p });
        expectSameBits(Array.from(weight.toTypedArray() as Float32Array), want, `${dtype} max_norm ${maxNorm} p ${p} at [${indices}]`);
        expectSameBits(Array.from(out.toTypedArray() as Float32Array), indices.flatMap((i) => want.slice(i * D, (i + 1) * D)), `${dtype} max_norm rows`);
      }, RUNS);
    });
  }

  it('one_hot, and indices out of range throw IndexError', () => {
    const arb = fc.tuple(fc.array(fc.integer({ min: 0, max: 9 }), { maxLength: 30 }), fc.integer({ min: 10, max: 13 }), fc.integer({ min: -3, max: 12 }));
    property('nn one_hot', arb, ([indices, classes, bad]) => {
      const got = F.oneHot(tensor(indices, { dtype: 'int32' }), classes);
      expect(got.shape).toEqual([indices.length, classes]);
      expectEqual(got.toTypedArray() as Int32Array, indices.flatMap((i) => Array.from({ length: classes }, (_, c) => (c === i ? 1 : 0))), `one_hot ${classes}`);
      const table: Tensor = tensor(new Array<number>(40).fill(1)).reshape([10, 4]);
      const call = () => F.embedding(tensor([...indices, bad], { dtype: 'int32' }), table);
      if (bad >= 0 && bad < 10) expect(call().shape).toEqual([indices.length + 1, 4]);
      else expect(call).toThrow(IndexError);
    }, RUNS);
  });
});
