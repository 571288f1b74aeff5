// Tensor factories (src/creation): from data, constant fills, ranges, identity, the *Like forms, and the random
// factories, which draw from a generator bit-identical to PyTorch's CPU generator: each sample seeds both sides
// (manualSeed / torch.manual_seed) before the draw, so they compare exactly like any other op. Then einops
// (src/einops), which PyTorch does not have: each sample states the permute / reshape / reduction that PyTorch runs
// for its pattern, worked out by hand from the pattern.
import {
  DTypeError, EinopsError, Generator, ShapeError, arange, einops, empty, emptyLike, eye, full, fullLike, linspace, manualSeed,
  ones, onesLike, rand, randLike, randint, randn, randnLike, randperm, tensor, zeros, zerosLike,
  type DType, type Tensor,
} from '../../../src/index';
import { inputOf } from '../samples';
import type { ErrorInput, InputSpec, OpEntry, OpResult, Sample } from '../types';
import { exported } from './define';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Args = Record<string, any>;

const s = (inputs: InputSpec[], args: Args = {}, label?: string): Sample => (label === undefined ? { inputs, args } : { inputs, args, label });
const at = (args: Args, label?: string): Sample => s([], args, label);
const x = (shape: readonly number[], dtype: DType = 'float32'): InputSpec => inputOf(shape, dtype);

/** The factory options a sample names: its dtype, and (args.ownGenerator) a generator of its own seeded with args.seed. */
function optionsOf(k: Args): Record<string, unknown> {
  return {
    ...(k.dtype === undefined ? {} : { dtype: k.dtype }),
    ...(k.ownGenerator === true ? { generator: new Generator().manualSeed(k.seed) } : {}),
  };
}
/** The same options as Python keyword arguments. */
const TORCH_OPTIONS =
  "**{**({'dtype': getattr(torch, k['dtype'])} if 'dtype' in k else {}), **({'generator': torch.Generator().manual_seed(k['seed'])} if k.get('ownGenerator') else {})}";

/** Seeds the default generator (both sides) unless the sample brings its own generator. */
const seeded = (k: Args): void => {
  if (k.ownGenerator !== true) manualSeed(k.seed);
};
const torchSeeded = (draw: string): string => `lambda t, k: ((None if k.get('ownGenerator') else torch.manual_seed(k['seed'])), ${draw})[1]`;
/**
 * rand_like / randn_like in PyTorch: with a generator of the sample's own (an option PyTorch's *_like forms lack),
 * the plain draw of the input's shape and dtype, which is what *_like does for a contiguous input.
 */
const torchLike = (name: 'rand' | 'randn'): string =>
  torchSeeded(`(torch.${name}(t[0].shape, dtype=getattr(torch, k['dtype']) if 'dtype' in k else t[0].dtype, generator=torch.Generator().manual_seed(k['seed'])) if k.get('ownGenerator') else torch.${name}_like(t[0], ${TORCH_OPTIONS}))`);

const NO_INPUTS = 'a factory: no tensor inputs';

interface FactoryOptions {
  torch: string;
  samples: Sample[];
  errors?: ErrorInput[];
  /** Takes a tensor (the *Like forms): its layouts are checked too. */
  takesTensor?: boolean;
  contiguousOnly?: string;
  /** Default 'exact'. */
  tolerance?: OpEntry['tolerance'];
}

type Call = (t: Tensor[], k: Args) => OpResult;

function factoryEntry(name: string, call: Call, o: FactoryOptions): OpEntry {
  const contiguousOnly = o.contiguousOnly ?? (o.takesTensor ? undefined : NO_INPUTS);
  return {
    name, call, torch: o.torch, samples: o.samples, tolerance: o.tolerance ?? 'exact',
    ...(contiguousOnly === undefined ? {} : { contiguousOnly }),
    ...(o.errors ? { errors: o.errors } : {}),
  };
}

const unknownKey = (call: () => unknown, key: string): ErrorInput => ({ label: `unknown option key ${key}`, call, error: TypeError, message: `unexpected keyword argument '${key}'` });
const badSizes = (call: (shape: number[]) => unknown): ErrorInput[] => [
  { label: 'a negative size', call: () => call([2, -1]), error: ShapeError, message: 'invalid shape [2, -1]: sizes must be non-negative integers' },
  { label: 'a non-integer size', call: () => call([2.5]), error: ShapeError, message: 'invalid shape [2.5]' },
];
const sized = (fn: (...a: unknown[]) => OpResult) => (k: Args): OpResult => (k.varargs ? fn(...k.shape, optionsOf(k)) : fn(k.shape, optionsOf(k)));
const floatSamples = (): Sample[] => [
  at({ shape: [3, 4] }), at({ shape: [2, 3], varargs: true }), at({ shape: [] }), at({ shape: [0, 4] }), at({ shape: [129] }),
  at({ shape: [3], dtype: 'int32' }), at({ shape: [2, 2], dtype: 'bool' }), at({ shape: [2, 3], dtype: 'float64' }),
];

// ------------------------------------------------------------------ constant and range factories

/**
 * arange and linspace compute their values (start + i * step, from both ends for linspace): arithmetic, compared as
 * such. PyTorch's CPU kernel forms each SIMD vector as base + lane * step, with a vector width and fused
 * multiply-adds that depend on the CPU it runs on, so its last bits are not a fixed target.
 */
const COMPUTED_RANGE = 'float';

