// torch.linalg against PyTorch (linalg.json): singular values, gauge-invariant checks of singular vectors
// (reconstruction and orthonormality, since vectors are unique only up to sign), special matrices, batches.
import { describe, expect, it } from 'vitest';
import { grad, linalg, memory, randn, tensor, type Tensor } from '../src/index';
import { compareTensor, fixtureValues, fromFixture, loadFixture, type FixtureTensor } from './support/fixtures';

interface SvdCase { A: FixtureTensor; S: FixtureTensor; S_f64_of_same_A: FixtureTensor; fro: FixtureTensor; nuc: FixtureTensor; spectral: FixtureTensor }
const fixture = loadFixture<{
  svd: SvdCase[];
  special: Record<string, { A: FixtureTensor; S: FixtureTensor; S_f64: FixtureTensor }>;
  batched: { A: FixtureTensor; S: FixtureTensor };
}>('linalg.json');

function matrix(t: Tensor): number[][] {
  return t.tolist() as number[][];
}

/** max |U diag(S) Vh - A| and the orthonormality defects of U's columns and Vh's rows, in float64 JS. */
function svdDefects(A: number[][], U: number[][], S: number[], Vh: number[][]) {
  const m = A.length;
  const n = A[0].length;
  let recon = 0;
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let p = 0; p < S.length; p++) s += U[i][p] * S[p] * Vh[p][j];
      recon = Math.max(recon, Math.abs(s - A[i][j]));
    }
  }
  const gram = (rows: number[][]) => {
    let worst = 0;
    for (let a = 0; a < rows.length; a++) {
      for (let b = 0; b < rows.length; b++) {
        let s = 0;
        for (let i = 0; i < rows[a].length; i++) s += rows[a][i] * rows[b][i];
        worst = Math.max(worst, Math.abs(s - (a === b ? 1 : 0)));
      }
    }
    return worst;
  };
  const uCols = U[0].map((_, c) => U.map((row) => row[c]));
  return { recon, uOrtho: gram(uCols), vOrtho: gram(Vh) };
}

describe(`linalg.svd: ${fixture.svd.length} shapes from PyTorch`, () => {
  for (const c of fixture.svd) {
    it(`[${c.A.shape}]`, () => {
      const A = fromFixture(c.A);
      const { U, S, Vh } = linalg.svd(A, { fullMatrices: false });
      const k = Math.min(...c.A.shape);
      expect(U.shape).toEqual([c.A.shape[0], k]);
      expect(Vh.shape).toEqual([k, c.A.shape[1]]);
      const want = fixtureValues(c.S_f64_of_same_A);
      const got = Array.from(S.toTypedArray());
      const scale = Math.max(...want);
      got.forEach((s, i) => expect(Math.abs(s - want[i])).toBeLessThanOrEqual(2e-6 * scale));
      const d = svdDefects(matrix(A), matrix(U), got, matrix(Vh));
      expect(d.recon).toBeLessThan(1e-5 * scale);
      expect(d.uOrtho).toBeLessThan(1e-5);
      expect(d.vOrtho).toBeLessThan(1e-5);
    });
  }

  it('full matrices complete U and Vh to square orthogonal matrices', () => {
    const A = fromFixture(fixture.svd[6].A); // 45 x 100
    const { U, S, Vh } = linalg.svd(A);
    expect(U.shape).toEqual([45, 45]);
    expect(Vh.shape).toEqual([100, 100]);
    const d = svdDefects(matrix(A), matrix(U), Array.from(S.toTypedArray()), matrix(Vh).slice(0, 45));
    expect(d.recon).toBeLessThan(1e-5);
    const vh = matrix(Vh);
    let worst = 0;
    for (let a = 0; a < 100; a++) for (let b = 0; b < 100; b++) {
      let s = 0;
      for (let i = 0; i < 100; i++) s += vh[a][i] * vh[b][i];
      worst = Math.max(worst, Math.abs(s - (a === b ? 1 : 0)));
    }
    expect(worst).toBeLessThan(1e-6);
  });

  it('float64 singular values agree with PyTorch to 1e-12 relative', () => {
    for (const c of fixture.svd) {
      const A = fromFixture(c.A).to('float64');
      const got = Array.from(linalg.svdvals(A).toTypedArray());
      const want = fixtureValues(c.S_f64_of_same_A);
      got.forEach((s, i) => expect(Math.abs(s - want[i])).toBeLessThanOrEqual(1e-12 * want[0]));
    }
  });
});

describe('linalg.svdvals on special matrices', () => {
  for (const [name, c] of Object.entries(fixture.special)) {
    it(name, () => {
      const got = Array.from(linalg.svdvals(fromFixture(c.A).to('float64')).toTypedArray());
      const want = fixtureValues(c.S_f64);
      const scale = Math.max(1, ...want);
      got.forEach((s, i) => expect(Math.abs(s - want[i])).toBeLessThanOrEqual(1e-12 * scale));
    });
  }

  it('batched', () => {
    const S = linalg.svdvals(fromFixture(fixture.batched.A));
    expect(S.shape).toEqual([3, 4]);
    const want = fixtureValues(fixture.batched.S);
    Array.from(S.toTypedArray()).forEach((s, i) => expect(Math.abs(s - want[i])).toBeLessThanOrEqual(2e-6 * Math.max(...want)));
  });

  it('rejects non-matrices and integer tensors', () => {
    expect(() => linalg.svd(tensor([1, 2]))).toThrow('must have at least 2 dimensions');
    expect(() => linalg.svd(tensor([[1, 2]], { dtype: 'int32' }))).toThrow(/floating point/);
  });
});

describe('linalg gradients against PyTorch (float64)', () => {
  const grads = loadFixture<{ grads: Record<string, FixtureTensor>[] }>('linalg.json').grads;
  const tol = { atol: 1e-10, rtol: 1e-8 };
  for (const c of grads) {
    it(`[${c.A.shape}]: svdvals, a gauge-invariant function of U and Vh, and the spectral norm`, () => {
      const A = fromFixture(c.A, true);
      const [gS] = grad(linalg.svdvals(A), [A], { gradOutputs: fromFixture(c.svdvals_grad_output) });
      expect(compareTensor(gS!, c.svdvals_grad, tol).ok).toBe(true);
      const { U, S, Vh } = linalg.svd(A, { fullMatrices: false });
      const f = U.mul(S.pow(2).unsqueeze(0)).matmul(Vh).sum().add(U.index(':, :1').matmul(Vh.index(':1')).pow(2).sum());
      expect(compareTensor(f, c.gauge_invariant_f, tol).ok).toBe(true);
      const [gf] = grad(f, [A]);
      const r = compareTensor(gf!, c.gauge_invariant_grad, tol);
      expect(r.ok, r.detail).toBe(true);
      const [gn] = grad(linalg.matrixNorm(A, 2), [A]);
      expect(compareTensor(gn!, c.norm2_grad, tol).ok).toBe(true);
    });
  }
});

describe('linalg memory', () => {
  it('svd and svdvals leave no tensor behind but their results (float32 and float64 inputs)', () => {
    for (const dtype of ['float32', 'float64'] as const) {
      const a = randn([5, 3], { dtype });
      const before = memory().tensors;
      const r = linalg.svd(a);
      for (const t of [r.U, r.S, r.Vh]) t.dispose();
      linalg.svdvals(a).dispose();
      expect(memory().tensors).toBe(before);
      a.dispose();
    }
  });
});
