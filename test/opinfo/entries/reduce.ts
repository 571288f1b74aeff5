// Reductions, scans and softmax (src/ops/reduce): sum, mean, prod, the extrema and their indices, all/any,
// countNonzero, norm, the variances, logsumexp, cumsum/cumprod, softmax/logSoftmax and sumToSize.
// nn.functional.softmax and nn.functional.logSoftmax are the same functions as the top-level ones, and variance is
// var: one entry covers each pair.
import {
  DTypeError, IndexError, NotSupportedError, ShapeError, Tensor, tensor,
  countNonzero, mean, norm, prod, sum, sumToSize,
  type DType,
} from '../../../src/index';
import {
  LANE_NANS, LANE_TIES, REDUCTION_SPECIAL, REDUCTION_TIES, SIGNED_ZERO_TIES, reductionSamples, valueSamples,
} from '../samples';
import type { ErrorInput, InputSpec, OpEntry, OpResult, Sample } from '../types';
import { exported } from './define';

const ZERO_TIE = 'which zero a tie between +0 and -0 gives is unspecified (PyTorch: by code path)';

type Args = Record<string, unknown>;

/**
 * How a sample's args reach wasmgrad: the names in `positional` as positional arguments while they are present
 * (in order), the rest in a trailing options object. `form: 'options'` passes everything in the options object.
 * `form` is wasmgrad's alone: the PyTorch lambdas drop it (PY_KWARGS).
 */
function callArgs(k: Args, positional: readonly string[]): unknown[] {
  const { form, ...rest } = k;
  const out: unknown[] = [];
  if (form !== 'options') {
    for (const name of positional) {
      if (!(name in rest)) break;
      out.push(rest[name]);
      delete rest[name];
    }
  }
  return Object.keys(rest).length > 0 ? [...out, rest] : out;
}

/** The sample's args as PyTorch keyword arguments: dtype names become torch dtypes, and `form` is dropped. */
const PY_KWARGS = "{n: (getattr(torch, v) if n == 'dtype' else v) for n, v in k.items() if n != 'form'}";

/** max(dim) and min(dim) give ValuesIndices: compared as the list [values, indices], as PyTorch's named tuple. */
function asResult(out: unknown): OpResult {
  if (out instanceof Tensor || Array.isArray(out) || typeof out !== 'object' || out === null) return out as OpResult;
  const { values, indices } = out as { values: Tensor; indices: Tensor };
  return [values, indices];
}

interface ReduceEntrySpec {
  /** The op's positional parameters after the tensor, in order (or per sample). */
  positional: readonly string[] | ((k: Args) => readonly string[]);
  torch: string;
  samples: Sample[];
  grad?: boolean;
  gradgrad?: boolean;
  tolerance?: OpEntry['tolerance'];
  errors?: readonly ErrorInput[];
  /** The mark of a sample that must fail: a known bug being fixed (pending) or a documented difference (differs). */
  mark?: (sample: Sample) => Pick<Sample, 'pending' | 'differs'> | undefined;
}

/** A one-tensor reduction, scan or softmax: the function and its method, with the sample's args spread by callArgs. */
function reduceEntry(name: string, spec: ReduceEntrySpec): OpEntry {
  const fn = exported(name);
  const positional = typeof spec.positional === 'function' ? spec.positional : () => spec.positional as readonly string[];
  const method = (Tensor.prototype as unknown as Record<string, (...a: unknown[]) => unknown>)[name];
  if (typeof method !== 'function') throw new Error(`no method Tensor.${name}`);
  return {
    name,
    call: ([x], k) => asResult(fn(x, ...callArgs(k, positional(k)))),
    method: ([x], k) => asResult(method.apply(x, callArgs(k, positional(k)))),
    torch: spec.torch,
    samples: spec.samples.map((s) => {
      const mark = spec.mark?.(s);
      return mark === undefined ? s : { ...s, ...mark };
    }),
    grad: spec.grad ?? false,
    gradgrad: spec.gradgrad ?? spec.grad ?? false,
    ...(spec.tolerance ? { tolerance: spec.tolerance } : {}),
    ...(spec.errors ? { errors: spec.errors } : {}),
  };
}

const input = (shape: readonly number[], dtype: DType, values?: readonly number[]): InputSpec => ({ shape, dtype, ...(values ? { values } : {}) });
const at = (shape: readonly number[], dtype: DType, args: Args = {}): Sample => ({ inputs: [input(shape, dtype)], args });

/** Whether a sample is one of valueSamples' (by its label's start) in the dtype and with the args given. */
const isValues = (s: Sample, label: string, dtype?: DType, args?: Args): boolean =>
  (s.label ?? '').startsWith(`${label} `) &&
  (dtype === undefined || s.inputs[0]!.dtype === dtype) &&
  (args === undefined || JSON.stringify(s.args) === JSON.stringify(args));

/**
 * A float input converted to an integer dtype by the op's dtype option: no gradient flows, and PyTorch 1.13's
 * autograd asserts when the input requires grad, so the input does not.
 */
const toInt = (shape: readonly number[], args: Args): Sample => ({ inputs: [{ ...input(shape, 'float32'), grad: false }], args });

/**
 * A float64 input computed in float32 by the op's dtype option. Its gradient is float64 but carries float32
 * rounding (PyTorch's and wasmgrad's in different orders), which neither finite differences nor the float64
 * tolerance allow for: the forward is compared, and the gradient through the conversion by the float32 -> float64
 * samples.
 */
