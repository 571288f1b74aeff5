// The elementwise kernels' numerics: vectorised transcendental functions against double-precision references
// (float32: Math.* rounded to float32, distance in float32 ulps; float64: distance from Math.* in float64 ulps),
// IEEE special values, and the SIMD main loop against partial-vector tails and strided / broadcast paths.
import { describe, expect, it } from 'vitest';
import { tensor, tidy, type Tensor } from '../src/index';
import '../src/ops/elementwise';
import { atan2, pow } from '../src/ops/elementwise';
import { ulpDistanceF32 } from './support/ulp';

type Dtype = 'float32' | 'float64';

/** |actual - expected| in units of the float64 ulp of expected. */
function ulps64(actual: number, expected: number): number {
  if (Number.isNaN(expected) || Number.isNaN(actual)) return Number.isNaN(expected) && Number.isNaN(actual) ? 0 : Infinity;
  if (!Number.isFinite(expected) || !Number.isFinite(actual)) return actual === expected ? 0 : Infinity;
  if (actual === expected) return 0;
  const e = expected === 0 ? -1074 : Math.max(Math.floor(Math.log2(Math.abs(expected))) - 52, -1074);
  return Math.abs(actual - expected) / 2 ** e;
}

/** n points spread over [lo, hi] (golden-ratio sequence, so that nearby sizes do not align). */
function spread(n: number, lo: number, hi: number): number[] {
  return Array.from({ length: n }, (_, i) => lo + (hi - lo) * ((i * 0.6180339887498949) % 1));
}

/** n points spread logarithmically over [lo, hi] (lo > 0), both signs when `signed`. */
function logSpread(n: number, lo: number, hi: number, signed = false): number[] {
  return spread(n, Math.log(lo), Math.log(hi)).map((v, i) => (signed && i % 2 ? -Math.exp(v) : Math.exp(v)));
}

function values(dtype: Dtype, xs: number[]): Tensor {
  return tensor(dtype === 'float64' ? Float64Array.from(xs) : Float32Array.from(xs), { dtype });
}

function results(t: Tensor): number[] {
  return Array.from(t.toTypedArray() as Float32Array | Float64Array);
}

/** erf in double precision: Taylor series below 2.5, the continued fraction of erfc above. */
function erfReference(x: number): number {
  const a = Math.abs(x);
  let r: number;
  if (a < 2.5) {
    let term = a;
    let sum = a;
    for (let n = 1; n < 200 && Math.abs(term) > 1e-18 * Math.abs(sum); n++) {
      term *= (-a * a) / n;
      sum += term / (2 * n + 1);
    }
    r = (2 / Math.sqrt(Math.PI)) * sum;
  } else {
    let f = a;
    for (let k = 300; k >= 1; k--) f = a + k / 2 / f;
    r = 1 - Math.exp(-a * a) / (Math.sqrt(Math.PI) * f);
  }
  return x < 0 ? -r : r;
}

const F32_EDGES = [0, -0, Infinity, -Infinity, NaN, 1.4e-45, -1.4e-45, 1.1754942e-38, 1e-30, 3.4028235e38, -3.4028235e38];

interface UnaryCase {
  name: string;
  fn: (t: Tensor) => Tensor;
  reference: (x: number) => number;
  inputs: number[];
  maxUlps32: number;
  maxUlps64: number;
}

