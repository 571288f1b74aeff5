// Elementwise ops (src/ops/elementwise): unary maps, activations, binary arithmetic and comparisons, clamps,
// where and masked fill, and the ternary ops lerp, addcmul and addcdiv.
import {
  DTypeError, ShapeError, add, addcmul, clamp, div, gelu, lerp, maskedFill, pow, sub, tensor, where,
} from '../../../src/index';
import { GRADCHECK_SHAPES, INTEGER_PROMOTIONS, SPECIAL, unarySamples } from '../samples';
import type { InputSpec, OpEntry, Sample } from '../types';
import { binaryEntry, exported, unaryEntry } from './define';

/** Float promotion and an integer operand promoted to float (ops PyTorch computes in floating point). */
const FLOAT_AND_INT = [['float32', 'float64'], ['int32', 'float32']] as const;
/** Ties (equal values, +0 against -0) and NaN on either side: maximum/minimum split the gradient at a tie. */
const TIES = [
  [0, -0, 0, -0, 1, NaN, 2, -Infinity, Infinity, 3],
  [-0, 0, 0, -0, 1, 1, NaN, -Infinity, Infinity, -3],
] as const;
const notDifferentiable = { grad: false, gradgrad: false } as const;
/** Piecewise constant maps: a zero gradient, and no second order. */
const stepwise = { gradgrad: false, integer: true, special: SPECIAL } as const;

const f32 = (shape: readonly number[], extra: Partial<InputSpec> = {}): InputSpec => ({ shape, dtype: 'float32', ...extra });
const f64 = (shape: readonly number[], extra: Partial<InputSpec> = {}): InputSpec => ({ shape, dtype: 'float64', ...extra });
const mask = (shape: readonly number[]): InputSpec => ({ shape, dtype: 'bool' });

/** Marks the entry's samples that show a documented difference from PyTorch (see Sample.differs). */
function differsWhere(entry: OpEntry, shows: (s: Sample) => boolean, difference: string): OpEntry {
  return { ...entry, samples: entry.samples.map((s) => (shows(s) ? { ...s, differs: difference } : s)) };
}

const unaryMaps: OpEntry[] = [
  unaryEntry('exp', { integer: true, special: SPECIAL }),
  unaryEntry('exp2', { integer: true, special: SPECIAL }),
  unaryEntry('expm1', { integer: true, special: SPECIAL }),
  unaryEntry('log', { domain: 'positive', integer: true, special: SPECIAL }),
  unaryEntry('log2', { domain: 'positive', integer: true, special: SPECIAL }),
  unaryEntry('log10', { domain: 'positive', integer: true, special: SPECIAL }),
  unaryEntry('log1p', { domain: [-0.5, 2], integer: true, special: SPECIAL }),
  unaryEntry('sqrt', { domain: 'positive', integer: true, special: SPECIAL }),
  unaryEntry('rsqrt', { domain: 'positive', integer: true, special: SPECIAL }),
  unaryEntry('sin', { integer: true, special: SPECIAL }),
  unaryEntry('cos', { integer: true, special: SPECIAL }),
  unaryEntry('tanh', { integer: true, special: SPECIAL }),
  unaryEntry('sigmoid', { integer: true, special: SPECIAL }),
  unaryEntry('atan', { integer: true, special: SPECIAL }),
  unaryEntry('asin', { domain: 'unit', special: SPECIAL }),
  unaryEntry('erf', { integer: true, special: SPECIAL }),
  unaryEntry('reciprocal', { domain: 'positive', integer: true, special: SPECIAL }),
  unaryEntry('neg', { integer: true, special: SPECIAL }),
  unaryEntry('abs', { integer: true, special: SPECIAL }),
  unaryEntry('square', { integer: true, special: SPECIAL }),
  unaryEntry('floor', stepwise),
  unaryEntry('ceil', stepwise),
  unaryEntry('trunc', stepwise),
  unaryEntry('round', stepwise),
  unaryEntry('sign', stepwise),
  unaryEntry('logicalNot', { ...notDifferentiable, integer: true, special: SPECIAL }),
];

/** An activation over two sets of its arguments (defaults, and a second setting). */
function activation(name: string, torch: string, argSets: readonly Record<string, unknown>[], extra: (k: Record<string, unknown>) => unknown[], options: { gradgrad?: boolean } = {}): OpEntry {
  const entry = unaryEntry(name, { torch, extra, special: SPECIAL, integer: true, ...options });
  const samples = argSets.flatMap((args) => unarySamples({ special: SPECIAL, integer: true, args }));
  return { ...entry, samples };
}

