// nn.functional (src/nn/functional): convolutions, unfold/fold, pooling, normalisation, losses, dropout, embedding
// and oneHot. The functionals that are the top-level ops themselves (linear, pad, softmax, logSoftmax and the
// activations) are covered by those ops' entries.
//
// Samples name the functional's options in its own camelCase (args); the optional tensor inputs after the required
// ones are named, in order, by args.with (['weight', 'bias']); args.positional passes the options positionally, in
// PyTorch's order. PyTorch gets them as keyword arguments in snake_case.
import { DTypeError, IndexError, NotSupportedError, ShapeError, nn, ones, tensor, type Tensor } from '../../../src/index';
import { specOf } from '../samples';
import type { Domain, ErrorInput, InputSpec, OpEntry, Sample } from '../types';
import { exported, snake } from './define';

const F = nn.functional;
type Args = Record<string, unknown>;
type Shape = readonly number[];

const f32 = (shape: Shape, extra: Omit<InputSpec, 'shape' | 'dtype'> = {}): InputSpec => specOf(shape, 'float32', extra);
const f64 = (shape: Shape, extra: Omit<InputSpec, 'shape' | 'dtype'> = {}): InputSpec => specOf(shape, 'float64', extra);
/** Class indices, labels, embedding rows: exact int32 values. */
const ints = (shape: Shape, values: readonly number[]): InputSpec => specOf(shape, 'int32', { values });
/** An optional tensor that is not differentiated (loss weights, running statistics). */
const constant = (shape: Shape, dtype: 'float32' | 'float64' = 'float32', domain?: Domain): InputSpec => specOf(shape, dtype, { grad: false, ...(domain ? { domain } : {}) });

/** Keys of a sample's args that describe the sample, not options of the functional. */
const SAMPLE_KEYS = ['with', 'positional'];

/**
 * The options of a functional call: the sample's args (less `skip` and the sample's own keys) and the optional tensor
 * inputs named in args.with, which follow the first `required` inputs.
 */
function optionsOf(inputs: Tensor[], k: Args, required: number, skip: readonly string[] = []): Args {
  const out: Args = {};
  for (const [key, v] of Object.entries(k)) if (!SAMPLE_KEYS.includes(key) && !skip.includes(key)) out[key] = v;
  ((k.with ?? []) as string[]).forEach((name, i) => (out[name] = inputs[required + i]));
  return out;
}

/** The trailing arguments of a functional: one options object, or with args.positional the values in `order`. */
function trailing(options: Args, k: Args, order: readonly string[]): unknown[] {
  if (!k.positional) return [options];
  const unknown = Object.keys(options).filter((key) => !order.includes(key));
  if (unknown.length > 0) throw new Error(`positional sample with options ${unknown.join(', ')} outside (${order.join(', ')})`);
  const last = Math.max(-1, ...Object.keys(options).map((key) => order.indexOf(key)));
  return order.slice(0, last + 1).map((key) => options[key]);
}

/**
 * PyTorch's call as a lambda: `call` is a Python expression of t, k and kw, the keyword arguments: the sample's args
 * with snake_case keys (less `skip`), and the optional tensors named in args.with, from t[required] on.
 */
function torchCall(required: number, call: string, skip: readonly string[] = []): string {
  const toSnake = "(lambda a: __import__('re').sub('[A-Z]', lambda m: '_' + m.group(0).lower(), a))";
  const left = [...SAMPLE_KEYS, ...skip].map((key) => `'${key}'`).join(', ');
  return (
    `lambda t, k: (lambda s: (lambda kw: ${call})({**{s(a): v for a, v in k.items() if a not in (${left})}, ` +
    `**{s(n): x for n, x in zip(k.get('with', []), t[${required}:])}}))(${toSnake})`
  );
}

/** PyTorch's name of a functional: F.max_pool2d for maxPool2d. */
const pyName = (name: string): string => `F.${snake(name)}`;

/** A functional called with the arguments a sample builds (the typed overloads take them one form at a time). */
const untyped = (name: string) => exported(`nn.functional.${name}`);

interface FunctionalOptions {
  /** Tensor inputs before the options (input, weight ...). */
  required?: number;
  /** PyTorch's positional order of the options (for args.positional). */
  order: readonly string[];
  /** PyTorch's call of the required inputs, e.g. 't[0], t[1].long()'; default t[0] ... t[required - 1]. */
  torchInputs?: string;
  samples: Sample[];
  grad?: boolean;
  gradgrad?: boolean;
  tolerance?: OpEntry['tolerance'];
  errors: ErrorInput[];
}

/** An entry for F.name(...required tensors, options): the common shape of nn.functional. */
function functional(name: string, o: FunctionalOptions): OpEntry {
  const fn = untyped(name);
  const required = o.required ?? 1;
  const inputs = o.torchInputs ?? Array.from({ length: required }, (_, i) => `t[${i}]`).join(', ');
  return {
    name: `nn.functional.${name}`,
    call: (t, k) => fn(...t.slice(0, required), ...trailing(optionsOf(t, k, required), k, o.order)),
    torch: torchCall(required, `${pyName(name)}(${inputs}, **kw)`),
    samples: o.samples,
    grad: o.grad ?? true,
    gradgrad: o.gradgrad ?? o.grad ?? true,
    ...(o.tolerance ? { tolerance: o.tolerance } : {}),
    errors: o.errors,
  };
}

/** The TypeError of a misspelt option key. */
const unknownKey = (label: string, fn: string, key: string, call: () => unknown): ErrorInput => ({
  label: `unknown option key '${key}' (${label})`,
  call,
  error: TypeError,
  message: `${fn}() got an unexpected keyword argument '${key}'`,
});

const intInput = (fn: string, call: () => unknown): ErrorInput => ({ label: 'int32 input', call, error: DTypeError, message: `${fn}: expected a floating point` });

const image = (shape: Shape) => ones(shape as number[]);

// ---------------------------------------------------------------- convolution

const CONV_ORDER = ['bias', 'stride', 'padding', 'dilation', 'groups'];

/** PyTorch convolves integer tensors; wasmgrad's convolutions are float GEMMs and say so (not a PyTorch refusal, so not a sample). */
const intConv = (fn: string, call: () => unknown): ErrorInput => ({
  label: 'int32 input and weight (unsupported)',
  call,
  error: NotSupportedError,
  message: `${fn}: int32 inputs are not supported; convolutions are computed in float32 or float64`,
});

/** conv samples: [input shape, weight shape, args]; args.with names the bias when there is one. */
function convSamples(cases: (readonly [Shape, Shape, Args?])[], dtype: 'float32' | 'float64' = 'float32'): Sample[] {
  return cases.map(([x, w, args = {}]) => {
    const bias = ((args.with ?? []) as string[]).includes('bias') ? [specOf([w[0]!], dtype)] : [];
    return { inputs: [specOf(x, dtype), specOf(w, dtype), ...bias], args };
  });
}

const B = { with: ['bias'] };

const conv2dEntry = functional('conv2d', {
  required: 2,
  order: CONV_ORDER,
  tolerance: 'sum',
  samples: [
    ...convSamples([
      [[2, 3, 7, 9], [4, 3, 3, 3], B],
      [[1, 2, 5, 5], [3, 2, 3, 3], { stride: 2 }],
      [[3, 2, 6, 7], [4, 2, 3, 2], { ...B, padding: 1, stride: [2, 1], dilation: [1, 2] }],
      [[3, 4, 6, 5], [6, 2, 3, 1], { ...B, groups: 2 }],
      [[1, 3, 5, 5], [3, 1, 3, 3], { groups: 3, padding: 1 }],
      [[2, 2, 6, 6], [3, 2, 2, 4], { ...B, padding: 'same', dilation: 2 }],
      [[2, 2, 5, 6], [3, 2, 2, 3], { padding: 'same' }],
      [[2, 2, 5, 6], [3, 2, 3, 3], { ...B, padding: 'valid' }],
      [[2, 5, 4, 3], [7, 5, 1, 1], B],
      [[3, 6, 6], [4, 3, 3, 3], B],
      [[3, 5, 17, 13], [7, 5, 3, 5], { ...B, padding: [1, 2] }],
      [[2, 3, 4, 5], [2, 3, 4, 5], B],
      [[0, 3, 5, 5], [4, 3, 3, 3], B],
      [[1, 4, 9, 9], [4, 2, 3, 3], { groups: 2, stride: 3, dilation: 2, padding: 2 }],
      [[2, 1, 3, 3], [2, 1, 2, 2], { ...B, padding: 3, stride: 3 }],
      [[1, 2, 4, 9], [3, 2, 1, 4], { dilation: [1, 3], stride: [1, 2], padding: [2, 0] }],
      [[2, 3, 5, 5], [4, 3, 3, 3], { ...B, stride: 1, padding: 1, positional: true }],
      [[1, 2, 5, 5], [2, 2, 3, 3], { stride: [2, 2], padding: [0, 1], dilation: [1, 1], positional: true }],
    ]),
    ...convSamples(
      [
        [[1, 2, 3, 3], [2, 2, 2, 2], B],
        [[1, 2, 3, 4], [2, 1, 2, 2], { ...B, groups: 2, padding: 1, stride: 2 }],
        [[3, 1, 2, 3], [2, 1, 2, 2], { dilation: [1, 2] }],
        [[1, 1, 3, 3], [2, 1, 2, 2], { ...B, padding: 'same' }],
      ],
      'float64',
    ),
    {
      inputs: [f32([1, 1, 3, 4], { values: [1, NaN, 2, 0, Infinity, 1, -1, 2, 0, 1, 2, -Infinity] }), f32([1, 1, 2, 2])],
      label: 'NaN and infinities spread to the windows that read them',
    },
    {
      inputs: [
        f32([1, 2, 3, 4], { values: [1, NaN, 2, 0, Infinity, 1, -1, 2, 0, 1, 2, -Infinity, 0, 1, NaN, 2, 1, 0, 3, 1, -1, 2, 1, 0] }),
        f32([2, 1, 2, 2]),
      ],
      args: { groups: 2, dilation: [1, 2] },
      label: 'NaN and infinities, grouped and dilated',
    },
    {
      inputs: [f32([1, 1, 4, 5], { values: [1, NaN, 2, 0, 3, Infinity, 1, -1, 2, 0, 0, 1, 2, -Infinity, 1, 0, 1, NaN, 2, 1] }), f32([1, 1, 2, 2])],
      args: { stride: 2 },
      label: 'NaN and infinities, strided',
    },
    // Refused by PyTorch.
    { inputs: [f32([1, 4, 5, 5]), f32([2, 3, 3, 3])], label: 'wrong channel count' },
    { inputs: [f32([1, 1, 2, 2]), f32([1, 1, 3, 3])], label: 'kernel larger than the input' },
    { inputs: [f32([1, 1, 4, 4]), f32([1, 1, 3, 3])], args: { dilation: 2 }, label: 'dilated kernel larger than the input' },
    { inputs: [f32([1, 2, 4, 4]), f64([1, 2, 2, 2])], label: 'float64 weight' },
    { inputs: [f32([1, 2, 4, 4]), f32([2, 2, 2, 2]), f32([3])], args: B, label: 'bias of the wrong size' },
    { inputs: [f32([1, 3, 4, 4]), f32([2, 1, 2, 2])], args: { groups: 2 }, label: 'channels not divisible by groups' },
    { inputs: [f32([1, 2, 4, 4]), f32([2, 2, 2, 2])], args: { padding: 'same', stride: 2 }, label: "padding 'same' with stride 2" },
    { inputs: [f32([1, 2, 4, 4]), f32([2, 2, 2, 2])], args: { padding: -1 }, label: 'negative padding' },
    { inputs: [f32([4, 4]), f32([2, 1, 2, 2])], label: '2-D input' },
  ],
  errors: [
    unknownKey('stride', 'conv2d', 'strides', () => F.conv2d(image([1, 1, 3, 3]), image([1, 1, 2, 2]), { strides: 2 } as never)),
    intConv('conv2d', () => F.conv2d(ones([1, 1, 3, 3], { dtype: 'int32' }), ones([1, 1, 2, 2], { dtype: 'int32' }))),
    { label: 'wrong channel count', call: () => F.conv2d(image([1, 4, 5, 5]), image([2, 3, 3, 3])), error: ShapeError, message: 'expected input[1, 4, 5, 5] to have 3 channels, but got 4 channels instead' },
    { label: 'kernel larger than the input', call: () => F.conv2d(image([1, 1, 2, 2]), image([1, 1, 3, 3])), error: ShapeError, message: "Kernel size can't be greater than actual input size" },
    { label: 'weight dtype', call: () => F.conv2d(image([1, 1, 3, 3]), ones([1, 1, 2, 2], { dtype: 'float64' })), error: DTypeError, message: 'Input type (torch.FloatTensor) and weight type (torch.DoubleTensor) should be the same' },
  ],
});