const toFloat32 = (shape: readonly number[], args: Args): Sample => ({ inputs: [{ ...input(shape, 'float64'), grad: false }], args: { ...args, dtype: 'float32' } });

const SPECIAL_DTYPES = ['float32', 'float64'] as const;
const x34 = (): Tensor => tensor([[1, 2, 3, 4], [5, 6, 7, 8], [9, 10, 11, 12]]);
const ints = (): Tensor => tensor([[1, 2], [3, 4]], { dtype: 'int32' });

// ---- error inputs shared by the reductions over dims ----

type AnyFn = (x: Tensor, ...a: unknown[]) => unknown;

/**
 * A dim out of range either way, and a misspelt option key. `before`: the arguments ahead of the dim (norm's p);
 * `op`: the function's name in PyTorch's messages.
 */
function dimErrors(op: string, fn: AnyFn, before: readonly unknown[] = []): ErrorInput[] {
  return [
    { label: 'dim out of range', call: () => fn(x34(), ...before, 2), error: IndexError, message: 'Dimension out of range (expected to be in range of [-2, 1], but got 2)' },
    { label: 'negative dim out of range', call: () => fn(x34(), ...before, -3), error: IndexError, message: 'but got -3' },
    { label: 'unknown option key', call: () => fn(x34(), ...before, 1, { dims: 1 }), error: TypeError, message: `${op}() got an unexpected keyword argument 'dims'` },
  ];
}

const repeatedDim = (fn: AnyFn): ErrorInput => ({
  label: 'a dim twice', call: () => fn(x34(), [1, -1]), error: ShapeError, message: 'dim 1 appears multiple times in the list of dims',
});

const badDType = (fn: AnyFn, before: readonly unknown[] = []): ErrorInput => ({
  label: 'unsupported dtype option', call: () => fn(x34(), ...before, { dtype: 'float16' }), error: DTypeError, message: "unsupported dtype float16: expected one of 'float32', 'float64', 'int32', 'bool'",
});

// ---- sum, mean, prod ----

const sumEntry = reduceEntry('sum', {
  positional: ['dim', 'keepdim'],
  torch: `lambda t, k: torch.sum(t[0], **${PY_KWARGS})`,
  samples: [
    ...reductionSamples({ multiDim: true, empty: true, integer: true }),
    at([2, 3, 4], 'float32', { dim: [] }),
    at([2, 3, 4], 'float32', { dim: 1 }),
    at([17, 9], 'float32', { dim: 0 }),
    at([9, 17], 'float32', { dim: 1 }),
    at([0], 'float32'),
    at([3, 4], 'float32', { dim: 1, keepdim: true, form: 'options' }),
    at([2, 3, 4], 'float64', { dim: [0, 1], form: 'options' }),
    at([2, 3, 2], 'float64', { dim: [0, 2], keepdim: true }),
    at([3, 4], 'float32', { dim: 2 }),
    at([3, 4], 'float32', { dim: [0, -2] }),
    ...valueSamples('special', REDUCTION_SPECIAL, SPECIAL_DTYPES, [{}, { dim: 1 }, { dim: 0 }]),
    // Integer and bool sums are int32 here (PyTorch: int64).
    at([3, 4], 'int32'),
    at([6], 'bool'),
    at([2, 3], 'bool', { dim: 1, keepdim: true }),
    at([3, 4], 'int32', { dtype: 'float32' }),
    at([3, 4], 'float32', { dim: 1, dtype: 'float64' }),
    toFloat32([3, 4], {}),
    toInt([3, 4], { dtype: 'int32' }),
  ],
  grad: true,
  tolerance: 'sum',
  errors: [
    ...dimErrors('sum', exported('sum')),
    repeatedDim(exported('sum')),
    badDType(exported('sum')),
    { label: 'keepdim not a boolean', call: () => sum(x34(), 0, 1 as unknown as boolean), error: TypeError, message: "sum(): argument 'keepdim' must be a boolean, got 1" },
  ],
});

const meanEntry = reduceEntry('mean', {
  positional: ['dim', 'keepdim'],
  torch: `lambda t, k: torch.mean(t[0], **${PY_KWARGS})`,
  samples: [
    ...reductionSamples({ multiDim: true, empty: true }),
    at([2, 3, 4], 'float32', { dim: [] }),
    at([17, 9], 'float32', { dim: 0 }),
    at([9, 17], 'float32', { dim: 1 }),
    at([0], 'float32'),
    at([3, 4], 'float32', { dim: 1, keepdim: true, form: 'options' }),
    at([2, 3, 2], 'float64', { dim: [0, 2], keepdim: true }),
    at([3, 4], 'float32', { dim: 2 }),
    ...valueSamples('special', REDUCTION_SPECIAL, SPECIAL_DTYPES, [{}, { dim: 1 }, { dim: 0 }]),
    // PyTorch refuses integer and bool means unless a float dtype is asked for.
    at([3, 4], 'int32'),
    at([3, 4], 'int32', { dim: 1 }),
    at([6], 'bool'),
    at([3, 4], 'int32', { dtype: 'float32' }),
    at([3, 4], 'int32', { dim: 0, dtype: 'float64' }),
    at([3, 4], 'float32', { dim: 1, dtype: 'float64' }),
    toInt([3, 4], { dtype: 'int32' }),
  ],
  grad: true,
  tolerance: 'sum',
  errors: [
    ...dimErrors('mean', exported('mean')),
    repeatedDim(exported('mean')),
    badDType(exported('mean'), [1]),
    { label: 'int32 input', call: () => mean(ints()), error: DTypeError, message: 'mean(): could not infer output dtype. Input dtype must be either a floating point or complex dtype. Got: Int' },
  ],
});