const constants: OpEntry[] = [
  factoryEntry('zeros', (_, k) => sized(exported('zeros'))(k), {
    torch: `lambda t, k: torch.zeros(k['shape'], ${TORCH_OPTIONS})`,
    samples: floatSamples(),
    errors: [...badSizes((shape) => zeros(shape)), unknownKey(() => zeros([2], { dtyp: 'int32' } as never), 'dtyp'),
      { label: 'a size that is not a number', call: () => zeros('3' as never), error: TypeError, message: 'expected sizes as numbers' }],
  }),
  factoryEntry('ones', (_, k) => sized(exported('ones'))(k), {
    torch: `lambda t, k: torch.ones(k['shape'], ${TORCH_OPTIONS})`,
    samples: floatSamples(),
    errors: [...badSizes((shape) => ones(shape)), unknownKey(() => ones([2], { requires_grad: true } as never), 'requires_grad'),
      { label: 'an unknown dtype', call: () => ones([2], { dtype: 'float16' as never }), error: DTypeError, message: 'float16' }],
  }),
  // empty's values are unspecified: the call fills every element (fill_), so the comparison checks the shape and
  // dtype and that each element can be written, without reading memory that was never written.
  factoryEntry('empty', (_, k) => (sized(exported('empty'))(k) as Tensor).fill_(k.value), {
    torch: `lambda t, k: torch.empty(k['shape'], ${TORCH_OPTIONS}).fill_(k['value'])`,
    samples: [
      at({ shape: [2, 3], value: 7 }), at({ shape: [2, 3], value: -0.5, varargs: true }), at({ shape: [], value: -1.5 }), at({ shape: [0], value: 1 }),
      at({ shape: [129], value: 0.25, dtype: 'float64' }), at({ shape: [3, 4], value: 5, dtype: 'int32' }), at({ shape: [2], value: true, dtype: 'bool' }),
    ],
    errors: [...badSizes((shape) => empty(shape)), unknownKey(() => empty([2], { device: 'cpu' } as never), 'device')],
  }),
  factoryEntry('full', (_, k) => full(k.size, k.value, optionsOf(k)), {
    // A JavaScript number without a dtype gives float32 (torch.full would infer int64 from a Python int).
    torch: `lambda t, k: torch.full(k['size'], k['value'] if isinstance(k['value'], bool) or 'dtype' in k else float(k['value']), ${TORCH_OPTIONS})`,
    samples: [
      at({ size: [2, 3], value: 2.5 }), at({ size: [], value: -1 }), at({ size: [0], value: 3 }), at({ size: [2], value: true }),
      at({ size: [3], value: false, dtype: 'int32' }), at({ size: [2, 2], value: 7, dtype: 'int32' }), at({ size: [129], value: NaN, dtype: 'float64' }),
      at({ size: [3], value: Infinity }), at({ size: [4], value: -0 }), at({ size: [2], value: 1e-40 }), at({ size: [2, 3], value: 3, dtype: 'bool' }),
      at({ size: [5], value: 2147483647, dtype: 'int32' }), at({ size: [2], value: 1.75, dtype: 'int32' }),
    ],
    errors: [
      { label: 'a value an int32 cannot hold', call: () => full([2], 2147483648, { dtype: 'int32' }), error: RangeError, message: 'value cannot be converted to type int32 without overflow (got 2147483648)' },
      { label: 'NaN into int32', call: () => full([2], NaN, { dtype: 'int32' }), error: RangeError, message: 'got NaN' },
      { label: 'a value that is not a number', call: () => full([2], '1' as never), error: TypeError, message: "argument 'fill_value' (position 2) must be Number, not string" },
      ...badSizes((shape) => full(shape, 1)),
      unknownKey(() => full([2], 1, { layout: 'strided' } as never), 'layout'),
    ],
  }),
  factoryEntry('arange', (_, k) => exported('arange')(...k.args, optionsOf(k)), {
    torch: `lambda t, k: torch.arange(*k['args'], ${TORCH_OPTIONS})`,
    tolerance: COMPUTED_RANGE,
    samples: [
      at({ args: [5] }), at({ args: [2, 7] }), at({ args: [1, 2, 0.3] }), at({ args: [0, -1, -0.25] }), at({ args: [10, 0, -3] }), at({ args: [0] }),
      at({ args: [3], dtype: 'float64' }), at({ args: [0, 5, 1.5], dtype: 'int32' }), at({ args: [-2.5, 2.5, 0.5], dtype: 'float64' }),
      at({ args: [0, 129] }), at({ args: [0.5, 3] }), at({ args: [0, 1, 0.1] }), at({ args: [-3, 3], dtype: 'float32' }),
      at({ args: [-1.5, 4.5, 2.25], dtype: 'int32' }), at({ args: [0, 2, 0.5], dtype: 'int32' }, 'a step that truncates to 0 in int32'),
      at({ args: [3], dtype: 'bool' }, 'a bool result'),
    ],
    errors: [
      { label: 'a zero step', call: () => arange(0, 5, 0), error: RangeError, message: 'step must be nonzero' },
      { label: 'a step of the wrong sign', call: () => arange(0, 5, -1), error: RangeError, message: 'upper bound and larger bound inconsistent with step sign (start=0, end=5, step=-1)' },
      { label: 'an infinite end', call: () => arange(0, Infinity), error: RangeError, message: 'unsupported range: 0 -> Infinity' },
      { label: 'a NaN end', call: () => arange(NaN), error: RangeError, message: 'unsupported range: 0 -> NaN' },
      unknownKey(() => arange(3, { dtyp: 'float64' } as never), 'dtyp'),
    ],
  }),
  factoryEntry('linspace', (_, k) => linspace(k.start, k.end, k.steps, optionsOf(k)), {
    torch: `lambda t, k: torch.linspace(k['start'], k['end'], k['steps'], ${TORCH_OPTIONS})`,
    tolerance: COMPUTED_RANGE,
    samples: [
      at({ start: 0, end: 1, steps: 5 }), at({ start: -2, end: 3, steps: 1 }), at({ start: 0, end: 1, steps: 0 }), at({ start: 1, end: -1, steps: 7 }),
      at({ start: 0, end: 10, steps: 129 }), at({ start: 0, end: 1, steps: 5, dtype: 'float64' }), at({ start: -3, end: 10, steps: 7, dtype: 'int32' }),
      at({ start: 0.1, end: 0.9, steps: 17 }), at({ start: 5, end: 5, steps: 4 }), at({ start: -1e5, end: 3.3, steps: 33, dtype: 'float64' }),
    ],
    errors: [
      { label: 'negative steps', call: () => linspace(0, 1, -1), error: RangeError, message: 'number of steps must be non-negative, got -1' },
      { label: 'non-integer steps', call: () => linspace(0, 1, 2.5), error: RangeError, message: 'got 2.5' },
      unknownKey(() => linspace(0, 1, 3, { endpoint: false } as never), 'endpoint'),
    ],
  }),
  factoryEntry('eye', (_, k) => ('m' in k ? eye(k.n, k.m, optionsOf(k)) : eye(k.n, optionsOf(k))), {
    torch: `lambda t, k: torch.eye(k['n'], k['m'], ${TORCH_OPTIONS}) if 'm' in k else torch.eye(k['n'], ${TORCH_OPTIONS})`,
    samples: [
      at({ n: 3 }), at({ n: 2, m: 4 }), at({ n: 4, m: 2 }), at({ n: 0 }), at({ n: 1 }), at({ n: 3, dtype: 'int32' }), at({ n: 2, m: 3, dtype: 'bool' }),
      at({ n: 5, dtype: 'float64' }), at({ n: 129, m: 3 }), at({ n: 0, m: 3 }),
    ],
    errors: [
      { label: 'a negative size', call: () => eye(-1), error: ShapeError, message: 'invalid shape [-1, -1]' },
      { label: 'a non-integer size', call: () => eye(2, 1.5), error: ShapeError, message: 'invalid shape [2, 1.5]' },
      unknownKey(() => eye(2, { dtyp: 'int32' } as never), 'dtyp'),
    ],
  }),
  factoryEntry('tensor', (_, k) => tensor(dataOf(k), optionsOf(k)), {
    // torch.tensor infers int64 from Python ints; wasmgrad has one number type: booleans give bool, other numbers
    // float32, a Float64Array float64 and an Int32Array int32.
    torch:
      "lambda t, k: torch.tensor(k['data'], dtype=getattr(torch, k['dtype']) if 'dtype' in k else {'Float64Array': torch.float64, 'Int32Array': torch.int32, 'Float32Array': torch.float32}[k['typed']] if 'typed' in k else torch.bool if torch.tensor(k['data']).dtype == torch.bool else torch.float32)",
    samples: [
      at({ data: [[1, 2], [3, 4]] }), at({ data: 3.5 }), at({ data: [true, false, true] }), at({ data: [[true], [false]] }), at({ data: [] }),
      at({ data: [[], []] }), at({ data: [1, 2, 3], dtype: 'int32' }), at({ data: [[1.5, -2]], dtype: 'float64' }), at({ data: [1, 0, 2], dtype: 'bool' }),
      at({ data: [0.1, 0.2], typed: 'Float64Array' }), at({ data: [1, -2], typed: 'Int32Array' }), at({ data: [0.1, 1e-40], typed: 'Float32Array' }),
      at({ data: [NaN, -0, Infinity, -Infinity] }), at({ data: [true, 1] }), at({ data: [[[1], [2]], [[3], [4]]], dtype: 'float64' }),
      at({ data: false }), at({ data: [-2147483648, 2147483647], dtype: 'int32' }),
    ],
    errors: [
      { label: 'ragged nested lists', call: () => tensor([[1, 2], [3]]), error: ShapeError, message: 'expected sequence of length 2 at dim 1 (got 1)' },
      { label: 'a value an int32 cannot hold', call: () => tensor([2 ** 31], { dtype: 'int32' }), error: RangeError, message: 'without overflow (got 2147483648)' },
      { label: 'a Uint8Array without a dtype', call: () => tensor(new Uint8Array(2)), error: DTypeError, message: 'give a dtype' },
      { label: 'a tensor as data', call: () => tensor(zeros([2]) as never), error: TypeError, message: 'data is already a Tensor' },
      unknownKey(() => tensor([1], { dtypes: 'int32' } as never), 'dtypes'),
    ],
  }),
];

