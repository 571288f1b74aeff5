// The reduction kernels (assembly/reduce-*.ts) against their scalar references and against float64 sums computed
// here: every op, both layouts, sizes around the vector widths and the cascade block sizes.
import { describe, expect, it } from 'vitest';
import { tensor, tidy, Tensor } from '../src/index';
import { REDUCE_KERNELS } from './support/reduce-kernels';
import { OP, SCAN } from '../src/backend/kernels/reduce';
import type { DType } from '../src/dtype';
import { signedUniforms } from './support/random';
import { values } from './support/tensor-values';

function input(values: number[], dtype: DType): Tensor {
  return tensor(dtype === 'int32' ? values.map((v) => Math.round(v * 50)) : dtype === 'bool' ? values.map((v) => v > 0) : values, { dtype });
}

const K = REDUCE_KERNELS;
const floatOps = Object.entries(OP) as [keyof typeof OP, number][];
const exactOps = new Set<number>([OP.max, OP.min, OP.normInf, OP.normNegInf, OP.norm0]);
const lengths = [0, 1, 3, 4, 15, 16, 17, 63, 64, 65, 1030, 4096 * 16 + 7];
/** Ops that must propagate NaN (the vector loops use pmax/pmin and track NaNs apart). */
const nanOps = new Set<number>([OP.max, OP.min, OP.normInf, OP.normNegInf]);

/** Puts NaNs in a few places of some slices (one slice of `slice` elements in three gets one). */
function sprinkleNaN(vals: number[], slice: number): void {
  for (let start = 0, k = 0; start + slice <= vals.length && slice > 0; start += slice, k++) {
    if (k % 3 === 1) vals[start + ((k * 7919) % slice)] = NaN;
  }
}
const colCounts = [1, 3, 4, 8, 15, 16, 17, 33];

/** The op over vals in float64 (the reference the float kernels approximate). */
function exactReduce(op: number, vals: number[], p: number): number {
  const n = vals.length;
  switch (op) {
    case OP.sum: return vals.reduce((a, b) => a + b, 0);
    case OP.mean: return vals.reduce((a, b) => a + b, 0) / n;
    case OP.prod: return vals.reduce((a, b) => a * b, 1);
    case OP.max: return vals.reduce((a, b) => Math.max(a, b), -Infinity);
    case OP.min: return vals.reduce((a, b) => Math.min(a, b), Infinity);
    case OP.norm1: return vals.reduce((a, b) => a + Math.abs(b), 0);
    case OP.norm2: return Math.sqrt(vals.reduce((a, b) => a + b * b, 0));
    case OP.normInf: return vals.reduce((a, b) => Math.max(a, Math.abs(b)), 0);
    case OP.normNegInf: return vals.reduce((a, b) => Math.min(a, Math.abs(b)), Infinity);
    case OP.norm0: return vals.filter((v) => v !== 0).length;
    default: return vals.reduce((a, b) => a + Math.abs(b) ** p, 0) ** (1 / p);
  }
}

/** Bound on the rounding error of a float reduction of vals: n * eps * (sum of magnitudes), as for a sequential sum. */
function errorBound(op: number, vals: number[], dtype: DType, exact: number): number {
  if (exactOps.has(op)) return 0;
  const eps = dtype === 'float32' ? 2 ** -24 : 2 ** -53;
  const n = Math.max(vals.length, 1);
  if (op === OP.prod) return 4 * n * eps * Math.abs(exact);
  const mags = op === OP.norm2 ? vals.reduce((a, b) => a + b * b, 0) : vals.reduce((a, b) => a + Math.abs(b), 0);
  const bound = 4 * n * eps * (op === OP.mean ? mags / n : mags) + 4 * eps * Math.abs(exact);
  return op === OP.norm2 ? Math.sqrt(bound) + 4 * eps * Math.abs(exact) : bound;
}