/** Rows holding one zero, two zeros and none: prod's gradient has a case for each. */
const PROD_ZEROS = [
  [1.5, 0, 2, -3],
  [0, 2, 0, 4],
  [2, -0.5, 3, 1.25],
];

const prodEntry = reduceEntry('prod', {
  positional: ['dim', 'keepdim'],
  torch: `lambda t, k: torch.prod(t[0], **${PY_KWARGS})`,
  samples: [
    ...reductionSamples({ empty: true, integer: true }),
    at([17, 9], 'float32', { dim: 0 }),
    at([2, 3, 4], 'float32', { dim: 1 }),
    at([129], 'float32', { dim: 0 }),
    at([0], 'float32'),
    at([3, 4], 'int32'),
    at([6], 'bool'),
    at([3, 4], 'float32', { dim: 1, keepdim: true, form: 'options' }),
    at([3, 4], 'float32', { dim: 1, dtype: 'float64' }),
    at([3, 4], 'int32', { dtype: 'float32' }),
    // PyTorch's prod takes one dim, and keepdim only with it.
    at([2, 3, 4], 'float32', { dim: [0, 2] }),
    at([3, 4], 'float32', { keepdim: true }),
    ...valueSamples('zeros', PROD_ZEROS, SPECIAL_DTYPES, [{}, { dim: 1 }, { dim: 0 }, { dim: 1, keepdim: true }]),
    ...valueSamples('special', REDUCTION_SPECIAL, SPECIAL_DTYPES, [{}, { dim: 1 }, { dim: 0 }]),
  ],
  grad: true,
  tolerance: 'sum',
  errors: [
    ...dimErrors('prod', exported('prod')),
    badDType(exported('prod')),
    { label: 'a list of dims', call: () => prod(x34(), [0, 1] as unknown as number), error: TypeError, message: 'prod(): dim must be an integer, got [0,1]' },
    { label: 'keepdim without a dim', call: () => prod(x34(), { keepdim: true }), error: TypeError, message: 'prod(): keepdim is taken only with a dim' },
  ],
});

// ---- extrema ----

/** Samples along one dim that max, min, argmax and argmin share (whole-tensor ones are added per op). */
function alongOneDim(): Sample[] {
  return [
    at([3, 4], 'float32', { dim: 0 }),
    at([3, 4], 'float32', { dim: 1 }),
    at([2, 3, 5], 'float32', { dim: -2 }),
    at([129, 3], 'float32', { dim: 0 }),
    at([3, 129], 'float32', { dim: 1 }),
    at([5, 1], 'float32', { dim: 1 }),
    at([], 'float32', { dim: 0 }),
    at([], 'float32', { dim: -1 }),
    at([2, 3], 'float64', { dim: 1 }),
    at([4], 'float64', { dim: 0 }),
    at([3, 4], 'float32', { dim: 1, keepdim: true }),
    at([2, 3], 'float64', { dim: 0, keepdim: true }),
    at([3, 4], 'float32', { dim: -1, keepdim: true, form: 'options' }),
    at([3, 4], 'int32', { dim: 1 }),
    at([3, 0], 'float32', { dim: 0 }),
    // Empty slices have no extreme: PyTorch refuses them.
    at([0, 3], 'float32', { dim: 0 }),
    at([3, 4], 'float32', { dim: 2 }),
  ];
}

const wholeTensor = (): Sample[] => [
  at([3, 4], 'float32'),
  at([129], 'float32'),
  at([], 'float32'),
  at([2, 3], 'float64'),
  at([2, 3, 4], 'float32'),
  at([3, 4], 'int32'),
  at([0], 'float32'),
];

const laneSamples = (args: Args): Sample[] => [
  ...valueSamples('lane ties', LANE_TIES, SPECIAL_DTYPES, [args]),
  ...valueSamples('lane NaNs', LANE_NANS, SPECIAL_DTYPES, [args]),
  ...valueSamples('lane ties', LANE_TIES, ['int32'], [args]),
];

/** Samples of max/min (and amax/amin, where dims are lists too). */
function extremaSamples(): Sample[] {
  return [
    ...wholeTensor(),
    at([6], 'bool'),
    ...alongOneDim(),
    at([3, 4], 'bool', { dim: 0 }),
    ...valueSamples('special', REDUCTION_SPECIAL, SPECIAL_DTYPES, [{}, { dim: 1 }, { dim: 0 }]),
    ...valueSamples('ties', REDUCTION_TIES, [...SPECIAL_DTYPES, 'int32'], [{}, { dim: 1 }, { dim: 0, keepdim: true }]),
    ...valueSamples('signed zeros', SIGNED_ZERO_TIES, SPECIAL_DTYPES, [{}, { dim: 1 }, { dim: 0 }]),
    ...laneSamples({}),
    ...laneSamples({ dim: 0 }),
  ];
}