const N = 4000;
const UNARY_CASES: UnaryCase[] = [
  { name: 'exp', fn: (t) => t.exp(), reference: Math.exp, inputs: spread(N, -110, 90), maxUlps32: 1, maxUlps64: 2 },
  { name: 'expm1', fn: (t) => t.expm1(), reference: Math.expm1, inputs: [...spread(N, -20, 90), ...logSpread(N, 1e-30, 1, true)], maxUlps32: 2, maxUlps64: 3 },
  { name: 'log', fn: (t) => t.log(), reference: Math.log, inputs: [...logSpread(N, 1e-44, 3e38), ...spread(N, 0.5, 2)], maxUlps32: 1, maxUlps64: 2 },
  { name: 'log1p', fn: (t) => t.log1p(), reference: Math.log1p, inputs: [...spread(N, -0.999, 3), ...logSpread(N, 1e-30, 1e30, true).map((v) => Math.max(v, -0.9))], maxUlps32: 1, maxUlps64: 2 },
  { name: 'log2', fn: (t) => t.log2(), reference: Math.log2, inputs: logSpread(N, 1e-44, 3e38), maxUlps32: 1, maxUlps64: 3 },
  { name: 'log10', fn: (t) => t.log10(), reference: Math.log10, inputs: logSpread(N, 1e-44, 3e38), maxUlps32: 1, maxUlps64: 3 },
  { name: 'exp2', fn: (t) => t.exp2(), reference: (x) => 2 ** x, inputs: spread(N, -155, 130), maxUlps32: 1, maxUlps64: 2 },
  { name: 'sin', fn: (t) => t.sin(), reference: Math.sin, inputs: [...spread(N, -10, 10), ...logSpread(N, 1, 1e38, true)], maxUlps32: 1, maxUlps64: 3 },
  { name: 'cos', fn: (t) => t.cos(), reference: Math.cos, inputs: [...spread(N, -10, 10), ...logSpread(N, 1, 1e38, true)], maxUlps32: 1, maxUlps64: 3 },
  { name: 'tanh', fn: (t) => t.tanh(), reference: Math.tanh, inputs: [...spread(N, -12, 12), ...logSpread(N, 1e-30, 1, true)], maxUlps32: 2, maxUlps64: 3 },
  {
    name: 'sigmoid',
    fn: (t) => t.sigmoid(),
    reference: (x) => (x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x))),
    inputs: spread(N, -100, 30),
    maxUlps32: 2,
    maxUlps64: 4,
  },
  { name: 'atan', fn: (t) => t.atan(), reference: Math.atan, inputs: [...spread(N, -5, 5), ...logSpread(N, 1e-30, 1e30, true)], maxUlps32: 1, maxUlps64: 3 },
  { name: 'asin', fn: (t) => t.asin(), reference: Math.asin, inputs: spread(N, -1, 1), maxUlps32: 1, maxUlps64: 2 },
  { name: 'erf', fn: (t) => t.erf(), reference: erfReference, inputs: [...spread(N, -5, 5), ...logSpread(N, 1e-30, 0.5, true)], maxUlps32: 1, maxUlps64: Infinity },
  { name: 'sqrt', fn: (t) => t.sqrt(), reference: Math.sqrt, inputs: logSpread(N, 1e-44, 3e38), maxUlps32: 0, maxUlps64: 0 },
];

describe('float32 transcendental kernels against double-precision references', () => {
  for (const c of UNARY_CASES) {
    it(`${c.name}: within ${c.maxUlps32} ulp over ${c.inputs.length + F32_EDGES.length} values, edge cases included`, () => {
      tidy(() => {
        const xs = Array.from(Float32Array.from([...c.inputs, ...F32_EDGES]));
        const ys = results(c.fn(values('float32', xs)));
        let worst = 0;
        let worstAt = 0;
        xs.forEach((x, i) => {
          const d = ulpDistanceF32(ys[i], Math.fround(c.reference(x)));
          if (d > worst) [worst, worstAt] = [d, x];
        });
        expect(worst, `${c.name}(${worstAt}) is ${worst} ulp off`).toBeLessThanOrEqual(c.maxUlps32);
      });
    });
  }

  it('pow and atan2 (float32): within 1 ulp', () => {
    tidy(() => {
      const a = Array.from(Float32Array.from(spread(N, 0.01, 10)));
      const b = Array.from(Float32Array.from(spread(N, -30, 30).reverse()));
      const p = results(pow(values('float32', a), values('float32', b)));
      const t = results(atan2(values('float32', b), values('float32', a.map((v, i) => (i % 2 ? -v : v)))));
      a.forEach((x, i) => {
        expect(ulpDistanceF32(p[i], Math.fround(x ** b[i])), `pow(${x}, ${b[i]})`).toBeLessThanOrEqual(1);
        expect(ulpDistanceF32(t[i], Math.fround(Math.atan2(b[i], i % 2 ? -x : x))), `atan2(${b[i]}, ${x})`).toBeLessThanOrEqual(1);
      });
    });
  });
});