describe('map-reduce kernels, inner layout', () => {
  for (const dtype of ['float32', 'float64'] as const) {
    for (const [name, op] of floatOps) {
      it(`${name} ${dtype}: SIMD, scalar reference and float64 agree for lengths around the vector and block sizes`, () => {
        tidy(() => {
          const p = op === OP.normP ? 3 : 0;
          for (const len of lengths) {
            if (op === OP.prod && len > 100) continue; // products of many values leave the float range
            const rows = 2;
            const vals = signedUniforms(rows * len, len + op * 7919);
            if (op === OP.prod) for (let i = 0; i < vals.length; i++) vals[i] = 1 + vals[i] / 4;
            if (nanOps.has(op)) sprinkleNaN(vals, len);
            const x = input(vals, dtype);
            const simd = Tensor._empty([rows], dtype);
            const ref = Tensor._empty([rows], dtype);
            K.reduceInner[dtype]!(op, x._ptr, simd._ptr, rows, len, p);
            K.reduceInnerReference[dtype]!(op, x._ptr, ref._ptr, rows, len, p);
            const got = values(simd);
            const want = values(ref);
            const rounded = values(x);
            for (let r = 0; r < rows; r++) {
              const row = rounded.slice(r * len, (r + 1) * len);
              const exact = exactReduce(op, row, p);
              const bound = errorBound(op, row, dtype, exact);
              if (exactOps.has(op)) {
                expect(got[r], `${name} len ${len}`).toBe(dtype === 'float32' ? Math.fround(exact) : exact);
                expect(want[r]).toBe(got[r]);
              } else if (len === 0 && op === OP.mean) {
                expect(got[r]).toBeNaN();
              } else {
                expect(Math.abs(got[r] - exact), `${name} len ${len} row ${r}`).toBeLessThanOrEqual(bound);
                expect(Math.abs(want[r] - exact), `${name} reference len ${len}`).toBeLessThanOrEqual(bound);
              }
            }
          }
        });
      });
    }
  }

  it('int32 sum, prod, max, min match the scalar reference exactly (sums wrap as int32)', () => {
    tidy(() => {
      for (const op of [OP.sum, OP.prod, OP.max, OP.min]) {
        for (const len of lengths) {
          const rows = 3;
          const vals = signedUniforms(rows * len, len * 31 + op);
          const x = tensor(vals.map((v) => (op === OP.sum ? Math.round(v * 2 ** 30) : Math.round(v * 3))), { dtype: 'int32' });
          const simd = Tensor._empty([rows], 'int32');
          const ref = Tensor._empty([rows], 'int32');
          K.reduceInner.int32!(op, x._ptr, simd._ptr, rows, len, 0);
          K.reduceInnerReference.int32!(op, x._ptr, ref._ptr, rows, len, 0);
          expect(values(simd), `op ${op} len ${len}`).toEqual(values(ref));
          if (op === OP.sum) {
            const ints = values(x);
            for (let r = 0; r < rows; r++) {
              const want = ints.slice(r * len, (r + 1) * len).reduce((a, b) => (a + b) | 0, 0);
              expect(values(simd)[r]).toBe(want);
            }
          }
        }
      }
    });
  });

  it('bool (bytes) max and min match the scalar reference', () => {
    tidy(() => {
      for (const len of lengths) {
        const rows = 2;
        const vals = signedUniforms(rows * len, len + 5).map((v) => v > 0.9);
        const x = tensor(vals, { dtype: 'bool' });
        for (const op of [OP.max, OP.min]) {
          const simd = Tensor._empty([rows], 'bool');
          const ref = Tensor._empty([rows], 'bool');
          K.reduceInner.bool!(op, x._ptr, simd._ptr, rows, len, 0);
          K.reduceInnerReference.bool!(op, x._ptr, ref._ptr, rows, len, 0);
          expect(values(simd)).toEqual(values(ref));
        }
      }
    });
  });
});

