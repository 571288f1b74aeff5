// The reductions (src/ops/reduce) against plain float64 references: every dim set of 3-D and 4-D tensors, keepdim,
// contiguous / permuted / strided / expanded inputs, float32 and float64; dtype rules, NaN and infinity handling,
// empty reductions and PyTorch's error messages.
import { describe, expect, it } from 'vitest';
import { memory, tensor, tidy, zeros, type Tensor } from '../src/index';
import '../src/ops/reduce';
import { signedUniforms } from './support/random';
import { values } from './support/tensor-values';

const numel = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);

/** The same logical tensor in several memory layouts. */
function layouts(shape: number[], data: number[], dtype: 'float32' | 'float64'): { name: string; t: Tensor }[] {
  const c = tensor(data, { dtype }).reshape(shape);
  const rev = shape.map((_, i) => shape.length - 1 - i);
  const permuted = c.permute(rev).contiguous().permute(rev);
  const last = shape.length - 1;
  const wide = zeros([...shape.slice(0, last), shape[last] * 2], { dtype });
  const strided = wide.slice(last, 0, null, 2);
  strided.copy_(c);
  const firstRow = tensor(data.slice(0, numel(shape.slice(1))), { dtype }).reshape([1, ...shape.slice(1)]);
  const expanded = firstRow.expand(shape);
  const mixed = c.transpose(0, last).slice(0, 0, null, 1).transpose(0, last);
  return [
    { name: 'contiguous', t: c },
    { name: 'permuted', t: permuted },
    { name: 'strided', t: strided },
    { name: 'expanded', t: expanded },
    { name: 'transposed view', t: mixed.transpose(0, 1).contiguous().transpose(0, 1) },
  ];
}

/** Groups the row-major values of a tensor of `shape` by output position of a reduction over `dims`. */
function groups(vals: number[], shape: number[], dims: number[]): { outShape: number[]; buckets: number[][] } {
  const kept = shape.map((_, d) => d).filter((d) => !dims.includes(d));
  const outShape = kept.map((d) => shape[d]);
  const buckets: number[][] = Array.from({ length: numel(outShape) }, () => []);
  const index = new Array<number>(shape.length).fill(0);
  for (let i = 0; i < vals.length; i++) {
    let o = 0;
    for (const d of kept) o = o * shape[d] + index[d];
    buckets[o].push(vals[i]);
    for (let d = shape.length - 1; d >= 0; d--) {
      if (++index[d] < shape[d]) break;
      index[d] = 0;
    }
  }
  return { outShape, buckets };
}

function subsets(n: number): number[][] {
  const out: number[][] = [];
  for (let m = 1; m < 1 << n; m++) out.push([...Array(n).keys()].filter((d) => m & (1 << d)));
  return out;
}

function keepdimShape(shape: number[], dims: number[]): number[] {
  return shape.map((s, d) => (dims.includes(d) ? 1 : s));
}

const sumOf = (v: number[]) => v.reduce((a, b) => a + b, 0);
const variance = (v: number[], correction: number) => {
  const m = sumOf(v) / v.length;
  return v.reduce((a, b) => a + (b - m) ** 2, 0) / Math.max(0, v.length - correction);
};

interface ReductionCase {
  name: string;
  run: (t: Tensor, dims: number[], keepdim: boolean) => Tensor;
  ref: (v: number[]) => number;
  /** Values fed to the op: prod needs magnitudes near 1. */
  shift?: (v: number) => number;
}

