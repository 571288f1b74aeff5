// State dicts that do not fit: missing, unexpected or misshapen entries for modules, and optimiser state dicts of
// another structure. Nothing is loaded unless everything fits.
import { ShapeError, keep, nn, ones, optim, tensor, zeros } from '../../src/index';
import { badCallOn, type BadCall } from './entry';

const linearState = (entries: Record<string, unknown>) => () => ({ layer: new nn.Linear(2, 2), state: entries as Record<string, never> });
const errorsFor = (module: string) => `Error(s) in loading state_dict for ${module}:\n\t`;

/** An SGD with momentum over one parameter that has taken one step (so it has a momentum buffer). */
function steppedSgd() {
  const p = new nn.Parameter(ones(2));
  p.grad = keep(ones(2));
  const opt = new optim.SGD([p], { lr: 0.1, momentum: 0.9 });
  opt.step();
  return { p, opt, state: opt.stateDict() };
}

export const stateDictCalls: BadCall[] = [
  badCallOn('loadStateDict: the bias is missing', () => ({ layer: new nn.Linear(2, 2), state: { weight: zeros(2, 2) } }), ({ layer, state }) => layer.loadStateDict(state),
    nn.StateDictError, `${errorsFor('Linear')}Missing key(s) in state_dict: "bias".`),
  badCallOn('loadStateDict: an unexpected key', () => ({ layer: new nn.Linear(2, 2), state: { weight: zeros(2, 2), bias: zeros(2), scale: zeros(1) } }),
    ({ layer, state }) => layer.loadStateDict(state), nn.StateDictError, 'Unexpected key(s) in state_dict: "scale".'),
  badCallOn('loadStateDict: a weight of shape [3, 2] for [2, 2]', () => ({ layer: new nn.Linear(2, 2), state: { weight: zeros(3, 2), bias: zeros(2) } }),
    ({ layer, state }) => layer.loadStateDict(state), nn.StateDictError,
    'size mismatch for weight: copying a param with shape torch.Size([3, 2]) from checkpoint, the shape in current model is torch.Size([2, 2]).'),
  badCallOn('loadStateDict: an array where a tensor belongs', linearState({ weight: [[1, 2], [3, 4]], bias: [0, 0] }), ({ layer, state }) => layer.loadStateDict(state),
    nn.StateDictError, 'While copying the parameter named "weight", expected torch.Tensor or Tensor-like object from checkpoint but received <class \'Array\'>'),
  badCallOn('loadStateDict: null', () => new nn.Linear(2, 2), (layer) => layer.loadStateDict(null as never), TypeError,
    "Expected state_dict to be dict-like, got <class 'NoneType'>."),
  badCallOn('loadStateDict: a Tensor', () => ({ layer: new nn.Linear(2, 2), t: zeros(2) }), ({ layer, t }) => layer.loadStateDict(t as never), TypeError,
    "Expected state_dict to be dict-like, got <class 'Tensor'>."),
  badCallOn('loadStateDict: a key of a nested module misspelt', () => {
    const model = new nn.Sequential(new nn.Linear(2, 3), new nn.ReLU(), new nn.Linear(3, 1));
    const state = model.stateDict();
    const renamed: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(state)) renamed[key === '2.bias' ? '2.bais' : key] = value;
    return { model, state: renamed as Record<string, never> };
  }, ({ model, state }) => model.loadStateDict(state), nn.StateDictError, 'Missing key(s) in state_dict: "2.bias". \n\tUnexpected key(s) in state_dict: "2.bais".'),
  badCallOn('loadStateDict (not strict): shapes must still match', () => ({ layer: new nn.Embedding(4, 3), state: { weight: zeros(3, 4) } }),
    ({ layer, state }) => layer.loadStateDict(state, false), nn.StateDictError,
    'size mismatch for weight: copying a param with shape torch.Size([3, 4]) from checkpoint, the shape in current model is torch.Size([4, 3]).'),
  badCallOn('optimizer loadStateDict: two groups for one', () => {
    const { p, opt, state } = steppedSgd();
    return { p, opt, state: { ...state, paramGroups: [...state.paramGroups, { ...state.paramGroups[0], params: [1] }] } };
  }, ({ opt, state }) => opt.loadStateDict(state), RangeError, 'loaded state dict has a different number of parameter groups (1 in the optimizer, 2 in the state dict)'),
  badCallOn("optimizer loadStateDict: a group of two parameters for a group of one", () => {
    const { p, opt, state } = steppedSgd();
    return { p, opt, state: { ...state, paramGroups: [{ ...state.paramGroups[0], params: [0, 1] }] } };
  }, ({ opt, state }) => opt.loadStateDict(state), RangeError,
  "loaded state dict contains a parameter group that doesn't match the size of optimizer's group (1 parameters in the optimizer's group 0, 2 in the state dict)"),
  badCallOn('optimizer loadStateDict: a momentum buffer of shape [3] for a parameter of [2]', () => {
    const { p, opt, state } = steppedSgd();
    return { p, opt, state: { ...state, state: { 0: { momentumBuffer: zeros(3) } } } };
  }, ({ opt, state }) => opt.loadStateDict(state), ShapeError,
  'optimizer state for parameter 0: momentumBuffer has shape [3], the parameter has shape [2]'),
  badCallOn("optimizer loadStateDict: Adam's expAvg in an SGD state", () => {
    const { p, opt, state } = steppedSgd();
    return { p, opt, state: { ...state, state: { 0: { expAvg: zeros(2) } } } };
  }, ({ opt, state }) => opt.loadStateDict(state), RangeError,
  "optimizer state for parameter 0: unknown entry 'expAvg' (expected step or momentumBuffer)"),
  badCallOn('optimizer loadStateDict: a negative step', () => {
    const p = new nn.Parameter(ones(2));
    const opt = new optim.Adam([p]);
    return { p, opt, state: { state: { 0: { step: -1, expAvg: zeros(2), expAvgSq: zeros(2) } }, paramGroups: opt.stateDict().paramGroups } };
  }, ({ opt, state }) => opt.loadStateDict(state), RangeError, 'optimizer state for parameter 0: step must be a non-negative integer, got -1'),
  badCallOn('optimizer loadStateDict: not an object with state and paramGroups', () => {
    const p = new nn.Parameter(ones(2));
    return { p, opt: new optim.SGD([p], { lr: 0.1 }), t: tensor([1]) };
  }, ({ opt, t }) => opt.loadStateDict(t as never), TypeError, 'optimizer state dict must be an object with "state" and "paramGroups", got torch.FloatTensor'),
];