describe('map-reduce kernels, outer layout', () => {
  for (const dtype of ['float32', 'float64', 'int32'] as const) {
    it(`${dtype}: every op matches the scalar reference for column counts around the vector width`, () => {
      tidy(() => {
        const ops = dtype === 'int32' ? [OP.sum, OP.prod, OP.max, OP.min] : Object.values(OP);
        for (const op of ops) {
          for (const cols of colCounts) {
            // The cascade's third level starts after 4096 rows: checked for the sums and for one extremum.
            const longRun = (op === OP.sum || op === OP.norm2 || op === OP.max) && (cols === 1 || cols === 17 || cols === 33) ? [4100] : [];
            for (const len of [0, 1, 2, 5, 70, ...longRun]) {
              const outer = 2;
              const vals = signedUniforms(outer * len * cols, cols * 1000 + len + op);
              if (op === OP.prod && dtype !== 'int32') for (let i = 0; i < vals.length; i++) vals[i] = 1 + vals[i] / 4;
              if (dtype !== 'int32' && nanOps.has(op)) sprinkleNaN(vals, len * cols);
              const x = input(vals, dtype);
              const p = op === OP.normP ? 2.5 : 0;
              const simd = Tensor._empty([outer * cols], dtype);
              const ref = Tensor._empty([outer * cols], dtype);
              K.reduceOuter[dtype]!(op, x._ptr, simd._ptr, outer, len, cols, p);
              K.reduceOuterReference[dtype]!(op, x._ptr, ref._ptr, outer, len, cols, p);
              const got = values(simd);
              const want = values(ref);
              const xs = values(x);
              for (let o = 0; o < outer; o++) {
                for (let c = 0; c < cols; c++) {
                  const k = o * cols + c;
                  const column = Array.from({ length: len }, (_, r) => xs[(o * len + r) * cols + c]);
                  const label = `op ${op} cols ${cols} len ${len} at ${k}`;
                  if (dtype === 'int32' || exactOps.has(op)) {
                    expect(got[k], label).toBe(want[k]);
                  } else if (len === 0 && op === OP.mean) {
                    expect(got[k], label).toBeNaN();
                  } else {
                    const exact = exactReduce(op, column, p);
                    const bound = errorBound(op, column, dtype, exact);
                    expect(Math.abs(got[k] - exact), label).toBeLessThanOrEqual(bound);
                  }
                }
              }
            }
          }
        }
      });
    });
  }
});

describe('the float32 cascade', () => {
  it('keeps a 10^6-element float32 sum within 2e-7 of the float64 sum (relative to the sum of magnitudes), both layouts', () => {
    tidy(() => {
      const n = 1_000_000;
      const vals = signedUniforms(n, 12345).map((v) => v + 0.5); // mostly positive: a sequential float32 sum drifts
      const x = tensor(vals, { dtype: 'float32' });
      const xs = values(x);
      const exact = xs.reduce((a, b) => a + b, 0);
      const magnitude = xs.reduce((a, b) => a + Math.abs(b), 0);
      const inner = Tensor._empty([1], 'float32');
      K.reduceInner.float32!(OP.sum, x._ptr, inner._ptr, 1, n, 0);
      expect(Math.abs(values(inner)[0] - exact) / magnitude).toBeLessThan(2e-7);
      // A plain sequential float32 sum is far worse: the test would catch a kernel without the cascade.
      const sequential = Tensor._empty([1], 'float32');
      K.reduceInnerReference.float32!(OP.sum, x._ptr, sequential._ptr, 1, n, 0);
      expect(Math.abs(values(sequential)[0] - exact) / magnitude).toBeGreaterThan(2e-6);
      // Outer: 4 columns of 250000 rows each.
      const outer = Tensor._empty([4], 'float32');
      K.reduceOuter.float32!(OP.sum, x._ptr, outer._ptr, 1, n / 4, 4, 0);
      const got = values(outer);
      for (let c = 0; c < 4; c++) {
        let s = 0;
        let m = 0;
        for (let r = 0; r < n / 4; r++) {
          s += xs[r * 4 + c];
          m += Math.abs(xs[r * 4 + c]);
        }
        expect(Math.abs(got[c] - s) / m).toBeLessThan(2e-7);
      }
    });
  });
});