/** max(a, b) and min(a, b): the elementwise maximum and minimum, broadcasting and promoting. */
function pairSamples(): Sample[] {
  const pair = (a: readonly number[], b: readonly number[], ta: DType = 'float32', tb: DType = ta): Sample => ({ inputs: [input(a, ta), input(b, tb)], args: {} });
  return [
    pair([3, 4], [3, 4]),
    pair([3, 4], [4]),
    pair([3, 1], [1, 4]),
    pair([], [2, 3]),
    pair([129], [129]),
    pair([2, 3], [2, 3], 'float64'),
    pair([2, 3], [3], 'float32', 'float64'),
    pair([2, 3], [3], 'int32', 'float32'),
    pair([2, 3], [3], 'int32'),
    pair([2, 3], [3, 2]),
    {
      inputs: [
        { shape: [6], dtype: 'float32', values: [NaN, 1, Infinity, -Infinity, 2, NaN], grad: false },
        { shape: [6], dtype: 'float32', values: [1, NaN, 3, -Infinity, Infinity, NaN], grad: false },
      ],
      args: {},
      label: 'special pair',
    },
  ];
}

function extremaEntry(name: 'max' | 'min'): OpEntry {
  const fn = exported(name);
  const entry = reduceEntry(name, {
    positional: ['dim', 'keepdim'],
    torch: `lambda t, k: torch.${name}(t[0], t[1]) if len(t) == 2 else torch.${name}(t[0], **${PY_KWARGS})`,
    samples: [...extremaSamples(), at([2, 3], 'float32', { dim: [0, 1] }), ...pairSamples()],
    grad: true,
    tolerance: 'exact',
    errors: [
      ...dimErrors(name, fn),
      { label: 'whole of an empty tensor', call: () => fn(tensor([])), error: IndexError, message: `${name}(): Expected reduction dim to be specified for input.numel() == 0` },
      { label: 'empty dim', call: () => fn(tensor([]).reshape([0, 2]), 0), error: IndexError, message: `${name}(): Expected reduction dim 0 to have non-zero size` },
      { label: 'shapes that do not broadcast', call: () => fn(tensor([1, 2, 3]), tensor([1, 2])), error: ShapeError, message: 'size' },
    ],
  });
  const pairwise = (t: Tensor[], k: Args, f: (...a: unknown[]) => OpResult): OpResult => (t.length === 2 ? f(t[0], t[1]) : f(t[0], ...callArgs(k, ['dim', 'keepdim'])));
  const method = Tensor.prototype[name] as unknown as (...a: unknown[]) => unknown;
  return {
    ...entry,
    call: (t, k) => asResult(pairwise(t, k, fn)),
    method: (t, k) => asResult(pairwise(t, k, (self, ...a) => method.apply(self, a) as OpResult)),
  };
}

function amaxEntry(name: 'amax' | 'amin'): OpEntry {
  const fn: AnyFn = exported(name);
  return reduceEntry(name, {
    positional: ['dim', 'keepdim'],
    torch: `lambda t, k: torch.${name}(t[0], **${PY_KWARGS})`,
    samples: [
      ...extremaSamples(),
      at([2, 3, 4], 'float32', { dim: [0, 2] }),
      at([2, 3, 4], 'float32', { dim: [-1, 0], keepdim: true }),
      at([2, 3, 2], 'float64', { dim: [0, 2] }),
      at([2, 3, 4], 'float32', { dim: [] }),
      at([2, 3], 'bool', { dim: [0, 1] }),
      at([3, 0], 'float32', { dim: [0, 1] }),
      at([3, 4], 'float32', { dim: [1, 1] }),
    ],
    grad: true,
    tolerance: 'exact',
    // Which zero a tie between +0 and -0 gives is unspecified: PyTorch's depends on its code path, wasmgrad's on
    // the layout (README, known differences).
    mark: (s) => (isValues(s, 'signed zeros', undefined, name === 'amax' ? undefined : { dim: 0 }) ? { differs: ZERO_TIE } : undefined),
    errors: [
      ...dimErrors(name, fn),
      repeatedDim(fn),
      { label: 'empty dim', call: () => fn(tensor([]).reshape([2, 0]), 1), error: IndexError, message: `${name}(): Expected reduction dim 1 to have non-zero size` },
    ],
  });
}

function argEntry(name: 'argmax' | 'argmin'): OpEntry {
  const fn: AnyFn = exported(name);
  return reduceEntry(name, {
    positional: ['dim', 'keepdim'],
    torch: `lambda t, k: torch.${name}(t[0], **${PY_KWARGS})`,
    samples: [
      ...wholeTensor(),
      at([3, 4], 'float32', { keepdim: true }),
      at([2, 3, 4], 'float64', { dim: null, keepdim: true }),
      ...alongOneDim(),
      ...valueSamples('special', REDUCTION_SPECIAL, SPECIAL_DTYPES, [{}, { dim: 1 }, { dim: 0 }]),
      ...valueSamples('ties', REDUCTION_TIES, [...SPECIAL_DTYPES, 'int32'], [{}, { dim: 1 }, { dim: 0, keepdim: true }]),
      ...valueSamples('signed zeros', SIGNED_ZERO_TIES, SPECIAL_DTYPES, [{}, { dim: 1 }]),
      ...laneSamples({}),
      ...laneSamples({ dim: 0 }),
      // PyTorch has no argmax of bools, and takes one dim only.
      at([6], 'bool'),
      at([3, 4], 'bool', { dim: 0 }),
      at([2, 3], 'float32', { dim: [0, 1] }),
    ],
    tolerance: 'exact',
    errors: [
      ...dimErrors(name, fn),
      { label: 'whole of an empty tensor', call: () => fn(tensor([])), error: IndexError, message: `${name}(): Expected reduction dim to be specified for input.numel() == 0` },
      { label: 'empty dim', call: () => fn(tensor([]).reshape([0, 2]), 0), error: IndexError, message: `${name}(): Expected reduction dim 0 to have non-zero size` },
      { label: 'bool input', call: () => fn(tensor([true, false])), error: DTypeError, message: `${name}(): not implemented for 'Bool' inputs` },
    ],
  });
}

