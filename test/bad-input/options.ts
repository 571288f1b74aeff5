// Misspelt or unknown option keys (Python's unexpected keyword arguments) and option values a function does not
// take. The factories' keys and nn.Linear's and the optimisers' are covered by test/option-keys.test.ts.
import {
  NotSupportedError, backward, emptyLike, grad, linalg, nn, ones, randLike, randnLike, setPrintOptions, tensor, zeros,
} from '../../src/index';
import { badCall, badCallOn, type BadCall } from './entry';

const F = nn.functional;
const bad = (options: object) => options as never;
const sumOfLeaf = () => {
  const x = ones(2, { requiresGrad: true });
  return { x, loss: x.sum() };
};
const unexpected = (fn: string, key: string) => `${fn}() got an unexpected keyword argument '${key}' (expected one of: `;

export const optionCalls: BadCall[] = [
  badCall('setPrintOptions: edgeItems for edgeitems', () => setPrintOptions(bad({ edgeItems: 2 })), TypeError, unexpected('setPrintOptions', 'edgeItems')),
  badCall("setPrintOptions: profile 'verbose'", () => setPrintOptions(bad({ profile: 'verbose' })), RangeError,
    "setPrintOptions: unknown profile 'verbose': expected 'default', 'short' or 'full'"),
  badCallOn('emptyLike: dtyp', () => zeros(2), (x) => emptyLike(x, bad({ dtyp: 'int32' })), TypeError, unexpected('emptyLike', 'dtyp')),
  badCallOn('randLike: seed', () => zeros(2), (x) => randLike(x, bad({ seed: 1 })), TypeError, unexpected('randLike', 'seed')),
  badCallOn('randnLike: generater', () => zeros(2), (x) => randnLike(x, bad({ generater: null })), TypeError, unexpected('randnLike', 'generater')),
  badCallOn('sum: dims for dim', () => zeros(2), (x) => x.sum(bad({ dims: 0 })), TypeError, unexpected('sum', 'dims')),
  badCallOn('softmax: dimm', () => zeros(2), (x) => x.softmax(bad({ dimm: 0 })), TypeError, unexpected('softmax', 'dimm')),
  badCallOn('nonzero: as_tuple', () => zeros(2), (x) => x.nonzero(bad({ as_tuple: true })), TypeError, unexpected('nonzero', 'as_tuple')),
  badCallOn('clamp: mn for min', () => zeros(2), (x) => x.clamp(bad({ mn: 0 })), TypeError, unexpected('clamp', 'mn')),
  badCallOn('relu: inplce', () => zeros(2), (x) => F.relu(x, bad({ inplce: true })), TypeError, unexpected('relu', 'inplce')),
  badCallOn('gelu: approx', () => zeros(2), (x) => F.gelu(x, bad({ approx: 'tanh' })), TypeError, unexpected('gelu', 'approx')),
  badCallOn("gelu: approximate 'fast'", () => zeros(2), (x) => F.gelu(x, bad({ approximate: 'fast' })), TypeError,
    "approximate argument must be either none or tanh (got 'fast')"),
  badCallOn('leakyRelu: negative_slope', () => zeros(2), (x) => F.leakyRelu(x, bad({ negative_slope: 0.2 })), TypeError, unexpected('leaky_relu', 'negative_slope')),
  badCallOn('pad: modee', () => zeros(1, 2), (x) => F.pad(x, [1, 1], bad({ modee: 'reflect' })), TypeError, unexpected('pad', 'modee')),
  badCallOn("pad: mode 'reflection'", () => zeros(1, 2), (x) => F.pad(x, [1, 1], 'reflection' as never), NotSupportedError,
    "Unrecognised padding mode reflection (expected 'constant', 'reflect', 'replicate' or 'circular')"),
  badCallOn('crossEntropy: reductio', () => [zeros(2, 3), tensor([0, 1], { dtype: 'int32' })], ([x, t]) => F.crossEntropy(x, t, bad({ reductio: 'sum' })), TypeError,
    unexpected('cross_entropy', 'reductio')),
  badCallOn("mseLoss: reduction 'summ'", () => [zeros(2), zeros(2)], ([x, t]) => F.mseLoss(x, t, bad({ reduction: 'summ' })), RangeError,
    'summ is not a valid value for reduction'),
  badCallOn('conv2d: strid', () => [zeros(1, 1, 3, 3), zeros(1, 1, 3, 3)], ([x, w]) => F.conv2d(x, w, bad({ strid: 1 })), TypeError, unexpected('conv2d', 'strid')),
  badCallOn('maxPool2d: strides', () => zeros(1, 1, 4, 4), (x) => F.maxPool2d(x, 2, bad({ strides: 2 })), TypeError, unexpected('max_pool2d', 'strides')),
  badCallOn('dropout: trainin', () => zeros(2), (x) => F.dropout(x, bad({ p: 0.5, trainin: true })), TypeError, unexpected('dropout', 'trainin')),
  badCallOn('layerNorm: epss', () => zeros(2, 3), (x) => F.layerNorm(x, [3], bad({ epss: 1 })), TypeError, unexpected('layer_norm', 'epss')),
  badCall('nn.Conv2d: strid', () => new nn.Conv2d(1, 1, 3, bad({ strid: 1 })), TypeError, unexpected('Conv2d', 'strid')),
  badCall('nn.Conv2d: paddingMode reflection', () => new nn.Conv2d(1, 1, 3, bad({ paddingMode: 'reflection' })), RangeError,
    "padding_mode must be one of {'zeros', 'reflect', 'replicate', 'circular'}, but got padding_mode='reflection'"),
  badCall('nn.Embedding: maxNorn', () => new nn.Embedding(3, 2, bad({ maxNorn: 1 })), TypeError, unexpected('Embedding', 'maxNorn')),
  badCall('nn.LayerNorm: epss', () => new nn.LayerNorm([3], bad({ epss: 1 })), TypeError, unexpected('LayerNorm', 'epss')),
  badCall('nn.CrossEntropyLoss: reductio', () => new nn.CrossEntropyLoss(bad({ reductio: 'sum' })), TypeError, unexpected('CrossEntropyLoss', 'reductio')),
  badCall('nn.MSELoss: size_average', () => new nn.MSELoss(bad({ size_average: true })), TypeError, unexpected('MSELoss', 'size_average')),
  badCall('nn.BCEWithLogitsLoss: pos_weight', () => new nn.BCEWithLogitsLoss(bad({ pos_weight: null })), TypeError, unexpected('BCEWithLogitsLoss', 'pos_weight')),
  badCall('nn.Dropout: pp', () => new nn.Dropout(bad({ pp: 0.5 })), TypeError, unexpected('Dropout', 'pp')),
  badCall('nn.ReLU: inplce', () => new nn.ReLU(bad({ inplce: true })), TypeError, unexpected('ReLU', 'inplce')),
  badCall('nn.LeakyReLU: negative_slope', () => new nn.LeakyReLU(bad({ negative_slope: 0.2 })), TypeError, unexpected('LeakyReLU', 'negative_slope')),
  badCall('nn.GELU: approx', () => new nn.GELU(bad({ approx: 'tanh' })), TypeError, unexpected('GELU', 'approx')),
  badCall('nn.Softmax: dimm', () => new nn.Softmax(bad({ dimm: 1 })), TypeError, unexpected('Softmax', 'dimm')),
  badCall('nn.Flatten: start_dim', () => new nn.Flatten(bad({ start_dim: 0 })), TypeError, unexpected('Flatten', 'start_dim')),
  badCall('nn.MaxPool2d: strid', () => new nn.MaxPool2d(2, bad({ strid: 2 })), TypeError, unexpected('MaxPool2d', 'strid')),
  badCallOn('Module.stateDict: keep_vars', () => new nn.Linear(2, 2), (m) => m.stateDict(bad({ keep_vars: true })), TypeError, unexpected('state_dict', 'keep_vars')),
  badCallOn('Module.loadStateDict: strickt', () => { const m = new nn.Linear(2, 2); return { m, state: m.stateDict() }; }, ({ m, state }) => m.loadStateDict(state, bad({ strickt: false })), TypeError,
    unexpected('load_state_dict', 'strickt')),
  badCallOn('backward: retain_graph', () => sumOfLeaf(), ({ loss }) => backward(loss, null, bad({ retain_graph: true })), TypeError,
    unexpected('backward', 'retain_graph')),
  badCallOn('Tensor.backward: retainGraf', () => sumOfLeaf(), ({ loss }) => loss.backward(undefined, bad({ retainGraf: true })), TypeError,
    unexpected('backward', 'retainGraf')),
  badCallOn('grad: allow_unused', () => sumOfLeaf(), ({ x, loss }) => grad(loss, x, bad({ allow_unused: true })), TypeError,
    unexpected('grad', 'allow_unused')),
  badCallOn('linalg.svd: full_matrices', () => zeros(2, 2), (x) => linalg.svd(x, bad({ full_matrices: false })), TypeError, unexpected('linalg.svd', 'full_matrices')),
];