const TYPED: Record<string, (v: number[]) => Float32Array | Float64Array | Int32Array> = {
  Float64Array: (v) => Float64Array.from(v), Int32Array: (v) => Int32Array.from(v), Float32Array: (v) => Float32Array.from(v),
};
function dataOf(k: Args): Parameters<typeof tensor>[0] {
  return k.typed === undefined ? k.data : TYPED[k.typed as string]!(k.data as number[]);
}

// ------------------------------------------------------------------ the *Like forms

const likeSamples = (): Sample[] => [
  s([x([2, 3])]), s([x([3], 'int32')]), s([x([2, 2], 'bool')]), s([x([], 'float64')]), s([x([0, 3])]), s([x([3, 4])], { dtype: 'int32' }),
  s([x([129], 'float64')], { dtype: 'bool' }), s([x([17, 9])]),
];

const likes: OpEntry[] = [
  factoryEntry('zerosLike', ([a], k) => zerosLike(a!, optionsOf(k)), {
    torch: `lambda t, k: torch.zeros_like(t[0], ${TORCH_OPTIONS})`, takesTensor: true, samples: likeSamples(),
    errors: [unknownKey(() => zerosLike(zeros([2]), { memoryFormat: 'preserve' } as never), 'memoryFormat')],
  }),
  factoryEntry('onesLike', ([a], k) => onesLike(a!, optionsOf(k)), {
    torch: `lambda t, k: torch.ones_like(t[0], ${TORCH_OPTIONS})`, takesTensor: true, samples: likeSamples(),
    errors: [unknownKey(() => onesLike(zeros([2]), { dtyp: 'int32' } as never), 'dtyp')],
  }),
  factoryEntry('fullLike', ([a], k) => fullLike(a!, k.value, optionsOf(k)), {
    torch: `lambda t, k: torch.full_like(t[0], k['value'], ${TORCH_OPTIONS})`,
    takesTensor: true,
    samples: [
      s([x([2, 3])], { value: 2.5 }), s([x([3], 'int32')], { value: 7 }), s([x([2], 'bool')], { value: true }), s([x([0], 'float64')], { value: 1 }),
      s([x([])], { value: NaN }), s([x([3, 4])], { value: 1, dtype: 'float64' }), s([x([2], 'int32')], { value: -2.5 }), s([x([129])], { value: -0 }),
    ],
    errors: [
      { label: 'a value an int32 cannot hold', call: () => fullLike(zeros([2], { dtype: 'int32' }), -2147483649), error: RangeError, message: 'without overflow' },
      unknownKey(() => fullLike(zeros([2]), 1, { device: 'cpu' } as never), 'device'),
    ],
  }),
  // emptyLike's values are unspecified: the call fills them (fill_) and returns the input as well, which shows that
  // the new tensor has storage of its own (the fill does not reach the input).
  factoryEntry('emptyLike', ([a], k) => [emptyLike(a!, optionsOf(k)).fill_(k.value), a!], {
    torch: `lambda t, k: [torch.empty_like(t[0], ${TORCH_OPTIONS}).fill_(k['value']), t[0]]`,
    takesTensor: true,
    samples: [
      s([x([2, 3])], { value: 7 }), s([x([3], 'int32')], { value: -4 }), s([x([2, 2], 'bool')], { value: true }), s([x([], 'float64')], { value: 0.5 }),
      s([x([0, 3])], { value: 1 }), s([x([3, 4])], { value: 3, dtype: 'int32' }), s([x([129])], { value: -1.25 }),
    ],
    errors: [unknownKey(() => emptyLike(zeros([2]), { pinMemory: true } as never), 'pinMemory')],
  }),
];