// ---- all, any, countNonzero ----

/** Zeros among nonzeros, and NaN (which is true) and -0 (which is false). */
const TRUTH_ROWS = [
  [0, 1, 2.5, -1],
  [1, 1, 1, 1],
  [0, 0, 0, 0],
  [-0, 0, NaN, 0],
  [-0, -0, -0, -0],
  [NaN, Infinity, -Infinity, 1e-40],
];

/** TRUTH_ROWS for int32 and bool inputs: zeros among nonzeros, negative ones included. */
const INTEGER_TRUTH_ROWS = [
  [0, 1, 3, -1],
  [1, 1, 1, 1],
  [0, 0, 0, 0],
  [0, -5, 0, 0],
  [7, 7, 0, 7],
  [2, -2, 0, 1],
];

function logicalSamples(): Sample[] {
  const allTrue = Array.from({ length: 129 }, () => 1);
  const lastFalse = allTrue.map((v, i) => (i === 128 ? 0 : v));
  return [
    ...reductionSamples({ integer: true, empty: true, multiDim: true }),
    at([3, 4], 'int32'),
    at([6], 'bool'),
    at([0], 'float32'),
    at([0, 3], 'bool', { dim: [0, 1] }),
    at([3, 4], 'bool', { dim: -1, keepdim: true, form: 'options' }),
    ...valueSamples('truth', TRUTH_ROWS, SPECIAL_DTYPES, [{}, { dim: 1 }, { dim: 0, keepdim: true }]),
    ...valueSamples('truth', INTEGER_TRUTH_ROWS, ['int32', 'bool'], [{}, { dim: 1 }, { dim: 0, keepdim: true }]),
    ...valueSamples('all true', allTrue, ['bool', 'float32'], [{}, { dim: 0 }]),
    ...valueSamples('last false', lastFalse, ['bool', 'int32'], [{}, { dim: 0 }]),
    at([3, 4], 'float32', { dim: 2 }),
  ];
}

function logicalEntry(name: 'all' | 'any'): OpEntry {
  // PyTorch 1.13's all/any take one dim; a list of dims (PyTorch 2.2) is written as a count of the false elements.
  const listForm = name === 'all'
    ? "(torch.logical_not(t[0]).sum(dim=k['dim'], keepdim=k.get('keepdim', False)) == 0)"
    : "((t[0] != 0).sum(dim=k['dim'], keepdim=k.get('keepdim', False)) > 0)";
  const fn: AnyFn = exported(name);
  return reduceEntry(name, {
    positional: ['dim', 'keepdim'],
    torch: `lambda t, k: ${listForm} if isinstance(k.get('dim'), list) else torch.${name}(t[0], **${PY_KWARGS})`,
    samples: logicalSamples(),
    errors: [...dimErrors(name, fn), repeatedDim(fn)],
  });
}

const countNonzeroEntry = reduceEntry('countNonzero', {
  positional: ['dim'],
  torch: `lambda t, k: torch.count_nonzero(t[0], **${PY_KWARGS})`,
  samples: [
    at([3, 4], 'float32'),
    at([129], 'float32'),
    at([], 'float32'),
    at([], 'float32', { dim: 0 }),
    at([3, 4], 'int32', { dim: 1 }),
    at([3, 4], 'bool', { dim: 0 }),
    at([2, 3, 4], 'float64', { dim: [0, 2] }),
    at([2, 3, 4], 'bool', { dim: -2 }),
    at([2, 3, 4], 'int32', { dim: [] }),
    at([0, 3], 'float32', { dim: 0 }),
    at([3, 0], 'int32'),
    at([3, 4], 'bool', { dim: 1, form: 'options' }),
    ...valueSamples('truth', TRUTH_ROWS, SPECIAL_DTYPES, [{}, { dim: 1 }, { dim: 0 }]),
    ...valueSamples('truth', INTEGER_TRUTH_ROWS, ['int32', 'bool'], [{}, { dim: 1 }, { dim: 0 }]),
    at([3, 4], 'float32', { dim: 2 }),
    at([3, 4], 'float32', { dim: [1, 1] }),
  ],
  errors: [
    ...dimErrors('count_nonzero', exported('countNonzero')).slice(0, 2),
    { label: 'unknown option key', call: () => countNonzero(x34(), { keepdim: true } as never), error: TypeError, message: "count_nonzero() got an unexpected keyword argument 'keepdim'" },
    { label: 'a second positional argument', call: () => (exported('countNonzero'))(x34(), 1, true), error: TypeError, message: 'count_nonzero() takes at most 1 positional arguments' },
    repeatedDim(exported('countNonzero')),
  ],
});

