// fast-check arbitraries shared by the kernel property tests: element values (special values included), lengths
// around the SIMD widths, strided layouts (transposes, step slices, expands, flips, offsets) and the runner that
// every property goes through (fixed seed per property, tidy per run, no leaked tensors).
import fc from 'fast-check';
import { expect } from 'vitest';
import { memory, tensor, tidy, type Tensor } from '../../src/index';
import type { DType } from '../../src/dtype';

export type FloatDType = 'float32' | 'float64';
export const FLOAT_DTYPES: readonly FloatDType[] = ['float32', 'float64'];
export const ALL_DTYPES: readonly DType[] = ['float32', 'float64', 'int32', 'bool'];

// ---------------------------------------------------------------- running properties

/**
 * WASMGRAD_PROPERTY_RUNS scales every property's number of runs (a deeper search: WASMGRAD_PROPERTY_RUNS=20); the
 * seeds stay fixed, so any run repeats.
 */
const RUNS_SCALE = Number(process.env.WASMGRAD_PROPERTY_RUNS ?? 1);

/** A seed derived from the property's name (FNV-1a): fixed per property, so `npm test` is deterministic. */
export function seedOf(name: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 0x01000193);
  return h | 0;
}

/**
 * Checks `predicate` on `runs` values of `arb` with the seed of `name` (after the given examples: inputs that once
 * failed); each run is one tidy scope, and the whole property must leave no tensor behind. The predicate fails by
 * throwing (expect) or returning false.
 */
export function property<T>(name: string, arb: fc.Arbitrary<T>, predicate: (value: T) => boolean | void, runs: number, examples: T[] = []): void {
  const before = memory().tensors;
  fc.assert(
    fc.property(arb, (value) => tidy(() => predicate(value))),
    { seed: seedOf(name), numRuns: Math.ceil(runs * RUNS_SCALE), endOnFailure: true, examples: examples.map((e) => [e] as [T]) },
  );
  expect(memory().tensors, `${name}: tensors left alive`).toBe(before);
}

// ---------------------------------------------------------------- element values

/**
 * Float32 edge values: zeros, infinities, NaN, the smallest subnormal and normal, the largest finite, halves and
 * the last odd integers (floatValue rounds them to float32).
 */
export const F32_SPECIALS: readonly number[] = [
  0, -0, NaN, Infinity, -Infinity, 1.401298464324817e-45, -1.401298464324817e-45, 1.1754942106924411e-38,
  1.1754943508222875e-38, -1.1754943508222875e-38, 3.4028234663852886e38, -3.4028234663852886e38, 1e-30, -1e30, 1, -1,
  0.5, -0.5, 1.5, 2.5, -2.5, 0.49999997019767761, 8388607.5, 16777215, 16777216,
];
/** Float64 edge values, as F32_SPECIALS. */
export const F64_SPECIALS: readonly number[] = [
  0, -0, NaN, Infinity, -Infinity, 5e-324, -5e-324, 2.225073858507201e-308, 2.2250738585072014e-308,
  -2.2250738585072014e-308, 1.7976931348623157e308, -1.7976931348623157e308, 1e-300, -1e300, 1, -1, 0.5, -0.5, 1.5,
  2.5, -2.5, 0.49999999999999994, 4503599627370495.5, 9007199254740991, 9007199254740992,
];

export const roundTo = (dtype: FloatDType) => (dtype === 'float32' ? Math.fround : (x: number) => x);

export interface ValueOptions {
  /** Smallest and largest of the common values (the specials and the full-range values are added unless excluded). */
  min?: number;
  max?: number;
  /** Leave out NaN. */
  noNaN?: boolean;
  /** Leave out infinities, and finite values beyond min/max (no full-range values). */
  finite?: boolean;
  /** Leave out the specials and the full-range values: only values in [min, max]. */
  plain?: boolean;
}

/**
 * Values of a float dtype: mostly in [min, max] (default [-8, 8]), some edge values (NaN, +-inf, -0, subnormals,
 * the largest finite ...) and some drawn over the whole range of the dtype. Every value is exactly representable.
 */
export function floatValue(dtype: FloatDType, options: ValueOptions = {}): fc.Arbitrary<number> {
  const lo = options.min ?? -8;
  const hi = options.max ?? 8;
  const round = roundTo(dtype);
  const keep = (v: number) => !(options.noNaN && Number.isNaN(v)) && !(options.finite && !(v >= lo && v <= hi));
  const common = fc.double({ min: lo, max: hi, noNaN: true }).map(round).filter((v) => v >= lo && v <= hi);
  if (options.plain) return common;
  const specials = fc.constantFrom(...(dtype === 'float32' ? F32_SPECIALS : F64_SPECIALS).map(round).filter(keep));
  if (options.finite) return fc.oneof({ weight: 8, arbitrary: common }, { weight: 2, arbitrary: specials });
  const wide = dtype === 'float32' ? fc.float({ noNaN: options.noNaN }) : fc.double({ noNaN: options.noNaN });
  return fc.oneof({ weight: 6, arbitrary: common }, { weight: 2, arbitrary: specials }, { weight: 2, arbitrary: wide });
}