const conv1dEntry = functional('conv1d', {
  required: 2,
  order: CONV_ORDER,
  tolerance: 'sum',
  samples: [
    ...convSamples([
      [[2, 3, 9], [4, 3, 3], B],
      [[1, 2, 7], [3, 2, 3], { stride: 2 }],
      [[3, 2, 11], [4, 2, 3], { ...B, padding: 2, dilation: 2, stride: 3 }],
      [[3, 4, 8], [6, 2, 3], { ...B, groups: 2 }],
      [[1, 3, 6], [3, 1, 3], { groups: 3, padding: 1 }],
      [[2, 2, 9], [3, 2, 4], { ...B, padding: 'same' }],
      [[2, 2, 9], [3, 2, 3], { padding: 'same', dilation: 3 }],
      [[2, 2, 9], [3, 2, 3], { ...B, padding: 'valid' }],
      [[2, 5, 7], [7, 5, 1], B],
      [[3, 10], [4, 3, 3], B],
      [[3, 5, 129], [7, 5, 5], { ...B, padding: 2 }],
      [[2, 3, 4], [2, 3, 4], B],
      [[0, 3, 5], [4, 3, 3], B],
      [[2, 3, 8], [4, 3, 3], { ...B, stride: 2, padding: 1, dilation: 1, groups: 1, positional: true }],
    ]),
    ...convSamples(
      [
        [[1, 2, 5], [2, 2, 3], B],
        [[3, 2, 4], [2, 1, 2], { ...B, groups: 2, padding: 1, stride: 2 }],
        [[2, 1, 6], [3, 1, 2], { dilation: 3 }],
      ],
      'float64',
    ),
    { inputs: [f32([1, 4, 5]), f32([2, 3, 3])], label: 'wrong channel count' },
    { inputs: [f32([1, 1, 2]), f32([1, 1, 3])], label: 'kernel larger than the input' },
    { inputs: [f32([1, 2, 4]), f32([2, 2, 2, 2])], label: '4-D weight' },
    { inputs: [f32([1, 2, 5]), f32([2, 2, 2]), f32([1])], args: B, label: 'bias of the wrong size' },
  ],
  errors: [
    unknownKey('padding', 'conv1d', 'pad', () => F.conv1d(image([1, 1, 3]), image([1, 1, 2]), { pad: 1 } as never)),
    intConv('conv1d', () => F.conv1d(ones([1, 1, 3], { dtype: 'int32' }), ones([1, 1, 2], { dtype: 'int32' }))),
    { label: 'wrong channel count', call: () => F.conv1d(image([1, 4, 5]), image([2, 3, 3])), error: ShapeError, message: 'to have 3 channels, but got 4 channels instead' },
    { label: 'kernel larger than the input', call: () => F.conv1d(image([1, 1, 2]), image([1, 1, 3])), error: ShapeError, message: "Kernel size can't be greater than actual input size" },
  ],
});

// ---------------------------------------------------------------- unfold, fold

const unfoldEntry = functional('unfold', {
  order: ['kernelSize', 'dilation', 'padding', 'stride'],
  samples: [
    { inputs: [f32([2, 3, 5, 6])], args: { kernelSize: 2 } },
    { inputs: [f32([1, 2, 7, 7])], args: { kernelSize: 3, stride: 2, padding: 1 } },
    { inputs: [f32([2, 2, 6, 9])], args: { kernelSize: [2, 3], dilation: [2, 1], stride: [1, 2] } },
    { inputs: [f32([3, 5, 5])], args: { kernelSize: 3 } },
    { inputs: [f32([2, 3, 17, 13])], args: { kernelSize: 3, padding: 1 } },
    { inputs: [f32([1, 1, 3, 3])], args: { kernelSize: 2, padding: 3, stride: 3 }, label: 'padding wider than the kernel' },
    { inputs: [f32([0, 2, 4, 4])], args: { kernelSize: 2 } },
    { inputs: [f32([1, 2, 5, 5])], args: { kernelSize: 2, dilation: 2, padding: 1, stride: 2, positional: true } },
    { inputs: [f64([1, 2, 3, 4])], args: { kernelSize: 2 } },
    { inputs: [f64([2, 1, 3, 3])], args: { kernelSize: 2, padding: 1, stride: 2 } },
    { inputs: [specOf([1, 1, 3, 3], 'int32')], args: { kernelSize: 2 }, label: 'int32 input' },
    { inputs: [f32([4, 4])], args: { kernelSize: 2 }, label: '2-D input' },
    { inputs: [f32([1, 1, 2, 2])], args: { kernelSize: 3 }, label: 'kernel larger than the input' },
  ],
  errors: [
    unknownKey('kernelSize', 'unfold', 'kernel', () => F.unfold(image([1, 1, 3, 3]), { kernel: 2 } as never)),
    { label: '2-D input', call: () => F.unfold(image([4, 4]), 2), error: ShapeError, message: 'Expected 3D or 4D (batch mode) tensor' },
    { label: 'kernel larger than the input', call: () => F.unfold(image([1, 1, 2, 2]), 3), error: ShapeError, message: 'calculated shape of the array of sliding blocks as (0, 0)' },
  ],
});

const foldEntry = functional('fold', {
  order: ['outputSize', 'kernelSize', 'dilation', 'padding', 'stride'],
  samples: [
    { inputs: [f32([2, 12, 12])], args: { outputSize: [4, 5], kernelSize: 2 } },
    { inputs: [f32([1, 18, 16])], args: { outputSize: 7, kernelSize: 3, stride: 2, padding: 1 } },
    { inputs: [f32([12, 12])], args: { outputSize: [4, 5], kernelSize: 2 } },
    { inputs: [f32([3, 12, 16])], args: { outputSize: [6, 9], kernelSize: [2, 3], dilation: [2, 1], stride: [1, 2] } },
    { inputs: [f32([1, 8, 9])], args: { outputSize: [4, 4], kernelSize: 2, dilation: 1, padding: 0, stride: 1, positional: true } },
    { inputs: [f64([1, 4, 4])], args: { outputSize: [3, 3], kernelSize: 2 } },
    { inputs: [f64([2, 4, 2])], args: { outputSize: [2, 3], kernelSize: 2 } },
    { inputs: [f32([1, 12, 11])], args: { outputSize: [4, 5], kernelSize: 2 }, label: 'block count differs from the output size' },
    { inputs: [f32([1, 10, 12])], args: { outputSize: [4, 5], kernelSize: 2 }, label: 'rows not divisible by the kernel size' },
    { inputs: [f32([1, 1, 12, 12])], args: { outputSize: [4, 5], kernelSize: 2 }, label: '4-D input' },
  ],
  errors: [
    unknownKey('outputSize', 'fold', 'output_size', () => F.fold(image([1, 4, 4]), { output_size: 3, kernelSize: 2 } as never)),
    { label: 'block count differs', call: () => F.fold(image([1, 12, 11]), [4, 5], 2), error: ShapeError, message: 'to match the calculated number of sliding blocks 3 * 4 = 12, but got input.size(2)=11' },
  ],
});

// ---------------------------------------------------------------- pooling

const MAX_POOL_ORDER = ['kernelSize', 'stride', 'padding', 'dilation', 'ceilMode', 'returnIndices'];
const AVG_POOL_ORDER = ['kernelSize', 'stride', 'padding', 'ceilMode', 'countIncludePad', 'divisorOverride'];

/** Special values for pooling windows: NaN wins a max window, infinities dominate. */
const POOL_SPECIAL = [1, NaN, 2, -Infinity, 0, 3, Infinity, -1, 2];

