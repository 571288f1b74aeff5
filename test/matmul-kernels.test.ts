// The GEMM kernels (assembly/matmul.ts) against the scalar reference kernel, on raw memory: every shape from 1 to 70
// in the sizes that matter for the 4x8 / 4x4 tiles (edges that are not multiples of the tile), row-major,
// transposed and general strided operands, batches with broadcast operands, alpha/beta, a leading dimension
// wider than the row, and sizes that cross the KC / MC / NC blocking.
import { describe, expect, it } from 'vitest';
import { allocate, release } from '../src/backend/allocator';
import { heapF32, heapF64 } from '../src/backend/heap';
import { kernels } from '../src/backend/wasm';
import { lcg } from './support/random';

type Precision = 'float32' | 'float64';
type Layout = 'row' | 'col' | 'strided';

interface Operand {
  rs: number;
  cs: number;
  /** Elements one matrix spans. */
  span: number;
}

function layoutOf(layout: Layout, rows: number, cols: number): Operand {
  const [rs, cs] = layout === 'row' ? [cols, 1] : layout === 'col' ? [1, rows] : [3 * cols + 1, 2];
  return { rs, cs, span: Math.max(1, (rows - 1) * rs + (cols - 1) * cs + 1) };
}

/** Deterministic values in [-1, 1), so failures reproduce. */
function fillRandom(view: Float32Array | Float64Array, seed: number): void {
  const random = lcg(seed);
  for (let i = 0; i < view.length; i++) view[i] = random() * 2 - 1;
}

interface Case {
  precision: Precision;
  m: number;
  n: number;
  k: number;
  layoutA?: Layout;
  layoutB?: Layout;
  batch?: number;
  broadcastB?: boolean;
  alpha?: number;
  beta?: number;
  ldcPad?: number;
}

/**
 * Runs the SIMD kernel and the reference on the same inputs and returns a description of the first element that
 * differs by more than the float error bound 2 * k * eps * (|alpha| sum|a||b| + |beta c|), or null.
 */
function check(c: Case): string | null {
  const { precision, m, n, k } = c;
  const batch = c.batch ?? 1;
  const alpha = c.alpha ?? 1;
  const beta = c.beta ?? 0;
  const bytes = precision === 'float32' ? 4 : 8;
  const eps = precision === 'float32' ? 2 ** -23 : 2 ** -52;
  const a = layoutOf(c.layoutA ?? 'row', m, k);
  const b = layoutOf(c.layoutB ?? 'row', k, n);
  const ldc = n + (c.ldcPad ?? 0);
  const cSpan = (m - 1) * ldc + n;
  const bsA = a.span;
  const bsB = c.broadcastB ? 0 : b.span;
  const aLen = batch * a.span;
  const bLen = (c.broadcastB ? 1 : batch) * b.span;
  const cLen = batch * cSpan;
  const workBytes = kernels.gemmWorkspaceBytes(m, n, k, bytes);
  const sizes = [aLen, bLen, cLen, cLen, aLen, bLen, cLen].map((len) => len * bytes);
  const ptrs = sizes.map((s) => allocate(s));
  const work = allocate(workBytes);
  const [pa, pb, pc, pr, pAbsA, pAbsB, pBound] = ptrs;
  const view = (ptr: number, len: number) => (precision === 'float32' ? heapF32().subarray(ptr >> 2, (ptr >> 2) + len) : heapF64().subarray(ptr >> 3, (ptr >> 3) + len));
  try {
    fillRandom(view(pa, aLen), m * 7919 + k);
    fillRandom(view(pb, bLen), n * 104729 + k);
    fillRandom(view(pc, cLen), m + n + k);
    // beta = 0 must ignore C entirely: NaN there must not leak into the result.
    if (beta === 0) view(pc, cLen).fill(NaN);
    view(pr, cLen).set(view(pc, cLen));
    view(pAbsA, aLen).set(view(pa, aLen).map(Math.abs));
    view(pAbsB, bLen).set(view(pb, bLen).map(Math.abs));
    view(pBound, cLen).set(view(pc, cLen).map((v) => (beta === 0 ? 0 : Math.abs(beta * v))));
    const gemm = precision === 'float32' ? kernels.gemmF32 : kernels.gemmF64;
    const reference = precision === 'float32' ? kernels.gemmReferenceF32 : kernels.gemmReferenceF64;
    gemm(batch, m, n, k, alpha, pa, bsA, a.rs, a.cs, pb, bsB, b.rs, b.cs, beta, pc, cSpan, ldc, work);
    reference(batch, m, n, k, alpha, pa, bsA, a.rs, a.cs, pb, bsB, b.rs, b.cs, beta, pr, cSpan, ldc);
    reference(batch, m, n, k, Math.abs(alpha), pAbsA, bsA, a.rs, a.cs, pAbsB, bsB, b.rs, b.cs, 1, pBound, cSpan, ldc);
    const got = view(pc, cLen);
    const want = view(pr, cLen);
    const bound = view(pBound, cLen);
    for (let t = 0; t < batch; t++) {
      for (let i = 0; i < m; i++) {
        for (let j = 0; j < n; j++) {
          const at = t * cSpan + i * ldc + j;
          const tol = 2 * (k + 2) * eps * bound[at] + 1e-300;
          if (!(Math.abs(got[at] - want[at]) <= tol)) {
            return `${JSON.stringify(c)}: [${t}, ${i}, ${j}] = ${got[at]}, reference ${want[at]} (tolerance ${tol})`;
          }
        }
      }
      // Padding columns between rows (ldc > n) are never written.
      for (let i = 0; i + 1 < m; i++) {
        for (let j = n; j < ldc; j++) {
          const at = t * cSpan + i * ldc + j;
          if (!Object.is(got[at], want[at])) return `${JSON.stringify(c)}: padding [${t}, ${i}, ${j}] was overwritten`;
        }
      }
    }
    return null;
  } finally {
    ptrs.forEach((p, i) => release(p, sizes[i]));
    release(work, workBytes);
  }
}

