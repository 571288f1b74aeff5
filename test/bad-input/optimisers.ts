// Optimiser misuse: invalid hyper-parameters, parameter lists that are empty, not tensors, not leaves, repeated,
// and steps over gradients that do not fit their parameters.
import { DTypeError, ShapeError, keep, nn, ones, optim, zeros } from '../../src/index';
import { badCallOn, type BadCall } from './entry';

const param = () => new nn.Parameter(zeros(2));

export const optimiserCalls: BadCall[] = [
  badCallOn('SGD: lr -1', param, (p) => new optim.SGD([p], { lr: -1 }), RangeError, 'Invalid learning rate: -1'),
  badCallOn('SGD: lr NaN', param, (p) => new optim.SGD([p], { lr: NaN }), RangeError, 'Invalid learning rate: nan'),
  badCallOn("SGD: lr '0.1' (a string)", param, (p) => new optim.SGD([p], { lr: '0.1' as never }), TypeError, 'lr must be a number, got str'),
  badCallOn('SGD: momentum -1', param, (p) => new optim.SGD([p], { lr: 0.1, momentum: -1 }), RangeError, 'Invalid momentum value: -1'),
  badCallOn('SGD: Nesterov without momentum', param, (p) => new optim.SGD([p], { lr: 0.1, nesterov: true }), RangeError,
    'Nesterov momentum requires a momentum and zero dampening'),
  badCallOn('SGD: nesterov 1 (not a boolean)', param, (p) => new optim.SGD([p], { lr: 0.1, momentum: 0.9, nesterov: 1 as never }), TypeError,
    'nesterov must be a boolean, got int'),
  badCallOn('Adam: beta1 1.5', param, (p) => new optim.Adam([p], { betas: [1.5, 0.9] }), RangeError, 'Invalid beta parameter at index 0: 1.5'),
  badCallOn('Adam: eps -1', param, (p) => new optim.Adam([p], { eps: -1 }), RangeError, 'Invalid epsilon value: -1'),
  badCallOn('AdamW: weight decay -1', param, (p) => new optim.AdamW([p], { weightDecay: -1 }), RangeError, 'Invalid weight_decay value: -1'),
  badCallOn('SGD: an empty parameter list', () => null, () => new optim.SGD([], { lr: 0.1 }), RangeError, 'optimizer got an empty parameter list'),
  badCallOn('SGD: a number among the parameters', () => null, () => new optim.SGD([5 as never], { lr: 0.1 }), TypeError,
    'optimizer can only optimize Tensors, but one of the params is int'),
  badCallOn('Adam: a single tensor instead of a list', param, (p) => new optim.Adam(p as never), TypeError,
    'params argument given to the optimizer should be an iterable of Tensors or dicts, but got torch.nn.parameter.Parameter'),
  badCallOn('SGD: a module instead of its parameters', () => new nn.Linear(2, 2), (m) => new optim.SGD(m as never, { lr: 0.1 }), TypeError,
    'params argument given to the optimizer should be an iterable of Tensors or dicts, but got Linear'),
  badCallOn('SGD: the parameters method instead of its result', () => new nn.Linear(2, 2), (m) => new optim.SGD(m.parameters as never, { lr: 0.1 }), TypeError,
    'params argument given to the optimizer should be an iterable of Tensors or dicts, but got function'),
  badCallOn('SGD: a Set of parameters', param, (p) => new optim.SGD([{ params: new Set([p]) as never }], { lr: 0.1 }), TypeError,
    'optimizer parameters need to be organized in ordered collections'),
  badCallOn('SGD: a computed (non-leaf) tensor', () => {
    const x = ones(2, { requiresGrad: true });
    return { x, y: x.mul(2) };
  }, ({ y }) => new optim.SGD([y], { lr: 0.1 }), RangeError, "can't optimize a non-leaf Tensor"),
  badCallOn('SGD: the same parameter twice', param, (p) => new optim.SGD([p, p], { lr: 0.1 }), RangeError,
    'optimizer contains a parameter group with duplicate parameters'),
  badCallOn('addParamGroup: a parameter already in another group', () => {
    const p = param();
    return { p, opt: new optim.SGD([p], { lr: 0.1 }) };
  }, ({ p, opt }) => opt.addParamGroup({ params: [p] }), RangeError, 'some parameters appear in more than one parameter group'),
  badCallOn('addParamGroup: a group without params', () => {
    const p = param();
    return { p, opt: new optim.SGD([p], { lr: 0.1 }) };
  }, ({ opt }) => opt.addParamGroup({ lr: 0.2 } as never), TypeError, "param_group must have a 'params' key"),
  badCallOn('step: a gradient of shape [3] for a parameter of shape [2]', () => {
    const p = param();
    p.grad = keep(ones(3));
    return { p, opt: new optim.Adam([p]) };
  }, ({ opt }) => opt.step(), ShapeError, 'optimizer: gradient of shape [3] does not match parameter of shape [2]'),
  badCallOn('step: a float64 gradient for a float32 parameter', () => {
    const p = param();
    p.grad = keep(ones(2, { dtype: 'float64' }));
    return { p, opt: new optim.SGD([p], { lr: 0.1, momentum: 0.9 }) };
  }, ({ opt }) => opt.step(), DTypeError, 'optimizer: gradient dtype torch.float64 does not match parameter dtype torch.float32'),
  badCallOn('step: a group whose lr was set to -1 after construction', () => {
    const p = param();
    p.grad = keep(ones(2));
    const opt = new optim.SGD([p], { lr: 0.1 });
    opt.paramGroups[0].lr = -1;
    return { p, opt };
  }, ({ opt }) => opt.step(), RangeError, 'Invalid learning rate: -1'),
];