const reductions: ReductionCase[] = [
  { name: 'sum', run: (t, d, k) => t.sum(d, k), ref: sumOf },
  { name: 'mean', run: (t, d, k) => t.mean(d, k), ref: (v) => sumOf(v) / v.length },
  { name: 'amax', run: (t, d, k) => t.amax(d, k), ref: (v) => Math.max(...v) },
  { name: 'amin', run: (t, d, k) => t.amin(d, k), ref: (v) => Math.min(...v) },
  { name: 'norm 2', run: (t, d, k) => t.norm(2, d, k), ref: (v) => Math.sqrt(sumOf(v.map((x) => x * x))) },
  { name: 'norm 1', run: (t, d, k) => t.norm(1, d, k), ref: (v) => sumOf(v.map(Math.abs)) },
  { name: 'norm 3', run: (t, d, k) => t.norm(3, d, k), ref: (v) => sumOf(v.map((x) => Math.abs(x) ** 3)) ** (1 / 3) },
  { name: 'norm 0.5', run: (t, d, k) => t.norm(0.5, d, k), ref: (v) => sumOf(v.map((x) => Math.abs(x) ** 0.5)) ** 2 },
  { name: 'norm inf', run: (t, d, k) => t.norm(Infinity, d, k), ref: (v) => Math.max(...v.map(Math.abs)) },
  { name: 'norm -inf', run: (t, d, k) => t.norm(-Infinity, d, k), ref: (v) => Math.min(...v.map(Math.abs)) },
  { name: 'norm 0', run: (t, d, k) => t.norm(0, d, k), ref: (v) => v.filter((x) => x !== 0).length },
  { name: 'var', run: (t, d, k) => t.var(d, true, k), ref: (v) => variance(v, 1) },
  { name: 'var correction 0', run: (t, d, k) => t.var(d, { keepdim: k, correction: 0 }), ref: (v) => variance(v, 0) },
  { name: 'std', run: (t, d, k) => t.std(d, { keepdim: k }), ref: (v) => Math.sqrt(variance(v, 1)) },
  { name: 'logsumexp', run: (t, d, k) => t.logsumexp(d, k), ref: (v) => Math.log(sumOf(v.map(Math.exp))) },
  {
    name: 'prod (one dim at a time)',
    run: (t, d, k) => d.reduceRight((acc, dim) => acc.prod(dim, true), t).reshape(k ? keepdimShape(t.shape, d) : t.shape.filter((_, i) => !d.includes(i))),
    ref: (v) => v.reduce((a, b) => a * b, 1),
    shift: (v) => 1 + v / 4,
  },
];

function checkClose(got: number[], want: number[], dtype: string, label: string): void {
  expect(got.length, label).toBe(want.length);
  const rel = dtype === 'float32' ? 2e-6 : 1e-13;
  for (let i = 0; i < want.length; i++) {
    if (Number.isNaN(want[i])) expect(got[i], label).toBeNaN();
    else expect(Math.abs(got[i] - want[i]), `${label} at ${i}: ${got[i]} vs ${want[i]}`).toBeLessThanOrEqual(rel * (Math.abs(want[i]) + 1));
  }
}