// ------------------------------------------------------------------ random factories

const RANDOM_LIKE_LAYOUT =
  "PyTorch's rand_like / randn_like draw in the memory order of the input (preserve_format), so a non-contiguous input gets its values at other positions there; wasmgrad's results are always contiguous and drawn in row-major order";

/** Float64 normals drawn 16 at a time: their last bit can differ from PyTorch's (src/random/generator.ts). */
const F64_NORMAL_BLOCKS = 'float64 normals of 16 or more elements: the last bit differs from PyTorch (JavaScript log/cos/sin against glibc)';

const floatRandomSamples = (pendingF64Blocks = false): Sample[] => [
  at({ seed: 0, shape: [3, 4] }), at({ seed: 1, shape: [17] }), at({ seed: 2, shape: [5], dtype: 'float64' }), at({ seed: 3, shape: [] }),
  at({ seed: 4, shape: [0] }), at({ seed: 5, shape: [129] }),
  { ...at({ seed: 123456789, shape: [2, 8], dtype: 'float64' }), ...(pendingF64Blocks ? { differs: F64_NORMAL_BLOCKS } : {}) }, at({ seed: 7, shape: [15] }),
  at({ seed: 8, shape: [16] }), { ...at({ seed: 9, shape: [33], dtype: 'float64' }), ...(pendingF64Blocks ? { differs: F64_NORMAL_BLOCKS } : {}) }, at({ seed: 10, shape: [4, 5], varargs: true }),
  at({ seed: 11, shape: [20], ownGenerator: true }), at({ seed: 12, shape: [3], dtype: 'int32' }, 'an integer dtype'),
];

const randomErrors = (fn: (shape: number[], options?: object) => Tensor, name: string): ErrorInput[] => [
  { label: 'an integer dtype', call: () => fn([2], { dtype: 'int32' }), error: DTypeError, message: `${name}: expected a floating point dtype, got int32` },
  unknownKey(() => fn([2], { seed: 1 }), 'seed'),
  ...badSizes((shape) => fn(shape)),
];

const randomLikeSamples = (pendingF64Blocks = false): Sample[] => [
  s([x([3, 4])], { seed: 0 }), s([x([17], 'float64')], { seed: 1 }), s([x([])], { seed: 2 }), s([x([0, 2])], { seed: 3 }),
  s([x([3], 'int32')], { seed: 4, dtype: 'float32' }),
  { ...s([x([2, 8])], { seed: 5, dtype: 'float64' }), ...(pendingF64Blocks ? { differs: F64_NORMAL_BLOCKS } : {}) }, s([x([20])], { seed: 6, ownGenerator: true }),
  s([x([3], 'int32')], { seed: 7 }, 'an integer input'),
];