describe('float64 transcendental kernels against Math.*', () => {
  for (const c of UNARY_CASES.filter((u) => Number.isFinite(u.maxUlps64))) {
    it(`${c.name}: within ${c.maxUlps64} ulp of Math`, () => {
      tidy(() => {
        const xs = [...c.inputs, 0, -0, Infinity, -Infinity, NaN, 5e-324, 2.2250738585072014e-308, 1e300];
        const ys = results(c.fn(values('float64', xs)));
        let worst = 0;
        let worstAt = 0;
        xs.forEach((x, i) => {
          const d = ulps64(ys[i], c.reference(x));
          if (d > worst) [worst, worstAt] = [d, x];
        });
        expect(worst, `${c.name}(${worstAt}) is ${worst} ulp off`).toBeLessThanOrEqual(c.maxUlps64);
      });
    });
  }

  it('exp, log, sin and cos over the whole double range (subnormal results, huge arguments)', () => {
    tidy(() => {
      const exps = spread(N, -750, 710);
      const logs = [...logSpread(N, 1e-320, 1e308), 5e-324];
      const trig = logSpread(N, 1, 1e308, true);
      const check = (fn: (t: Tensor) => Tensor, ref: (x: number) => number, xs: number[], bound: number) => {
        const ys = results(fn(values('float64', xs)));
        xs.forEach((x, i) => expect(ulps64(ys[i], ref(x)), `at ${x}: ${ys[i]} vs ${ref(x)}`).toBeLessThanOrEqual(bound));
      };
      check((t) => t.exp(), Math.exp, exps, 2);
      check((t) => t.log(), Math.log, logs, 2);
      check((t) => t.sin(), Math.sin, trig, 3);
      check((t) => t.cos(), Math.cos, trig, 3);
    });
  });

  it('erf: within 2 ulp of values computed with mpmath (50 digits)', () => {
    // [x, erf(x) rounded to double]
    const table: [number, number][] = [
      [1e-300, 1.1283791670955126e-300], [1e-10, 1.1283791670955126e-10], [0.1, 0.1124629160182849],
      [0.3, 0.3286267594591274], [0.5, 0.5204998778130465], [0.7, 0.6778011938374184], [0.9, 0.7969082124228322],
      [0.99, 0.8385080695553698], [1.0, 0.8427007929497149], [1.01, 0.8468104962282768], [1.2, 0.9103139782296353],
      [1.5, 0.9661051464753108], [1.9, 0.9927904292352575], [2.2, 0.9981371537020182], [2.7, 0.9998656672600594],
      [3.3, 0.9999969422902035], [3.9, 0.9999999652077514], [4.5, 0.9999999998033839], [5.2, 0.9999999999998075],
      [5.9, 0.9999999999999999], [6.5, 1.0],
    ];
    tidy(() => {
      const xs = [...table.map(([x]) => x), ...table.map(([x]) => -x)];
      const ys = results(values('float64', xs).erf());
      xs.forEach((x, i) => {
        const expected = table[i % table.length][1] * Math.sign(x);
        expect(ulps64(ys[i], expected), `erf(${x}) = ${ys[i]}, expected ${expected}`).toBeLessThanOrEqual(2);
      });
    });
  });

  it('pow and atan2 (float64): within 3 and 4 ulp of Math', () => {
    tidy(() => {
      const a = logSpread(N, 1e-3, 1e3);
      const b = spread(N, -100, 100);
      const p = results(pow(values('float64', a), values('float64', b)));
      const y = spread(N, -5, 5);
      const x = spread(N, -3, 7).reverse();
      const t = results(atan2(values('float64', y), values('float64', x)));
      a.forEach((v, i) => expect(ulps64(p[i], v ** b[i]), `pow(${v}, ${b[i]})`).toBeLessThanOrEqual(3));
      y.forEach((v, i) => expect(ulps64(t[i], Math.atan2(v, x[i])), `atan2(${v}, ${x[i]})`).toBeLessThanOrEqual(4));
    });
  });
});