const isSpecial = (s: Sample): boolean => s.label?.startsWith('special') === true;
const ZERO_TIES = 'which zero maximum/minimum of +0 and -0 gives is unspecified (PyTorch: the first operand on its scalar path, the second on its vectorised one)';
const isSpecial32 = (s: Sample): boolean => s.label === 'special float32';
const GELU_ZERO = 'gelu(-0) is -0, the value of x * Phi(x); PyTorch float32 CPU path gives +0';

const activations: OpEntry[] = [
  activation('relu', 'lambda t, k: F.relu(t[0])', [{}], () => []),
  activation('leakyRelu', "lambda t, k: F.leaky_relu(t[0], k.get('slope', 0.01))", [{}, { slope: 0.2 }], (k) => (k.slope === undefined ? [] : [k.slope])),
  differsWhere(
    activation('elu', "lambda t, k: F.elu(t[0], k.get('alpha', 1.0))", [{}, { alpha: 0.5 }], (k) => (k.alpha === undefined ? [] : [k.alpha])),
    isSpecial,
    'elu(-0) is -0, as in PyTorch 2.x (x > 0 ? x : alpha * expm1(x)); the 1.13 reference gives +0',
  ),
  activation('silu', 'lambda t, k: F.silu(t[0])', [{}], () => []),
  differsWhere(activation('gelu', "lambda t, k: F.gelu(t[0], approximate=k.get('approximate', 'none'))", [{}, { approximate: 'tanh' }], (k) => (k.approximate === undefined ? [] : [k.approximate])), (s) => isSpecial32(s) && s.args?.approximate === undefined, GELU_ZERO),
  activation(
    'softplus',
    "lambda t, k: F.softplus(t[0], beta=k.get('beta', 1), threshold=k.get('threshold', 20))",
    [{}, { beta: 2, threshold: 1.5 }],
    (k) => (k.beta === undefined ? [] : [{ beta: k.beta, threshold: k.threshold }]),
  ),
];
activations[activations.findIndex((e) => e.name === 'gelu')]!.errors = [
  { label: 'an unknown approximation', call: () => gelu(tensor([1]), 'fast' as never), error: TypeError, message: 'fast' },
];

const alpha = (k: Record<string, unknown>): unknown[] => (k.alpha === undefined ? [] : [{ alpha: k.alpha }]);

/** add and sub: also an alpha, on float and on integer operands. */
const withAlpha = (entry: OpEntry): OpEntry => ({
  ...entry,
  samples: [
    ...entry.samples,
    { inputs: [f32([3, 4]), f32([4])], args: { alpha: 2.5 } },
    { inputs: [f64([2, 3]), f64([2, 3])], args: { alpha: -0.5 } },
    { inputs: [{ shape: [4], dtype: 'int32' }, { shape: [4], dtype: 'int32' }], args: { alpha: 3 } },
    { inputs: [{ shape: [4], dtype: 'bool' }, { shape: [4], dtype: 'bool' }], args: { alpha: 1 } },
  ],
});