const maxPool2dEntry = functional('maxPool2d', {
  order: MAX_POOL_ORDER,
  samples: [
    { inputs: [f32([2, 3, 6, 6])], args: { kernelSize: 2 } },
    { inputs: [f32([1, 2, 7, 7])], args: { kernelSize: 3, stride: 2, padding: 1 } },
    { inputs: [f32([3, 2, 7, 9])], args: { kernelSize: [2, 3], stride: [1, 2] } },
    { inputs: [f32([2, 2, 9, 9])], args: { kernelSize: 3, dilation: 2, padding: 1, stride: 2 } },
    { inputs: [f32([1, 1, 7, 7])], args: { kernelSize: 2, ceilMode: true } },
    { inputs: [f32([2, 3, 5, 5])], args: { kernelSize: 2, stride: 2, padding: 1, ceilMode: true } },
    { inputs: [f32([1, 2, 8, 8])], args: { kernelSize: 3, stride: 2, dilation: 2, padding: 1, ceilMode: true } },
    { inputs: [f32([1, 1, 4, 4])], args: { kernelSize: 2, stride: 3, padding: 1, ceilMode: true }, label: 'ceil mode: no window starts in the right padding' },
    { inputs: [f32([2, 2, 6, 6])], args: { kernelSize: 3, stride: 2, padding: 1, returnIndices: true } },
    { inputs: [f32([3, 8, 8])], args: { kernelSize: 2 } },
    { inputs: [f32([2, 3, 17, 13])], args: { kernelSize: 3, stride: 2 } },
    { inputs: [f32([1, 2, 5, 5])], args: { kernelSize: 2, stride: null } },
    { inputs: [f32([0, 2, 4, 4])], args: { kernelSize: 2 } },
    { inputs: [f32([1, 2, 6, 6])], args: { kernelSize: 3, stride: 1, padding: 1, dilation: 1, ceilMode: false, returnIndices: true, positional: true } },
    { inputs: [f64([1, 2, 3, 4])], args: { kernelSize: 2, stride: 1 } },
    { inputs: [f64([1, 1, 4, 4])], args: { kernelSize: 2, padding: 1, returnIndices: true } },
    { inputs: [f64([3, 1, 2, 3])], args: { kernelSize: [1, 2], stride: 1, dilation: [1, 2] } },
    { inputs: [f32([1, 1, 3, 3], { values: POOL_SPECIAL })], args: { kernelSize: 2, stride: 1, returnIndices: true }, label: 'special values' },
    { inputs: [specOf([1, 1, 4, 4], 'int32')], args: { kernelSize: 2 }, label: 'int32 input' },
    { inputs: [f32([1, 1, 2, 2])], args: { kernelSize: 3 }, label: 'kernel larger than the input' },
    { inputs: [f32([1, 1, 6, 6])], args: { kernelSize: 2, padding: 2 }, label: 'padding over half the kernel' },
    { inputs: [f32([1, 1, 0, 4])], args: { kernelSize: 2 }, label: 'empty plane' },
    { inputs: [f32([4, 4])], args: { kernelSize: 2 }, label: '2-D input' },
  ],
  errors: [
    unknownKey('ceilMode', 'max_pool2d', 'ceil_mode', () => F.maxPool2d(image([1, 1, 4, 4]), 2, { ceil_mode: true } as never)),
    intInput('max_pool2d', () => F.maxPool2d(ones([1, 1, 4, 4], { dtype: 'int32' }), 2)),
    { label: 'kernel larger than the input', call: () => F.maxPool2d(image([1, 1, 2, 2]), 3), error: ShapeError, message: 'Given input size: (1x2x2). Calculated output size: (1x0x0). Output size is too small' },
    { label: 'padding over half the kernel', call: () => F.maxPool2d(image([1, 1, 6, 6]), 2, { padding: 2 }), error: RangeError, message: 'pad should be at most half of effective kernel size' },
  ],
});

const maxPool1dEntry = functional('maxPool1d', {
  order: MAX_POOL_ORDER,
  samples: [
    { inputs: [f32([2, 3, 8])], args: { kernelSize: 2 } },
    { inputs: [f32([1, 2, 9])], args: { kernelSize: 3, stride: 2, padding: 1 } },
    { inputs: [f32([3, 2, 11])], args: { kernelSize: 3, dilation: 2, padding: 1, stride: 2 } },
    { inputs: [f32([1, 1, 7])], args: { kernelSize: 2, ceilMode: true } },
    { inputs: [f32([2, 1, 10])], args: { kernelSize: 3, stride: 2, dilation: 2, padding: 1, ceilMode: true, returnIndices: true } },
    { inputs: [f32([2, 2, 9])], args: { kernelSize: 3, stride: 2, padding: 1, returnIndices: true } },
    { inputs: [f32([3, 10])], args: { kernelSize: 3 } },
    { inputs: [f32([3, 5, 129])], args: { kernelSize: 4, stride: 3, padding: 1 } },
    { inputs: [f32([0, 2, 4])], args: { kernelSize: 2 } },
    { inputs: [f32([1, 2, 7])], args: { kernelSize: 2, stride: 1, padding: 1, dilation: 1, ceilMode: true, positional: true } },
    { inputs: [f64([2, 2, 5])], args: { kernelSize: 2, stride: 1 } },
    { inputs: [f64([1, 3, 6])], args: { kernelSize: 3, padding: 1, returnIndices: true } },
    { inputs: [f32([1, 1, 9], { values: POOL_SPECIAL })], args: { kernelSize: 2, stride: 1, returnIndices: true }, label: 'special values' },
    { inputs: [specOf([1, 1, 4], 'int32')], args: { kernelSize: 2 }, label: 'int32 input' },
    { inputs: [f32([1, 1, 2])], args: { kernelSize: 3 }, label: 'kernel larger than the input' },
    { inputs: [f32([1, 1, 6])], args: { kernelSize: 2, padding: 2 }, label: 'padding over half the kernel' },
    { inputs: [f32([4])], args: { kernelSize: 2 }, label: '1-D input' },
  ],
  errors: [
    unknownKey('stride', 'max_pool1d', 'step', () => F.maxPool1d(image([1, 1, 4]), 2, { step: 1 } as never)),
    intInput('max_pool1d', () => F.maxPool1d(ones([1, 1, 4], { dtype: 'int32' }), 2)),
    { label: 'kernel larger than the input', call: () => F.maxPool1d(image([1, 1, 2]), 3), error: ShapeError, message: 'Output size is too small' },
  ],
});

const avgPool2dEntry = functional('avgPool2d', {
  order: AVG_POOL_ORDER,
  samples: [
    { inputs: [f32([2, 3, 6, 6])], args: { kernelSize: 2 } },
    { inputs: [f32([1, 2, 7, 7])], args: { kernelSize: 3, stride: 2, padding: 1 } },
    { inputs: [f32([1, 2, 7, 7])], args: { kernelSize: 3, stride: 2, padding: 1, countIncludePad: false } },
    { inputs: [f32([2, 2, 7, 5])], args: { kernelSize: [3, 2], stride: [2, 1], padding: [1, 1], ceilMode: true } },
    { inputs: [f32([1, 1, 5, 5])], args: { kernelSize: 2, stride: 2, padding: 1, ceilMode: true, countIncludePad: false } },
    { inputs: [f32([2, 2, 6, 6])], args: { kernelSize: 3, stride: 2, padding: 1, divisorOverride: 3 } },
    { inputs: [f32([1, 1, 4, 4])], args: { kernelSize: 2, stride: 3, padding: 1, ceilMode: true }, label: 'ceil mode: no window starts in the right padding' },
    { inputs: [f32([1, 2, 5, 7])], args: { kernelSize: [3, 2], stride: [2, 3], padding: [1, 0], ceilMode: true, countIncludePad: false, divisorOverride: 4 } },
    { inputs: [f32([3, 5, 5])], args: { kernelSize: 2, stride: 1 } },
    { inputs: [f32([2, 3, 17, 13])], args: { kernelSize: 3, stride: 2 } },
    { inputs: [f32([0, 2, 4, 4])], args: { kernelSize: 2 } },
    { inputs: [f32([1, 2, 6, 6])], args: { kernelSize: 3, stride: null, padding: 1, ceilMode: true, countIncludePad: true, divisorOverride: 2, positional: true } },
    { inputs: [f64([1, 2, 3, 4])], args: { kernelSize: 2, stride: 1, padding: 1 } },
    { inputs: [f64([1, 1, 4, 4])], args: { kernelSize: 3, stride: 2, padding: 1, ceilMode: true, countIncludePad: false } },
    { inputs: [f64([2, 1, 3, 3])], args: { kernelSize: 2, stride: 1, divisorOverride: 5 } },
    { inputs: [f32([1, 1, 3, 3], { values: POOL_SPECIAL })], args: { kernelSize: 2, stride: 1 }, label: 'special values' },
    { inputs: [specOf([1, 1, 4, 4], 'int32')], args: { kernelSize: 2 }, label: 'int32 input' },
    { inputs: [f32([1, 1, 2, 2])], args: { kernelSize: 3 }, label: 'kernel larger than the input' },
    { inputs: [f32([1, 1, 6, 6])], args: { kernelSize: 2, padding: 2 }, label: 'padding over half the kernel' },
    { inputs: [f32([1, 1, 4, 4])], args: { kernelSize: 2, divisorOverride: 0 }, label: 'divisor 0' },
  ],
  errors: [
    unknownKey('countIncludePad', 'avg_pool2d', 'countIncludePadding', () => F.avgPool2d(image([1, 1, 4, 4]), 2, { countIncludePadding: false } as never)),
    intInput('avg_pool2d', () => F.avgPool2d(ones([1, 1, 4, 4], { dtype: 'int32' }), 2)),
    { label: 'kernel larger than the input', call: () => F.avgPool2d(image([1, 1, 2, 2]), 3), error: ShapeError, message: 'Output size is too small' },
    { label: 'padding over half the kernel', call: () => F.avgPool2d(image([1, 1, 6, 6]), 2, { padding: 2 }), error: RangeError, message: 'pad should be smaller than or equal to half of kernel size' },
  ],
});