describe('reductions over every dim set, keepdim, memory layouts and float dtypes', () => {
  for (const shape of [[3, 4, 5], [2, 3, 1, 5]]) {
    for (const dtype of ['float32', 'float64'] as const) {
      for (const r of reductions) {
        it(`${r.name} of a ${dtype} [${shape}] tensor`, () => {
          tidy(() => {
            const data = signedUniforms(numel(shape), shape.length * 100 + r.name.length).map(r.shift ?? ((v) => v));
            for (const { name, t } of layouts(shape, data, dtype)) {
              const vals = values(t);
              for (const dims of subsets(shape.length)) {
                for (const keepdim of [false, true]) {
                  const out = r.run(t, dims, keepdim);
                  const { outShape, buckets } = groups(vals, shape, dims);
                  const label = `${name} dims [${dims}] keepdim ${keepdim}`;
                  expect(out.shape, label).toEqual(keepdim ? keepdimShape(shape, dims) : outShape);
                  expect(out.dtype).toBe(dtype);
                  checkClose(values(out), buckets.map(r.ref), dtype, label);
                }
              }
            }
          });
        });
      }
    }
  }

  it('sum over no dims given or [] reduces everything; a single dim may be negative', () => {
    tidy(() => {
      const x = tensor(signedUniforms(24, 3)).reshape(2, 3, 4);
      const total = sumOf(values(x));
      expect(x.sum().shape).toEqual([]);
      expect(x.sum([]).shape).toEqual([]);
      expect(Math.abs((x.sum().item() as number) - total)).toBeLessThan(1e-5);
      expect(values(x.sum(-1))).toEqual(values(x.sum(2)));
      expect(x.sum(-2, true).shape).toEqual([2, 1, 4]);
      expect(x.sum({ dim: [0, -1], keepdim: true }).shape).toEqual([1, 3, 1]);
      expect(x.sum(1, { keepdim: true }).shape).toEqual([2, 1, 4]);
      expect(x.sum({ dtype: 'float64' }).dtype).toBe('float64');
    });
  });

  it('a permuted input gives a dense result laid out like the input, as in PyTorch', () => {
    tidy(() => {
      const x = tensor(signedUniforms(60, 9)).reshape(3, 4, 5);
      const p = x.permute(2, 0, 1); // [5, 3, 4]
      const s = p.sum(1); // [5, 4], memory order of x: dim 1 of x (size 4) outer, dim 2 (size 5) inner
      expect(s.shape).toEqual([5, 4]);
      expect(s.stride()).toEqual([1, 5]);
      checkClose(values(s), values(x.sum(0).t().contiguous()), 'float32', 'permuted sum');
    });
  });
});

describe('accuracy of long float32 reductions', () => {
  it('sum and mean of 10^6 float32 values stay within 2e-7 (relative to the sum of magnitudes) of float64, in any layout', () => {
    tidy(() => {
      const data = signedUniforms(1_000_000, 4242).map((v) => v + 0.3);
      const x = tensor(data, { dtype: 'float32' });
      const xs = values(x);
      const exact = sumOf(xs);
      const magnitude = sumOf(xs.map(Math.abs));
      expect(Math.abs((x.sum().item() as number) - exact) / magnitude).toBeLessThan(2e-7);
      expect(Math.abs((x.mean().item() as number) - exact / xs.length) / (magnitude / xs.length)).toBeLessThan(2e-7);
      // The same values as 1000 x 1000, summed down the columns (the vertical kernel) and along a transposed view.
      const m = x.reshape(1000, 1000);
      const bySum = values(m.sum(0));
      const byT = values(m.t().sum(1));
      for (let c = 0; c < 1000; c += 97) {
        let col = 0;
        let mag = 0;
        for (let r = 0; r < 1000; r++) {
          col += xs[r * 1000 + c];
          mag += Math.abs(xs[r * 1000 + c]);
        }
        expect(Math.abs(bySum[c] - col) / mag).toBeLessThan(2e-7);
        expect(Math.abs(byT[c] - col) / mag).toBeLessThan(2e-7);
      }
    });
  });
});

describe('sumToSize', () => {
  it('sums the leading and the size-1 dims and returns x itself when the shape matches', () => {
    tidy(() => {
      const x = tensor(signedUniforms(24, 5)).reshape(2, 3, 4);
      expect(x.sumToSize(2, 3, 4)).toBe(x);
      expect(x.sumToSize([3, 4]).shape).toEqual([3, 4]);
      checkClose(values(x.sumToSize(3, 4)), values(x.sum(0)), 'float32', '[3, 4]');
      checkClose(values(x.sumToSize(3, 1)), values(x.sum([0, 2]).reshape(3, 1)), 'float32', '[3, 1]');
      checkClose(values(x.sumToSize(1, 1, 1)), [sumOf(values(x))], 'float32', '[1, 1, 1]');
      expect(x.sumToSize([]).shape).toEqual([]);
    });
  });

  it("throws PyTorch's message when the shape is not expandable to x's", () => {
    tidy(() => {
      const x = zeros(2, 3);
      expect(() => x.sumToSize(4)).toThrow('size {[4]} is not expandable to size {[2, 3]}.');
      expect(() => x.sumToSize(1, 2, 3)).toThrow('size {[1, 2, 3]} is not expandable to size {[2, 3]}.');
    });
  });
});