describe('max/min with indices kernels', () => {
  for (const dtype of ['float32', 'float64', 'int32', 'bool'] as const) {
    it(`${dtype}: values and indices match the scalar reference, with ties${dtype.startsWith('float') ? ' and NaNs' : ''}`, () => {
      tidy(() => {
        for (const isMin of [0, 1]) {
          for (const cols of [1, 2, 3, 4, 5, 8, 17]) {
            for (const len of [1, 2, 7, 16, 33]) {
              const outer = 2;
              const n = outer * len * cols;
              let vals = signedUniforms(n, len * 100 + cols + isMin).map((v) => Math.round(v * 3)); // many ties
              if (dtype.startsWith('float')) vals = vals.map((v, i) => (i % 23 === 7 ? NaN : v));
              const x = dtype === 'bool' ? tensor(vals.map((v) => v > 0), { dtype }) : tensor(vals, { dtype });
              const vRef = Tensor._empty([outer * cols], dtype);
              const iRef = Tensor._empty([outer * cols], 'int32');
              K.argReduceReference[dtype]!(isMin, x._ptr, vRef._ptr, iRef._ptr, outer, len, cols);
              const v = Tensor._empty([outer * cols], dtype);
              const i = Tensor._empty([outer * cols], 'int32');
              K.argReduceOuter[dtype]!(isMin, x._ptr, v._ptr, i._ptr, outer, len, cols);
              const label = `isMin ${isMin} cols ${cols} len ${len}`;
              expect(values(i), label).toEqual(values(iRef));
              expect(values(v), label).toEqual(values(vRef));
              if (cols === 1) {
                const v2 = Tensor._empty([outer], dtype);
                const i2 = Tensor._empty([outer], 'int32');
                K.argReduceInner[dtype]!(isMin, x._ptr, v2._ptr, i2._ptr, outer, len);
                expect(values(i2), label).toEqual(values(iRef));
                expect(values(v2), label).toEqual(values(vRef));
              }
              // The reference itself: first occurrence of the extreme, first NaN when there is one.
              const xs = values(x);
              const idx = values(iRef);
              for (let o = 0; o < outer; o++) {
                for (let c = 0; c < cols; c++) {
                  const column = Array.from({ length: len }, (_, r) => xs[(o * len + r) * cols + c]);
                  const nanAt = column.findIndex(Number.isNaN);
                  const extreme = isMin ? Math.min(...column) : Math.max(...column);
                  expect(idx[o * cols + c]).toBe(nanAt >= 0 ? nanAt : column.indexOf(extreme));
                }
              }
            }
          }
        }
      });
    });
  }
});

describe('variance kernels', () => {
  for (const dtype of ['float32', 'float64'] as const) {
    it(`${dtype}: inner and outer match the scalar reference and a float64 two-pass variance`, () => {
      tidy(() => {
        for (const cols of [1, 3, 4, 9]) {
          for (const len of [1, 2, 5, 17, 300]) {
            for (const correction of [0, 1, 2.5]) {
              const outer = 2;
              const x = input(signedUniforms(outer * len * cols, len * 7 + cols).map((v) => v * 10 + 3), dtype);
              const xs = values(x);
              const run = (fn: (dv: number, dm: number) => void) => {
                const dv = Tensor._empty([outer * cols], dtype);
                const dm = Tensor._empty([outer * cols], dtype);
                fn(dv._ptr, dm._ptr);
                return [values(dv), values(dm)];
              };
              const [refV, refM] = run((dv, dm) => K.varianceReference[dtype]!(x._ptr, dv, dm, outer, len, cols, correction, 0));
              const [v, m] =
                cols === 1
                  ? run((dv, dm) => K.varianceInner[dtype]!(x._ptr, dv, dm, outer, len, correction, 0))
                  : run((dv, dm) => K.varianceOuter[dtype]!(x._ptr, dv, dm, outer, len, cols, correction, 0));
              const [s] = run((dv) => K.varianceOuter[dtype]!(x._ptr, dv, 0, outer, len, cols, correction, 1));
              const rel = dtype === 'float32' ? 2 ** -23 : 1e-13;
              for (let k = 0; k < outer * cols; k++) {
                const o = Math.floor(k / cols);
                const c = k % cols;
                const column = Array.from({ length: len }, (_, r) => xs[(o * len + r) * cols + c]);
                const mean = column.reduce((a, b) => a + b, 0) / len;
                const want = column.reduce((a, b) => a + (b - mean) ** 2, 0) / Math.max(0, len - correction);
                const label = `cols ${cols} len ${len} correction ${correction}`;
                if (!Number.isFinite(want)) {
                  expect(v[k], label).toBe(want);
                  continue;
                }
                expect(Math.abs(v[k] - want), label).toBeLessThanOrEqual(rel * want + 1e-300);
                expect(Math.abs(refV[k] - want), label).toBeLessThanOrEqual(rel * want + 1e-300);
                expect(Math.abs(m[k] - mean), label).toBeLessThanOrEqual(rel * Math.abs(mean) + 1e-300);
                expect(Math.abs(refM[k] - mean), label).toBeLessThanOrEqual(rel * Math.abs(mean) + 1e-300);
                expect(Math.abs(s[k] - Math.sqrt(want)), label).toBeLessThanOrEqual(rel * Math.sqrt(want) + 1e-300);
              }
            }
          }
        }
      });
    });
  }
});