const avgPool1dEntry = functional('avgPool1d', {
  order: AVG_POOL_ORDER.slice(0, 5),
  samples: [
    { inputs: [f32([2, 3, 8])], args: { kernelSize: 2 } },
    { inputs: [f32([1, 2, 9])], args: { kernelSize: 3, stride: 2, padding: 1 } },
    { inputs: [f32([1, 2, 9])], args: { kernelSize: 3, stride: 2, padding: 1, countIncludePad: false } },
    { inputs: [f32([2, 2, 7])], args: { kernelSize: 3, stride: 2, padding: 1, ceilMode: true } },
    { inputs: [f32([1, 1, 5])], args: { kernelSize: 2, stride: 2, padding: 1, ceilMode: true, countIncludePad: false } },
    { inputs: [f32([1, 1, 4])], args: { kernelSize: 2, stride: 3, padding: 1, ceilMode: true }, label: 'ceil mode: no window starts in the right padding' },
    { inputs: [f32([3, 10])], args: { kernelSize: 3 } },
    { inputs: [f32([3, 5, 129])], args: { kernelSize: 4, stride: 3, padding: 2 } },
    { inputs: [f32([0, 2, 4])], args: { kernelSize: 2 } },
    { inputs: [f32([1, 2, 7])], args: { kernelSize: 3, stride: 2, padding: 1, ceilMode: true, countIncludePad: false, positional: true } },
    { inputs: [f64([2, 2, 5])], args: { kernelSize: 2, stride: 1, padding: 1 } },
    { inputs: [f64([1, 3, 6])], args: { kernelSize: 3, stride: 2, padding: 1, ceilMode: true, countIncludePad: false } },
    { inputs: [f32([1, 1, 9], { values: POOL_SPECIAL })], args: { kernelSize: 2, stride: 1 }, label: 'special values' },
    { inputs: [specOf([1, 1, 4], 'int32')], args: { kernelSize: 2 }, label: 'int32 input' },
    { inputs: [f32([1, 1, 2])], args: { kernelSize: 3 }, label: 'kernel larger than the input' },
    { inputs: [f32([1, 1, 6])], args: { kernelSize: 2, padding: 2 }, label: 'padding over half the kernel' },
  ],
  errors: [
    unknownKey('divisorOverride: avg_pool1d has none', 'avg_pool1d', 'divisorOverride', () => F.avgPool1d(image([1, 1, 4]), 2, { divisorOverride: 2 } as never)),
    intInput('avg_pool1d', () => F.avgPool1d(ones([1, 1, 4], { dtype: 'int32' }), 2)),
  ],
});

/** Adaptive pooling: fn(input, outputSize) or, with returnIndices in args, fn(input, outputSize, returnIndices). */
function adaptiveEntry(name: string, samples: Sample[], errors: ErrorInput[]): OpEntry {
  const fn = untyped(name);
  const withIndices = name.startsWith('adaptiveMax');
  return {
    name: `nn.functional.${name}`,
    call: ([x], k) => ('returnIndices' in k ? fn(x, k.outputSize, k.returnIndices) : fn(x, k.outputSize)),
    torch: `lambda t, k: ${pyName(name)}(t[0], k['outputSize']${withIndices ? ", k.get('returnIndices', False)" : ''})`,
    samples,
    grad: true,
    gradgrad: true,
    errors,
  };
}

function adaptive2dSamples(max: boolean): Sample[] {
  const indices = max ? { returnIndices: true } : {};
  return [
    { inputs: [f32([2, 3, 7, 9])], args: { outputSize: [3, 4] } },
    { inputs: [f32([1, 2, 5, 5])], args: { outputSize: 3, ...indices } },
    { inputs: [f32([2, 2, 3, 3])], args: { outputSize: 5 } },
    { inputs: [f32([2, 2, 6, 7])], args: { outputSize: [null, 2] } },
    { inputs: [f32([1, 3, 8, 8])], args: { outputSize: 1 } },
    { inputs: [f32([3, 6, 6])], args: { outputSize: 4, ...indices } },
    { inputs: [f32([2, 3, 17, 13])], args: { outputSize: [5, 3] } },
    { inputs: [f32([0, 2, 4, 4])], args: { outputSize: 2 } },
    // Forward only: PyTorch's backward refuses an empty gradient.
    { inputs: [f32([1, 1, 4, 4], { grad: false })], args: { outputSize: 0 }, label: 'output size 0' },
    { inputs: [f64([1, 2, 3, 4])], args: { outputSize: [2, 3] } },
    { inputs: [f64([2, 1, 3, 3])], args: { outputSize: 2, ...indices } },
    { inputs: [f32([1, 1, 3, 3], { values: POOL_SPECIAL })], args: { outputSize: 2, ...indices }, label: 'special values' },
    { inputs: [specOf([1, 1, 4, 4], 'int32')], args: { outputSize: 2 }, label: 'int32 input' },
    { inputs: [f32([4, 4])], args: { outputSize: 2 }, label: '2-D input' },
    { inputs: [f32([1, 1, 4, 4])], args: { outputSize: [2, 2, 2] }, label: 'three output sizes' },
  ];
}

function adaptive1dSamples(max: boolean): Sample[] {
  const indices = max ? { returnIndices: true } : {};
  return [
    { inputs: [f32([2, 3, 9])], args: { outputSize: 4 } },
    { inputs: [f32([1, 2, 5])], args: { outputSize: 3, ...indices } },
    { inputs: [f32([2, 2, 3])], args: { outputSize: 5 } },
    { inputs: [f32([1, 3, 8])], args: { outputSize: 1 } },
    { inputs: [f32([3, 7])], args: { outputSize: [3], ...indices } },
    { inputs: [f32([3, 5, 129])], args: { outputSize: 10 } },
    { inputs: [f32([0, 2, 4])], args: { outputSize: 2 } },
    { inputs: [f64([2, 2, 5])], args: { outputSize: 3 } },
    { inputs: [f64([1, 3, 7])], args: { outputSize: 2, ...indices } },
    { inputs: [f32([1, 1, 9], { values: POOL_SPECIAL })], args: { outputSize: 4, ...indices }, label: 'special values' },
    { inputs: [specOf([1, 1, 4], 'int32')], args: { outputSize: 2 }, label: 'int32 input' },
    { inputs: [f32([4])], args: { outputSize: 2 }, label: '1-D input' },
  ];
}

const adaptiveEntries = [
  adaptiveEntry('adaptiveAvgPool2d', adaptive2dSamples(false), [
    intInput('adaptive_avg_pool2d', () => F.adaptiveAvgPool2d(ones([1, 1, 4, 4], { dtype: 'int32' }), 2)),
    { label: '2-D input', call: () => F.adaptiveAvgPool2d(image([4, 4]), 2), error: ShapeError, message: 'non-empty 3D or 4D (batch mode) tensor expected for input, but got: [4, 4]' },
    { label: 'negative output size', call: () => F.adaptiveAvgPool2d(image([1, 1, 4, 4]), -1), error: RangeError, message: 'elements of output_size must be greater than or equal to 0' },
  ]),
  adaptiveEntry('adaptiveAvgPool1d', adaptive1dSamples(false), [
    intInput('adaptive_avg_pool1d', () => F.adaptiveAvgPool1d(ones([1, 1, 4], { dtype: 'int32' }), 2)),
    { label: '1-D input', call: () => F.adaptiveAvgPool1d(image([4]), 2), error: ShapeError, message: 'Expected 2D or 3D (batch mode) tensor' },
  ]),
  adaptiveEntry('adaptiveMaxPool2d', adaptive2dSamples(true), [
    intInput('adaptive_max_pool2d', () => F.adaptiveMaxPool2d(ones([1, 1, 4, 4], { dtype: 'int32' }), 2)),
    { label: 'three output sizes', call: () => F.adaptiveMaxPool2d(image([1, 1, 4, 4]), [2, 2, 2]), error: TypeError, message: 'output_size must be an int or a tuple of 2 ints' },
  ]),
  adaptiveEntry('adaptiveMaxPool1d', adaptive1dSamples(true), [
    intInput('adaptive_max_pool1d', () => F.adaptiveMaxPool1d(ones([1, 1, 4], { dtype: 'int32' }), 2)),
    { label: '1-D input', call: () => F.adaptiveMaxPool1d(image([4]), 2), error: ShapeError, message: 'Expected 2D or 3D (batch mode) tensor' },
  ]),
];

// ---------------------------------------------------------------- normalisation

const WB = { with: ['weight', 'bias'] };
/** weight and bias of a norm over `shape`. */
const affine = (shape: Shape, dtype: 'float32' | 'float64' = 'float32'): InputSpec[] => [specOf(shape, dtype), specOf(shape, dtype)];

/** layerNorm(input, normalizedShape, options): args.normalizedShape. */
const layerNormEntry: OpEntry = {
  name: 'nn.functional.layerNorm',
  call: (t, k) => untyped('layerNorm')(t[0], k.normalizedShape, ...trailing(optionsOf(t, k, 1, ['normalizedShape']), k, ['weight', 'bias', 'eps'])),
  // wasmgrad also takes one int for normalizedShape, as nn.LayerNorm does: PyTorch's functional gets it as [n].
  torch: torchCall(1, "F.layer_norm(t[0], [k['normalizedShape']] if isinstance(k['normalizedShape'], int) else k['normalizedShape'], **kw)", ['normalizedShape']),
  samples: [
    { inputs: [f32([3, 4]), ...affine([4])], args: { normalizedShape: [4], ...WB } },
    { inputs: [f32([2, 3, 4]), ...affine([3, 4])], args: { normalizedShape: [3, 4], ...WB } },
    { inputs: [f32([2, 3, 4])], args: { normalizedShape: [4] } },
    { inputs: [f32([3, 5]), f32([5])], args: { normalizedShape: [5], with: ['weight'], eps: 1e-3 } },
    { inputs: [f32([5]), f32([5])], args: { normalizedShape: [5], with: ['bias'] } },
    { inputs: [f32([2, 129]), ...affine([129])], args: { normalizedShape: [129], ...WB } },
    { inputs: [f32([1, 7]), ...affine([7])], args: { normalizedShape: [7], ...WB } },
    { inputs: [f32([3, 4])], args: { normalizedShape: 4 } },
    { inputs: [f32([0, 4]), ...affine([4])], args: { normalizedShape: [4], ...WB } },
    { inputs: [f32([3, 6]), ...affine([6])], args: { normalizedShape: [6], ...WB, eps: 0.1, positional: true } },
    { inputs: [f32([2, 4], { values: [1, 1, 1, 1, -2, 0, 2, 4] })], args: { normalizedShape: [4] }, label: 'a constant row' },
    {
      inputs: [f32([3, 4], { values: [1, NaN, 2, 3, Infinity, 0, 1, 2, -1, 0, 1, 2] })],
      args: { normalizedShape: [4] },
      label: 'NaN and inf stay in their rows',
    },
    { inputs: [f64([2, 3]), ...affine([3], 'float64')], args: { normalizedShape: [3], ...WB } },
    { inputs: [f64([2, 2, 3])], args: { normalizedShape: [2, 3] } },
    { inputs: [f64([3, 4]), f64([4])], args: { normalizedShape: [4], with: ['weight'], eps: 0.1 } },
    { inputs: [specOf([3, 4], 'int32')], args: { normalizedShape: [4] }, label: 'int32 input' },
    { inputs: [f32([3, 4])], args: { normalizedShape: [3] }, label: 'input does not end in normalizedShape' },
    { inputs: [f32([3, 4]), f32([3])], args: { normalizedShape: [4], with: ['weight'] }, label: 'weight of the wrong shape' },
    { inputs: [f32([3, 4]), f64([4])], args: { normalizedShape: [4], with: ['weight'] }, label: 'float64 weight' },
  ],
  grad: true,
  gradgrad: true,
  tolerance: 'sum',
  errors: [
    unknownKey('eps', 'layer_norm', 'epsilon', () => F.layerNorm(image([2, 3]), [3], { epsilon: 1e-3 } as never)),
    intInput('layer_norm', () => F.layerNorm(ones([2, 3], { dtype: 'int32' }), [3])),
    { label: 'input does not end in normalizedShape', call: () => F.layerNorm(image([3, 4]), [3]), error: ShapeError, message: 'Given normalized_shape=[3], expected input with shape [*, 3], but got input of size[3, 4]' },
  ],
};