const binaryArithmetic: OpEntry[] = [
  withAlpha({
    ...binaryEntry('add', { torch: "torch.add(t[0], o, alpha=k.get('alpha', 1))", extra: alpha, promotions: [...INTEGER_PROMOTIONS, ['bool', 'bool']], scalars: [2.5, -1], special: [SPECIAL, SPECIAL.map((v) => -v)] }),
    errors: [
      { label: 'shapes that do not broadcast', call: () => add(tensor([1, 2, 3]), tensor([1, 2])), error: ShapeError, message: 'size' },
      { label: 'a fractional alpha with integer tensors', call: () => add(tensor([1], { dtype: 'int32' }), tensor([1], { dtype: 'int32' }), { alpha: 0.5 }), error: DTypeError, message: 'alpha' },
      { label: 'an unknown option key', call: () => add(tensor([1]), tensor([1]), { alhpa: 2 } as never), error: TypeError, message: 'alhpa' },
    ],
  }),
  withAlpha({
    ...binaryEntry('sub', { torch: "torch.sub(t[0], o, alpha=k.get('alpha', 1))", extra: alpha, promotions: INTEGER_PROMOTIONS, scalars: [2.5, -1], special: [SPECIAL, SPECIAL] }),
    errors: [{ label: 'shapes that do not broadcast', call: () => sub(tensor([1, 2, 3]), tensor([1, 2])), error: ShapeError, message: 'size' }],
  }),
  binaryEntry('rsub', { torch: "torch.rsub(t[0], o, alpha=k.get('alpha', 1))", extra: alpha, promotions: INTEGER_PROMOTIONS, scalars: [2.5] }),
  binaryEntry('mul', { promotions: [...INTEGER_PROMOTIONS, ['bool', 'bool']], scalars: [2.5, -3], special: [SPECIAL, SPECIAL.map((v) => -v)] }),
  {
    ...binaryEntry('div', {
      torch: "torch.div(t[0], o, rounding_mode=k.get('mode'))",
      extra: (k) => (k.mode === undefined ? [] : [{ roundingMode: k.mode }]),
      domains: [undefined, 'positive'],
      promotions: INTEGER_PROMOTIONS,
      scalars: [2.5, -4],
      special: [SPECIAL, [...SPECIAL].reverse()],
    }),
    errors: [{ label: 'an unknown rounding mode', call: () => div(tensor([1]), tensor([2]), { roundingMode: 'ceil' as never }), error: TypeError, message: 'ceil' }],
  },
  binaryEntry('floorDivide', { domains: [undefined, 'positive'], promotions: [['int32', 'int32'], ['float32', 'float64']], scalars: [2.5], ...notDifferentiable }),
  differsWhere(binaryEntry('maximum', { promotions: INTEGER_PROMOTIONS, special: TIES }), isSpecial, ZERO_TIES),
  differsWhere(binaryEntry('minimum', { promotions: INTEGER_PROMOTIONS, special: TIES }), isSpecial, ZERO_TIES),
  // torch.atan2 takes tensors only; wasmgrad also takes a number, compared with PyTorch's 0-d tensor of it.
  binaryEntry('atan2', {
    torch: 'torch.atan2(t[0], o if isinstance(o, torch.Tensor) else torch.tensor(o, dtype=t[0].dtype))',
    promotions: FLOAT_AND_INT,
    scalars: [2, -0.5],
    special: [SPECIAL, [...SPECIAL].reverse()],
  }),
  binaryEntry('fmod', { domains: [undefined, 'positive'], promotions: [['int32', 'int32'], ['float32', 'float64']], scalars: [1.5, -2], gradgrad: false }),
  binaryEntry('remainder', { domains: [undefined, 'positive'], promotions: [['int32', 'int32'], ['float32', 'float64']], scalars: [1.5, -2], gradgrad: false }),
  binaryEntry('logaddexp', { promotions: [['float32', 'float64'], ['int32', 'float32']], special: [SPECIAL, [...SPECIAL].reverse()] }),
  {
    ...binaryEntry('pow', { domains: ['positive', undefined], promotions: [['float32', 'float64'], ['int32', 'float32'], ['int32', 'int32']], scalars: [2, 0.5, -1, 3] }),
    errors: [{ label: 'integers to a negative integer power', call: () => pow(tensor([2], { dtype: 'int32' }), -1), error: RangeError, message: 'negative integer powers' }],
  },
];

const comparisons: OpEntry[] = ['eq', 'ne', 'lt', 'le', 'gt', 'ge'].map((name) =>
  binaryEntry(name, { promotions: [...INTEGER_PROMOTIONS, ['bool', 'bool']], scalars: [0.5], special: [SPECIAL, [...SPECIAL].reverse()], ...notDifferentiable }),
);
const logical: OpEntry[] = ['logicalAnd', 'logicalOr', 'logicalXor'].map((name) =>
  binaryEntry(name, { promotions: [['bool', 'bool'], ['int32', 'float32'], ['bool', 'float64']], special: [SPECIAL, [...SPECIAL].reverse()], ...notDifferentiable }),
);