describe('max, min, argmax, argmin', () => {
  /** First index of the extreme of v (NaN counts as the extreme). */
  function firstExtreme(v: number[], isMin: boolean): number {
    const nan = v.findIndex(Number.isNaN);
    if (nan >= 0) return nan;
    return v.indexOf(isMin ? Math.min(...v) : Math.max(...v));
  }

  for (const dtype of ['float32', 'float64', 'int32'] as const) {
    it(`${dtype}: along every dim of 3-D and 4-D tensors and every layout, first occurrence wins ties`, () => {
      tidy(() => {
        for (const shape of [[3, 4, 5], [2, 3, 4, 5], [7, 9, 17]]) {
          const data = signedUniforms(numel(shape), shape.length + 17).map((v) => Math.round(v * 3)); // many ties
          const base = layouts(shape, data, 'float64').map(({ name, t }) => ({ name, t: t.to(dtype) }));
          for (const { name, t } of base) {
            const vals = values(t);
            for (let d = -shape.length; d < shape.length; d++) {
              const dim = (d + shape.length) % shape.length;
              const { outShape } = groups(vals, shape, [dim]);
              // Buckets in order along dim: walk the positions of each output.
              const lines = groups(vals, shape, [dim]).buckets;
              for (const isMin of [false, true]) {
                for (const keepdim of [false, true]) {
                  const r = isMin ? t.min(d, keepdim) : t.max(d, keepdim);
                  const label = `${name} dim ${d} ${isMin ? 'min' : 'max'} keepdim ${keepdim}`;
                  const wantShape = keepdim ? keepdimShape(shape, [dim]) : outShape;
                  expect(r.values.shape, label).toEqual(wantShape);
                  expect(r.indices.dtype).toBe('int32');
                  expect(r.values.dtype).toBe(dtype);
                  expect(values(r.indices), label).toEqual(lines.map((l) => firstExtreme(l, isMin)));
                  expect(values(r.values), label).toEqual(lines.map((l) => l[firstExtreme(l, isMin)]));
                  const arg = isMin ? t.argmin(d, keepdim) : t.argmax(d, keepdim);
                  expect(arg.shape).toEqual(wantShape);
                  expect(values(arg), label).toEqual(values(r.indices));
                  const [v, i] = r;
                  expect(v).toBe(r.values);
                  expect(i).toBe(r[1]);
                }
              }
            }
            expect(values(t.argmax()), name).toEqual([firstExtreme(vals, false)]);
            expect(values(t.argmin()), name).toEqual([firstExtreme(vals, true)]);
            expect(t.argmax(null, true).shape).toEqual(shape.map(() => 1));
            expect(t.max().item()).toBe(Math.max(...vals));
            expect(t.min().item()).toBe(Math.min(...vals));
          }
        }
      });
    });
  }

  it('NaN propagates to max/min/amax/argmax at the first NaN, as in PyTorch', () => {
    tidy(() => {
      const x = tensor([[1, NaN, 3, NaN, 0], [4, 5, 6, 7, 8]]);
      expect(x.max().item()).toBeNaN();
      expect(x.min().item()).toBeNaN();
      expect(values(x.max(1).indices)).toEqual([1, 4]);
      expect(values(x.min(1).indices)).toEqual([1, 0]);
      expect(values(x.max(1).values)[0]).toBeNaN();
      expect(values(x.argmax(1))).toEqual([1, 4]);
      expect(values(x.argmax())).toEqual([1]);
      expect(values(x.argmin())).toEqual([1]);
      expect(values(x.amax(1))[0]).toBeNaN();
      expect(values(x.amin(0))[1]).toBeNaN();
      expect(values(x.t().max(0).indices)).toEqual([1, 4]);
      expect(x.sum().item()).toBeNaN();
      expect(values(x.norm(Infinity, 1))[0]).toBeNaN();
      expect(values(x.logsumexp(1))[0]).toBeNaN();
      expect(values(x.softmax(1)).slice(0, 5).every(Number.isNaN)).toBe(true);
      expect(values(x.softmax(1)).slice(5).some(Number.isNaN)).toBe(false);
    });
  });

  it('bool tensors: max/min/amax stay bool', () => {
    tidy(() => {
      const b = tensor([[true, false], [false, false]]);
      expect(b.max().dtype).toBe('bool');
      expect(b.max().item()).toBe(true);
      expect(b.min().item()).toBe(false);
      expect(values(b.amax(1))).toEqual([1, 0]);
      expect(values(b.max(0).indices)).toEqual([0, 0]);
    });
  });

  it('max/min of an empty tensor throw PyTorch\'s errors; empty slices of other dims are fine', () => {
    tidy(() => {
      const e = zeros(0, 3);
      expect(() => e.max()).toThrow("max(): Expected reduction dim to be specified for input.numel() == 0. Specify the reduction dim with the 'dim' argument.");
      expect(() => e.argmin()).toThrow('argmin(): Expected reduction dim to be specified for input.numel() == 0.');
      expect(() => e.max(0)).toThrow('max(): Expected reduction dim 0 to have non-zero size.');
      expect(() => e.amax(0)).toThrow('amax(): Expected reduction dim 0 to have non-zero size.');
      expect(() => e.amin()).toThrow('amin(): Expected reduction dim 0 to have non-zero size.');
      expect(e.max(1).values.shape).toEqual([0]);
      expect(e.argmax(1).shape).toEqual([0]);
    });
  });
});

