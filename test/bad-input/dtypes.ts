// Dtypes an operation does not accept: integers where a float is required, bool arithmetic PyTorch refuses,
// gradients of integer tensors, unknown dtype names.
import { AutogradError, DTypeError, arange, keep, linalg, matmul, nn, optim, randn, tensor, zeros } from '../../src/index';
import { badCall, badCallOn, type BadCall } from './entry';

const F = nn.functional;
const int = (data: number[] | number[][]) => tensor(data, { dtype: 'int32' });
const bool = (data: boolean[]) => tensor(data);

export const dtypeCalls: BadCall[] = [
  badCall('zeros: an int32 tensor that requires grad', () => zeros(2, { dtype: 'int32', requiresGrad: true }), AutogradError,
    'only Tensors of floating point dtype can require gradients (got torch.int32)'),
  badCall('tensor: int32 data that requires grad', () => tensor([1, 2], { dtype: 'int32', requiresGrad: true }), AutogradError,
    'only Tensors of floating point dtype can require gradients (got torch.int32)'),
  badCall('arange: an integer range (int32) that requires grad', () => arange(3, { requiresGrad: true }), AutogradError,
    'only Tensors of floating point dtype can require gradients (got torch.int32)'),
  badCall('zeros: a bool tensor that requires grad', () => zeros(2, { dtype: 'bool', requiresGrad: true }), AutogradError,
    'only Tensors of floating point dtype can require gradients (got torch.bool)'),
  badCallOn('requiresGrad_: an int32 tensor', () => arange(3), (x) => x.requiresGrad_(), AutogradError,
    'only Tensors of floating point dtype can require gradients (got torch.int32)'),
  badCall('nn.Parameter: of an int32 tensor', () => {
    const data = arange(3);
    try {
      return new nn.Parameter(data);
    } finally {
      data.dispose();
    }
  }, AutogradError, 'Only Tensors of floating point dtype can require gradients (got torch.int32)'),
  badCall('zeros: dtype float16', () => zeros(2, { dtype: 'float16' as never }), DTypeError,
    "unsupported dtype float16: expected one of 'float32', 'float64', 'int32', 'bool'"),
  badCallOn('to: dtype int64', () => zeros(2), (x) => x.to('int64' as never), DTypeError, "unsupported dtype int64: expected one of 'float32', 'float64', 'int32', 'bool'"),
  badCall('randn: dtype int32', () => randn(2, { dtype: 'int32' }), DTypeError, 'randn: expected a floating point dtype, got int32'),
  badCallOn('sub: two bool tensors', () => [bool([true, false]), bool([false, false])], ([a, b]) => a.sub(b), DTypeError,
    'Subtraction, the `-` operator, with two bool tensors is not supported. Use the `^` or `logical_xor()` operator instead.'),
  badCallOn('neg: a bool tensor', () => bool([true, false]), (a) => a.neg(), DTypeError,
    'Negation, the `-` operator, on a bool tensor is not supported. If you are trying to invert a mask, use the `~` or `logical_not()` operator instead.'),
  badCallOn('sqrt_: an int32 tensor cannot hold the float result', () => arange(3), (x) => x.sqrt_(), DTypeError,
    "result type Float can't be cast to the desired output type Int"),
  badCallOn('add_: 0.5 into an int32 tensor', () => arange(3), (x) => x.add_(0.5), DTypeError, "result type Float can't be cast to the desired output type Int"),
  badCallOn('mul_: a float tensor into a bool tensor', () => [bool([true]), zeros(1)], ([b, f]) => b.mul_(f), DTypeError,
    "result type Float can't be cast to the desired output type Bool"),
  badCallOn('mean: an int32 tensor', () => arange(3), (x) => x.mean(), DTypeError,
    'mean(): could not infer output dtype. Input dtype must be either a floating point or complex dtype. Got: Int32'),
  badCallOn('softmax: an int32 tensor', () => arange(3), (x) => x.softmax(0), DTypeError, 'softmax(): expected a floating point input, got torch.int32'),
  badCallOn('matmul: int32 and float32 operands', () => [arange(4).reshape(2, 2), zeros(2, 2)], ([a, b]) => matmul(a, b), DTypeError,
    'expected m1 and m2 to have the same dtype, but got: int != float'),
  badCallOn('nn.Linear (float32) given a float64 input', () => ({ layer: new nn.Linear(2, 2), x: zeros(1, 2, { dtype: 'float64' }) }), ({ layer, x }) => layer.forward(x),
    DTypeError, 'self and mat2 must have the same dtype, but got Float and Double'),
  badCallOn('indexSelect: a float32 index', () => [zeros(3), zeros(2)], ([x, i]) => x.indexSelect(0, i), DTypeError,
    'index_select(): Expected dtype int32 for index, but got torch.float32'),
  badCallOn('gather: a float32 index', () => [zeros(3), zeros(2)], ([x, i]) => x.gather(0, i), DTypeError, 'Expected dtype int32 for index'),
  badCallOn('embedding: float32 indices', () => [zeros(2), zeros(4, 3)], ([i, w]) => F.embedding(i, w), DTypeError,
    'embedding: expected indices of dtype torch.int32, but got torch.float32'),
  badCallOn('maskedFill: a float32 mask', () => [zeros(3), zeros(3)], ([x, m]) => x.maskedFill(m, 1), DTypeError,
    'masked_fill_ only supports boolean masks, but got a tensor with dtype Float'),
  badCallOn('where: a float32 condition', () => [zeros(3), zeros(3)], ([c, x]) => x.where(c, 1), DTypeError,
    'where expected condition to be a boolean tensor, but got a tensor with dtype Float'),
  badCallOn('linalg.svd: an int32 matrix', () => arange(4).reshape(2, 2), (x) => linalg.svd(x), DTypeError,
    'linalg.svd: Expected a floating point tensor as input. Got int32'),
  badCallOn('nn.Module.to: int32', () => new nn.Linear(2, 2), (m) => m.to('int32'), DTypeError,
    'nn.Module.to only accepts floating point or complex dtypes, but got desired dtype=torch.int32'),
  badCall('nn.Linear: dtype int32', () => new nn.Linear(2, 2, { dtype: 'int32' }), DTypeError, 'Linear: parameters need a floating point dtype, got torch.int32'),
  badCallOn('optimizer step: an int32 parameter with a gradient', () => {
    const p = arange(2);
    p.grad = keep(arange(2));
    return { p, opt: new optim.SGD([p], { lr: 0.1 }) };
  }, ({ opt }) => opt.step(), DTypeError, 'optimizer: parameters must be floating point, got torch.int32'),
];