describe('IEEE special values', () => {
  const PIO2 = Math.PI / 2;
  // [op, input, expected]; expected exact (Object.is, so the sign of zero counts)
  const unary: [string, number, number][] = [
    ['exp', 0, 1], ['exp', -0, 1], ['exp', Infinity, Infinity], ['exp', -Infinity, 0], ['exp', NaN, NaN], ['exp', 1000, Infinity],
    ['log', 0, -Infinity], ['log', -0, -Infinity], ['log', 1, 0], ['log', Infinity, Infinity], ['log', -1, NaN], ['log', -Infinity, NaN], ['log', NaN, NaN],
    ['log1p', 0, 0], ['log1p', -0, -0], ['log1p', -1, -Infinity], ['log1p', -2, NaN], ['log1p', Infinity, Infinity],
    ['expm1', 0, 0], ['expm1', -0, -0], ['expm1', Infinity, Infinity], ['expm1', -Infinity, -1], ['expm1', NaN, NaN],
    ['exp2', 3, 8], ['exp2', -1074, 5e-324], ['exp2', 1024, Infinity], ['log2', 1024, 10], ['log2', 0, -Infinity], ['log10', 1, 0],
    ['sqrt', -0, -0], ['sqrt', -1, NaN], ['sqrt', Infinity, Infinity], ['rsqrt', 0, Infinity], ['rsqrt', 4, 0.5],
    ['tanh', 0, 0], ['tanh', -0, -0], ['tanh', Infinity, 1], ['tanh', -Infinity, -1], ['tanh', NaN, NaN], ['tanh', 30, 1],
    ['sigmoid', 0, 0.5], ['sigmoid', Infinity, 1], ['sigmoid', -Infinity, 0], ['sigmoid', NaN, NaN],
    ['erf', 0, 0], ['erf', -0, -0], ['erf', Infinity, 1], ['erf', -Infinity, -1], ['erf', NaN, NaN],
    ['sin', 0, 0], ['sin', -0, -0], ['sin', Infinity, NaN], ['sin', NaN, NaN], ['cos', 0, 1], ['cos', -Infinity, NaN],
    ['atan', 0, 0], ['atan', -0, -0], ['atan', Infinity, PIO2], ['atan', -Infinity, -PIO2],
    ['asin', 1, PIO2], ['asin', -1, -PIO2], ['asin', -0, -0], ['asin', 1.5, NaN],
    ['reciprocal', 0, Infinity], ['reciprocal', -0, -Infinity],
    ['sign', NaN, 0], ['sign', -0, 0], ['sign', -3, -1], ['sign', Infinity, 1],
    ['round', 0.5, 0], ['round', 1.5, 2], ['round', 2.5, 2], ['round', -0.5, -0], ['round', -1.5, -2], ['round', -2.5, -2],
    ['floor', -0.5, -1], ['ceil', -0.5, -0], ['trunc', -1.7, -1], ['abs', -0, 0], ['neg', 0, -0],
    ['relu', NaN, NaN], ['relu', -1, 0],
  ];
  for (const dtype of ['float32', 'float64'] as const) {
    it(`${dtype}: exact results at zeros, infinities, NaN and limits`, () => {
      tidy(() => {
        for (const [name, x, expected] of unary) {
          const y = (values(dtype, [x]) as unknown as Record<string, () => Tensor>)[name]().item() as number;
          const want = dtype === 'float32' ? Math.fround(expected) : expected;
          const ok = Object.is(y, want) || (dtype === 'float32' && name === 'exp2' && x === -1074 && y === 0);
          expect(ok, `${name}(${x}) = ${y}, expected ${want}`).toBe(true);
        }
      });
    });
  }

  // C99 / IEEE pow special cases (PyTorch follows std::pow).
  const powCases: [number, number, number][] = [
    [NaN, 0, 1], [NaN, -0, 1], [1, NaN, 1], [1, Infinity, 1], [-1, Infinity, 1], [-1, -Infinity, 1],
    [-8, 1 / 3, NaN], [-2, 3, -8], [-2, 2, 4], [-2, -1, -0.5], [4, 0.5, 2], [0.25, -0.5, 2],
    [0, -1, Infinity], [-0, -1, -Infinity], [-0, -2, Infinity], [-0, 3, -0], [0, 3, 0], [-0, 2, 0], [0, -0.5, Infinity],
    [-Infinity, 3, -Infinity], [-Infinity, 2, Infinity], [-Infinity, -3, -0], [-Infinity, -2, 0], [-Infinity, 0.5, Infinity],
    [Infinity, -1, 0], [Infinity, 2, Infinity], [0.5, Infinity, 0], [2, Infinity, Infinity], [0.5, -Infinity, Infinity],
    [2, -Infinity, 0], [-0.5, Infinity, 0], [-2, -Infinity, 0], [NaN, 1, NaN], [2, NaN, NaN],
    [2, 1024, Infinity], [2, -1075, 0], [2, -1074, 5e-324], [10, 2, 100], [3, 4, 81], [-3, 3, -27], [1e300, 2, Infinity],
  ];
  it('pow (float64): C99 special cases and exact integer powers', () => {
    tidy(() => {
      const ys = results(pow(values('float64', powCases.map((c) => c[0])), values('float64', powCases.map((c) => c[1]))));
      powCases.forEach(([x, y, want], i) => expect(Object.is(ys[i], want), `pow(${x}, ${y}) = ${ys[i]}, expected ${want}`).toBe(true));
    });
  });
  it('pow (float32): the same special cases', () => {
    tidy(() => {
      const cases = powCases.filter(([x, y]) => Math.abs(y) < 1000 && Math.abs(x) < 1e30);
      const ys = results(pow(values('float32', cases.map((c) => c[0])), values('float32', cases.map((c) => c[1]))));
      cases.forEach(([x, y, want], i) => {
        expect(Object.is(ys[i], Math.fround(want)), `pow(${x}, ${y}) = ${ys[i]}, expected ${want}`).toBe(true);
      });
    });
  });

  it('atan2: the signs of zero and the infinities, as Math.atan2', () => {
    const ys = [0, -0, 0, -0, 0, -0, 1, -1, Infinity, -Infinity, Infinity, -Infinity, 1, 1, NaN, 1];
    const xs = [0, 0, -0, -0, -1, -1, 0, -0, Infinity, Infinity, -Infinity, -Infinity, -Infinity, Infinity, 1, NaN];
    for (const dtype of ['float32', 'float64'] as const) {
      tidy(() => {
        const r = results(atan2(values(dtype, ys), values(dtype, xs)));
        ys.forEach((y, i) => {
          const want = dtype === 'float32' ? Math.fround(Math.atan2(y, xs[i])) : Math.atan2(y, xs[i]);
          expect(Object.is(r[i], want), `${dtype} atan2(${y}, ${xs[i]}) = ${r[i]}, expected ${want}`).toBe(true);
        });
      });
    }
  });
});