const randoms: OpEntry[] = [
  factoryEntry('rand', (_, k) => (seeded(k), sized(exported('rand'))(k)), {
    torch: torchSeeded(`torch.rand(k['shape'], ${TORCH_OPTIONS})`), samples: floatRandomSamples(), errors: randomErrors(rand, 'rand'),
  }),
  factoryEntry('randn', (_, k) => (seeded(k), sized(exported('randn'))(k)), {
    torch: torchSeeded(`torch.randn(k['shape'], ${TORCH_OPTIONS})`), samples: floatRandomSamples(true), errors: randomErrors(randn, 'randn'),
  }),
  factoryEntry('randLike', ([a], k) => (seeded(k), randLike(a!, optionsOf(k))), {
    torch: torchLike('rand'), takesTensor: true, contiguousOnly: RANDOM_LIKE_LAYOUT, samples: randomLikeSamples(),
    errors: [unknownKey(() => randLike(zeros([2]), { seed: 1 } as never), 'seed')],
  }),
  factoryEntry('randnLike', ([a], k) => (seeded(k), randnLike(a!, optionsOf(k))), {
    torch: torchLike('randn'), takesTensor: true, contiguousOnly: RANDOM_LIKE_LAYOUT, samples: randomLikeSamples(true),
    errors: [unknownKey(() => randnLike(zeros([2]), { mean: 1 } as never), 'mean')],
  }),
  factoryEntry('randint', (_, k) => (seeded(k), 'low' in k ? randint(k.low, k.high, k.size, optionsOf(k)) : randint(k.high, k.size, optionsOf(k))), {
    torch: torchSeeded(`(torch.randint(k['low'], k['high'], k['size'], ${TORCH_OPTIONS}) if 'low' in k else torch.randint(k['high'], k['size'], ${TORCH_OPTIONS}))`),
    samples: [
      at({ seed: 0, high: 10, size: [3, 4] }), at({ seed: 1, low: -5, high: 5, size: [17] }), at({ seed: 2, low: 0, high: 2, size: [129] }),
      at({ seed: 3, high: 7, size: [5], dtype: 'float32' }), at({ seed: 4, high: 1000, size: [4], dtype: 'float64' }),
      at({ seed: 5, high: 2147483647, size: [6] }), at({ seed: 6, low: -2147483648, high: 2147483647, size: [4] }), at({ seed: 7, high: 3, size: [] }),
      at({ seed: 8, high: 3, size: [0] }), at({ seed: 9, low: 0, high: 2, size: [8], dtype: 'bool' }), at({ seed: 13, low: 1, high: 2, size: [3], dtype: 'bool' }),
      at({ seed: 14, low: 0, high: 3, size: [3], dtype: 'bool' }, 'a bool range past 1'), at({ seed: 10, high: 5, size: [6], ownGenerator: true }),
      at({ seed: 11, low: 0, high: 2 ** 33, size: [4], dtype: 'float64' }),
    ],
    errors: [
      { label: 'low not below high', call: () => randint(3, 3, [2]), error: RangeError, message: "random_ expects 'from' to be less than 'to', but got from=3 >= to=3" },
      { label: 'a non-integer bound', call: () => randint(2.5, [2]), error: RangeError, message: 'high=2.5' },
      { label: 'bounds an int32 cannot hold', call: () => randint(0, 2 ** 32, [2]), error: RangeError, message: 'to - 1 is out of bounds for int (int32)' },
      { label: 'bool bounds past 1', call: () => randint(-1, 1, [2], { dtype: 'bool' }), error: RangeError, message: 'from is out of bounds for bool, got from=-1' },
      unknownKey(() => randint(3, [2], { low: 1 } as never), 'low'),
      ...badSizes((shape) => randint(3, shape)),
    ],
  }),
  factoryEntry('randperm', (_, k) => (seeded(k), randperm(k.n, optionsOf(k))), {
    torch: torchSeeded(`torch.randperm(k['n'], ${TORCH_OPTIONS})`),
    samples: [
      at({ seed: 0, n: 5 }), at({ seed: 1, n: 0 }), at({ seed: 2, n: 1 }), at({ seed: 3, n: 30 }), at({ seed: 4, n: 129 }), at({ seed: 5, n: 1000 }),
      at({ seed: 6, n: 7, dtype: 'float32' }), at({ seed: 7, n: 10, dtype: 'float64' }), at({ seed: 8, n: 12, ownGenerator: true }),
    ],
    errors: [
      { label: 'a negative n', call: () => randperm(-1), error: RangeError, message: 'n must be non-negative, got -1' },
      { label: 'a non-integer n', call: () => randperm(2.5), error: RangeError, message: 'got 2.5' },
      unknownKey(() => randperm(3, { seed: 1 } as never), 'seed'),
    ],
  }),
];

// ------------------------------------------------------------------ einops

/** The input of an einops call: the first tensor, or (args.list) all of them as a list. */
const einInput = (t: Tensor[], k: Args): Tensor | Tensor[] => (k.list === true ? t : t[0]!);
const TORCH_EIN_INPUT = "(torch.stack(t) if k.get('list') else t[0])";
const T = "k['torch']";

const rearrange = (shapes: InputSpec[], pattern: string, steps: { init: number[]; perm: number[]; final: number[] }, more: Args = {}): Sample =>
  s(shapes, { pattern, torch: steps, ...more });
const reduction = (shape: InputSpec, pattern: string, reduce: string, steps: { init: number[]; perm: number[]; flat: number[]; final: number[] }, more: Args = {}): Sample =>
  s([shape], { pattern, reduction: reduce, torch: steps, ...more });
const repetition = (shape: InputSpec, pattern: string, lengths: Args, steps: { perm: number[]; unit: number[]; expand: number[]; final: number[] }): Sample =>
  s([shape], { pattern, lengths, torch: steps });

