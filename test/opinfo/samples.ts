// Sample sets shared by the entries: shapes chosen for coverage (0-d, empty, size 1, odd sizes for SIMD tails up
// to 129, 3-d), dtype variants for promotion, and small float64 samples for gradcheck.
import type { DType } from '../../src/index';
import type { Domain, InputSpec, Sample } from './types';

const input = (shape: readonly number[], dtype: DType, domain?: Domain): InputSpec => ({ shape, dtype, ...(domain ? { domain } : {}) });

/** Shapes for one-input ops: 0-d, empty, size 1, a SIMD tail, 2-d and 3-d. */
export const UNARY_SHAPES: readonly (readonly number[])[] = [[], [0], [1], [7], [3, 4], [2, 3, 5], [129], [17, 9]];
/** Small float64 shapes, for gradcheck and gradgradcheck. */
export const GRADCHECK_SHAPES: readonly (readonly number[])[] = [[], [5], [2, 3]];

export interface UnaryOptions {
  domain?: Domain;
  /** Also int32 and bool inputs (ops that promote them to float or keep them). */
  integer?: boolean;
  /** Extra sample arguments, e.g. { negativeSlope: 0.2 }. */
  args?: Record<string, unknown>;
  /** Extra special-value samples. */
  special?: readonly number[];
}

export function unarySamples(options: UnaryOptions = {}): Sample[] {
  const { domain, args } = options;
  const with_ = (inputs: InputSpec[]): Sample => (args ? { inputs, args } : { inputs });
  const samples: Sample[] = UNARY_SHAPES.map((s) => with_([input(s, 'float32', domain)]));
  samples.push(...GRADCHECK_SHAPES.map((s) => with_([input(s, 'float64', domain)])));
  if (options.integer) {
    samples.push(with_([input([3, 4], 'int32', domain === 'positive' ? [1, 5] : undefined)]), with_([input([6], 'bool')]));
  }
  if (options.special) {
    for (const dtype of ['float32', 'float64'] as const) {
      samples.push({ ...with_([{ shape: [options.special.length], dtype, values: options.special }]), label: `special ${dtype}` });
    }
  }
  return samples;
}

/** Shape pairs for two-input ops: equal, row and column broadcasting, 3-d, 0-d against 2-d, empty, SIMD tail. */
export const BINARY_SHAPES: readonly (readonly [readonly number[], readonly number[]])[] = [
  [[3, 4], [3, 4]],
  [[3, 4], [4]],
  [[3, 1], [1, 4]],
  [[2, 3, 4], [3, 1]],
  [[], [2, 3]],
  [[2, 3], []],
  [[0, 3], [3]],
  [[129], [129]],
  [[1], [7]],
];

export interface BinaryOptions {
  domains?: readonly [Domain | undefined, Domain | undefined];
  /** dtype pairs besides float32/float32 and float64/float64 (promotion). */
  promotions?: readonly (readonly [DType, DType])[];
  /** Samples with a number as the second operand (args.other). */
  scalars?: readonly number[];
  args?: Record<string, unknown>;
  special?: readonly [readonly number[], readonly number[]];
}

export const FLOAT_PROMOTIONS: readonly (readonly [DType, DType])[] = [['float32', 'float64'], ['int32', 'float32'], ['float64', 'int32']];
export const INTEGER_PROMOTIONS: readonly (readonly [DType, DType])[] = [...FLOAT_PROMOTIONS, ['int32', 'int32'], ['bool', 'int32']];

