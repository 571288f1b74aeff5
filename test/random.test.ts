import { describe, expect, it } from 'vitest';
import { DEFAULT_SEED, Generator, defaultGenerator, manualSeed } from '../src/random';
import { LOG_POLYNOMIAL, SQRT_HALF, logF32, sinCosF32 } from '../src/random/float32-math';
import { fmaF32, fmaF64 } from '../src/random/fused-multiply-add';
import { MT19937 } from '../src/random/mt19937';
import { shuffleInsideOut, shuffleSwapForward, SWAP_FORWARD_LIMIT } from '../src/random/permutation';
import { fixtureValues, loadFixture, type FixtureTensor } from './support/fixture-files';
import { ulpDistanceF32 } from './support/ulp';

// ---------------------------------------------------------------- reference data

interface RngCase {
  seed: number;
  n: number;
  rand: FixtureTensor;
  randn: FixtureTensor;
  rand_f64: FixtureTensor;
  randn_f64: FixtureTensor;
}
interface RngReference {
  torch: string;
  cases: RngCase[];
  sequences: { seed: number; steps: { op: 'rand' | 'randn'; shape: number[]; out: FixtureTensor }[] }[];
  params: Record<string, number | FixtureTensor>[];
  generators: { g1_seed: number; g2_seed: number; g1_randn8: FixtureTensor; g2_rand8: FixtureTensor; g1_rand4: FixtureTensor }[];
  ints: Record<string, number | FixtureTensor>[];
}

const reference = loadFixture<RngReference>('rng.json');

// ---------------------------------------------------------------- comparisons

const f64Bits = new Float64Array(1);
const f64Word = new BigInt64Array(f64Bits.buffer);

/** How many float64 values apart a and b are. */
function ulpDistanceF64(a: number, b: number): number {
  const ordinal = (x: number): bigint => {
    f64Bits[0] = x;
    const w = f64Word[0];
    return w < 0n ? -(w & 0x7fffffffffffffffn) : w;
  };
  const d = ordinal(a) - ordinal(b);
  return Number(d < 0n ? -d : d);
}

interface Agreement {
  values: number;
  exact: number;
  maxUlp: number;
}

function agreement(): Agreement {
  return { values: 0, exact: 0, maxUlp: 0 };
}

/** Records the agreement of `actual` with `expected` element by element, in ulps of their format. */
function measure(actual: Float32Array | Float64Array, expected: number[], into: Agreement): void {
  expect(actual.length).toBe(expected.length);
  const distance = actual instanceof Float32Array ? ulpDistanceF32 : ulpDistanceF64;
  for (let i = 0; i < expected.length; i++) {
    const d = distance(actual[i], expected[i]);
    into.values++;
    if (d === 0) into.exact++;
    into.maxUlp = Math.max(into.maxUlp, d);
  }
}

/** Bit-exact comparison: the arrays hold exactly the expected values. */
function expectExact(actual: ArrayLike<number>, expected: number[], label: string): void {
  expect(Array.from(actual), label).toEqual(expected);
}

/** The acceptance bar for float32 samples of the normal block algorithm (see `float32-math.ts`). */
const NORMAL_FILL_MAX_ULP = 4;

/** The float32 randn comparison: bit-exact below 16 elements, within the ulp bar from 16 on. */
function checkRandnF32(actual: Float32Array, expected: number[], label: string, blockStats: Agreement): void {
  if (expected.length < 16) {
    expectExact(actual, expected, label);
  } else {
    const stats = agreement();
    measure(actual, expected, stats);
    expect(stats.maxUlp, label).toBeLessThanOrEqual(NORMAL_FILL_MAX_ULP);
    blockStats.values += stats.values;
    blockStats.exact += stats.exact;
    blockStats.maxUlp = Math.max(blockStats.maxUlp, stats.maxUlp);
  }
}

function summary(name: string, stats: Agreement): string {
  return `${name}: ${stats.exact}/${stats.values} values bit-exact, max ${stats.maxUlp} ulp`;
}

