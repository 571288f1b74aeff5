/**
 * A pseudo-random generator that reproduces PyTorch's CPU generator
 * (`at::CPUGeneratorImpl`) bit for bit: same engine (MT19937), same seeding,
 * same transforms from raw 32/64-bit outputs to uniform, normal and integer
 * samples, same order of draws. `manualSeed(s)` followed by the same calls gives
 * the numbers `torch.manual_seed(s)` gives on an x86-64 CPU; the one exception
 * is the last bit or two of float64 normal samples (see `fillNormalF64`).
 *
 * The fill methods write into typed arrays the caller provides; the tensor
 * factories own the memory.
 */
import { fmaF32, fmaF64 } from './fused-multiply-add';
import { MT19937, type MT19937State } from './mt19937';
import { normalFill16F32, normalFill16F64 } from './normal-fill';
import { shuffleInsideOut, shuffleSwapForward, SWAP_FORWARD_LIMIT } from './permutation';

/** PyTorch's `default_rng_seed_val`: the seed of the default generator at start-up. */
export const DEFAULT_SEED = 67280421310721n;

/** Normal requests with at least this many contiguous elements use the block algorithm. */
const NORMAL_FILL_MIN = 16;

const TWO_POW_32 = 4294967296;
const TWO_POW_64 = 1n << 64n;
const FLOAT32_MAX = 3.4028234663852886e38;
/** 2^-24 and 2^-53: one unit of a uniform float32 / float64 draw. */
const F32_STEP = 2 ** -24;
const F64_STEP = 2 ** -53;

/** A saved generator state; pass it back to `setState` to replay the same numbers. */
export interface GeneratorState {
  readonly seed: bigint;
  readonly engine: MT19937State;
  /** The cached second Box–Muller sample, or null when none is cached. */
  readonly nextNormal: number | null;
}

export class Generator {
  private readonly engine = new MT19937();
  /** The seed as PyTorch stores it: an unsigned 64-bit integer. */
  private seed = DEFAULT_SEED;
  /** Box–Muller makes samples in pairs; the second waits here for the next small normal request. */
  private nextNormal = 0;
  private hasNextNormal = false;

  constructor(seed: number | bigint = DEFAULT_SEED) {
    this.manualSeed(seed);
  }

  /**
   * Seeds the generator, as `torch.Generator.manual_seed`: any integer in
   * [-2^63, 2^64); negative seeds wrap to their unsigned 64-bit value, and the
   * engine uses the low 32 bits. Also drops the cached normal sample.
   */
  manualSeed(seed: number | bigint): this {
    this.seed = toUint64Seed(seed);
    this.engine.seed(this.seed);
    this.hasNextNormal = false;
    this.nextNormal = 0;
    return this;
  }

  /** The seed last set (`torch.Generator.initial_seed`); exact up to 2^53, see `initialSeedBigInt` beyond. */
  initialSeed(): number {
    return Number(this.seed);
  }

  /** The seed last set, exactly, as an unsigned 64-bit integer. */
  initialSeedBigInt(): bigint {
    return this.seed;
  }

  /** A copy of the full state: engine words, position, seed and cached normal sample. */
  getState(): GeneratorState {
    return {
      seed: this.seed,
      engine: this.engine.getState(),
      nextNormal: this.hasNextNormal ? this.nextNormal : null,
    };
  }

  /** Restores a state returned by `getState` (the state object is copied, not kept). */
  setState(state: GeneratorState): this {
    this.engine.setState(state.engine);
    this.seed = state.seed;
    this.hasNextNormal = state.nextNormal !== null;
    this.nextNormal = state.nextNormal ?? 0;
    return this;
  }

  /** One raw 32-bit output in [0, 2^32) (`CPUGeneratorImpl::random`). */
  random(): number {
    return this.engine.nextU32();
  }

  /**
   * Uniform float32 samples in [from, to) (`torch.rand`, `Tensor.uniform_`):
   * 24 random bits scaled by 2^-24, then `x * (to - from) + from` with the
   * range computed in float32 and one rounding (fused multiply-add).
   */
  fillUniformF32(out: Float32Array, from = 0, to = 1): Float32Array {
    checkUniformRange(from, to, FLOAT32_MAX, 'float', 'Float');
    const low = Math.fround(from);
    const range = Math.fround(Math.fround(to) - low);
    const engine = this.engine;
    for (let i = 0; i < out.length; i++) {
      out[i] = fmaF32((engine.nextU32() & 0xffffff) * F32_STEP, range, low);
    }
    return out;
  }