describe('softmax and logsumexp kernels', () => {
  for (const dtype of ['float32', 'float64'] as const) {
    it(`${dtype}: inner and outer layouts match the scalar reference and float64 values`, () => {
      tidy(() => {
        // float32: the vector exp is within a few ulp of the scalar one.
        const rel = dtype === 'float32' ? 8 * 2 ** -24 : 1e-14;
        for (const cols of [1, 3, 4, 5, 8, 13]) {
          for (const len of [1, 2, 7, 8, 9, 33]) {
            const outer = 2;
            const x = input(signedUniforms(outer * len * cols, len * 17 + cols).map((v) => v * 20), dtype);
            const xs = values(x);
            const n = outer * len * cols;
            for (const log of [0, 1]) {
              const out = Tensor._empty([n], dtype);
              const ref = Tensor._empty([n], dtype);
              if (cols === 1) K.softmaxInner[dtype]!(log, x._ptr, out._ptr, outer, len);
              else K.softmaxOuter[dtype]!(log, x._ptr, out._ptr, outer, len, cols);
              K.softmaxReference[dtype]!(log, x._ptr, ref._ptr, outer, len, cols);
              const got = values(out);
              const want = values(ref);
              for (let o = 0; o < outer; o++) {
                for (let c = 0; c < cols; c++) {
                  const idx = Array.from({ length: len }, (_, r) => (o * len + r) * cols + c);
                  const m = Math.max(...idx.map((i) => xs[i]));
                  const s = idx.reduce((a, i) => a + Math.exp(xs[i] - m), 0);
                  for (const i of idx) {
                    const exact = log ? xs[i] - m - Math.log(s) : Math.exp(xs[i] - m) / s;
                    // log-softmax: error relative to the terms subtracted. softmax: relative to the value, plus the rounding
                    // of the argument x - m in the element type, which exp turns into a relative error of |x - m| ulp.
                    const tol = log ? rel * (Math.abs(xs[i] - m) + Math.abs(Math.log(s)) + 1) : rel * Math.abs(exact) * (1 + Math.abs(xs[i] - m)) + 1e-30;
                    expect(Math.abs(got[i] - exact), `log ${log} cols ${cols} len ${len}`).toBeLessThanOrEqual(tol);
                    expect(Math.abs(want[i] - exact)).toBeLessThanOrEqual(tol);
                  }
                }
              }
            }
            const lse = Tensor._empty([outer * cols], dtype);
            const lseRef = Tensor._empty([outer * cols], dtype);
            if (cols === 1) K.logsumexpInner[dtype]!(x._ptr, lse._ptr, outer, len);
            else K.logsumexpOuter[dtype]!(x._ptr, lse._ptr, outer, len, cols);
            K.logsumexpReference[dtype]!(x._ptr, lseRef._ptr, outer, len, cols);
            for (let k = 0; k < outer * cols; k++) {
              const o = Math.floor(k / cols);
              const c = k % cols;
              const column = Array.from({ length: len }, (_, r) => xs[(o * len + r) * cols + c]);
              const m = Math.max(...column);
              const exact = m + Math.log(column.reduce((a, v) => a + Math.exp(v - m), 0));
              expect(Math.abs(values(lse)[k] - exact)).toBeLessThanOrEqual(rel * (Math.abs(exact) + Math.abs(m) + 1));
              expect(Math.abs(values(lseRef)[k] - exact)).toBeLessThanOrEqual(rel * (Math.abs(exact) + Math.abs(m) + 1));
            }
          }
        }
      });
    });
  }

  it('the float32 vector exp is accurate down to the denormal range, and keeps infinities and NaN', () => {
    tidy(() => {
      // softmax of a row [v, -inf x 7] (long enough for the vector path): exp(v - v) = 1 and exp(-inf) = 0 ...
      for (const v of [0, 50, 88.5, -80, -103.5, 1e30]) {
        const x = tensor([v, -Infinity, -Infinity, -Infinity, -Infinity, -Infinity, -Infinity, -Infinity], { dtype: 'float32' });
        const out = Tensor._empty([8], 'float32');
        K.softmaxInner.float32!(0, x._ptr, out._ptr, 1, 8);
        expect(values(out), `row led by ${v}`).toEqual([1, 0, 0, 0, 0, 0, 0, 0]);
      }
      // ... while a NaN or +inf in the row makes it NaN (inf - inf), as in PyTorch.
      for (const v of [NaN, Infinity]) {
        const x = tensor([v, 1, 2, 3, 4, 5, 6, 7], { dtype: 'float32' });
        const out = Tensor._empty([8], 'float32');
        K.softmaxInner.float32!(0, x._ptr, out._ptr, 1, 8);
        expect(values(out)[0]).toBeNaN();
      }
      // softmax over a dim of 2, pairs (x, 0) in the outer layout (64 columns: vector lanes), is exp(x) / (exp(x) + 1)
      // for x <= 0: this reads the vector exp over [-104, 0], through the denormals, against float64.
      const xs = Float32Array.from({ length: 64 }, (_, i) => Math.fround(-104 + i * 1.63));
      const pair = tensor([...xs, ...new Float32Array(64)], { dtype: 'float32' });
      const out = Tensor._empty([128], 'float32');
      K.softmaxOuter.float32!(0, pair._ptr, out._ptr, 1, 2, 64);
      const got = values(out);
      for (let i = 0; i < 64; i++) {
        const e = Math.exp(xs[i]);
        const want = e / (e + 1);
        expect(Math.abs(got[i] - want), `exp(${xs[i]})`).toBeLessThanOrEqual(4 * 2 ** -24 * want + 2 ** -149);
      }
    });
  });
});