// ---- norm ----

/** Rows with zeros, a row of zeros only, and a tie of |x| for the infinity norms: 25 elements (past gradcheck). */
const NORM_ZEROS = [
  [0, 0, 0, 0, 0],
  [1, -2, 0, 2, 0],
  [0, 3, 0, -3, 1],
  [-0.5, 0.25, 2, -1, 4],
  [-4, 4, 1, 0, -4],
];

/** linalg.vector_norm, which PyTorch's Tensor.norm calls: p = 'fro' (the default) is the 2-norm. */
const NORM_TORCH =
  "lambda t, k: torch.linalg.vector_norm(t[0], ord=(2 if k.get('p', 'fro') == 'fro' else k['p']), dim=k.get('dim'), keepdim=k.get('keepdim', False), " +
  "**({'dtype': getattr(torch, k['dtype'])} if 'dtype' in k else {}))";

function normSamples(): Sample[] {
  const orders = [2, 'fro', 1, 3, 0.5, 0, Infinity, -Infinity, -1, 1.5];
  const samples: Sample[] = [
    at([3, 4], 'float32'),
    at([129], 'float32'),
    at([], 'float32'),
    at([2, 3], 'float64'),
    at([0], 'float32'),
    at([3, 4], 'float32', { dim: 1, form: 'options' }),
    at([2, 3, 4], 'float32', { p: 2, dim: [0, 2], keepdim: true }),
    at([3, 4], 'float32', { p: 2, dim: 1, dtype: 'float64' }),
    at([17, 9], 'float32', { p: 1, dim: 0 }),
    at([3, 4], 'float32', { p: 'fro', dim: [0, 1] }),
  ];
  for (const p of orders) {
    samples.push(
      at([3, 4], 'float32', { p }),
      at([2, 3, 5], 'float32', { p, dim: -1 }),
      at([3, 4], 'float32', { p, dim: 0, keepdim: true }),
      at([2, 3], 'float64', { p, dim: 1 }),
      at([4], 'float64', { p }),
      at([0, 3], 'float32', { p, dim: 0 }),
    );
  }
  for (const p of [2, 1, 3, 0, Infinity, -Infinity]) {
    samples.push(...valueSamples('zeros', NORM_ZEROS, SPECIAL_DTYPES, [{ p }, { p, dim: 1 }]));
    samples.push(...valueSamples('special', REDUCTION_SPECIAL, SPECIAL_DTYPES, [{ p, dim: 1 }]));
  }
  // PyTorch's vector norm takes floating inputs and dtypes only.
  samples.push(
    at([3, 4], 'int32'),
    at([3, 4], 'int32', { p: 1, dtype: 'float32' }),
    at([4], 'bool'),
    toInt([3, 4], { p: 2, dtype: 'int32' }),
    at([3, 4], 'float32', { dim: 2 }),
  );
  return samples;
}

const normEntry = reduceEntry('norm', {
  positional: ['p', 'dim', 'keepdim'],
  torch: NORM_TORCH,
  samples: normSamples(),
  grad: true,
  tolerance: 'sum',
  errors: [
    ...dimErrors('norm', exported('norm'), [2]),
    { label: 'nuclear norm', call: () => norm(x34(), 'nuc'), error: NotSupportedError, message: "norm(): p='nuc' is a matrix norm" },
    { label: 'unknown order', call: () => norm(x34(), 'max' as never), error: TypeError, message: 'norm(): p must be a number, \'fro\' or \'nuc\', got "max"' },
    { label: 'int32 input', call: () => norm(ints()), error: DTypeError, message: 'linalg.vector_norm: Expected a floating point or complex tensor as input. Got Int' },
    { label: 'an integer dtype', call: () => norm(x34(), 2, { dtype: 'int32' }), error: DTypeError, message: 'linalg.vector_norm: dtype should be floating point or complex, but got Int32' },
    { label: 'inf norm of an empty dim', call: () => norm(tensor([]).reshape([0, 2]), Infinity, 0), error: IndexError, message: 'cannot compute the Infinity norm' },
  ],
});

// ---- var, std, varMean, stdMean ----

function varianceSamples(): Sample[] {
  return [
    ...reductionSamples({ multiDim: true, empty: true }),
    at([17, 9], 'float32', { dim: 0 }),
    at([3, 4], 'float32', { unbiased: false }),
    at([3, 4], 'float32', { dim: 1, unbiased: false }),
    at([2, 3, 4], 'float32', { dim: [0, 2], unbiased: true, keepdim: true }),
    at([2, 3], 'float64', { dim: 1, unbiased: false }),
    at([3, 4], 'float32', { dim: [0, 1], correction: 0 }),
    at([3, 4], 'float32', { dim: 1, correction: 2 }),
    at([2, 3], 'float64', { dim: 0, correction: 0, keepdim: true }),
    at([3, 4], 'float32', { correction: 0 }),
    at([3, 4], 'float32', { dim: 1, keepdim: true, form: 'options' }),
    at([2, 3], 'float32', { dim: 1, correction: 3 }),
    // One element: NaN. PyTorch 1.13's var and std backward fail on this shape, so only the forward is compared.
    { inputs: [{ ...input([1], 'float32'), grad: false }], args: {} },
    ...valueSamples('special', REDUCTION_SPECIAL, SPECIAL_DTYPES, [{}, { dim: 1 }, { dim: 0 }]),
    // Floating inputs only; unbiased and correction exclude each other.
    at([3, 4], 'int32'),
    at([3, 4], 'int32', { dim: 1 }),
    at([6], 'bool'),
    at([3, 4], 'float32', { dim: 2 }),
  ];
}