const product = (shape: number[]): number => shape.reduce((a, b) => a * b, 1);

// ---------------------------------------------------------------- the generator against PyTorch

describe('the default generator', () => {
  it("starts seeded with PyTorch's default seed 67280421310721", () => {
    expect(defaultGenerator.initialSeed()).toBe(67280421310721);
    expect(new Generator().initialSeedBigInt()).toBe(DEFAULT_SEED);
  });

  it('manualSeed seeds the default generator and returns it', () => {
    const g = manualSeed(5);
    expect(g).toBe(defaultGenerator);
    expect(g.initialSeed()).toBe(5);
    const first = g.fillUniformF32(new Float32Array(4));
    const again = new Generator(5).fillUniformF32(new Float32Array(4));
    expectExact(first, Array.from(again), 'default generator vs fresh generator with seed 5');
  });
});

describe(`rand / randn after manual_seed (${reference.cases.length} cases: 9 seeds x 13 sizes, torch ${reference.torch})`, () => {
  const cases = reference.cases;

  it(`float32 rand is bit-exact (${cases.length} cases)`, () => {
    let count = 0;
    for (const c of cases) {
      const out = manualSeed(c.seed).fillUniformF32(new Float32Array(c.n));
      expectExact(out, fixtureValues(c.rand), `rand seed=${c.seed} n=${c.n}`);
      count++;
    }
    expect(count).toBe(117);
  });

  it(`float64 rand is bit-exact (${cases.length} cases)`, () => {
    let count = 0;
    for (const c of cases) {
      const out = manualSeed(c.seed).fillUniformF64(new Float64Array(c.n));
      expectExact(out, fixtureValues(c.rand_f64), `rand f64 seed=${c.seed} n=${c.n}`);
      count++;
    }
    expect(count).toBe(117);
  });

  /**
   * float64 normals go through Math.log, Math.log1p, Math.sin and Math.cos. PyTorch
   * calls glibc's functions, and V8's (fdlibm ports) return the neighbouring
   * double for a few percent of arguments; after the Box–Muller arithmetic the
   * samples then differ by one or two units. Each function is within 1 ulp in
   * both libraries, so the samples (a square root of a log times a sine or
   * cosine) stay within 4 ulp; the exact ones are counted.
   */
  it(`float64 randn is within 4 ulp, bit-exact counted (${cases.length} cases)`, () => {
    const small = agreement();
    const large = agreement();
    for (const c of cases) {
      const out = manualSeed(c.seed).fillNormalF64(new Float64Array(c.n));
      measure(out, fixtureValues(c.randn_f64), c.n < 16 ? small : large);
    }
    console.info(summary('float64 randn, n < 16', small));
    console.info(summary('float64 randn, n >= 16', large));
    expect(small.values + large.values).toBe(4896);
    expect(small.maxUlp).toBeLessThanOrEqual(4);
    expect(large.maxUlp).toBeLessThanOrEqual(4);
  });

  const small = cases.filter((c) => c.n < 16);
  it(`float32 randn below 16 elements is bit-exact (${small.length} cases)`, () => {
    for (const c of small) {
      const out = manualSeed(c.seed).fillNormalF32(new Float32Array(c.n));
      expectExact(out, fixtureValues(c.randn), `randn seed=${c.seed} n=${c.n}`);
    }
    expect(small.length).toBe(45);
  });

  const large = cases.filter((c) => c.n >= 16);
  it(`float32 randn from 16 elements is within ${NORMAL_FILL_MAX_ULP} ulp, bit-exact counted (${large.length} cases)`, () => {
    const stats = agreement();
    for (const c of large) {
      const out = manualSeed(c.seed).fillNormalF32(new Float32Array(c.n));
      measure(out, fixtureValues(c.randn), stats);
    }
    console.info(summary('float32 randn, n >= 16', stats));
    expect(large.length).toBe(72);
    expect(stats.values).toBe(4644);
    expect(stats.maxUlp).toBeLessThanOrEqual(NORMAL_FILL_MAX_ULP);
  });

  it(`float32 randn from 16 elements reproduces this x86-64 build bit for bit, fused multiply-adds included (${large.length} cases)`, () => {
    const stats = agreement();
    for (const c of large) {
      const out = manualSeed(c.seed).fillNormalF32(new Float32Array(c.n));
      measure(out, fixtureValues(c.randn), stats);
    }
    expect(stats.exact).toBe(stats.values);
  });
});