const BN_ORDER = ['weight', 'bias', 'training', 'momentum', 'eps'];

/**
 * batchNorm(input, runningMean, runningVar, options): the running statistics are named in args.with like the other
 * optional tensors; with args.returnStats the call returns [output, runningMean, runningVar] after the call, to
 * compare their in-place updates (float32 samples only: gradcheck calls the op many times, each one updating them).
 */
const batchNormEntry: OpEntry = {
  name: 'nn.functional.batchNorm',
  call: (t, k) => {
    const { runningMean = null, runningVar = null, ...options } = optionsOf(t, k, 1, ['returnStats']);
    const out = untyped('batchNorm')(t[0], runningMean, runningVar, ...trailing(options, k, BN_ORDER)) as Tensor;
    return k.returnStats ? [out, runningMean as Tensor, runningVar as Tensor] : out;
  },
  torch: torchCall(
    1,
    "(lambda rm, rv: (lambda out: [out, rm, rv] if k.get('returnStats') else out)(F.batch_norm(t[0], rm, rv, **kw)))(kw.pop('running_mean', None), kw.pop('running_var', None))",
    ['returnStats'],
  ),
  samples: [
    { inputs: [f32([4, 3]), constant([3]), constant([3], 'float32', 'positive')], args: { with: ['runningMean', 'runningVar'], training: true, returnStats: true } },
    {
      inputs: [f32([3, 2, 5]), constant([2]), constant([2], 'float32', 'positive'), ...affine([2])],
      args: { with: ['runningMean', 'runningVar', 'weight', 'bias'], training: true, momentum: 0.3, returnStats: true },
    },
    {
      inputs: [f32([2, 3, 4, 4]), constant([3]), constant([3], 'float32', 'positive'), ...affine([3])],
      args: { with: ['runningMean', 'runningVar', 'weight', 'bias'], training: true, eps: 1e-3, returnStats: true },
    },
    { inputs: [f32([3, 4])], args: { training: true } },
    { inputs: [f32([1, 2, 5]), ...affine([2])], args: { ...WB, training: true } },
    { inputs: [f32([7, 129])], args: { training: true, momentum: 0 } },
    {
      inputs: [f32([3, 3, 4]), constant([3]), constant([3], 'float32', 'positive'), ...affine([3])],
      args: { with: ['runningMean', 'runningVar', 'weight', 'bias'], returnStats: true },
    },
    { inputs: [f32([2, 3]), constant([3]), constant([3], 'float32', 'positive')], args: { with: ['runningMean', 'runningVar'], training: false, eps: 1e-3 } },
    { inputs: [f32([1, 4]), constant([4]), constant([4], 'float32', 'positive'), f32([4])], args: { with: ['runningMean', 'runningVar', 'weight'], momentum: 0.5 } },
    {
      inputs: [f32([3, 2, 4]), constant([2]), constant([2], 'float32', 'positive'), ...affine([2])],
      args: { with: ['runningMean', 'runningVar', 'weight', 'bias'], training: true, momentum: 0.2, eps: 0.01, positional: true, returnStats: true },
    },
    { inputs: [f64([4, 2]), ...affine([2], 'float64')], args: { ...WB, training: true } },
    {
      inputs: [f64([2, 2, 3]), constant([2], 'float64'), constant([2], 'float64', 'positive'), ...affine([2], 'float64')],
      args: { with: ['runningMean', 'runningVar', 'weight', 'bias'], training: true },
    },
    {
      inputs: [f64([3, 2]), constant([2], 'float64'), constant([2], 'float64', 'positive'), ...affine([2], 'float64')],
      args: { with: ['runningMean', 'runningVar', 'weight', 'bias'] },
    },
    { inputs: [specOf([3, 2], 'int32')], args: { training: true }, label: 'int32 input' },
    { inputs: [f32([1, 3])], args: { training: true }, label: 'one value per channel in training' },
    { inputs: [f32([2, 3])], args: { training: false }, label: 'evaluation without running statistics' },
    { inputs: [f32([2, 3]), f32([2])], args: { with: ['weight'], training: true }, label: 'weight of the wrong size' },
    { inputs: [f32([3])], args: { training: true }, label: '1-D input' },
  ],
  grad: true,
  gradgrad: true,
  tolerance: 'sum',
  errors: [
    unknownKey('training', 'batch_norm', 'train', () => F.batchNorm(image([2, 3]), null, null, { train: true } as never)),
    intInput('batch_norm', () => F.batchNorm(ones([2, 3], { dtype: 'int32' }), null, null, { training: true })),
    { label: 'one value per channel in training', call: () => F.batchNorm(image([1, 3]), null, null, { training: true }), error: RangeError, message: 'Expected more than 1 value per channel when training, got input size' },
    { label: 'wrong channel count', call: () => F.batchNorm(image([2, 3]), ones([4]), ones([4])), error: ShapeError, message: 'running_mean should contain 3 elements not 4' },
  ],
};

/** groupNorm(input, numGroups, options): args.numGroups. */
const groupNormEntry: OpEntry = {
  name: 'nn.functional.groupNorm',
  call: (t, k) => untyped('groupNorm')(t[0], k.numGroups, ...trailing(optionsOf(t, k, 1, ['numGroups']), k, ['weight', 'bias', 'eps'])),
  torch: torchCall(1, "F.group_norm(t[0], k['numGroups'], **kw)", ['numGroups']),
  samples: [
    { inputs: [f32([2, 4, 3]), ...affine([4])], args: { numGroups: 2, ...WB } },
    { inputs: [f32([3, 6, 4, 4]), ...affine([6])], args: { numGroups: 3, ...WB } },
    { inputs: [f32([2, 4, 5])], args: { numGroups: 1 } },
    { inputs: [f32([2, 4, 5]), f32([4])], args: { numGroups: 4, with: ['weight'] } },
    { inputs: [f32([1, 6, 7])], args: { numGroups: 2, eps: 1e-3 } },
    { inputs: [f32([2, 4])], args: { numGroups: 2 } },
    { inputs: [f32([2, 4])], args: { numGroups: 4 }, differs: 'groupNorm with one value per group in training: refused, as PyTorch 2.x; the 1.13 reference computes it' },
    { inputs: [f32([3, 8, 129]), ...affine([8])], args: { numGroups: 4, ...WB } },
    { inputs: [f32([0, 4, 3])], args: { numGroups: 2 } },
    { inputs: [f32([2, 6, 3]), ...affine([6])], args: { numGroups: 3, ...WB, eps: 0.1, positional: true } },
    { inputs: [f64([2, 4, 3]), ...affine([4], 'float64')], args: { numGroups: 2, ...WB } },
    { inputs: [f64([1, 6, 2])], args: { numGroups: 3 } },
    { inputs: [f64([3, 2, 2]), f64([2])], args: { numGroups: 1, with: ['weight'] } },
    { inputs: [specOf([2, 4, 3], 'int32')], args: { numGroups: 2 }, label: 'int32 input' },
    { inputs: [f32([2, 6, 3])], args: { numGroups: 4 }, label: 'channels not divisible by numGroups' },
    { inputs: [f32([2, 4, 3]), f32([3])], args: { numGroups: 2, with: ['weight'] }, label: 'weight of the wrong size' },
  ],
  grad: true,
  gradgrad: true,
  tolerance: 'sum',
  errors: [
    unknownKey('eps', 'group_norm', 'epsilon', () => F.groupNorm(image([2, 4]), 2, { epsilon: 1e-3 } as never)),
    intInput('group_norm', () => F.groupNorm(ones([2, 4], { dtype: 'int32' }), 2)),
    { label: 'channels not divisible by numGroups', call: () => F.groupNorm(image([2, 6, 3]), 4), error: ShapeError, message: 'Expected number of channels in input to be divisible by num_groups, but got input of shape [2, 6, 3] and num_groups=4' },
  ],
};

// ---------------------------------------------------------------- losses

/** Samples of an elementwise loss (input, target): shapes, each reduction, broadcasting, promotion, float64. */
/** Special values for the elementwise losses (input, target): NaN, infinities on either side, a huge difference. */
const LOSS_SPECIAL: readonly [readonly number[], readonly number[]] = [
  [0, NaN, Infinity, -Infinity, Infinity, 1, 1e30, -0],
  [0, 1, Infinity, 1, 2, -Infinity, -1e30, 0],
];