export function binarySamples(options: BinaryOptions = {}): Sample[] {
  const [da, db] = options.domains ?? [undefined, undefined];
  const args = options.args ?? {};
  const samples: Sample[] = BINARY_SHAPES.map(([a, b]) => ({ inputs: [input(a, 'float32', da), input(b, 'float32', db)], args }));
  samples.push(...GRADCHECK_SHAPES.map((s) => ({ inputs: [input(s, 'float64', da), input(s, 'float64', db)], args })));
  samples.push({ inputs: [input([2, 3], 'float64', da), input([3], 'float64', db)], args });
  for (const [ta, tb] of options.promotions ?? FLOAT_PROMOTIONS) {
    const dom = (d: Domain | undefined, t: DType): Domain | undefined => (t === 'int32' && d === 'positive' ? [1, 4] : t === 'float32' || t === 'float64' ? d : undefined);
    samples.push({ inputs: [input([2, 3], ta, dom(da, ta)), input([3], tb, dom(db, tb))], args });
  }
  for (const other of options.scalars ?? []) {
    samples.push({ inputs: [input([3, 4], 'float32', da)], args: { ...args, other } });
    samples.push({ inputs: [input([4], 'float64', da)], args: { ...args, other } });
  }
  if (options.special) {
    const [a, b] = options.special;
    for (const dtype of ['float32', 'float64'] as const) {
      samples.push({ inputs: [{ shape: [a.length], dtype, values: a }, { shape: [b.length], dtype, values: b }], args, label: `special ${dtype}` });
    }
  }
  return samples;
}

/** Special values every elementwise op meets: signed zeros, infinities, NaN, a subnormal, huge and tiny numbers. */
export const SPECIAL = [0, -0, Infinity, -Infinity, NaN, 1e-40, -3e38, 1e-30, 1, -1, 0.5, 88.7];

export interface ReductionOptions {
  domain?: Domain;
  /** Whether the op takes keepdim. */
  keepdim?: boolean;
  /** Whether the op takes several dims at once. */
  multiDim?: boolean;
  /** Whether reducing an empty dim is allowed (sum: yes; amax: an error). */
  empty?: boolean;
  /** Whether the op has a whole-tensor form (no dim). */
  whole?: boolean;
  integer?: boolean;
}

/** Samples for reductions along dims: args.dim (a number, a list or absent) and args.keepdim. */
export function reductionSamples(options: ReductionOptions = {}): Sample[] {
  const { domain, keepdim = true, whole = true } = options;
  const at = (shape: readonly number[], dtype: DType, args: Record<string, unknown>): Sample => ({ inputs: [input(shape, dtype, domain)], args });
  const samples: Sample[] = [];
  if (whole) samples.push(at([3, 4], 'float32', {}), at([129], 'float32', {}), at([], 'float32', {}), at([2, 3], 'float64', {}));
  samples.push(at([3, 4], 'float32', { dim: 0 }), at([3, 4], 'float32', { dim: 1 }), at([2, 3, 5], 'float32', { dim: -2 }), at([129, 3], 'float32', { dim: 0 }));
  samples.push(at([5, 1], 'float32', { dim: 1 }), at([], 'float32', { dim: 0 }), at([2, 3], 'float64', { dim: 1 }), at([4], 'float64', { dim: 0 }));
  if (keepdim) samples.push(at([3, 4], 'float32', { dim: 1, keepdim: true }), at([2, 3], 'float64', { dim: 0, keepdim: true }));
  if (options.multiDim) samples.push(at([2, 3, 4], 'float32', { dim: [0, 2] }), at([2, 3, 4], 'float32', { dim: [-1, 0], keepdim: keepdim || undefined }));
  if (options.empty) samples.push(at([0, 3], 'float32', { dim: 0 }), at([3, 0], 'float32', { dim: 1 }));
  if (options.integer) samples.push(at([3, 4], 'int32', { dim: 1 }), at([3, 4], 'bool', { dim: 0 }));
  return samples.map((s) => (s.args!.keepdim === undefined ? { ...s, args: Object.fromEntries(Object.entries(s.args!).filter(([, v]) => v !== undefined)) } : s));
}

/**
 * Special values laid out for reductions, one case per row of 4: a NaN amid numbers, +inf against -inf, +inf
 * twice, all -inf, signed zeros beside a subnormal, float32 overflow, NaN twice before +inf. 28 elements: more
 * than gradcheck takes, so PyTorch's gradients are compared but no finite differences are taken across infinities.
 */