describe(`interleaved calls on one generator (${reference.sequences.length} sequences)`, () => {
  it(`replays every step; the cached Box–Muller sample and the block path interleave (${reference.sequences.length} sequences)`, () => {
    let steps = 0;
    const blockStats = agreement();
    for (const seq of reference.sequences) {
      const g = manualSeed(seq.seed);
      for (const [k, step] of seq.steps.entries()) {
        const out = new Float32Array(product(step.shape));
        const label = `seed=${seq.seed} step ${k}: ${step.op}(${step.shape.join(', ')})`;
        if (step.op === 'rand') expectExact(g.fillUniformF32(out), fixtureValues(step.out), label);
        else checkRandnF32(g.fillNormalF32(out), fixtureValues(step.out), label, blockStats);
        steps++;
      }
    }
    console.info(summary('sequences, randn blocks', blockStats));
    expect(steps).toBe(33);
  });
});

describe(`uniform_ / normal_ with parameters (${reference.params.length} seeds)`, () => {
  it(`follows PyTorch through five in-place fills per seed (${reference.params.length} seeds)`, () => {
    let fills = 0;
    const blockStats = agreement();
    for (const p of reference.params) {
      const g = manualSeed(p.seed as number);
      const expected = (key: string): number[] => fixtureValues(p[key] as FixtureTensor);
      expectExact(g.fillUniformF32(new Float32Array(20), -0.1, 0.1), expected('uniform_m0.1_0.1_n20'), 'uniform_(-0.1, 0.1)');
      checkRandnF32(g.fillNormalF32(new Float32Array(20), 2, 0.5), expected('normal_2_0.5_n20'), 'normal_(2, 0.5)', blockStats);
      expectExact(g.fillNormalF32(new Float32Array(5), -1, 3), expected('normal_-1_3_n5'), 'normal_(-1, 3)');
      expectExact(g.fillUniformF32(new Float32Array(21), 2, 5), expected('uniform_2_5_3x7'), 'uniform_(2, 5)');
      checkRandnF32(g.fillNormalF32(new Float32Array(33)), expected('normal_0_1_n33'), 'normal_()', blockStats);
      fills += 5;
    }
    console.info(summary('normal_ with parameters, n >= 16', blockStats));
    expect(fills).toBe(10);
  });
});

describe(`independent Generator objects (${reference.generators.length} case)`, () => {
  it('keeps separate state per generator and leaves the default generator alone', () => {
    const before = defaultGenerator.getState();
    let cases = 0;
    for (const ref of reference.generators) {
      const g1 = new Generator().manualSeed(ref.g1_seed);
      const g2 = new Generator().manualSeed(ref.g2_seed);
      expectExact(g1.fillNormalF32(new Float32Array(8)), fixtureValues(ref.g1_randn8), 'g1 randn(8)');
      expectExact(g2.fillUniformF32(new Float32Array(8)), fixtureValues(ref.g2_rand8), 'g2 rand(8)');
      expectExact(g1.fillUniformF32(new Float32Array(4)), fixtureValues(ref.g1_rand4), 'g1 rand(4)');
      cases++;
    }
    expect(defaultGenerator.getState()).toEqual(before);
    expect(cases).toBe(1);
  });
});