describe('softmax, logSoftmax, cumsum, cumprod along every dim', () => {
  /** The lines of t along dim (each as an array), in the order of the other dims, and a writer back to flat order. */
  function lines(vals: number[], shape: number[], dim: number): { line: number[]; at: number[] }[] {
    const strides = shape.map((_, d) => numel(shape.slice(d + 1)));
    const out: { line: number[]; at: number[] }[] = [];
    for (let i = 0; i < vals.length; i++) {
      if (Math.floor(i / strides[dim]) % shape[dim] !== 0) continue;
      const at = Array.from({ length: shape[dim] }, (_, k) => i + k * strides[dim]);
      out.push({ line: at.map((j) => vals[j]), at });
    }
    return out;
  }

  const ops: { name: string; run: (t: Tensor, d: number) => Tensor; ref: (line: number[]) => number[]; shift?: (v: number) => number }[] = [
    {
      name: 'softmax',
      run: (t, d) => t.softmax(d),
      ref: (l) => {
        const m = Math.max(...l);
        const s = sumOf(l.map((v) => Math.exp(v - m)));
        return l.map((v) => Math.exp(v - m) / s);
      },
    },
    {
      name: 'logSoftmax',
      run: (t, d) => t.logSoftmax(d),
      ref: (l) => {
        const m = Math.max(...l);
        const s = sumOf(l.map((v) => Math.exp(v - m)));
        return l.map((v) => v - m - Math.log(s));
      },
    },
    { name: 'cumsum', run: (t, d) => t.cumsum(d), ref: (l) => l.map((_, k) => sumOf(l.slice(0, k + 1))) },
    { name: 'cumprod', run: (t, d) => t.cumprod(d), ref: (l) => l.map((_, k) => l.slice(0, k + 1).reduce((a, b) => a * b, 1)), shift: (v) => 1 + v / 2 },
  ];

  for (const op of ops) {
    for (const dtype of ['float32', 'float64'] as const) {
      it(`${op.name} ${dtype}`, () => {
        tidy(() => {
          for (const shape of [[3, 4, 5], [2, 3, 4, 9]]) {
            const data = signedUniforms(numel(shape), 77).map(op.shift ?? ((v) => v * 8));
            for (const { name, t } of layouts(shape, data, dtype)) {
              const vals = values(t);
              for (let d = -shape.length; d < shape.length; d++) {
                const out = op.run(t, d);
                expect(out.shape).toEqual(shape);
                expect(out.dtype).toBe(dtype);
                const want = new Array<number>(vals.length);
                for (const { line, at } of lines(vals, shape, (d + shape.length) % shape.length)) {
                  op.ref(line).forEach((v, k) => (want[at[k]] = v));
                }
                checkClose(values(out), want, dtype, `${name} dim ${d}`);
              }
            }
          }
        });
      });
    }
  }

  it('logsumexp keeps -inf and +inf slices exact and is stable for large values', () => {
    tidy(() => {
      const x = tensor([[-Infinity, -Infinity, -Infinity], [Infinity, 1, 2], [1000, 1000, 999], [-1000, -1001, -1000]]);
      const got = values(x.logsumexp(1));
      expect(got[0]).toBe(-Infinity);
      expect(got[1]).toBe(Infinity);
      expect(got[2]).toBeCloseTo(1000 + Math.log(2 + Math.exp(-1)), 3);
      expect(got[3]).toBeCloseTo(-1000 + Math.log(2 + Math.exp(-1)), 3);
      expect(values(x.t().logsumexp(0))).toEqual(got);
      expect(values(zeros(2, 0).logsumexp(1))).toEqual([-Infinity, -Infinity]);
      expect(values(tensor([1000, 0]).softmax(0))).toEqual([1, 0]);
    });
  });
});