/** int32 values: small ones (ties, divisors around zero), the extremes, and the whole range. */
export function int32Value(small = 20): fc.Arbitrary<number> {
  return fc.oneof(
    { weight: 5, arbitrary: fc.integer({ min: -small, max: small }) },
    { weight: 1, arbitrary: fc.constantFrom(0, 1, -1, 2147483647, -2147483648, 65536, -65536) },
    { weight: 2, arbitrary: fc.integer({ min: -2147483648, max: 2147483647 }) },
  );
}

export const boolValue: fc.Arbitrary<number> = fc.constantFrom(0, 1);

/** Values of any dtype (bool as 0 and 1). */
export function valueOf(dtype: DType, options: ValueOptions = {}): fc.Arbitrary<number> {
  if (dtype === 'int32') return int32Value();
  if (dtype === 'bool') return boolValue;
  return floatValue(dtype, options);
}

// ---------------------------------------------------------------- lengths and shapes

/** Mostly 0..129 (every vector tail), sometimes longer runs past the unrolled and blocked loops. */
export const lengthArb: fc.Arbitrary<number> = fc.oneof(
  { weight: 12, arbitrary: fc.integer({ min: 0, max: 129 }) },
  { weight: 1, arbitrary: fc.constantFrom(255, 256, 257, 1023, 1031, 4099) },
);

/** Shapes of 0 to maxDims dims whose element count stays near 0..130 (dims shrink as the rank grows). */
export function shapeArb(minDims = 0, maxDims = 4): fc.Arbitrary<number[]> {
  return fc.integer({ min: minDims, max: maxDims }).chain((ndim) => {
    if (ndim === 0) return fc.constant([]);
    if (ndim === 1) return lengthArb.map((n) => [n]);
    const limit = ndim === 2 ? 13 : ndim === 3 ? 6 : 4;
    return fc.array(fc.integer({ min: 0, max: limit }), { minLength: ndim, maxLength: ndim });
  });
}

// ---------------------------------------------------------------- strided layouts

/** A view of `storage` elements: element [i0, i1, ...] lives at offset + sum(i_d * strides[d]). */
export interface Layout {
  shape: number[];
  strides: number[];
  offset: number;
  storage: number;
}

export interface LayoutOptions {
  /** Allow negative strides (flips): the copy kernels see them, the elementwise drivers never do. */
  negative?: boolean;
  /** Allow stride 0 on dims of size > 1 (expand). */
  expand?: boolean;
}

/**
 * Layouts of a given shape: a contiguous tensor sliced with steps 1..3 per dim, its dims permuted, some dims
 * expanded (stride 0), some flipped (negative stride), with a random gap before the first element.
 */
export function layoutArb(shape: readonly number[], options: LayoutOptions = {}): fc.Arbitrary<Layout> {
  const ndim = shape.length;
  return fc
    .record({
      order: fc.shuffledSubarray(Array.from({ length: ndim }, (_, d) => d), { minLength: ndim, maxLength: ndim }),
      steps: fc.array(fc.constantFrom(1, 1, 1, 2, 3), { minLength: ndim, maxLength: ndim }),
      flips: fc.array(options.negative ? fc.boolean() : fc.constant(false), { minLength: ndim, maxLength: ndim }),
      expands: fc.array(options.expand ? fc.constantFrom(false, false, false, true) : fc.constant(false), { minLength: ndim, maxLength: ndim }),
      gap: fc.integer({ min: 0, max: 3 }),
      contiguous: fc.constantFrom(true, false, false),
    })
    .map(({ order, steps, flips, expands, gap, contiguous }) => {
      if (contiguous) return contiguousLayout(shape);
      // Storage dims in `order` (outermost first): each spans step * size of the dims inside it.
      const strides = new Array<number>(ndim).fill(0);
      let span = 1;
      for (let k = ndim - 1; k >= 0; k--) {
        const d = order[k];
        strides[d] = expands[d] ? 0 : steps[d] * span;
        if (!expands[d]) span *= Math.max(1, steps[d] * shape[d]);
      }
      let offset = gap;
      for (let d = 0; d < ndim; d++) {
        if (flips[d] && strides[d] !== 0 && shape[d] > 0) {
          offset += strides[d] * (shape[d] - 1);
          strides[d] = -strides[d];
        }
      }
      return { shape: shape.slice(), strides, offset, storage: extentOf(shape, strides, offset) };
    });
}

/** Row-major strides as PyTorch gives them (an empty dim counts as 1). */
export function contiguousLayout(shape: readonly number[]): Layout {
  const strides = new Array<number>(shape.length);
  let s = 1;
  for (let d = shape.length - 1; d >= 0; d--) {
    strides[d] = s;
    s *= Math.max(1, shape[d]);
  }
  return { shape: shape.slice(), strides, offset: 0, storage: shape.includes(0) ? 1 : s };
}

/** Storage elements a layout needs: one past its last element (at least 1). */
function extentOf(shape: readonly number[], strides: readonly number[], offset: number): number {
  if (shape.some((s) => s === 0)) return offset + 1;
  let last = offset;
  for (let d = 0; d < shape.length; d++) if (strides[d] > 0) last += strides[d] * (shape[d] - 1);
  return last + 1;
}