describe(`randint and randperm (${reference.ints.length} seeds)`, () => {
  it(`matches PyTorch for randint(0, 10), randint(-5, 5), randperm(10), randperm(40) (${reference.ints.length} seeds)`, () => {
    let draws = 0;
    for (const ref of reference.ints) {
      const g = manualSeed(ref.seed as number);
      const expected = (key: string): number[] => fixtureValues(ref[key] as FixtureTensor);
      expectExact(g.fillRandint(new Int32Array(12), 0, 10), expected('randint_0_10_n12'), 'randint(0, 10, (12,))');
      expectExact(g.fillRandint(new Int32Array(7), -5, 5), expected('randint_m5_5_n7'), 'randint(-5, 5, (7,))');
      expectExact(g.randperm(10), expected('randperm_10'), 'randperm(10)');
      expectExact(g.randperm(40), expected('randperm_40'), 'randperm(40)');
      draws += 4;
    }
    expect(draws).toBe(8);
  });

  it('writes the same integers into float32 and float64 outputs', () => {
    const ints = new Generator(9).fillRandint(new Int32Array(50), -1000, 1000);
    expectExact(new Generator(9).fillRandint(new Float32Array(50), -1000, 1000), Array.from(ints), 'float32');
    expectExact(new Generator(9).fillRandint(new Float64Array(50), -1000, 1000), Array.from(ints), 'float64');
  });

  it('draws 64 bits per value for ranges of 2^32 and more (random64() % range + low)', () => {
    const low = -(2 ** 40);
    const high = 2 ** 41 + 7;
    const out = new Generator(3).fillRandint(new Float64Array(20), low, high);
    const engine = new MT19937(3);
    const range = BigInt(high) - BigInt(low);
    for (let i = 0; i < out.length; i++) {
      const word = (BigInt(engine.nextU32()) << 32n) | BigInt(engine.nextU32());
      expect(out[i]).toBe(Number(word % range) + low);
      expect(out[i] >= low && out[i] < high).toBe(true);
    }
  });

  it('switches randperm to the inside-out shuffle at 2^32 / 20, with 64-bit draws', () => {
    expect(SWAP_FORWARD_LIMIT).toBe(214748364);
    for (const n of [1, 2, 10, 1000]) {
      const out = new Int32Array(n);
      shuffleInsideOut(out, new MT19937(77));
      // Reference: the same shuffle with exact 64-bit arithmetic.
      const engine = new MT19937(77);
      const expected = new Array<number>(n);
      for (let i = 0; i < n; i++) {
        const word = (BigInt(engine.nextU32()) << 32n) | BigInt(engine.nextU32());
        const z = Number(word % BigInt(i + 1));
        expected[i] = expected[z];
        expected[z] = i;
      }
      expectExact(out, expected, `inside-out shuffle n=${n}`);
      expect(Array.from(out).sort((a, b) => a - b)).toEqual(Array.from({ length: n }, (_, i) => i));
    }
  });

  it('returns a permutation for the small-n shuffle, including n = 0 and n = 1', () => {
    expect(Array.from(new Generator(1).randperm(0))).toEqual([]);
    expect(Array.from(new Generator(1).randperm(1))).toEqual([0]);
    const out = new Int32Array(500);
    shuffleSwapForward(out, new MT19937(4));
    expect(Array.from(out).sort((a, b) => a - b)).toEqual(Array.from({ length: 500 }, (_, i) => i));
  });
});

// ---------------------------------------------------------------- seeding and state