describe('scan kernels', () => {
  for (const dtype of ['float32', 'float64', 'int32'] as const) {
    it(`${dtype}: cumulative sum and product, forward/reverse, inclusive/exclusive, match the scalar reference exactly`, () => {
      tidy(() => {
        for (const cols of [1, 2, 3, 4, 5, 9]) {
          for (const len of [1, 2, 6, 31]) {
            const outer = 2;
            const n = outer * len * cols;
            const vals = signedUniforms(n, len * 13 + cols);
            const x = dtype === 'int32' ? tensor(vals.map((v) => Math.round(v * 4)), { dtype }) : tensor(vals.map((v) => 1 + v / 2), { dtype });
            for (const op of [0, 1]) {
              for (const flags of [0, SCAN.reverse, SCAN.exclusive, SCAN.reverse | SCAN.exclusive]) {
                const out = Tensor._empty([n], dtype);
                const ref = Tensor._empty([n], dtype);
                if (cols === 1) K.scanInner[dtype]!(op, flags, x._ptr, out._ptr, outer, len);
                else K.scanOuter[dtype]!(op, flags, x._ptr, out._ptr, outer, len, cols);
                K.scanReference[dtype]!(op, flags, x._ptr, ref._ptr, outer, len, cols);
                expect(values(out), `op ${op} flags ${flags} cols ${cols} len ${len}`).toEqual(values(ref));
                // The reference against a direct computation (float64 accumulation, rounded once).
                const xs = values(x);
                const want = new Array<number>(n);
                for (let o = 0; o < outer; o++) {
                  for (let c = 0; c < cols; c++) {
                    let acc = op ? 1 : 0;
                    for (let k = 0; k < len; k++) {
                      const r = flags & SCAN.reverse ? len - 1 - k : k;
                      const i = (o * len + r) * cols + c;
                      if (flags & SCAN.exclusive) want[i] = acc;
                      acc = op ? (dtype === 'int32' ? Math.imul(acc, xs[i]) : acc * xs[i]) : dtype === 'int32' ? (acc + xs[i]) | 0 : acc + xs[i];
                      if (!(flags & SCAN.exclusive)) want[i] = acc;
                    }
                  }
                }
                const rounded = dtype === 'float32' ? want.map(Math.fround) : want;
                expect(values(ref)).toEqual(rounded);
              }
            }
          }
        }
      });
    });
  }
});