/** clamp(x, min, max) with number bounds, one-sided bounds, and tensor bounds that broadcast. */
function clampEntry(name: 'clamp' | 'clip'): OpEntry {
  const fn = exported(name);
  const bounds = (t: unknown[], k: Record<string, unknown>): unknown[] =>
    k.tensors ? [t[1], t[2]] : [k.min ?? null, k.max ?? null];
  const samples: Sample[] = [
    ...unarySamples({ args: { min: -0.5, max: 0.7 }, special: SPECIAL, integer: true }),
    ...GRADCHECK_SHAPES.map((s) => ({ inputs: [f64(s)], args: { min: -0.5 } })),
    { inputs: [f32([3, 4])], args: { max: 0.1 } },
    { inputs: [f32([3, 4]), f32([4]), f32([3, 1])], args: { tensors: true } },
    { inputs: [f64([2, 3]), f64([3]), f64([2, 1])], args: { tensors: true } },
    { inputs: [f32([5])], args: { min: 1, max: -1 }, label: 'min above max' },
  ];
  return {
    name,
    call: (t, k) => fn(t[0], ...bounds(t, k)),
    torch: "lambda t, k: torch.clamp(t[0], t[1], t[2]) if k.get('tensors') else torch.clamp(t[0], k.get('min'), k.get('max'))",
    samples,
    grad: true,
    gradgrad: true,
    method: (t, k) => (t[0] as unknown as Record<string, (...a: unknown[]) => OpEntry['call']>)[name]!(...bounds(t, k)) as never,
    inplace: (t, k) => (t[0] as unknown as Record<string, (...a: unknown[]) => never>)[`${name}_`]!(...bounds(t, k)),
    errors: [{ label: 'no bound', call: () => clamp(tensor([1])), error: TypeError, message: 'At least one of' }],
  };
}

function oneSidedClamp(name: 'clampMin' | 'clampMax', torchName: string): OpEntry {
  return binaryEntry(name, {
    torch: `torch.${torchName}(t[0], o)`,
    promotions: [['float32', 'float32']],
    scalars: [0.25, -1],
    special: [SPECIAL, [...SPECIAL].reverse()],
  });
}

const whereEntry: OpEntry = {
  name: 'where',
  call: ([c, x, y], k) => where(c!, (k.x as number | undefined) ?? x!, (k.y as number | undefined) ?? (k.x !== undefined ? x : y)!),
  torch: "lambda t, k: torch.where(t[0], k['x'] if 'x' in k else t[1], k['y'] if 'y' in k else (t[1] if 'x' in k else t[2]))",
  samples: [
    { inputs: [mask([3, 4]), f32([3, 4]), f32([3, 4])] },
    { inputs: [mask([3, 1]), f32([4]), f32([3, 4])] },
    { inputs: [mask([129]), f32([129]), f32([])] },
    { inputs: [mask([0, 2]), f32([2]), f32([0, 2])] },
    { inputs: [mask([2, 3]), f64([2, 3]), f64([3])] },
    { inputs: [mask([5]), f64([5]), f64([5])] },
    { inputs: [mask([2, 3]), f32([2, 3]), f64([2, 3])] },
    { inputs: [mask([2, 3]), f32([2, 3]), f64([])] },
    { inputs: [mask([2, 3]), { shape: [2, 3], dtype: 'int32' }, f32([2, 3])] },
    { inputs: [mask([2, 3]), f32([2, 3])], args: { y: 0.5 } },
    { inputs: [mask([2, 3]), f64([2, 3])], args: { x: -1.5 } },
  ],
  grad: true,
  gradgrad: true,
  errors: [
    { label: 'a float condition', call: () => where(tensor([1, 0]), tensor([1, 2]), tensor([3, 4])), error: DTypeError, message: 'bool' },
    { label: 'shapes that do not broadcast', call: () => where(tensor([true, false]), tensor([1, 2, 3]), tensor([3, 4])), error: ShapeError, message: 'size' },
  ],
};

const maskedFillEntry: OpEntry = {
  name: 'maskedFill',
  call: ([x, m, v], k) => maskedFill(x!, m!, v ?? (k.value as number)),
  torch: "lambda t, k: t[0].masked_fill(t[1], t[2] if len(t) > 2 else k['value'])",
  samples: [
    { inputs: [f32([3, 4]), mask([3, 4])], args: { value: -1.5 } },
    { inputs: [f32([3, 4]), mask([4])], args: { value: Infinity } },
    { inputs: [f32([129]), mask([129])], args: { value: 0 } },
    { inputs: [f64([2, 3]), mask([2, 1])], args: { value: 2 } },
    { inputs: [f64([5]), mask([5]), f64([])] },
    { inputs: [{ shape: [2, 3], dtype: 'int32' }, mask([2, 3])], args: { value: 7 } },
    { inputs: [f32([0, 3]), mask([3])], args: { value: 1 } },
  ],
  grad: true,
  gradgrad: true,
  method: ([x, m, v], k) => x!.maskedFill(m!, v ?? (k.value as number)),
  inplace: ([x, m, v], k) => x!.maskedFill_(m!, v ?? (k.value as number)),
  errors: [
    { label: 'a float mask', call: () => maskedFill(tensor([1, 2]), tensor([1, 0]), 0), error: DTypeError, message: 'bool' },
    { label: 'a non-0-d value tensor', call: () => maskedFill(tensor([1, 2]), tensor([true, false]), tensor([1, 2])), error: ShapeError, message: '0' },
  ],
};