describe('seeding and state', () => {
  it('uses the low 32 bits of seeds of 2^32 and more, for number and bigint seeds', () => {
    const a = new Generator(2 ** 32 + 5).fillUniformF32(new Float32Array(8));
    const b = new Generator(5n + (1n << 32n)).fillUniformF32(new Float32Array(8));
    const c = new Generator(5).fillUniformF32(new Float32Array(8));
    expectExact(a, Array.from(c), 'number seed 2^32 + 5');
    expectExact(b, Array.from(c), 'bigint seed 2^32 + 5');
    expect(new Generator(2 ** 32 + 5).initialSeed()).toBe(2 ** 32 + 5);
  });

  it('keeps negative seeds as their unsigned 64-bit value, as torch.manual_seed(-1) does', () => {
    const g = new Generator(-1);
    expect(g.initialSeedBigInt()).toBe((1n << 64n) - 1n);
    const same = new Generator(0xffffffff).fillUniformF32(new Float32Array(4));
    expectExact(g.fillUniformF32(new Float32Array(4)), Array.from(same), 'seed -1 vs 2^32 - 1');
  });

  it('rejects seeds that are not integers in [-2^63, 2^64)', () => {
    expect(() => new Generator(1.5)).toThrow(/integer seed, but got 1.5/);
    expect(() => new Generator(1n << 64n)).toThrow(/Overflow when unpacking long/);
    expect(() => new Generator(-(1n << 63n) - 1n)).toThrow(/Overflow when unpacking long/);
  });

  it('produces the reference MT19937 sequence (seed 5489: 3499211612, 581869302, ...; 10000th output 4123659995)', () => {
    const engine = new MT19937(5489);
    expect([engine.nextU32(), engine.nextU32(), engine.nextU32()]).toEqual([3499211612, 581869302, 3890346734]);
    for (let i = 3; i < 9999; i++) engine.nextU32();
    expect(engine.nextU32()).toBe(4123659995);
  });

  it('manualSeed clears the cached normal sample', () => {
    const g = new Generator(123);
    const first = g.fillNormalF32(new Float32Array(1))[0];
    g.manualSeed(123);
    expect(g.fillNormalF32(new Float32Array(1))[0]).toBe(first);
  });

  it('saves and restores the engine and the cached normal sample', () => {
    const g = new Generator(42);
    g.fillNormalF64(new Float64Array(3)); // leaves a cached sample
    const state = g.getState();
    expect(state.nextNormal).not.toBeNull();
    const a = [g.fillNormalF64(new Float64Array(5)), g.fillUniformF32(new Float32Array(700))];
    g.manualSeed(7);
    g.fillUniformF64(new Float64Array(10));
    g.setState(state);
    expect(g.initialSeed()).toBe(42);
    const b = [g.fillNormalF64(new Float64Array(5)), g.fillUniformF32(new Float32Array(700))];
    expectExact(b[0], Array.from(a[0]), 'normals after restore');
    expectExact(b[1], Array.from(a[1]), 'uniforms after restore (past a regeneration of the engine)');
  });

  it('hands out a copy of the state, unaffected by later draws', () => {
    const g = new Generator(8);
    const state = g.getState();
    const words = state.engine.words.slice();
    g.fillUniformF32(new Float32Array(1000));
    expect(state.engine.words).toEqual(words);
  });

  it('block requests neither use nor clear the cached sample', () => {
    const g = new Generator(99);
    g.fillNormalF64(new Float64Array(1));
    const cached = g.getState().nextNormal;
    g.fillNormalF32(new Float32Array(16));
    expect(g.getState().nextNormal).toBe(cached);
    expect(g.fillNormalF64(new Float64Array(1))[0]).toBe(cached);
  });
});