function failures(cases: Case[]): string[] {
  return cases.map(check).filter((r): r is string => r !== null);
}

/** Sizes around the tile edges (4 rows; 8 f32 or 4 f64 columns) and up to 70. */
const SIZES = [1, 2, 3, 4, 5, 7, 8, 9, 12, 13, 16, 17, 31, 33, 63, 64, 70];
const PRECISIONS: Precision[] = ['float32', 'float64'];
const LAYOUTS: Layout[] = ['row', 'col', 'strided'];

describe('gemm kernels against the scalar reference', () => {
  for (const precision of PRECISIONS) {
    it(`${precision}: every m, n, k in ${SIZES.length} sizes from 1 to 70, row-major`, () => {
      const cases: Case[] = [];
      for (const m of SIZES) for (const n of SIZES) for (const k of SIZES) cases.push({ precision, m, n, k });
      expect(failures(cases)).toEqual([]);
    });

    it(`${precision}: transposed and strided operands in every combination`, () => {
      const cases: Case[] = [];
      for (const layoutA of LAYOUTS) {
        for (const layoutB of LAYOUTS) {
          for (const [m, n, k] of [[1, 9, 5], [9, 1, 5], [1, 1, 19], [5, 7, 3], [4, 8, 8], [13, 17, 9], [33, 31, 70], [70, 64, 65]]) {
            cases.push({ precision, m, n, k, layoutA, layoutB });
          }
        }
      }
      expect(failures(cases)).toEqual([]);
    });

    it(`${precision}: alpha, beta and a leading dimension wider than the row`, () => {
      const cases: Case[] = [];
      for (const [m, n, k] of [[1, 7, 5], [6, 1, 9], [1, 1, 4], [7, 9, 11], [17, 33, 20], [40, 41, 0]]) {
        for (const [alpha, beta] of [[1, 1], [0.5, 2], [-1.5, 0], [2, -0.25]]) {
          cases.push({ precision, m, n, k, alpha, beta, ldcPad: 3 });
          cases.push({ precision, m, n, k, alpha, beta, layoutA: 'col', layoutB: 'strided' });
        }
      }
      expect(failures(cases)).toEqual([]);
    });

    it(`${precision}: batches, with B shared by every product (batch stride 0)`, () => {
      const cases: Case[] = [];
      for (const [m, n, k] of [[1, 5, 3], [5, 1, 3], [3, 5, 1], [9, 10, 11], [21, 18, 35]]) {
        for (const broadcastB of [false, true]) {
          cases.push({ precision, m, n, k, batch: 4, broadcastB });
          cases.push({ precision, m, n, k, batch: 3, broadcastB, layoutA: 'col', layoutB: 'col', beta: 1 });
        }
      }
      expect(failures(cases)).toEqual([]);
    });

    it(`${precision}: sizes that cross the cache blocking (k > KC, m > MC, n > NC)`, () => {
      const cases: Case[] = [
        { precision, m: 9, n: 12, k: 300 },
        { precision, m: 10, n: 9, k: 520, layoutA: 'col', beta: 0.5 },
        { precision, m: 133, n: 10, k: 20 },
        { precision, m: 261, n: 9, k: 140, layoutB: 'col' },
        { precision, m: 5, n: 2100, k: 3 },
        { precision, m: 6, n: 4099, k: 2, layoutB: 'strided', alpha: 2, beta: 1 },
      ];
      expect(failures(cases)).toEqual([]);
    });
  }

  it('reports workspace sizes that cover the packed panels, and none for matrix-vector products', () => {
    expect(kernels.gemmWorkspaceBytes(1, 100, 100, 4)).toBe(0);
    expect(kernels.gemmWorkspaceBytes(100, 1, 100, 8)).toBe(0);
    expect(kernels.gemmWorkspaceBytes(5, 9, 3, 4)).toBeGreaterThanOrEqual((3 * 16 + 8 * 3 + 4 * 8) * 4);
    expect(kernels.gemmWorkspaceBytes(4096, 4096, 4096, 4)).toBeLessThan(4 << 20);
  });
});