function pairLossSamples(extra: Args[] = [], domains: readonly [Domain?, Domain?] = [], promotes = true, special: typeof LOSS_SPECIAL | null = LOSS_SPECIAL): Sample[] {
  const [dx, dt] = domains;
  const pair = (shape: Shape, tshape: Shape = shape, dtype: 'float32' | 'float64' = 'float32', tdtype = dtype): InputSpec[] => [
    specOf(shape, dtype, dx ? { domain: dx } : {}),
    specOf(tshape, tdtype, dt ? { domain: dt } : {}),
  ];
  const samples: Sample[] = [
    { inputs: pair([3, 4]) },
    ...(['mean', 'sum', 'none'] as const).map((reduction) => ({ inputs: pair([2, 3, 5]), args: { reduction } })),
    { inputs: pair([129]), args: { reduction: 'mean' } },
    { inputs: pair([]) },
    { inputs: pair([0]), label: 'empty, mean (NaN)' },
    { inputs: pair([0]), args: { reduction: 'sum' } },
    { inputs: pair([3, 4], [4]), label: 'target broadcast' },
    // Forward only: PyTorch 1.13's backward of mse_loss refuses the mixed dtypes.
    ...(promotes ? [{ inputs: [specOf([3, 4], 'float32', { grad: false }), specOf([3, 4], 'float64', { grad: false })], label: 'float32 input, float64 target' }] : []),
    { inputs: pair([3, 4]), args: { reduction: 'sum', positional: true } },
    ...(['mean', 'sum', 'none'] as const).map((reduction) => ({ inputs: pair([2, 3], [2, 3], 'float64'), args: { reduction } })),
  ];
  for (const args of extra) {
    samples.push({ inputs: pair([3, 5]), args }, { inputs: pair([2, 3], [2, 3], 'float64'), args });
  }
  if (special) {
    const [x, t] = special;
    for (const dtype of ['float32', 'float64'] as const) {
      samples.push({
        inputs: [specOf([x.length], dtype, { values: x }), specOf([t.length], dtype, { values: t })],
        args: { ...extra[0], reduction: 'none' },
        label: `special values ${dtype}`,
      });
    }
  }
  samples.push(
    { inputs: [specOf([3], 'int32'), specOf([3], 'int32')], label: 'int32 input and target' },
    { inputs: pair([3, 4]), args: { reduction: 'max' }, label: "reduction 'max'" },
  );
  return samples;
}

const pairLoss = (name: string, order: readonly string[], samples: Sample[], errors: ErrorInput[]): OpEntry =>
  functional(name, { required: 2, order, tolerance: 'sum', samples, errors });

const lossErrors = (name: string, fn: string, call: (x: Tensor, t: Tensor, o?: object) => unknown): ErrorInput[] => [
  unknownKey(name, fn, 'reduce', () => call(image([2]), image([2]), { reduce: 'sum' })),
  { label: 'int32 input', call: () => call(ones([2], { dtype: 'int32' }), ones([2], { dtype: 'int32' })), error: DTypeError, message: `${fn}: expected a floating point tensor, got torch.int32` },
  { label: "reduction 'max'", call: () => call(image([2]), image([2]), { reduction: 'max' }), error: RangeError, message: 'max is not a valid value for reduction' },
];

const mseLossEntry = pairLoss('mseLoss', ['reduction'], pairLossSamples(), lossErrors('mseLoss', 'mse_loss', (x, t, o) => F.mseLoss(x, t, o as never)));
const l1LossEntry = pairLoss('l1Loss', ['reduction'], pairLossSamples(), lossErrors('l1Loss', 'l1_loss', (x, t, o) => F.l1Loss(x, t, o as never)));
const smoothL1LossEntry = pairLoss(
  'smoothL1Loss',
  ['reduction', 'beta'],
  [
    ...pairLossSamples([{ beta: 0.5 }, { beta: 2, reduction: 'sum' }, { beta: 0 }, { beta: 0.5, reduction: 'none' }]),
    { inputs: [f32([3, 4]), f32([3, 4])], args: { beta: -1 }, label: 'negative beta' },
  ],
  [
    ...lossErrors('smoothL1Loss', 'smooth_l1_loss', (x, t, o) => F.smoothL1Loss(x, t, o as never)),
    { label: 'negative beta', call: () => F.smoothL1Loss(image([2]), image([2]), { beta: -1 }), error: RangeError, message: 'smooth_l1_loss does not support negative values for beta.' },
  ],
);
const huberLossEntry = pairLoss(
  'huberLoss',
  ['reduction', 'delta'],
  [
    // PyTorch 1.13's huber_loss computes mixed dtypes in the input's dtype, unlike the other losses: no promotion sample.
    ...pairLossSamples([{ delta: 0.5 }, { delta: 2, reduction: 'sum' }, { delta: 0.25, reduction: 'none' }], [], false),
    { inputs: [f32([3, 4]), f32([3, 4])], args: { delta: 0 }, label: 'delta 0' },
  ],
  [
    ...lossErrors('huberLoss', 'huber_loss', (x, t, o) => F.huberLoss(x, t, o as never)),
    { label: 'delta 0', call: () => F.huberLoss(image([2]), image([2]), { delta: 0 }), error: RangeError, message: 'huber_loss does not support non-positive values for delta.' },
  ],
);

/** Class-index targets: `count` indices below `classes`, deterministic. */
const classTargets = (shape: Shape, classes: number, seed = 1): InputSpec =>
  ints(shape, Array.from({ length: shape.reduce((a, b) => a * b, 1) }, (_, i) => (i * 7 + seed * 3) % classes));

const W = { with: ['weight'] };

const nllLossEntry = functional('nllLoss', {
  required: 2,
  order: ['weight', 'ignoreIndex', 'reduction'],
  torchInputs: 't[0], t[1].long() if t[1].dtype == torch.int32 else t[1]',
  tolerance: 'sum',
  samples: [
    { inputs: [f32([4, 5]), ints([4], [0, 3, 4, 1])] },
    { inputs: [f32([4, 5]), ints([4], [0, 3, 4, 1])], args: { reduction: 'sum' } },
    { inputs: [f32([4, 5]), ints([4], [0, 3, 4, 1])], args: { reduction: 'none' } },
    { inputs: [f32([4, 5]), ints([4], [0, 3, 4, 1]), constant([5], 'float32', 'positive')], args: W },
    { inputs: [f32([4, 5]), ints([4], [0, 3, 4, 3]), constant([5], 'float32', 'positive')], args: { ...W, reduction: 'sum' } },
    { inputs: [f32([4, 5]), ints([4], [2, 3, 4, 2]), constant([5], 'float32', 'positive')], args: { ...W, reduction: 'none' } },
    { inputs: [f32([5, 3]), ints([5], [1, 0, 1, 2, 1])], args: { ignoreIndex: 1 } },
    { inputs: [f32([5, 3]), ints([5], [1, -100, 2, -100, 0])] },
    { inputs: [f32([5, 3]), ints([5], [1, 0, 1, 2, 1]), constant([3], 'float32', 'positive')], args: { ...W, ignoreIndex: 1, reduction: 'none' } },
    { inputs: [f32([5]), ints([], [2])] },
    { inputs: [f32([5]), ints([], [4])], args: { reduction: 'none' } },
    { inputs: [f32([3, 4, 5]), classTargets([3, 5], 4)] },
    { inputs: [f32([2, 3, 4, 2]), classTargets([2, 4, 2], 3), constant([3], 'float32', 'positive')], args: { ...W, reduction: 'mean' } },
    { inputs: [f32([2, 3, 4, 2]), classTargets([2, 4, 2], 3)], args: { reduction: 'none' } },
    { inputs: [f32([3, 2]), ints([3], [1, 1, 1])], args: { ignoreIndex: 1 }, label: 'every target ignored (mean 0 / 0)' },
    { inputs: [f32([1, 3]), ints([1], [2])] },
    { inputs: [f32([7, 3]), classTargets([7], 3)], args: { reduction: 'sum' } },
    { inputs: [f32([3, 129]), ints([3], [128, 0, 64])] },
    { inputs: [f32([0, 3]), ints([0], [])], args: { reduction: 'sum' } },
    { inputs: [f32([4, 5]), ints([4], [0, 3, 4, 1]), constant([5], 'float32', 'positive')], args: { ...W, ignoreIndex: 3, reduction: 'sum', positional: true } },
    { inputs: [f64([3, 4]), ints([3], [0, 3, 1])] },
    { inputs: [f64([3, 4]), ints([3], [2, 3, 2]), constant([4], 'float64', 'positive')], args: { ...W, reduction: 'sum' } },
    { inputs: [f64([4, 3]), ints([4], [2, 1, 0, 1])], args: { ignoreIndex: 1, reduction: 'none' } },
    { inputs: [f64([2, 3, 2]), classTargets([2, 2], 3)] },
    { inputs: [f32([4, 5]), ints([4], [0, 5, 1, 2])], label: 'target out of range' },
    { inputs: [f32([4, 5]), ints([4], [0, -1, 1, 2])], label: 'negative target' },
    { inputs: [f32([4, 5]), f32([4])], label: 'float target' },
    { inputs: [f32([4, 5]), ints([3], [0, 1, 2])], label: 'batch sizes differ' },
    { inputs: [f32([4, 5]), ints([4], [0, 1, 2, 3]), constant([4])], args: W, label: 'weight of the wrong size' },
    { inputs: [specOf([2, 3], 'int32'), ints([2], [0, 1])], label: 'int32 input' },
  ],
  errors: [
    unknownKey('ignoreIndex', 'nll_loss', 'ignore_index', () => F.nllLoss(image([2, 3]), tensor([0, 1], { dtype: 'int32' }), { ignore_index: 1 } as never)),
    { label: 'target out of range', call: () => F.nllLoss(image([2, 3]), tensor([0, 3], { dtype: 'int32' })), error: IndexError, message: 'Target 3 is out of bounds.' },
    { label: 'float target', call: () => F.nllLoss(image([2, 3]), image([2])), error: DTypeError, message: 'expected target of class indices with dtype torch.int32, but got torch.float32' },
    { label: 'batch sizes differ', call: () => F.nllLoss(image([4, 5]), tensor([0, 1, 2], { dtype: 'int32' })), error: ShapeError, message: 'Expected input batch_size (4) to match target batch_size (3).' },
  ],
});