describe('argument checks', () => {
  const g = new Generator(0);
  it("rejects what PyTorch rejects, in PyTorch's words", () => {
    expect(() => g.fillUniformF32(new Float32Array(2), 1, 0)).toThrow(
      'uniform_ expects to return a [from, to) range, but found from=1 > to=0',
    );
    expect(() => g.fillUniformF32(new Float32Array(2), -3e38, 3e38)).toThrow(/to-from <= std::numeric_limits<Float>::max\(\)/);
    expect(() => g.fillUniformF32(new Float32Array(2), -1e39, 0)).toThrow('from is out of bounds for float, got from=-1e+39');
    expect(() => g.fillUniformF64(new Float64Array(2), 0, Infinity)).toThrow('to is out of bounds for double, got to=Infinity');
    expect(() => g.fillNormalF32(new Float32Array(2), 0, -1)).toThrow('normal expects std >= 0.0, but found std -1');
    expect(() => g.fillNormalF64(new Float64Array(20), 0, NaN)).toThrow('normal expects std >= 0.0, but found std NaN');
    expect(() => g.fillRandint(new Int32Array(2), 3, 3)).toThrow(
      "random_ expects 'from' to be less than 'to', but got from=3 >= to=3",
    );
    expect(() => g.fillRandint(new Int32Array(2), 0, 2 ** 31 + 1)).toThrow(
      'to - 1 is out of bounds for int (int32), got to=2147483649',
    );
    expect(() => g.fillRandint(new Int32Array(2), 0.5, 2)).toThrow(/integer bounds/);
    expect(() => g.randperm(-1)).toThrow('n must be non-negative, got -1');
    expect(() => g.randperm(2 ** 31 + 1)).toThrow(/at most 2\^31/);
  });
});

// ---------------------------------------------------------------- float32 arithmetic helpers

/** x as an exact dyadic rational mantissa * 2^exponent. */
function exactParts(x: number): [bigint, number] {
  if (x === 0) return [0n, 0];
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const bits = view.getBigUint64(0);
  const sign = bits >> 63n ? -1n : 1n;
  const biased = Number((bits >> 52n) & 0x7ffn);
  const fraction = bits & ((1n << 52n) - 1n);
  return biased === 0 ? [sign * fraction, -1074] : [sign * (fraction | (1n << 52n)), biased - 1075];
}

/** a * b + c rounded once to `bits` significant bits, ties to even (the result must be a normal number). */
function exactFma(a: number, b: number, c: number, bits: number): number {
  const [ma, ea] = exactParts(a);
  const [mb, eb] = exactParts(b);
  const [mc, ec] = exactParts(c);
  let exponent = Math.min(ea + eb, ec);
  let m = ma * mb * (1n << BigInt(ea + eb - exponent)) + mc * (1n << BigInt(ec - exponent));
  if (m === 0n) return 0;
  const negative = m < 0n;
  if (negative) m = -m;
  const shift = m.toString(2).length - bits;
  if (shift > 0) {
    const kept = m >> BigInt(shift);
    const rest = m - (kept << BigInt(shift));
    const half = 1n << BigInt(shift - 1);
    m = rest > half || (rest === half && (kept & 1n) === 1n) ? kept + 1n : kept;
    exponent += shift;
  }
  const magnitude = Number(m) * 2 ** exponent;
  return negative ? -magnitude : magnitude;
}