const lerpEntry: OpEntry = {
  name: 'lerp',
  call: ([x, end, w], k) => lerp(x!, end!, w ?? (k.weight as number)),
  torch: "lambda t, k: torch.lerp(t[0], t[1], t[2] if len(t) > 2 else k['weight'])",
  samples: [
    { inputs: [f32([3, 4]), f32([3, 4])], args: { weight: 0.3 } },
    { inputs: [f32([3, 4]), f32([4])], args: { weight: 0.7 } },
    { inputs: [f32([129]), f32([129])], args: { weight: -0.25 } },
    { inputs: [f32([2, 1, 3]), f32([3]), f32([2, 3, 1])] },
    { inputs: [f64([2, 3]), f64([2, 3]), f64([2, 3])] },
    { inputs: [f64([4]), f64([4])], args: { weight: 0.5 } },
    { inputs: [f32([]), f32([])], args: { weight: 1 } },
    { inputs: [f32([0, 2]), f32([2])], args: { weight: 0.5 } },
  ],
  grad: true,
  gradgrad: true,
  method: ([x, end, w], k) => x!.lerp(end!, w ?? (k.weight as number)),
  inplace: ([x, end, w], k) => x!.lerp_(end!, w ?? (k.weight as number)),
  errors: [{ label: 'an integer input', call: () => lerp(tensor([1], { dtype: 'int32' }), tensor([2], { dtype: 'int32' }), 0.5), error: DTypeError, message: "not implemented for 'Int'" }],
};

function addcEntry(name: 'addcmul' | 'addcdiv'): OpEntry {
  const fn = exported(name);
  const value = (k: Record<string, unknown>): unknown[] => (k.value === undefined ? [] : [{ value: k.value }]);
  return {
    name,
    call: ([x, a, b], k) => fn(x, a, b, ...value(k)),
    torch: `lambda t, k: torch.${name}(t[0], t[1], t[2], value=k.get('value', 1))`,
    samples: [
      { inputs: [f32([3, 1]), f32([1, 4]), f32([3, 4], { domain: 'positive' })], args: { value: 0.5 } },
      { inputs: [f32([7]), f32([7]), f32([7], { domain: 'positive' })] },
      { inputs: [f32([129]), f32([129]), f32([129], { domain: 'positive' })], args: { value: -2 } },
      { inputs: [f64([2, 3]), f64([3]), f64([2, 1], { domain: 'positive' })], args: { value: 1.5 } },
      { inputs: [f64([4]), f64([4]), f64([4], { domain: 'positive' })] },
      { inputs: [f32([]), f32([0]), f32([0], { domain: 'positive' })] },
    ],
    grad: true,
    gradgrad: true,
    method: ([x, a, b], k) => (x as unknown as Record<string, (...a: unknown[]) => never>)[name]!(a, b, ...value(k)),
    inplace: ([x, a, b], k) => (x as unknown as Record<string, (...a: unknown[]) => never>)[`${name}_`]!(a, b, ...value(k)),
    errors: [
      { label: 'shapes that do not broadcast', call: () => addcmul(tensor([1, 2]), tensor([1, 2, 3]), tensor([1, 2])), error: ShapeError, message: 'size' },
    ],
  };
}

export const elementwiseEntries: OpEntry[] = [
  ...unaryMaps,
  ...activations,
  ...binaryArithmetic,
  ...comparisons,
  ...logical,
  clampEntry('clamp'),
  clampEntry('clip'),
  oneSidedClamp('clampMin', 'clamp_min'),
  oneSidedClamp('clampMax', 'clamp_max'),
  whereEntry,
  maskedFillEntry,
  lerpEntry,
  addcEntry('addcmul'),
  addcEntry('addcdiv'),
];