  /**
   * Uniform float64 samples in [from, to): 53 bits of a 64-bit draw scaled by
   * 2^-53, then `x * (to - from) + from` with one rounding.
   */
  fillUniformF64(out: Float64Array, from = 0, to = 1): Float64Array {
    checkUniformRange(from, to, Number.MAX_VALUE, 'double', 'Double');
    const range = to - from;
    if (range === 1 && from === 0) {
      for (let i = 0; i < out.length; i++) out[i] = this.uniform53();
    } else {
      for (let i = 0; i < out.length; i++) out[i] = fmaF64(this.uniform53(), range, from);
    }
    return out;
  }

  /**
   * Normal float32 samples (`torch.randn`, `Tensor.normal_`). Fewer than 16
   * elements, or a non-contiguous destination (`contiguous` false; the caller
   * writes the values in PyTorch's iteration order): one double-precision
   * Box–Muller sample each, sharing the cached second sample. 16 or more
   * contiguous elements: PyTorch's block algorithm in float32 SIMD arithmetic
   * (`normal_fill_AVX2`), which neither reads nor clears the cache.
   */
  fillNormalF32(out: Float32Array, mean = 0, std = 1, contiguous = true): Float32Array {
    checkNormalStd(std);
    if (out.length < NORMAL_FILL_MIN || !contiguous) {
      for (let i = 0; i < out.length; i++) out[i] = this.normalF64(mean, std);
      return out;
    }
    const engine = this.engine;
    const meanF32 = Math.fround(mean);
    const stdF32 = Math.fround(std);
    fillNormalBlocks(
      out,
      (start) => {
        for (let i = start; i < out.length; i++) out[i] = (engine.nextU32() & 0xffffff) * F32_STEP;
      },
      (offset) => normalFill16F32(out, offset, meanF32, stdF32),
    );
    return out;
  }

  /**
   * Normal float64 samples: as `fillNormalF32`, with the block algorithm in
   * double precision. PyTorch evaluates log, log1p, sin and cos with glibc;
   * JavaScript's Math functions return the neighbouring double for a few
   * percent of arguments, so these samples agree with PyTorch's to within a
   * few units in the last place rather than bit for bit.
   */
  fillNormalF64(out: Float64Array, mean = 0, std = 1, contiguous = true): Float64Array {
    checkNormalStd(std);
    if (out.length < NORMAL_FILL_MIN || !contiguous) {
      for (let i = 0; i < out.length; i++) out[i] = this.normalF64(mean, std);
      return out;
    }
    fillNormalBlocks(
      out,
      (start) => {
        for (let i = start; i < out.length; i++) out[i] = this.uniform53();
      },
      (offset) => normalFill16F64(out, offset, mean, std),
    );
    return out;
  }

  /**
   * Integers uniform in [low, high) (`torch.randint`, `Tensor.random_(from, to)`):
   * `random() % (high - low) + low`, or `random64() % (high - low) + low` when the
   * range reaches 2^32 (float outputs only: int32 cannot hold such a range).
   * Float outputs round the integer to nearest, as PyTorch's cast does.
   */
  fillRandint<T extends Int32Array | Float32Array | Float64Array>(out: T, low: number, high: number): T {
    if (!Number.isSafeInteger(low) || !Number.isSafeInteger(high)) {
      throw new RangeError(`randint expects integer bounds within ±(2^53 - 1), but got low=${low}, high=${high}`);
    }
    if (low >= high) {
      throw new RangeError(`random_ expects 'from' to be less than 'to', but got from=${low} >= to=${high}`);
    }
    if (out instanceof Int32Array) {
      if (low < -2147483648) throw new RangeError(`from is out of bounds for int (int32), got from=${low}`);
      if (high - 1 > 2147483647) throw new RangeError(`to - 1 is out of bounds for int (int32), got to=${high}`);
    }
    const engine = this.engine;
    if (high - low < TWO_POW_32) {
      const range = high - low;
      for (let i = 0; i < out.length; i++) out[i] = (engine.nextU32() % range) + low;
      return out;
    }
    // Ranges of 2^32 and more draw 64 bits; the modulo of a 64-bit value by a
    // range up to 2^54 needs exact integer arithmetic, hence BigInt on this rare path.
    const range = BigInt(high) - BigInt(low);
    for (let i = 0; i < out.length; i++) {
      const high32 = BigInt(engine.nextU32());
      const low32 = BigInt(engine.nextU32());
      // The sum lies in [low, high), so it is exact in a double.
      out[i] = Number(((high32 << 32n) | low32) % range) + low;
    }
    return out;
  }