describe('fused multiply-add emulation', () => {
  // Deterministic inputs from the engine itself.
  const engine = new MT19937(2024);
  const unit = (): number => engine.nextU32() / 4294967296;
  const randomFloat32 = (): number =>
    Math.fround((unit() * 2 - 1) * 2 ** Math.floor(unit() * 40 - 20));

  it('rounds a * b + c once in float32 where a double sum would round twice', () => {
    // 4529623 * 121369 = 2^39 - 1: the double sum lands on the midpoint of two float32 values.
    const [a, b, c] = [4529623, 121369, 2 ** 63 + 2 ** 40];
    expect(Math.fround(a * b + c)).toBe(2 ** 63 + 2 ** 41);
    expect(fmaF32(a, b, c)).toBe(2 ** 63 + 2 ** 40);
    expect(fmaF32(-a, b, -c)).toBe(-(2 ** 63 + 2 ** 40));
    expect(fmaF32(a * 2 ** -70, b, c * 2 ** -70)).toBe((2 ** 63 + 2 ** 40) * 2 ** -70);
    // The same midpoint with an even lower neighbour: the exact value is below it.
    expect(fmaF32(a, b, 2 ** 63)).toBe(2 ** 63);
    // An exact tie rounds to even.
    expect(fmaF32(2 ** 20, 2 ** 19, c)).toBe(2 ** 63 + 2 ** 41);
    // Overflow stays infinite; subnormal results round at their own spacing
    // (1.5 * 2^-149 is a tie between 2^-149 and 2^-148: even wins).
    expect(fmaF32(3e38, 2, -1e38)).toBe(Infinity);
    expect(fmaF32(2 ** -75, 2 ** -75, 2 ** -149)).toBe(2 ** -148);
    expect(fmaF32(2 ** -76, 2 ** -75, 2 ** -149)).toBe(2 ** -149); // 1.25 * 2^-149
  });

  it('agrees with exact rational arithmetic on 20000 float32 and 20000 float64 triples', () => {
    let naiveDisagreesF64 = 0;
    for (let i = 0; i < 20000; i++) {
      const a = randomFloat32();
      const b = randomFloat32();
      // c near -a*b makes cancellation, the hard case for a rounded product.
      const c = i % 2 === 0 ? randomFloat32() : Math.fround(-a * b * (1 + (unit() - 0.5) * 2 ** -10));
      expect(fmaF32(a, b, c)).toBe(exactFma(a, b, c, 24));
    }
    for (let i = 0; i < 20000; i++) {
      const a = (unit() * 2 - 1) * 2 ** Math.floor(unit() * 60 - 30);
      const b = (unit() * 2 - 1) * 2 ** Math.floor(unit() * 60 - 30);
      const c = i % 2 === 0 ? -a * b * (1 + (unit() - 0.5) * 2 ** -20) : unit() * 2 ** Math.floor(unit() * 60 - 30);
      const exact = exactFma(a, b, c, 53);
      expect(fmaF64(a, b, c)).toBe(exact);
      if (a * b + c !== exact) naiveDisagreesF64++;
    }
    // The triples include cases where an unfused multiply-add would differ.
    expect(naiveDisagreesF64).toBeGreaterThan(1000);
  });
});

describe('float32 log and sincos', () => {
  it('stay within a few float32 ulps of the exact functions on (0, 1] and [0, 2*pi)', () => {
    const sc = new Float64Array(2);
    let maxLog = 0;
    let maxSinCos = 0;
    for (let k = 1; k <= 1 << 16; k++) {
      const u = k / 65536;
      const logExact = Math.fround(Math.log(u));
      // log(1) is 0; compare absolute error near the zero of log.
      maxLog = Math.max(maxLog, u > 0.999 ? Math.abs(logF32(u) - logExact) * 2 ** 24 : ulpDistanceF32(logF32(u), logExact));
      const theta = Math.fround(2 * Math.PI * (k / 65537));
      sinCosF32(theta, sc);
      maxSinCos = Math.max(maxSinCos, Math.abs(sc[0] - Math.sin(theta)) * 2 ** 24, Math.abs(sc[1] - Math.cos(theta)) * 2 ** 24);
    }
    expect(maxLog).toBeLessThanOrEqual(4);
    expect(maxSinCos).toBeLessThanOrEqual(4);
  });

  it('rounds its log Horner steps once, as fused, for every float32 mantissa (2^23 values)', () => {
    // logF32 rounds the double sum y * m + P to float32 and relies on that sum being exact.
    const p = Float64Array.from(LOG_POLYNOMIAL);
    let steps = 0;
    let differing = 0;
    for (let k = 0; k < 1 << 23; k++) {
      const x = 0.5 + k * 2 ** -24;
      const m = x < SQRT_HALF ? x + x - 1 : x - 1;
      let y = p[0];
      for (let i = 1; i < p.length; i++) {
        const fused = fmaF32(y, m, p[i]);
        if (Math.fround(y * m + p[i]) !== fused) differing++;
        y = fused;
        steps++;
      }
    }
    expect(steps).toBe(8 * 2 ** 23);
    expect(differing).toBe(0);
  });

  it('returns NaN for log of zero or negative input, as the SIMD code does', () => {
    expect(logF32(0)).toBeNaN();
    expect(logF32(-1)).toBeNaN();
    expect(logF32(1)).toBe(0);
  });
});