describe('dtype rules', () => {
  it('sum and prod of int32 and bool give int32 (PyTorch: int64); cumsum of bool too', () => {
    tidy(() => {
      const i = tensor([[1, 2, 3], [4, 5, 6]], { dtype: 'int32' });
      expect(i.sum().dtype).toBe('int32');
      expect(i.sum().item()).toBe(21);
      expect(values(i.sum(0))).toEqual([5, 7, 9]);
      expect(i.prod().item()).toBe(720);
      expect(values(i.prod(1))).toEqual([6, 120]);
      const b = tensor([true, false, true, true]);
      expect(b.sum().dtype).toBe('int32');
      expect(b.sum().item()).toBe(3);
      expect(values(b.cumsum(0))).toEqual([1, 1, 2, 3]);
      expect(b.cumsum(0).dtype).toBe('int32');
      expect(i.sum({ dtype: 'float64' }).dtype).toBe('float64');
    });
  });

  it('mean, var and norm of integers throw like PyTorch; mean accepts { dtype }', () => {
    tidy(() => {
      const i = tensor([1, 2, 3, 4], { dtype: 'int32' });
      expect(() => i.mean()).toThrow('mean(): could not infer output dtype. Input dtype must be either a floating point or complex dtype. Got: Int');
      expect(() => tensor([true]).mean()).toThrow('Got: Bool');
      expect(i.mean({ dtype: 'float32' }).item()).toBe(2.5);
      expect(() => i.var()).toThrow('var(): input dtype should be either floating point or complex dtypes. Got Int32 instead.');
      expect(() => i.norm()).toThrow('linalg.vector_norm: Expected a floating point or complex tensor as input. Got Int32');
      expect(() => i.softmax(0)).toThrow('softmax(): expected a floating point input, got torch.int32');
      expect(i.logsumexp(0).dtype).toBe('float32');
    });
  });

  it('all / any give bool, count_nonzero int32, over dims too', () => {
    tidy(() => {
      const x = tensor([[0, 1, 2], [3, 0, NaN]]);
      expect(x.all().dtype).toBe('bool');
      expect(x.all().item()).toBe(false);
      expect(x.any().item()).toBe(true);
      expect(values(x.all(0))).toEqual([0, 0, 1]);
      expect(values(x.any(1, true))).toEqual([1, 1]);
      expect(x.any(1, true).shape).toEqual([2, 1]);
      expect(x.countNonzero().item()).toBe(4);
      expect(x.countNonzero().dtype).toBe('int32');
      expect(values(x.countNonzero(0))).toEqual([1, 1, 2]);
      expect(zeros(0).all().item()).toBe(true);
      expect(zeros(0).any().item()).toBe(false);
      expect(values(zeros(2, 0).all(1))).toEqual([1, 1]);
    });
  });
});