/** The same function of the same value gives the same bits wherever the element sits (main loop, tail, gather). */
describe('SIMD main loop, partial-vector tails and strided rows agree bit for bit', () => {
  const pool = [0.3, -1.7, 2.5, 88.5, -0.0, 1e-40, 7.25, -3.125, 0.69314718, 1.5, 12.0, -20.0, 0.001, 3.0e5, -9.5, 0.75, 42.0];
  const unaryOps: [string, (t: Tensor) => Tensor][] = [
    ['exp', (t) => t.exp()], ['expm1', (t) => t.expm1()], ['log1p', (t) => t.abs().log1p()], ['tanh', (t) => t.tanh()],
    ['sigmoid', (t) => t.sigmoid()], ['erf', (t) => t.erf()], ['sin', (t) => t.sin()], ['gelu', (t) => t.gelu()],
    ['silu', (t) => t.silu()], ['softplus', (t) => t.softplus()], ['round', (t) => t.round()], ['neg', (t) => t.neg()],
  ];
  for (const dtype of ['float32', 'float64'] as const) {
    it(`${dtype}: unary ops on sizes 0..17 match the same values inside a long run`, () => {
      tidy(() => {
        const long = Array.from({ length: 64 }, (_, i) => pool[(i * 5) % pool.length]);
        for (const [name, fn] of unaryOps) {
          const reference = new Map<number, number>();
          const longOut = results(fn(values(dtype, long)));
          long.forEach((v, i) => reference.set(v, longOut[i]));
          for (let n = 0; n <= 17; n++) {
            const xs = pool.slice(0, n);
            const ys = results(fn(values(dtype, xs)));
            expect(ys.length).toBe(n);
            xs.forEach((v, i) => expect(Object.is(ys[i], reference.get(v)), `${name} size ${n} element ${i}`).toBe(true));
          }
        }
      });
    });

    it(`${dtype}: binary ops on sizes 0..17, contiguous, scalar and strided operands agree`, () => {
      tidy(() => {
        const binary: [string, (a: Tensor, b: Tensor | number) => Tensor][] = [
          ['add', (a, b) => a.add(b)], ['mul', (a, b) => a.mul(b)], ['div', (a, b) => a.div(b)], ['pow', (a, b) => a.abs().pow(b)],
          ['atan2', (a, b) => a.atan2(b)], ['maximum', (a, b) => a.maximum(b)], ['remainder', (a, b) => a.remainder(b)],
          ['sub alpha', (a, b) => a.sub(b, { alpha: 0.5 })], ['lt', (a, b) => a.lt(b)],
        ];
        for (const [name, fn] of binary) {
          for (let n = 0; n <= 17; n++) {
            const a = pool.slice(0, n);
            const b = pool.slice(0, n).map((v) => v * 0.5 + 1);
            const contiguous = results(fn(values(dtype, a), values(dtype, b)));
            // the same operands read through strided views: every other element of a doubled buffer
            const strided = results(fn(values(dtype, a.flatMap((v) => [v, 99])).slice(0, 0, null, 2), values(dtype, b.flatMap((v) => [-7, v])).slice(0, 1, null, 2)));
            expect(strided.map(String), `${name} strided, size ${n}`).toEqual(contiguous.map(String));
            // tensor-scalar against the broadcast of a one-element tensor
            const scalar = results(fn(values(dtype, a), 1.25));
            const expanded = results(fn(values(dtype, a), values(dtype, [1.25]).expand(n)));
            expect(scalar.map(String), `${name} scalar, size ${n}`).toEqual(expanded.map(String));
          }
        }
      });
    });
  }

  it('broadcast layouts (row, column, 3-d, stride-0 middle dim) equal the contiguous expansion', () => {
    tidy(() => {
      const shapes: [number[], number[]][] = [[[3, 4], [4]], [[3, 1], [1, 4]], [[2, 1, 4], [3, 1]], [[5, 1, 7], [5, 3, 1]], [[1], [6, 5]], [[2, 3, 4], [2, 1, 4]]];
      for (const dtype of ['float32', 'float64', 'int32'] as const) {
        for (const [sa, sb] of shapes) {
          const na = sa.reduce((p, s) => p * s, 1);
          const nb = sb.reduce((p, s) => p * s, 1);
          const a = tensor(spread(na, -5, 5).map((v) => (dtype === 'int32' ? Math.round(v) : v)), { dtype }).reshape(sa);
          const b = tensor(spread(nb, 1, 4).map((v) => (dtype === 'int32' ? Math.round(v) : v)), { dtype }).reshape(sb);
          const shape = a.add(b).shape;
          const ae = a.expand(shape).contiguous();
          const be = b.expand(shape).contiguous();
          for (const op of ['add', 'sub', 'mul', 'maximum', 'minimum', 'remainder', 'fmod', 'eq', 'lt', 'ge'] as const) {
            const broadcast = (a as unknown as Record<string, (o: Tensor) => Tensor>)[op](b);
            const flat = (ae as unknown as Record<string, (o: Tensor) => Tensor>)[op](be);
            expect(broadcast.shape).toEqual(shape);
            expect(broadcast.tolist(), `${dtype} ${op} ${JSON.stringify([sa, sb])}`).toEqual(flat.tolist());
          }
        }
      }
    });
  });

  it('non-contiguous inputs (transposed, sliced) give the contiguous results', () => {
    tidy(() => {
      const x = tensor(spread(60, -3, 3)).reshape(5, 12);
      const y = tensor(spread(60, 0.5, 2)).reshape(12, 5);
      const xt = x.t();
      expect(xt.isContiguous()).toBe(false);
      expect(xt.exp().tolist()).toEqual(xt.contiguous().exp().tolist());
      expect(xt.mul(y).tolist()).toEqual(xt.contiguous().mul(y).tolist());
      expect(xt.pow(y).tolist()).toEqual(xt.contiguous().pow(y).tolist());
      const s = x.slice(1, 1, null, 3);
      expect(s.sigmoid().tolist()).toEqual(s.contiguous().sigmoid().tolist());
      expect(s.where(s.gt(0), 0).tolist()).toEqual(s.contiguous().where(s.contiguous().gt(0), 0).tolist());
    });
  });
});