/** PyTorch's var-like call: its correction overload needs dim given (None for every dim). */
const varTorch = (fn: string): string =>
  `lambda t, k: torch.${fn}(t[0], **({'dim': None} if 'correction' in k and 'dim' not in k else {}), **${PY_KWARGS})`;

function varianceEntry(name: 'var' | 'std' | 'varMean' | 'stdMean', torchName: string): OpEntry {
  const fn: AnyFn = exported(name);
  return reduceEntry(name, {
    // var(x, unbiased) when no dim is given positionally; var(x, dim, unbiased, keepdim) otherwise.
    positional: (k) => ('dim' in k || !('unbiased' in k) ? ['dim', 'unbiased', 'keepdim'] : ['unbiased']),
    torch: varTorch(torchName),
    samples: varianceSamples(),
    grad: true,
    tolerance: 'sum',
    mark: (s) => {
      // var and varMean of one element (0-d): PyTorch 2.x's gradient is NaN (wasmgrad follows it); the reference
      // comes from 1.13, which gives inf.
      if (s.inputs[0]!.shape.length === 0 && (name === 'var' || name === 'varMean')) return { differs: 'var/varMean gradient of one element: NaN as in PyTorch 2.x, inf in the 1.13 reference' };
      // PyTorch's var_mean and std_mean take the mean from their Welford pass, which turns a slice holding an
      // infinity into NaN (torch.mean gives the infinity, as wasmgrad does).
      if ((name === 'varMean' || name === 'stdMean') && isValues(s, 'special') && 'dim' in s.args!) return { differs: 'varMean/stdMean mean of a slice with an infinity: the infinity, as torch.mean gives (PyTorch: NaN)' };
      return undefined;
    },
    errors: [
      ...dimErrors(torchName, fn),
      repeatedDim(fn),
      { label: 'int32 input', call: () => fn(ints()), error: DTypeError, message: 'input dtype should be either floating point or complex dtypes. Got Int32 instead.' },
      { label: 'unbiased and correction', call: () => fn(x34(), { unbiased: true, correction: 1 }), error: TypeError, message: 'cannot specify both unbiased and correction' },
    ],
  });
}

// ---- logsumexp, softmax, logSoftmax, cumsum, cumprod ----

/** Large values: a softmax or logsumexp that does not shift by the maximum overflows. */
const LARGE = [
  [1000, 1001, 999, -1000],
  [-1000, -1001, -999, -1002],
  [88, 89, 90, 0],
];

const logsumexpEntry = reduceEntry('logsumexp', {
  positional: ['dim', 'keepdim'],
  torch: `lambda t, k: torch.logsumexp(t[0], **${PY_KWARGS})`,
  samples: [
    ...reductionSamples({ multiDim: true, empty: true, whole: false, integer: true }),
    at([17, 9], 'float32', { dim: 0 }),
    at([9, 17], 'float32', { dim: 1 }),
    at([2, 3, 2], 'float64', { dim: [0, 2], keepdim: true }),
    at([3, 4], 'float32', { dim: 1, keepdim: true, form: 'options' }),
    at([3, 4], 'int32', { dim: [0, 1] }),
    ...valueSamples('large', LARGE, SPECIAL_DTYPES, [{ dim: 1 }, { dim: 0 }]),
    ...valueSamples('special', REDUCTION_SPECIAL, SPECIAL_DTYPES, [{ dim: 1 }, { dim: 0 }, { dim: [0, 1] }]),
    at([3, 4], 'float32', { dim: 2 }),
  ],
  grad: true,
  tolerance: 'sum',
  errors: [
    ...dimErrors('logsumexp', exported('logsumexp')),
    { label: 'no dim', call: () => exported('logsumexp')(x34()), error: TypeError, message: 'logsumexp(): missing the dim' },
  ],
});

/** Samples along one required dim, result in the input's shape (softmax, logSoftmax, cumsum, cumprod). */
function alongDimSamples(): Sample[] {
  return [
    at([3, 4], 'float32', { dim: 1 }),
    at([3, 4], 'float32', { dim: 0 }),
    at([3, 4], 'float32', { dim: -1 }),
    at([2, 3, 5], 'float32', { dim: 1 }),
    at([2, 3, 5], 'float32', { dim: 0 }),
    at([129], 'float32', { dim: 0 }),
    at([17, 9], 'float32', { dim: 0 }),
    at([9, 17], 'float32', { dim: 1 }),
    at([5, 1], 'float32', { dim: 1 }),
    at([], 'float32', { dim: 0 }),
    at([], 'float64', { dim: -1 }),
    at([0], 'float32', { dim: 0 }),
    at([0, 3], 'float32', { dim: 1 }),
    at([3, 0], 'float32', { dim: 0 }),
    at([2, 3], 'float64', { dim: 1 }),
    at([2, 3], 'float64', { dim: 0 }),
    at([5], 'float64', { dim: 0 }),
    at([2, 3, 2], 'float64', { dim: -2 }),
    at([3, 4], 'float32', { dim: 1, dtype: 'float64' }),
    toFloat32([3, 4], { dim: 0 }),
    at([3, 4], 'float32', { dim: 1, form: 'options' }),
    at([3, 4], 'float32', { dim: 2 }),
  ];
}