const crossEntropyEntry = functional('crossEntropy', {
  required: 2,
  order: ['weight', 'ignoreIndex', 'reduction', 'labelSmoothing'],
  torchInputs: 't[0], t[1].long() if t[1].dtype == torch.int32 else t[1]',
  tolerance: 'sum',
  samples: [
    { inputs: [f32([4, 5]), ints([4], [0, 3, 4, 1])] },
    { inputs: [f32([4, 5]), ints([4], [0, 3, 4, 1])], args: { reduction: 'sum' } },
    { inputs: [f32([4, 5]), ints([4], [0, 3, 4, 1])], args: { reduction: 'none' } },
    { inputs: [f32([4, 5]), ints([4], [0, 3, 4, 3]), constant([5], 'float32', 'positive')], args: W },
    { inputs: [f32([4, 5]), ints([4], [2, 3, 4, 2]), constant([5], 'float32', 'positive')], args: { ...W, reduction: 'none' } },
    { inputs: [f32([5, 3]), ints([5], [2, 0, 2, 1, 1])], args: { ignoreIndex: 2 } },
    { inputs: [f32([4, 5]), ints([4], [0, 3, 4, 1])], args: { labelSmoothing: 0.1 } },
    { inputs: [f32([4, 5]), ints([4], [0, 3, 4, 1]), constant([5], 'float32', 'positive')], args: { ...W, labelSmoothing: 0.2 } },
    { inputs: [f32([5, 3]), ints([5], [2, 0, 2, 1, 1])], args: { ignoreIndex: 2, labelSmoothing: 0.3 } },
    { inputs: [f32([5, 3]), ints([5], [2, 0, 2, 1, 1]), constant([3], 'float32', 'positive')], args: { ...W, ignoreIndex: 2, labelSmoothing: 0.3, reduction: 'sum' } },
    { inputs: [f32([4, 5]), ints([4], [0, 3, 4, 1])], args: { labelSmoothing: 1, reduction: 'none' } },
    { inputs: [f32([4, 5]), f32([4, 5], { domain: [0, 1] })], label: 'class probabilities' },
    { inputs: [f32([4, 5]), f32([4, 5], { domain: [0, 1] }), constant([5], 'float32', 'positive')], args: W, label: 'class probabilities, weight' },
    { inputs: [f32([4, 5]), f32([4, 5], { domain: [0, 1] })], args: { labelSmoothing: 0.25, reduction: 'sum' }, label: 'class probabilities, smoothing' },
    { inputs: [f32([2, 3, 4]), f32([2, 3, 4], { domain: [0, 1] })], args: { reduction: 'none' }, label: 'class probabilities, 3-D' },
    { inputs: [f32([5]), ints([], [3])] },
    { inputs: [f32([5]), f32([5], { domain: [0, 1] })], label: 'unbatched class probabilities' },
    { inputs: [f32([3, 4, 5]), classTargets([3, 5], 4)] },
    { inputs: [f32([2, 3, 2, 2]), classTargets([2, 2, 2], 3), constant([3], 'float32', 'positive')], args: { ...W, labelSmoothing: 0.1 } },
    { inputs: [f32([3, 2]), ints([3], [1, 1, 1])], args: { ignoreIndex: 1 }, label: 'every target ignored (mean 0 / 0)' },
    { inputs: [f32([2, 3], { values: [0, -Infinity, 1, 2, 2, 2] }), ints([2], [0, 1])], args: { reduction: 'none' }, label: 'a -inf logit' },
    { inputs: [f32([2, 3], { values: [0, -Infinity, 1, 2, 2, 2] }), ints([2], [0, 1])], args: { reduction: 'none', labelSmoothing: 0.1 }, label: 'a -inf logit, smoothing' },
    { inputs: [f32([2, 3], { values: [0, NaN, 1, 2, Infinity, 2] }), ints([2], [0, 1])], args: { reduction: 'none' }, label: 'NaN and inf logits' },
    {
      inputs: [f32([3, 2]), ints([3], [1, 1, 1])],
      args: { ignoreIndex: 1, labelSmoothing: 0.1 },
      label: 'every target ignored, label smoothing',
    },
    { inputs: [f32([1, 3]), ints([1], [2])], args: { labelSmoothing: 0.5 } },
    { inputs: [f32([7, 3]), classTargets([7], 3)], args: { reduction: 'sum' } },
    { inputs: [f32([3, 129]), ints([3], [128, 0, 64])] },
    { inputs: [f32([4, 5]), ints([4], [0, 3, 4, 1]), constant([5], 'float32', 'positive')], args: { ...W, ignoreIndex: 4, reduction: 'mean', labelSmoothing: 0.1, positional: true } },
    { inputs: [f64([3, 4]), ints([3], [0, 3, 1])] },
    { inputs: [f64([2, 3]), f64([2, 3], { domain: [0, 1] })], label: 'class probabilities float64' },
    { inputs: [f64([3, 4]), ints([3], [2, 3, 2]), constant([4], 'float64', 'positive')], args: { ...W, labelSmoothing: 0.2 } },
    { inputs: [f64([4, 3]), ints([4], [2, 1, 0, 1])], args: { ignoreIndex: 1, labelSmoothing: 0.1, reduction: 'none' } },
    { inputs: [f32([4, 5]), ints([4], [0, 5, 1, 2])], label: 'target out of range' },
    { inputs: [f32([4, 5]), f32([4, 4])], label: 'class probabilities of the wrong shape' },
    { inputs: [f32([4, 5]), ints([4], [0, 1, 2, 3])], args: { labelSmoothing: 1.5 }, label: 'label smoothing over 1' },
    { inputs: [specOf([2, 3], 'int32'), ints([2], [0, 1])], label: 'int32 input' },
  ],
  errors: [
    unknownKey('labelSmoothing', 'cross_entropy', 'smoothing', () => F.crossEntropy(image([2, 3]), tensor([0, 1], { dtype: 'int32' }), { smoothing: 0.1 } as never)),
    { label: 'label smoothing over 1', call: () => F.crossEntropy(image([2, 3]), tensor([0, 1], { dtype: 'int32' }), { labelSmoothing: 1.5 }), error: RangeError, message: 'label_smoothing must be between 0.0 and 1.0. Got: 1.5' },
    { label: 'class probabilities of the wrong shape', call: () => F.crossEntropy(image([4, 5]), image([4, 4])), error: ShapeError, message: 'Expected input and target of the same shape for class probabilities' },
    { label: 'target out of range', call: () => F.crossEntropy(image([2, 3]), tensor([0, 3], { dtype: 'int32' })), error: IndexError, message: 'Target 3 is out of bounds.' },
  ],
});

/** Probabilities kept off 0 and 1, so that the logs and the input gradient stay finite. */
const PROBABILITY: Domain = [0.05, 0.95];

const binaryCrossEntropyEntry = functional('binaryCrossEntropy', {
  required: 2,
  order: ['weight', 'reduction'],
  tolerance: 'sum',
  samples: [
    ...pairLossSamples([], [PROBABILITY, [0, 1]], true, null).filter((s) => s.label !== 'target broadcast' && s.label !== 'float32 input, float64 target'),
    { inputs: [f32([3, 4], { domain: PROBABILITY }), f32([3, 4], { domain: [0, 1] }), constant([3, 4], 'float32', 'positive')], args: W },
    { inputs: [f32([3, 4], { domain: PROBABILITY }), f32([3, 4], { domain: [0, 1] }), constant([4], 'float32', 'positive')], args: { ...W, reduction: 'sum' }, label: 'weight broadcast' },
    { inputs: [f64([2, 3], { domain: PROBABILITY }), f64([2, 3], { domain: [0, 1] }), constant([2, 3], 'float64', 'positive')], args: { ...W, reduction: 'none' } },
    {
      inputs: [f32([6], { values: [0, 1, 0, 1, 1e-30, 0.5] }), f32([6], { values: [0, 1, 1, 0, 1, 0.5] })],
      args: { reduction: 'none' },
      label: 'inputs 0 and 1: the logs clamp at -100',
    },
    { inputs: [f32([3], { values: [0.5, 1.5, 0.2] }), f32([3], { domain: [0, 1] })], label: 'input over 1' },
    { inputs: [f32([3, 4], { domain: PROBABILITY }), f32([4], { domain: [0, 1] })], label: 'target of another shape' },
  ],
  errors: [
    ...lossErrors('binaryCrossEntropy', 'binary_cross_entropy', (x, t, o) => F.binaryCrossEntropy(x, t, o as never)),
    { label: 'input over 1', call: () => F.binaryCrossEntropy(tensor([0.5, 1.5]), tensor([0, 1])), error: RangeError, message: 'all elements of input should be between 0 and 1' },
  ],
});

const binaryCrossEntropyWithLogitsEntry = functional('binaryCrossEntropyWithLogits', {
  required: 2,
  order: ['weight', 'reduction', 'posWeight'],
  tolerance: 'sum',
  samples: [
    ...pairLossSamples([], [undefined, [0, 1]], true, [[0, NaN, Infinity, -Infinity, Infinity, -Infinity, 1e30, -0], [0, 1, 1, 0, 0, 1, 0.5, 1]]).filter((s) => s.label !== 'target broadcast' && s.label !== 'float32 input, float64 target'),
    { inputs: [f32([3, 4]), f32([3, 4], { domain: [0, 1] }), constant([3, 4], 'float32', 'positive')], args: W },
    { inputs: [f32([3, 4]), f32([3, 4], { domain: [0, 1] }), constant([4], 'float32', 'positive')], args: { with: ['posWeight'] } },
    {
      inputs: [f32([2, 5]), f32([2, 5], { domain: [0, 1] }), constant([5], 'float32', 'positive'), constant([5], 'float32', 'positive')],
      args: { with: ['weight', 'posWeight'], reduction: 'sum' },
    },
    { inputs: [f32([3, 4]), f32([3, 4], { domain: [0, 1] }), constant([4], 'float32', 'positive')], args: { with: ['posWeight'], reduction: 'none', positional: true } },
    { inputs: [f64([2, 3]), f64([2, 3], { domain: [0, 1] }), constant([3], 'float64', 'positive')], args: { with: ['posWeight'] } },
    { inputs: [f64([2, 3]), f64([2, 3], { domain: [0, 1] }), constant([2, 3], 'float64', 'positive')], args: { ...W, reduction: 'none' } },
    {
      inputs: [f32([6], { values: [100, -100, 1e4, -1e4, 30, -30] }), f32([6], { values: [1, 0, 0, 1, 0.5, 0.5] })],
      args: { reduction: 'none' },
      label: 'large logits do not overflow',
    },
    { inputs: [f32([3, 4]), f32([4], { domain: [0, 1] })], label: 'target of another shape' },
  ],
  errors: lossErrors('binaryCrossEntropyWithLogits', 'binary_cross_entropy_with_logits', (x, t, o) => F.binaryCrossEntropyWithLogits(x, t, o as never)),
});

// ---------------------------------------------------------------- dropout