describe('empty reductions', () => {
  it('sum -> 0, prod -> 1, mean -> NaN, norm -> 0, var -> NaN, as PyTorch', () => {
    tidy(() => {
      const e = zeros(3, 0);
      expect(e.sum().item()).toBe(0);
      expect(values(e.sum(1))).toEqual([0, 0, 0]);
      expect(e.sum(0).shape).toEqual([0]);
      expect(e.prod().item()).toBe(1);
      expect(values(e.prod(1))).toEqual([1, 1, 1]);
      expect(e.mean().item()).toBeNaN();
      expect(e.norm().item()).toBe(0);
      expect(e.var().item()).toBeNaN();
      expect(values(e.cumsum(1))).toEqual([]);
      expect(() => e.norm(Infinity)).toThrow('linalg.vector_norm cannot compute the Infinity norm on an empty tensor');
    });
  });
});

describe('errors', () => {
  it("dims out of range and repeated dims give PyTorch's messages", () => {
    tidy(() => {
      const x = zeros(2, 3);
      expect(() => x.sum(2)).toThrow('Dimension out of range (expected to be in range of [-2, 1], but got 2)');
      expect(() => x.max(-3)).toThrow('Dimension out of range (expected to be in range of [-2, 1], but got -3)');
      expect(() => x.softmax(5)).toThrow('Dimension out of range');
      expect(() => x.sum([0, -2])).toThrow('dim 0 appears multiple times in the list of dims');
      expect(() => x.sum(1, true, false as never)).toThrow('sum() takes at most 2 positional arguments');
      expect(() => x.sum({ dims: 1 } as never)).toThrow("sum() got an unexpected keyword argument 'dims'");
      expect(() => x.var({ unbiased: false, correction: 0 })).toThrow('cannot specify both unbiased and correction');
    });
  });

  it('0-d tensors accept dims 0 and -1', () => {
    tidy(() => {
      const s = tensor(3.5);
      expect(s.sum(0).item()).toBe(3.5);
      expect(s.sum(-1, true).shape).toEqual([]);
      expect(s.max(0).indices.item()).toBe(0);
      expect(s.softmax(0).item()).toBe(1);
      expect(s.cumsum(0).item()).toBe(3.5);
    });
  });
});

describe('memory', () => {
  it('the forward ops free every temporary they make (gathered copies, casts, index buffers)', () => {
    const x = tensor(signedUniforms(60, 1)).reshape(3, 4, 5);
    const strided = x.permute(2, 0, 1).slice(1, 0, null, 2);
    const ints = tensor([[1, 2], [3, 4]], { dtype: 'int32' });
    const bools = tensor([true, false, true]);
    const run = (): Tensor[] => {
      const mm = strided.max(1);
      return [
        strided.sum([0, 2]), strided.mean(1), x.prod(1), mm.values, mm.indices, strided.argmax(), x.amax([0, 2]),
        strided.norm(3, 1), strided.var([0, 1]), ...strided.stdMean(2), strided.logsumexp(0), strided.softmax(1),
        strided.logSoftmax(0), strided.cumsum(2), ints.sum(), bools.sum(), bools.cumsum(0), x.all(), x.any(1),
        x.countNonzero(0), x.sumToSize(4, 1), ints.logsumexp(0),
      ];
    };
    run().forEach((t) => t.dispose());
    const before = memory();
    run().forEach((t) => t.dispose());
    const after = memory();
    expect(after.tensors).toBe(before.tensors);
    expect(after.bytes).toBe(before.bytes);
  });
});
