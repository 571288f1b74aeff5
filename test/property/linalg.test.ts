// The linear-algebra kernels (assembly/linalg.ts: one-sided Jacobi SVD, orthonormal completion) through
// linalg.svd and linalg.svdvals, on random, rank-deficient and batched matrices: the properties that define an SVD.
// Jacobi works in float64 and is backward stable, so with n = m + columns and u the output dtype's unit roundoff
// (the float64 result is rounded once to a float32 input's dtype):
//   |U diag(S) Vh - A| <= 64 n u |A|_F,  |U^T U - I|, |Vh Vh^T - I| <= 64 n u,  S >= 0 descending.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { linalg, tensor } from '../../src/index';
import { FLOAT_DTYPES, floatValue, property } from './arbitraries';
import { expectSameBits } from './compare';

const RUNS = 25;

/**
 * Matrix entries in [-4, 4]. In float64, none below 1e-100 but zeros: the decomposition squares the entries
 * unscaled, so a matrix whose entries are all below ~1e-154 gets singular values of 0 (reported apart; LAPACK scales
 * the matrix first). Lift the limit once the decomposition scales.
 */
function entries(dtype: 'float32' | 'float64'): fc.Arbitrary<number> {
  const values = floatValue(dtype, { plain: true, min: -4, max: 4 });
  return dtype === 'float32' ? values : values.map((v) => (Math.abs(v) < 1e-100 ? 0 : v));
}

/** Row-major m x n product of row-major a (m x k) and b (k x n). */
function multiply(a: ArrayLike<number>, b: ArrayLike<number>, m: number, k: number, n: number): number[] {
  const out = new Array<number>(m * n).fill(0);
  for (let i = 0; i < m; i++) for (let l = 0; l < k; l++) for (let j = 0; j < n; j++) out[i * n + j] += a[i * k + l] * b[l * n + j];
  return out;
}

const transpose = (a: ArrayLike<number>, rows: number, cols: number) => Array.from({ length: rows * cols }, (_, i) => a[(i % rows) * cols + Math.floor(i / rows)]);

function expectNear(got: number[], want: number[], tol: number, label: string): void {
  got.forEach((v, i) => {
    if (!(Math.abs(v - want[i]) <= tol)) expect.fail(`${label}: element ${i} is ${v}, expected ${want[i]} within ${tol}`);
  });
}

describe('linalg.svd', () => {
  for (const dtype of FLOAT_DTYPES) {
    it(`${dtype}: reconstruction, orthonormal factors (full and reduced), descending singular values`, () => {
      const arb = fc
        .record({ batch: fc.integer({ min: 1, max: 2 }), m: fc.integer({ min: 1, max: 8 }), n: fc.integer({ min: 1, max: 8 }), full: fc.boolean(), repeatRows: fc.boolean() })
        .chain((p) => fc.record({ p: fc.constant(p), values: fc.array(entries(dtype), { minLength: p.batch * p.m * p.n, maxLength: p.batch * p.m * p.n }) }));
      property(`linalg ${dtype} svd`, arb, ({ p: { batch, m, n, full, repeatRows }, values }) => {
        // rank-deficient matrices too: every row a copy of the first
        const a = repeatRows ? values.map((_, i) => values[Math.floor(i / (m * n)) * m * n + (i % n)]) : values;
        const { U, S, Vh } = linalg.svd(tensor(a, { dtype }).reshape([batch, m, n]), { fullMatrices: full });
        const k = Math.min(m, n);
        const uCols = full ? m : k;
        const vRows = full ? n : k;
        expect([U.shape, S.shape, Vh.shape]).toEqual([[batch, m, uCols], [batch, k], [batch, vRows, n]]);
        const u = dtype === 'float32' ? 2 ** -24 : 2 ** -53;
        const us = Array.from(U.toTypedArray() as Float32Array);
        const ss = Array.from(S.toTypedArray() as Float32Array);
        const vs = Array.from(Vh.toTypedArray() as Float32Array);
        const label = `${dtype} svd [${batch}, ${m}, ${n}] full ${full} repeated rows ${repeatRows}`;
        for (let b = 0; b < batch; b++) {
          const A = a.slice(b * m * n, (b + 1) * m * n);
          const Ub = us.slice(b * m * uCols, (b + 1) * m * uCols);
          const Sb = ss.slice(b * k, (b + 1) * k);
          const Vb = vs.slice(b * vRows * n, (b + 1) * vRows * n);
          Sb.forEach((s, i) => expect(s >= 0 && (i === 0 || s <= Sb[i - 1]), `${label}: S = [${Sb}]`).toBe(true));
          const frobenius = Math.sqrt(A.reduce((acc, x) => acc + x * x, 0));
          const tol = 64 * (m + n) * u;
          // U[:, :k] diag(S) Vh[:k, :]; a subnormal singular value is rounded to a multiple of the smallest one.
          // Reported apart: the singular vectors of singular values below 1e-13 of the largest are replaced by an
          // arbitrary orthonormal completion, so the product misses up to those singular values; the bound adds them
          // until the decomposition keeps the vectors it computed.
          const US = Array.from({ length: m * k }, (_, i) => Ub[Math.floor(i / k) * uCols + (i % k)] * Sb[i % k]);
          const subnormal = dtype === 'float32' ? 2 ** -149 : 2 ** -1074;
          const completed = Sb.filter((s) => s <= 1e-13 * Sb[0]).reduce((x, y) => x + y, 0);
          expectNear(multiply(US, Vb.slice(0, k * n), m, k, n), A, tol * frobenius + 4 * k * subnormal + 2 * completed, `${label}: U S Vh`);
          const eye = (size: number) => Array.from({ length: size * size }, (_, i) => (Math.floor(i / size) === i % size ? 1 : 0));
          expectNear(multiply(transpose(Ub, m, uCols), Ub, uCols, m, uCols), eye(uCols), tol, `${label}: U^T U`);
          expectNear(multiply(Vb, transpose(Vb, vRows, n), vRows, n, vRows), eye(vRows), tol, `${label}: Vh Vh^T`);
        }
        expectSameBits(Array.from(linalg.svdvals(tensor(a, { dtype }).reshape([batch, m, n])).toTypedArray() as Float32Array), ss, `${label}: svdvals`);
      }, RUNS);
    });
  }
});