/**
 * The deterministic cases of dropout only: p = 0, evaluation (training false) and p = 1, and empty inputs. A random
 * mask cannot match PyTorch's (its generator draws differently), so the masks' statistics and scaling are tested in
 * test/functional.test.ts ('dropout keeps about 1 - p of the elements ...').
 */
function dropoutEntry(name: string, shapes: readonly [Shape, Shape, Shape], refused: Sample[], errors: ErrorInput[]): OpEntry {
  const [batched, unbatched, small] = shapes;
  return functional(name, {
    order: ['p', 'training', 'inplace'],
    samples: [
      { inputs: [f32(batched)], args: { p: 0 } },
      { inputs: [f32(batched)], args: { p: 0.5, training: false } },
      { inputs: [f32(batched)], args: { training: false } },
      { inputs: [f32(batched)], args: { p: 1 } },
      { inputs: [f32(unbatched)], args: { p: 1, training: true } },
      { inputs: [f32(unbatched)], args: { p: 0.3, training: false } },
      { inputs: [f32([0, ...batched.slice(1)])], args: { p: 0.5 }, label: 'empty input' },
      { inputs: [f32(batched, { grad: false })], args: { p: 1, inplace: true }, label: 'p 1 in place' },
      { inputs: [f32(batched)], args: { p: 1, training: true, inplace: false, positional: true } },
      { inputs: [f64(small)], args: { p: 0 } },
      { inputs: [f64(small)], args: { p: 1 } },
      { inputs: [f64(small)], args: { p: 0.5, training: false } },
      { inputs: [specOf(unbatched, 'int32')], args: { p: 0.5, training: false }, label: 'int32 input in evaluation' },
      { inputs: [specOf(unbatched, 'int32')], args: { p: 1 }, label: 'int32 input, p 1' },
      { inputs: [specOf(unbatched, 'int32')], args: { p: 0.5 }, label: 'int32 input drawing a mask' },
      { inputs: [f32(batched)], args: { p: 1.5 }, label: 'p over 1' },
      ...refused,
    ],
    errors: [
      unknownKey('training', name, 'train', () => untyped(name)(image(batched), { train: false })),
      { label: 'p over 1', call: () => untyped(name)(image(batched), 1.5), error: RangeError, message: 'dropout probability has to be between 0 and 1, but got 1.5' },
      ...errors,
    ],
  });
}

const SPECIAL_DROPOUT: Sample = {
  inputs: [f32([6], { values: [NaN, Infinity, -Infinity, 0, -0, 1] })],
  args: { p: 1 },
  label: 'special values times the zero mask',
};

const dropoutEntries = [
  dropoutEntry('dropout', [[3, 4], [7], [2, 3]], [SPECIAL_DROPOUT], [
    { label: 'int32 input drawing a mask', call: () => F.dropout(ones([3], { dtype: 'int32' }), 0.5), error: DTypeError, message: 'dropout: expected a floating point input, got torch.int32' },
  ]),
  dropoutEntry('dropout1d', [[2, 3, 4], [3, 4], [2, 3]], [{ inputs: [f32([2, 2, 3, 3])], args: { p: 0.5 }, label: '4-D input' }], [
    { label: '4-D input', call: () => F.dropout1d(image([2, 2, 3, 3])), error: ShapeError, message: 'dropout1d: Expected 2D or 3D input, but received a 4D input' },
  ]),
  dropoutEntry('dropout2d', [[2, 3, 4, 4], [3, 4, 4], [2, 2, 3]], [], []),
  dropoutEntry('dropout3d', [[2, 2, 3, 3, 3], [2, 3, 3, 3], [1, 2, 2, 3]], [], []),
];

// ---------------------------------------------------------------- embedding, oneHot

const EMBEDDING_ORDER = ['paddingIdx', 'maxNorm', 'normType', 'scaleGradByFreq', 'sparse'];

/** embedding(indices, weight, options); with args.returnWeight also the weight after the call (maxNorm rescales its rows in place). */
const embeddingEntry: OpEntry = {
  name: 'nn.functional.embedding',
  call: (t, k) => {
    const out = untyped('embedding')(t[0], t[1], ...trailing(optionsOf(t, k, 2, ['returnWeight']), k, EMBEDDING_ORDER)) as Tensor;
    return k.returnWeight ? [out, t[1]!.detach()] : out;
  },
  torch: torchCall(2, "(lambda out: [out, t[1].detach()] if k.get('returnWeight') else out)(F.embedding(t[0], t[1], **kw))", ['returnWeight']),
  samples: [
    { inputs: [ints([5], [0, 2, 4, 2, 1]), f32([6, 3])] },
    { inputs: [ints([2, 3], [3, 0, 1, 1, 2, 3]), f32([4, 5])] },
    { inputs: [ints([], [1]), f32([3, 4])] },
    { inputs: [ints([0], []), f32([3, 2])] },
    { inputs: [ints([6], [2, 0, 2, 1, 3, 2]), f32([4, 3])], args: { paddingIdx: 2 } },
    { inputs: [ints([4], [3, 0, 3, 1]), f32([4, 3])], args: { paddingIdx: -1 } },
    { inputs: [ints([5], [0, 2, 4, 2, 1]), f32([6, 4])], args: { maxNorm: 1, returnWeight: true } },
    { inputs: [ints([3], [1, 3, 1]), f32([4, 5])], args: { maxNorm: 1.5, normType: 1, returnWeight: true } },
    { inputs: [ints([4], [0, 1, 2, 3]), f32([4, 3])], args: { maxNorm: 0.5, normType: 3, returnWeight: true } },
    { inputs: [ints([129], Array.from({ length: 129 }, (_, i) => (i * 5) % 10)), f32([10, 7])] },
    { inputs: [ints([3, 2], [1, 0, 2, 1, 1, 2]), f32([3, 4])], args: { paddingIdx: 0, maxNorm: 2, normType: 2, positional: true, returnWeight: true } },
    { inputs: [ints([4], [0, 1, 1, 3]), f64([4, 3])] },
    // The padding row's zero gradient is a convention (the output does read the row), so the float64 samples, which
    // gradcheck differentiates numerically, leave paddingIdx out.
    { inputs: [ints([2, 2], [1, 2, 2, 0]), f64([3, 2])] },
    { inputs: [ints([3], [0, 6, 1]), f32([6, 3])], label: 'index out of range' },
    { inputs: [ints([3], [0, -1, 1]), f32([6, 3])], label: 'negative index' },
    { inputs: [f32([3]), f32([6, 3])], label: 'float indices' },
    { inputs: [ints([3], [0, 1, 1]), f32([6])], label: '1-D weight' },
  ],
  grad: true,
  gradgrad: true,
  errors: [
    unknownKey('paddingIdx', 'embedding', 'padding_idx', () => F.embedding(tensor([0], { dtype: 'int32' }), image([3, 2]), { padding_idx: 1 } as never)),
    { label: 'paddingIdx out of range', call: () => F.embedding(tensor([0], { dtype: 'int32' }), image([3, 2]), 5), error: RangeError, message: 'Padding_idx must be within num_embeddings' },
    { label: 'index out of range', call: () => F.embedding(tensor([3], { dtype: 'int32' }), image([3, 2])), error: IndexError, message: 'index out of range in self' },
    { label: 'float indices', call: () => F.embedding(image([2]), image([3, 2])), error: DTypeError, message: 'expected indices of dtype torch.int32, but got torch.float32' },
    { label: 'scaleGradByFreq', call: () => F.embedding(tensor([0], { dtype: 'int32' }), image([3, 2]), { scaleGradByFreq: true }), error: NotSupportedError, message: 'scaleGradByFreq is not supported' },
    { label: 'sparse gradients', call: () => F.embedding(tensor([0], { dtype: 'int32' }), image([3, 2]), { sparse: true }), error: NotSupportedError, message: 'sparse gradients are not supported' },
  ],
};

const oneHotEntry: OpEntry = {
  name: 'nn.functional.oneHot',
  call: ([x], k) => ('numClasses' in k ? F.oneHot(x!, k.numClasses as number) : F.oneHot(x!)),
  torch: "lambda t, k: F.one_hot(t[0].long() if t[0].dtype == torch.int32 else t[0], k.get('numClasses', -1))",
  samples: [
    { inputs: [ints([5], [0, 2, 1, 3, 2])] },
    { inputs: [ints([5], [0, 2, 1, 3, 2])], args: { numClasses: 6 } },
    { inputs: [ints([2, 3], [1, 0, 4, 4, 2, 0])] },
    { inputs: [ints([], [3])], args: { numClasses: 5 } },
    { inputs: [ints([0], [])], args: { numClasses: 3 } },
    { inputs: [ints([129], Array.from({ length: 129 }, (_, i) => i % 7))], args: { numClasses: -1 } },
    { inputs: [ints([3], [0, -1, 2])], label: 'negative class' },
    { inputs: [ints([3], [0, 4, 2])], args: { numClasses: 4 }, label: 'class not below numClasses' },
    { inputs: [ints([0], [])], label: 'empty input, numClasses inferred' },
    { inputs: [f32([3])], label: 'float input' },
  ],
  tolerance: 'exact',
  errors: [
    { label: 'negative class', call: () => F.oneHot(tensor([0, -1], { dtype: 'int32' })), error: RangeError, message: 'Class values must be non-negative.' },
    { label: 'class not below numClasses', call: () => F.oneHot(tensor([0, 4], { dtype: 'int32' }), 4), error: RangeError, message: 'Class values must be smaller than num_classes.' },
    { label: 'float input', call: () => F.oneHot(image([2])), error: DTypeError, message: 'one_hot: expected indices of dtype torch.int32, but got torch.float32' },
  ],
};

export const nnEntries: OpEntry[] = [
  ...adaptiveEntries,
  avgPool1dEntry,
  avgPool2dEntry,
  batchNormEntry,
  binaryCrossEntropyEntry,
  binaryCrossEntropyWithLogitsEntry,
  conv1dEntry,
  conv2dEntry,
  crossEntropyEntry,
  ...dropoutEntries,
  embeddingEntry,
  foldEntry,
  groupNormEntry,
  huberLossEntry,
  l1LossEntry,
  layerNormEntry,
  maxPool1dEntry,
  maxPool2dEntry,
  mseLossEntry,
  nllLossEntry,
  oneHotEntry,
  smoothL1LossEntry,
  unfoldEntry,
];