function softmaxEntry(name: 'softmax' | 'logSoftmax', torchName: string): OpEntry {
  const fn: AnyFn = exported(name);
  return reduceEntry(name, {
    positional: ['dim'],
    torch: `lambda t, k: torch.${torchName}(t[0], **${PY_KWARGS})`,
    samples: [
      ...alongDimSamples(),
      ...valueSamples('large', LARGE, SPECIAL_DTYPES, [{ dim: 1 }, { dim: 0 }]),
      ...valueSamples('special', REDUCTION_SPECIAL, SPECIAL_DTYPES, [{ dim: 1 }, { dim: 0 }]),
      // PyTorch normalises floats only, or integers converted by the dtype option.
      at([3, 4], 'int32', { dim: 1, dtype: 'float32' }),
      at([3, 4], 'int32', { dim: 1 }),
      at([6], 'bool', { dim: 0 }),
    ],
    grad: true,
    errors: [
      ...dimErrors(torchName, fn),
      { label: 'no dim', call: () => fn(x34()), error: TypeError, message: `${torchName}(): missing the dim to normalise over` },
      { label: 'int32 input', call: () => fn(ints(), 1), error: DTypeError, message: `${torchName}(): expected a floating point input, got torch.int32` },
      badDType(fn, [1]),
    ],
  });
}

function cumulativeEntry(name: 'cumsum' | 'cumprod'): OpEntry {
  const fn: AnyFn = exported(name);
  return reduceEntry(name, {
    positional: ['dim'],
    torch: `lambda t, k: torch.${name}(t[0], **${PY_KWARGS})`,
    samples: [
      ...alongDimSamples(),
      at([3, 4], 'int32', { dim: 1 }),
      at([3, 4], 'bool', { dim: 0 }),
      at([3, 4], 'int32', { dim: 1, dtype: 'float32' }),
      toInt([3, 4], { dim: 0, dtype: 'int32' }),
      ...valueSamples('zeros', PROD_ZEROS, SPECIAL_DTYPES, [{ dim: 1 }, { dim: 0 }]),
      ...valueSamples('special', REDUCTION_SPECIAL, SPECIAL_DTYPES, [{ dim: 1 }, { dim: 0 }]),
    ],
    grad: true,
    tolerance: 'sum',
    mark: (s) => {
      if (name !== 'cumprod') return undefined;
      return isValues(s, 'zeros', 'float64') ? { differs: 'cumprod second-order gradient at zeros: refused (NotSupportedError)' } : undefined;
    },
    errors: [
      ...dimErrors(name, fn),
      { label: 'no dim', call: () => fn(x34()), error: TypeError, message: `${name}(): missing the dim` },
      badDType(fn, [1]),
    ],
  });
}

// ---- sumToSize ----


const sumToSizeEntry = reduceEntry('sumToSize', {
  positional: ['size'],
  torch: "lambda t, k: t[0].sum_to_size(k['size'])",
  samples: [
    at([3, 4], 'float32', { size: [1, 4] }),
    at([3, 4], 'float32', { size: [3, 1] }),
    at([3, 4], 'float32', { size: [4] }),
    at([3, 4], 'float32', { size: [1, 1] }),
    at([3, 4], 'float32', { size: [] }),
    at([2, 3, 4], 'float32', { size: [3, 4] }),
    at([2, 3, 4], 'float32', { size: [2, 1, 4] }),
    at([3, 4], 'float32', { size: [3, 4] }),
    at([129, 3], 'float32', { size: [1, 3] }),
    at([0, 3], 'float32', { size: [3] }),
    at([2, 3], 'float64', { size: [1, 3] }),
    at([2, 3], 'float64', { size: [2, 1] }),
    at([2, 3], 'float64', { size: [2, 3] }),
    at([3, 4], 'int32', { size: [4] }),
    at([3, 4], 'bool', { size: [3, 1] }),
    at([3, 4], 'float32', { size: [2, 4] }),
    at([4], 'float32', { size: [3, 4] }),
  ],
  grad: true,
  tolerance: 'sum',
  errors: [
    { label: 'a size that does not expand', call: () => sumToSize(x34(), [2, 4]), error: ShapeError, message: 'size {[2, 4]} is not expandable to size {[3, 4]}.' },
  ],
});

export const reduceEntries: OpEntry[] = [
  sumEntry,
  meanEntry,
  prodEntry,
  extremaEntry('max'),
  extremaEntry('min'),
  amaxEntry('amax'),
  amaxEntry('amin'),
  argEntry('argmax'),
  argEntry('argmin'),
  logicalEntry('all'),
  logicalEntry('any'),
  countNonzeroEntry,
  normEntry,
  varianceEntry('var', 'var'),
  varianceEntry('std', 'std'),
  varianceEntry('varMean', 'var_mean'),
  varianceEntry('stdMean', 'std_mean'),
  logsumexpEntry,
  softmaxEntry('softmax', 'softmax'),
  softmaxEntry('logSoftmax', 'log_softmax'),
  cumulativeEntry('cumsum'),
  cumulativeEntry('cumprod'),
  sumToSizeEntry,
];