  /**
   * A random permutation of 0..n-1 (`torch.randperm`). Below 2^32 / 20 PyTorch
   * swaps forward with `random() % (n - i)`; from there on it runs the
   * "inside-out" Fisher–Yates shuffle with `random64() % (i + 1)`.
   */
  randperm(n: number): Int32Array {
    if (!Number.isInteger(n) || n < 0) throw new RangeError(`n must be non-negative, got ${n}`);
    if (n > 2147483648) {
      throw new RangeError(`randperm returns int32 indices, so n must be at most 2^31, got ${n}`);
    }
    const out = new Int32Array(n);
    if (n < SWAP_FORWARD_LIMIT) shuffleSwapForward(out, this.engine);
    else shuffleInsideOut(out, this.engine);
    return out;
  }

  /** `random64() & (2^53 - 1)` scaled to [0, 1): the first 32-bit draw is the high word. */
  private uniform53(): number {
    const high = this.engine.nextU32() & 0x1fffff;
    const low = this.engine.nextU32();
    return (high * TWO_POW_32 + low) * F64_STEP;
  }

  /**
   * One normal sample in double precision (`at::normal_distribution<double>`):
   * the cached sample if there is one, otherwise Box–Muller on two uniforms,
   * returning r*cos(theta) and caching r*sin(theta). `* std + mean` is one
   * fused multiply-add, as compiled in PyTorch.
   */
  private normalF64(mean: number, std: number): number {
    if (this.hasNextNormal) {
      this.hasNextNormal = false;
      return fmaF64(this.nextNormal, std, mean);
    }
    const u1 = this.uniform53();
    const u2 = this.uniform53();
    const r = Math.sqrt(-2 * Math.log1p(-u2));
    const theta = 2 * Math.PI * u1;
    this.nextNormal = r * Math.sin(theta);
    this.hasNextNormal = true;
    return fmaF64(r * Math.cos(theta), std, mean);
  }
}

/**
 * PyTorch's `normal_fill` schedule for n >= 16: uniforms into every slot, then
 * each whole block of 16 transformed; if n is not a multiple of 16, the last 16
 * slots get fresh uniforms and are transformed again, overlapping the previous
 * block. `fillUniforms(start)` fills [start, n), `transform(offset)` one block.
 */
function fillNormalBlocks(
  out: Float32Array | Float64Array,
  fillUniforms: (start: number) => void,
  transform: (offset: number) => void,
): void {
  const n = out.length;
  fillUniforms(0);
  for (let i = 0; i + NORMAL_FILL_MIN <= n; i += NORMAL_FILL_MIN) transform(i);
  if (n % NORMAL_FILL_MIN !== 0) {
    fillUniforms(n - NORMAL_FILL_MIN);
    transform(n - NORMAL_FILL_MIN);
  }
}

/** A seed as PyTorch keeps it: integers in [-2^63, 2^64), negative ones as their two's complement. */
function toUint64Seed(seed: number | bigint): bigint {
  if (typeof seed === 'number' && !Number.isInteger(seed)) {
    throw new TypeError(`manual_seed expected an integer seed, but got ${seed}`);
  }
  const value = BigInt(seed);
  if (value < -(1n << 63n) || value >= TWO_POW_64) {
    throw new RangeError(`Overflow when unpacking long: seed ${value} is outside [-2^63, 2^64)`);
  }
  return BigInt.asUintN(64, value);
}

/** PyTorch's checks in `uniform_` (`dtypeName` as its dtype prints, `scalarTypeName` as its scalar type prints). */
function checkUniformRange(from: number, to: number, max: number, dtypeName: string, scalarTypeName: string): void {
  if (!(from >= -max && from <= max)) throw new RangeError(`from is out of bounds for ${dtypeName}, got from=${from}`);
  if (!(to >= -max && to <= max)) throw new RangeError(`to is out of bounds for ${dtypeName}, got to=${to}`);
  if (!(from <= to)) {
    throw new RangeError(`uniform_ expects to return a [from, to) range, but found from=${from} > to=${to}`);
  }
  if (!(to - from <= max)) {
    throw new RangeError(
      `uniform_ expects to-from <= std::numeric_limits<${scalarTypeName}>::max(), ` +
        `but found to=${to} and from=${from} which result in to-from to exceed the limit`,
    );
  }
}

function checkNormalStd(std: number): void {
  if (!(std >= 0)) throw new RangeError(`normal expects std >= 0.0, but found std ${std}`);
}

/** The default generator, seeded as PyTorch's is at start-up. */
export const defaultGenerator = new Generator();

/** Seeds the default generator (`torch.manual_seed`) and returns it. */
export function manualSeed(seed: number | bigint): Generator {
  return defaultGenerator.manualSeed(seed);
}