/** Storage positions of a layout's elements in row-major order. */
export function positionsOf(layout: Layout): number[] {
  const { shape, strides, offset } = layout;
  const n = shape.reduce((a, b) => a * b, 1);
  const out = new Array<number>(n);
  const index = new Array<number>(shape.length).fill(0);
  for (let i = 0; i < n; i++) {
    let p = offset;
    for (let d = 0; d < shape.length; d++) p += index[d] * strides[d];
    out[i] = p;
    for (let d = shape.length - 1; d >= 0; d--) {
      if (++index[d] < shape[d]) break;
      index[d] = 0;
    }
  }
  return out;
}

/** A strided tensor: its layout and the values of its whole storage. */
export interface Strided {
  dtype: DType;
  layout: Layout;
  storage: number[];
}

/** Strided tensors of a given shape and dtype. */
export function stridedOf(dtype: DType, shape: readonly number[], values: fc.Arbitrary<number>, options: LayoutOptions = {}): fc.Arbitrary<Strided> {
  return layoutArb(shape, options).chain((layout) =>
    fc.array(values, { minLength: layout.storage, maxLength: layout.storage }).map((storage) => ({ dtype, layout, storage })),
  );
}

/** Strided tensors of any shape (shapeArb) and a dtype. */
export function stridedArb(dtype: DType, values: fc.Arbitrary<number> = valueOf(dtype), options: LayoutOptions = {}, minDims = 0, maxDims = 4): fc.Arbitrary<Strided> {
  return shapeArb(minDims, maxDims).chain((shape) => stridedOf(dtype, shape, values, options));
}

/** A contiguous strided tensor holding the given values (for examples). */
export function contiguousOf(dtype: DType, shape: readonly number[], storage: number[]): Strided {
  return { dtype, layout: contiguousLayout(shape), storage };
}

/** The tensor: a contiguous storage written from JavaScript (no kernel runs) and a view with the layout. */
export function materialize(s: Strided): Tensor {
  const base = tensor(s.storage, { dtype: s.dtype });
  return base._view(s.layout.shape.slice(), s.layout.strides.slice(), s.layout.offset);
}

/** The elements the strided tensor shows, in row-major order. */
export function logicalValues(s: Strided): number[] {
  return positionsOf(s.layout).map((p) => s.storage[p]);
}

// ---------------------------------------------------------------- broadcasting

/** Operand shapes that broadcast to `out`: a suffix of its dims, each kept or made 1. */
export function broadcastShapeOf(out: readonly number[]): fc.Arbitrary<number[]> {
  return fc
    .tuple(fc.integer({ min: 0, max: out.length }), fc.array(fc.constantFrom(false, false, true), { minLength: out.length, maxLength: out.length }))
    .map(([drop, ones]) => out.slice(drop).map((size, i) => (ones[i + drop] ? 1 : size)));
}

/**
 * Strided operands of the given dtypes and values whose shapes broadcast together, and their broadcast shape (drawn
 * as a shape, then each operand as a suffix of it with some dims made 1).
 */
export function broadcastOperands(
  operands: readonly { dtype: DType; values: fc.Arbitrary<number> }[],
  options: LayoutOptions = { expand: true },
  maxDims = 4,
): fc.Arbitrary<{ shape: number[]; operands: Strided[] }> {
  return shapeArb(0, maxDims).chain((shape) =>
    fc
      .tuple(...operands.map(({ dtype, values }) => broadcastShapeOf(shape).chain((s) => stridedOf(dtype, s, values, options))))
      .map((strided) => ({ shape: broadcastShape(strided.map((o) => o.layout.shape)), operands: strided })),
  );
}

function broadcastShape(shapes: readonly number[][]): number[] {
  const ndim = Math.max(0, ...shapes.map((s) => s.length));
  return Array.from({ length: ndim }, (_, d) => {
    let size = 1;
    for (const s of shapes) {
      const k = d - (ndim - s.length);
      if (k >= 0 && s[k] !== 1) size = s[k];
    }
    return size;
  });
}

/** The logical values of a strided operand broadcast to the shape `out`, in row-major order. */
export function broadcastValues(s: Strided, out: readonly number[]): number[] {
  const values = logicalValues(s);
  const shape = s.layout.shape;
  const lead = out.length - shape.length;
  const strides = new Array<number>(shape.length);
  let step = 1;
  for (let d = shape.length - 1; d >= 0; d--) {
    strides[d] = shape[d] === 1 ? 0 : step;
    step *= shape[d];
  }
  const n = out.reduce((a, b) => a * b, 1);
  const result = new Array<number>(n);
  const index = new Array<number>(out.length).fill(0);
  for (let i = 0; i < n; i++) {
    let at = 0;
    for (let d = 0; d < shape.length; d++) at += index[d + lead] * strides[d];
    result[i] = values[at];
    for (let d = out.length - 1; d >= 0; d--) {
      if (++index[d] < out[d]) break;
      index[d] = 0;
    }
  }
  return result;
}