export const REDUCTION_SPECIAL: readonly (readonly number[])[] = [
  [1, NaN, -2, 3],
  [Infinity, -Infinity, 1, 0],
  [Infinity, 2, Infinity, 1],
  [-Infinity, -Infinity, -Infinity, -Infinity],
  [-0, 1e-40, -1e-30, 0],
  [3e38, 3e38, -1, 0.5],
  [NaN, NaN, Infinity, -1],
];

/** Ties for the extrema (the first occurrence wins in PyTorch): 25 elements, past gradcheck like REDUCTION_SPECIAL. */
export const REDUCTION_TIES: readonly (readonly number[])[] = [
  [2, 5, 5, 1, 5],
  [3, 3, 3, 3, 3],
  [-1, -4, 0, -4, 0],
  [7, 1, 7, 1, -2],
  [1, 2, 3, 4, 4],
];

/** Signed zeros tying with each other: -0 first, +0 first, and only one sign. */
export const SIGNED_ZERO_TIES: readonly (readonly number[])[] = [
  [-0, 0, -0, 0, -1],
  [0, -0, 0, -0, -1],
  [-0, -0, -0, -0, -0],
  [0, 0, 0, 0, 0],
  [-1, -0, 0, -2, -3],
];

/**
 * 129 values (16 SIMD vectors of float32 and a tail) whose maximum 5 first appears at index 37 and again at 70
 * and 128, and whose minimum 0 first appears at index 0 and then every fourth: ties across vector lanes.
 */
export const LANE_TIES: readonly number[] = Array.from({ length: 129 }, (_, i) => (i === 37 || i === 70 || i === 128 ? 5 : i % 4));

/** LANE_TIES with NaN at indices 65 and 90: the first NaN is the extreme. */
export const LANE_NANS: readonly number[] = LANE_TIES.map((v, i) => (i === 65 || i === 90 ? NaN : v));

/**
 * Samples of exact values (rows of a matrix, or one flat list) in each dtype, once per args: for special values
 * and ties. `grad` keeps the inputs differentiable (the battery compares PyTorch's gradients at those values).
 */
export function valueSamples(
  label: string,
  values: readonly (readonly number[])[] | readonly number[],
  dtypes: readonly DType[],
  argsList: readonly Record<string, unknown>[],
  grad = true,
): Sample[] {
  const rows = values.length > 0 && Array.isArray(values[0]) ? (values as readonly (readonly number[])[]) : null;
  const shape = rows ? [rows.length, rows[0]!.length] : [values.length];
  const flat = rows ? rows.flat() : (values as readonly number[]);
  const samples: Sample[] = [];
  for (const dtype of dtypes) {
    for (const args of argsList) {
      samples.push({ inputs: [{ shape, dtype, values: flat, ...(grad ? {} : { grad: false }) }], args, label: `${label} ${dtype} ${JSON.stringify(args)}` });
    }
  }
  return samples;
}

/** One input of a hand-written sample: drawn values of the dtype's default domain, or the exact values given. */
export function inputOf(shape: readonly number[], dtype: DType = 'float32', values?: readonly number[]): InputSpec {
  return values === undefined ? { shape, dtype } : { shape, dtype, values };
}

/** An index input: exact int32 values (wasmgrad's index dtype; a PyTorch lambda passes it on as `.long()`). */
export function indexInput(shape: readonly number[], values: readonly number[]): InputSpec {
  return { shape, dtype: 'int32', values };
}

/** An input spec: a shape, a dtype (float32 unless given) and any other InputSpec field (domain, values, grad). */
export function specOf(shape: readonly number[], dtype: DType = 'float32', extra: Omit<InputSpec, 'shape' | 'dtype'> = {}): InputSpec {
  return { shape, dtype, ...extra };
}

/** Samples of a two-operand op from shape pairs, both operands of one dtype. */
export function pairSamples(dtype: DType, pairs: readonly (readonly [readonly number[], readonly number[]])[], args?: Record<string, unknown>): Sample[] {
  return pairs.map(([a, b]) => ({ inputs: [specOf(a, dtype), specOf(b, dtype)], ...(args ? { args } : {}) }));
}