const einopsEntries: OpEntry[] = [
  {
    name: 'einops.rearrange',
    call: (t, k: Args) => einops.rearrange(einInput(t, k), k.pattern, k.lengths),
    torch: `lambda t, k: ${TORCH_EIN_INPUT}.reshape(${T}['init']).permute(${T}['perm']).reshape(${T}['final'])`,
    grad: true, gradgrad: true, tolerance: 'exact',
    samples: [
      rearrange([x([2, 3, 4, 5])], 'b c h w -> b h w c', { init: [2, 3, 4, 5], perm: [0, 2, 3, 1], final: [2, 4, 5, 3] }),
      rearrange([x([2, 3, 4, 6])], 'b c (h p1) (w p2) -> b (h w) (p1 p2 c)', { init: [2, 3, 2, 2, 2, 3], perm: [0, 2, 4, 3, 5, 1], final: [2, 4, 18] }, { lengths: { p1: 2, p2: 3 } }),
      rearrange([x([6, 4])], '(b1 b2) h -> b1 b2 h', { init: [2, 3, 4], perm: [0, 1, 2], final: [2, 3, 4] }, { lengths: { b1: 2 } }),
      rearrange([x([3, 4])], 'h w -> (w h)', { init: [3, 4], perm: [1, 0], final: [12] }),
      rearrange([x([2, 3, 4])], '... c -> c ...', { init: [2, 3, 4], perm: [2, 0, 1], final: [4, 2, 3] }),
      rearrange([x([2, 3, 4, 5])], 'b c h w -> b (c h w)', { init: [2, 3, 4, 5], perm: [0, 1, 2, 3], final: [2, 60] }),
      rearrange([x([4, 5]), x([4, 5]), x([4, 5])], 'n h w -> h (n w)', { init: [3, 4, 5], perm: [1, 0, 2], final: [4, 15] }, { list: true }),
      rearrange([x([0, 3])], 'a b -> b a', { init: [0, 3], perm: [1, 0], final: [3, 0] }),
      rearrange([x([5])], 'a -> a 1', { init: [5], perm: [0], final: [5, 1] }),
      rearrange([x([129])], '(a b) -> b a', { init: [3, 43], perm: [1, 0], final: [43, 3] }, { lengths: { a: 3 } }),
      rearrange([x([2, 3], 'int32')], 'a b -> b a', { init: [2, 3], perm: [1, 0], final: [3, 2] }),
      rearrange([x([2, 2, 2], 'bool')], 'a b c -> (a c) b', { init: [2, 2, 2], perm: [0, 2, 1], final: [4, 2] }),
      rearrange([x([2, 3], 'float64')], 'a b -> b a', { init: [2, 3], perm: [1, 0], final: [3, 2] }),
      rearrange([x([2, 2, 3], 'float64')], 'a b c -> c (a b)', { init: [2, 2, 3], perm: [2, 0, 1], final: [3, 4] }),
      rearrange([x([1, 2, 3], 'float64')], '1 b c -> c b', { init: [2, 3], perm: [1, 0], final: [3, 2] }),
      rearrange([x([2, 3], 'float64'), x([2, 3], 'float64')], 'n a b -> a (b n)', { init: [2, 2, 3], perm: [1, 2, 0], final: [2, 6] }, { list: true }),
    ],
    errors: [
      { label: 'an axis only on the right', call: () => einops.rearrange(zeros([2, 3]), 'a b -> a c'), error: EinopsError, message: "Identifiers only on one side of expression (should be on both): {'b', 'c'}" },
      { label: 'a pattern of another rank', call: () => einops.rearrange(zeros([2, 3]), 'a b c -> a b c'), error: EinopsError, message: 'Wrong shape: expected 3 dims. Received 2-dim tensor.' },
      { label: 'a length that does not divide', call: () => einops.rearrange(zeros([6]), '(a b) -> a b', { a: 4 }), error: EinopsError, message: "Shape mismatch, can't divide axis of length 6 in chunks of 4" },
    ],
  },
  {
    name: 'einops.reduce',
    call: (t, k: Args) => einops.reduce(einInput(t, k), k.pattern, k.reduction, k.lengths),
    // PyTorch: the reduced axes moved last and flattened into one, then reduced along it.
    torch: `lambda t, k: getattr(${TORCH_EIN_INPUT}.reshape(${T}['init']).permute(${T}['perm']).reshape(${T}['flat']), {'max': 'amax', 'min': 'amin'}.get(k['reduction'], k['reduction']))(-1).reshape(${T}['final'])`,
    grad: true, gradgrad: true, tolerance: 'sum',
    samples: [
      reduction(x([2, 3, 4, 5]), 'b c h w -> b c', 'sum', { init: [2, 3, 4, 5], perm: [0, 1, 2, 3], flat: [2, 3, 20], final: [2, 3] }),
      reduction(x([2, 3, 4, 5]), 'b c h w -> b c', 'mean', { init: [2, 3, 4, 5], perm: [0, 1, 2, 3], flat: [2, 3, 20], final: [2, 3] }),
      reduction(x([2, 4, 6, 3]), 'b (h 2) (w 2) c -> b h w c', 'max', { init: [2, 2, 2, 3, 2, 3], perm: [0, 1, 3, 5, 2, 4], flat: [2, 2, 3, 3, 4], final: [2, 2, 3, 3] }),
      reduction(x([3, 4]), 'h w -> w', 'min', { init: [3, 4], perm: [1, 0], flat: [4, 3], final: [4] }),
      reduction(x([3, 4]), 'h w ->', 'prod', { init: [3, 4], perm: [0, 1], flat: [12], final: [] }),
      reduction(x([2, 3, 4]), 'a b c -> c a', 'sum', { init: [2, 3, 4], perm: [2, 0, 1], flat: [4, 2, 3], final: [4, 2] }),
      reduction(x([3, 4], 'bool'), 'h w -> h', 'any', { init: [3, 4], perm: [0, 1], flat: [3, 4], final: [3] }),
      reduction(x([3, 4], 'bool'), 'h w -> w', 'all', { init: [3, 4], perm: [1, 0], flat: [4, 3], final: [4] }),
      reduction(x([2, 3], 'int32'), 'a b -> a', 'sum', { init: [2, 3], perm: [0, 1], flat: [2, 3], final: [2] }),
      reduction(x([0, 3]), 'a b -> b', 'sum', { init: [0, 3], perm: [1, 0], flat: [3, 0], final: [3] }),
      reduction(x([129]), '(a b) -> a', 'sum', { init: [3, 43], perm: [0, 1], flat: [3, 43], final: [3] }, { lengths: { a: 3 } }),
      reduction(x([2, 3], 'float64'), 'a b -> a', 'mean', { init: [2, 3], perm: [0, 1], flat: [2, 3], final: [2] }),
      reduction(x([2, 3, 2], 'float64'), 'a b c -> b', 'max', { init: [2, 3, 2], perm: [1, 0, 2], flat: [3, 4], final: [3] }),
      reduction(x([2, 3], 'float64'), 'a b -> b', 'prod', { init: [2, 3], perm: [1, 0], flat: [3, 2], final: [3] }),
      reduction(x([4], 'float64'), 'a ->', 'sum', { init: [4], perm: [0], flat: [4], final: [] }),
      s([x([3]), x([3])], { pattern: 'n a -> a', reduction: 'sum', list: true, torch: { init: [2, 3], perm: [1, 0], flat: [3, 2], final: [3] } }),
    ],
    errors: [
      { label: 'an unknown reduction', call: () => einops.reduce(zeros([2, 3]), 'a b -> a', 'median' as never), error: EinopsError, message: "Unknown reduction median. Expect one of ('min', 'max', 'sum', 'mean', 'prod', 'any', 'all')." },
      { label: 'an axis only on the right', call: () => einops.reduce(zeros([2, 3]), 'a b -> a c', 'sum'), error: EinopsError, message: "Unexpected identifiers on the right side of reduce sum: {'c'}" },
    ],
  },
  {
    name: 'einops.repeat',
    call: (t, k: Args) => einops.repeat(t[0]!, k.pattern, k.lengths),
    // PyTorch: the permuted input with unit axes where the new ones go, expanded, then merged.
    torch: `lambda t, k: t[0].permute(${T}['perm']).reshape(${T}['unit']).expand(${T}['expand']).reshape(${T}['final'])`,
    grad: true, gradgrad: true, tolerance: 'exact',
    samples: [
      repetition(x([3, 4]), 'h w -> h w c', { c: 2 }, { perm: [0, 1], unit: [3, 4, 1], expand: [3, 4, 2], final: [3, 4, 2] }),
      repetition(x([3, 4]), 'h w -> (h 2) w', {}, { perm: [0, 1], unit: [3, 1, 4], expand: [3, 2, 4], final: [6, 4] }),
      repetition(x([3, 4]), 'h w -> (2 h) w', {}, { perm: [0, 1], unit: [1, 3, 4], expand: [2, 3, 4], final: [6, 4] }),
      repetition(x([3]), 'h -> b h', { b: 4 }, { perm: [0], unit: [1, 3], expand: [4, 3], final: [4, 3] }),
      repetition(x([2, 3]), 'a b -> b (a r)', { r: 2 }, { perm: [1, 0], unit: [3, 2, 1], expand: [3, 2, 2], final: [3, 4] }),
      repetition(x([]), ' -> r', { r: 3 }, { perm: [], unit: [1], expand: [3], final: [3] }),
      repetition(x([0, 2]), 'a b -> a b c', { c: 3 }, { perm: [0, 1], unit: [0, 2, 1], expand: [0, 2, 3], final: [0, 2, 3] }),
      repetition(x([129]), 'a -> 2 a', {}, { perm: [0], unit: [1, 129], expand: [2, 129], final: [2, 129] }),
      repetition(x([2], 'int32'), 'a -> a 3', {}, { perm: [0], unit: [2, 1], expand: [2, 3], final: [2, 3] }),
      repetition(x([2], 'bool'), 'a -> 2 a', {}, { perm: [0], unit: [1, 2], expand: [2, 2], final: [2, 2] }),
      repetition(x([2, 3], 'float64'), 'a b -> a b 2', {}, { perm: [0, 1], unit: [2, 3, 1], expand: [2, 3, 2], final: [2, 3, 2] }),
      repetition(x([3], 'float64'), 'a -> (a 2)', {}, { perm: [0], unit: [3, 1], expand: [3, 2], final: [6] }),
      repetition(x([2, 2], 'float64'), 'a b -> (b 2) a', {}, { perm: [1, 0], unit: [2, 1, 2], expand: [2, 2, 2], final: [4, 2] }),
    ],
    errors: [
      { label: 'a new axis without a length', call: () => einops.repeat(zeros([2]), 'a -> a b'), error: EinopsError, message: "Specify sizes for new axes in repeat: {'b'}" },
      { label: 'an axis only on the left', call: () => einops.repeat(zeros([2, 3]), 'a b -> a'), error: EinopsError, message: "Unexpected identifiers on the left side of repeat: {'b'}" },
    ],
  },
  {
    name: 'einops.pack',
    call: (t, k: Args) => {
      const [packed, shapes] = einops.pack(t, k.pattern);
      return [packed, ...shapes.map((shape) => tensor(shape, { dtype: 'int32' }))];
    },
    // PyTorch: each input flattened over its *-axes (to the stated shape), concatenated; then the packed shapes.
    torch: `lambda t, k: [torch.cat([x.reshape(s) for x, s in zip(t, ${T}['flat'])], ${T}['dim'])] + [torch.tensor(p, dtype=torch.int32) for p in ${T}['packed']]`,
    grad: true, gradgrad: true, tolerance: 'exact',
    samples: [
      s([x([2, 3, 5]), x([2, 5])], { pattern: 'i * j', torch: { flat: [[2, 3, 5], [2, 1, 5]], dim: 1, packed: [[3], []] } }),
      s([x([2, 3]), x([2, 3, 4])], { pattern: 'b *', torch: { flat: [[2, 3], [2, 12]], dim: 1, packed: [[3], [3, 4]] } }),
      s([x([3, 4]), x([5, 4])], { pattern: '* c', torch: { flat: [[3, 4], [5, 4]], dim: 0, packed: [[3], [5]] } }),
      s([x([2]), x([3]), x([])], { pattern: '*', torch: { flat: [[2], [3], [1]], dim: 0, packed: [[2], [3], []] } }),
      s([x([2, 0, 3]), x([2, 3])], { pattern: 'a * b', torch: { flat: [[2, 0, 3], [2, 1, 3]], dim: 1, packed: [[0], []] } }),
      s([x([2], 'int32'), x([2, 2])], { pattern: 'a *', torch: { flat: [[2, 1], [2, 2]], dim: 1, packed: [[], [2]] } }),
      s([x([2, 3], 'float64'), x([2], 'float64')], { pattern: 'a *', torch: { flat: [[2, 3], [2, 1]], dim: 1, packed: [[3], []] } }),
      s([x([2, 2], 'float64'), x([3, 2], 'float64')], { pattern: '* b', torch: { flat: [[2, 2], [3, 2]], dim: 0, packed: [[2], [3]] } }),
    ],
    errors: [
      { label: 'a pattern without *', call: () => einops.pack([zeros([2])], 'a'), error: EinopsError, message: 'No *-axis in pack(..., "a")' },
      { label: 'a tensor with too few axes', call: () => einops.pack([zeros([2])], 'a * b'), error: EinopsError, message: 'packed tensor #0 (enumeration starts with 0) has shape (2,), while pattern a * b assumes at least 2 axes' },
    ],
  },
  {
    name: 'einops.unpack',
    call: (t, k: Args) => einops.unpack(t[0]!, k.shapes, k.pattern),
    // PyTorch: the packed axis split into the pieces' lengths, each piece reshaped to its full shape.
    torch: `lambda t, k: [p.reshape(s) for p, s in zip(torch.split(t[0], ${T}['lengths'], ${T}['dim']), ${T}['full'])]`,
    grad: true, gradgrad: true, tolerance: 'exact',
    samples: [
      s([x([2, 4, 5])], { shapes: [[3], []], pattern: 'i * j', torch: { dim: 1, lengths: [3, 1], full: [[2, 3, 5], [2, 5]] } }),
      s([x([2, 15])], { shapes: [[3], [3, 4]], pattern: 'b *', torch: { dim: 1, lengths: [3, 12], full: [[2, 3], [2, 3, 4]] } }),
      s([x([8, 4])], { shapes: [[3], [-1]], pattern: '* c', torch: { dim: 0, lengths: [3, 5], full: [[3, 4], [5, 4]] } }),
      s([x([6])], { shapes: [[2], [3], []], pattern: '*', torch: { dim: 0, lengths: [2, 3, 1], full: [[2], [3], []] } }),
      s([x([2, 0])], { shapes: [[0], [0, 5]], pattern: 'a *', torch: { dim: 1, lengths: [0, 0], full: [[2, 0], [2, 0, 5]] } }),
      s([x([2, 5], 'float64')], { shapes: [[2, 2], []], pattern: 'a *', torch: { dim: 1, lengths: [4, 1], full: [[2, 2, 2], [2]] } }),
      s([x([3, 2], 'float64')], { shapes: [[-1], [1]], pattern: '* b', torch: { dim: 0, lengths: [2, 1], full: [[2, 2], [1, 2]] } }),
    ],
    errors: [
      { label: 'shapes that do not split the axis', call: () => einops.unpack(zeros([2, 5]), [[2], [2]], 'a *'), error: EinopsError, message: 'could not split axis of size 5 into requested [(2,), (2,)]' },
      { label: 'two inferred shapes', call: () => einops.unpack(zeros([2, 5]), [[-1], [-1]], 'a *'), error: EinopsError, message: "received more than one -1 in [(-1,), (-1,)] and can't infer dimensions" },
    ],
  },
  {
    name: 'einops.einsum',
    call: (t, k: Args) => einops.einsum(...t, k.pattern),
    // PyTorch: torch.einsum with the pattern's axes written as single letters.
    torch: "lambda t, k: torch.einsum(k['equation'], *t)",
    grad: true, gradgrad: true, tolerance: 'sum',
    samples: [
      s([x([2, 3]), x([3, 4])], { pattern: 'i j, j k -> i k', equation: 'ij,jk->ik' }),
      s([x([2, 3, 4]), x([4, 5])], { pattern: 'batch i j, j k -> batch i k', equation: 'bij,jk->bik' }),
      s([x([3]), x([3])], { pattern: 'i, i ->', equation: 'i,i->' }),
      s([x([3, 3])], { pattern: 'i i -> i', equation: 'ii->i' }),
      s([x([2, 3])], { pattern: 'a b -> b a', equation: 'ab->ba' }),
      s([x([2, 3, 4])], { pattern: 'batch h w -> batch', equation: 'abc->a' }),
      s([x([2, 3]), x([2, 3]), x([3])], { pattern: 'b i, b i, i -> b', equation: 'bi,bi,i->b' }),
      s([x([2, 3, 4]), x([4, 5])], { pattern: '... c, c d -> ... d', equation: '...c,cd->...d' }),
      s([x([0, 3]), x([3, 2])], { pattern: 'n c, c d -> n d', equation: 'nc,cd->nd' }),
      s([x([129]), x([129])], { pattern: 'i, i ->', equation: 'i,i->' }),
      s([x([2, 3], 'float64'), x([3, 2], 'float64')], { pattern: 'row k, k col -> row col', equation: 'ik,kj->ij' }),
      s([x([3], 'float64'), x([4], 'float64')], { pattern: 'i, j -> i j', equation: 'i,j->ij' }),
      s([x([2, 3, 2], 'float64')], { pattern: 'a b a -> b', equation: 'aba->b' }),
    ],
    errors: [
      { label: 'a pattern without ->', call: () => einops.einsum(zeros([2]), 'i'), error: EinopsError, message: "Einsum pattern must contain '->'." },
      { label: 'an unknown axis on the right', call: () => einops.einsum(zeros([2]), 'i -> j'), error: EinopsError, message: 'Unknown axis j on right side of einsum i -> j.' },
      { label: 'no tensors', call: () => (einops.einsum as (...a: unknown[]) => Tensor)('i -> i'), error: EinopsError, message: 'takes at minimum two arguments' },
    ],
  },
];

export const creationEntries: OpEntry[] = [...constants, ...likes, ...randoms, ...einopsEntries];
