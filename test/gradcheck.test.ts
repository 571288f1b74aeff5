// gradcheck (float64 central differences vs analytic vector-Jacobian products) for every differentiable op, and
// gradgradcheck for a representative set, as torch.autograd.gradcheck / gradgradcheck do.
import { describe, expect, it } from 'vitest';
import {
  Generator, GradcheckError, cat, gradcheck, gradgradcheck, linalg, matmul, nn, randn, rand, stack, tensor, where, einsum, type Tensor,
} from '../src/index';

const F = nn.functional;
const gen = new Generator().manualSeed(2024);
const r = (...shape: number[]) => randn(shape, { dtype: 'float64', generator: gen }).requiresGrad_(true);
/** Values in (0.1, 2.1): inside the domain of log, sqrt, pow with fractional exponents... */
const pos = (...shape: number[]) => rand(shape, { dtype: 'float64', generator: gen }).mul(2).add(0.1).detach().requiresGrad_(true);
/** Values in (-0.9, 0.9): inside the domain of asin. */
const unit = (...shape: number[]) => rand(shape, { dtype: 'float64', generator: gen }).mul(1.8).sub(0.9).detach().requiresGrad_(true);
const idx = (values: number[] | number[][]) => tensor(values as number[], { dtype: 'int32' });

type Case = [name: string, fn: (...xs: Tensor[]) => Tensor | Tensor[], inputs: () => Tensor[]];

const unary: Case[] = [
  ['neg', (x) => x.neg(), () => [r(3, 4)]],
  ['exp', (x) => x.exp(), () => [r(3, 4)]],
  ['log', (x) => x.log(), () => [pos(3, 4)]],
  ['sqrt', (x) => x.sqrt(), () => [pos(3, 4)]],
  ['rsqrt', (x) => x.rsqrt(), () => [pos(3, 4)]],
  ['abs', (x) => x.abs(), () => [r(3, 4)]],
  ['sigmoid', (x) => x.sigmoid(), () => [r(3, 4)]],
  ['tanh', (x) => x.tanh(), () => [r(3, 4)]],
  ['relu', (x) => x.relu(), () => [r(3, 4)]],
  ['sin', (x) => x.sin(), () => [r(3, 4)]],
  ['cos', (x) => x.cos(), () => [r(3, 4)]],
  ['reciprocal', (x) => x.reciprocal(), () => [pos(3, 4)]],
  ['log1p', (x) => x.log1p(), () => [pos(3, 4)]],
  ['expm1', (x) => x.expm1(), () => [r(3, 4)]],
  ['square', (x) => x.square(), () => [r(3, 4)]],
  ['softplus', (x) => F.softplus(x), () => [r(3, 4)]],
  ['gelu', (x) => F.gelu(x), () => [r(3, 4)]],
  ['gelu tanh', (x) => F.gelu(x, { approximate: 'tanh' }), () => [r(3, 4)]],
  ['silu', (x) => F.silu(x), () => [r(3, 4)]],
  ['elu', (x) => F.elu(x), () => [r(3, 4)]],
  ['leakyRelu', (x) => F.leakyRelu(x, 0.1), () => [r(3, 4)]],
  ['clamp', (x) => x.clamp(-0.5, 0.7), () => [r(3, 4)]],
  ['atan', (x) => x.atan(), () => [r(3, 4)]],
  ['asin', (x) => x.asin(), () => [unit(3, 4)]],
  ['erf', (x) => x.erf(), () => [r(3, 4)]],
];

const binary: Case[] = [
  ['add broadcast', (a, b) => a.add(b), () => [r(3, 4), r(4)]],
  ['sub broadcast', (a, b) => a.sub(b), () => [r(3, 1), r(1, 4)]],
  ['mul broadcast', (a, b) => a.mul(b), () => [r(2, 1, 4), r(3, 1)]],
  ['div', (a, b) => a.div(b), () => [r(3, 4), pos(3, 4)]],
  ['maximum', (a, b) => a.maximum(b), () => [r(3, 4), r(3, 4)]],
  ['minimum', (a, b) => a.minimum(b), () => [r(3, 4), r(4)]],
  ['atan2', (a, b) => a.atan2(b), () => [r(3, 4), r(3, 4)]],
  ['pow scalar', (x) => x.pow(3), () => [r(3, 4)]],
  ['pow fractional', (x) => x.pow(-1.5), () => [pos(3, 4)]],
  ['pow tensor', (a, b) => a.pow(b), () => [pos(3, 4), r(3, 4)]],
  ['where', (a, b) => where(a.gt(0), a, b), () => [r(3, 4), r(3, 4)]],
  ['maskedFill', (x) => x.maskedFill(x.lt(0), 0.5), () => [r(3, 4)]],
];

const reductions: Case[] = [
  ['sum dims', (x) => x.sum([0, 2]), () => [r(3, 4, 5)]],
  ['mean', (x) => x.mean(1, true), () => [r(3, 4, 5)]],
  ['prod', (x) => x.prod(1), () => [r(3, 4)]],
  ['max dim', (x) => x.max(1).values, () => [r(4, 6)]],
  ['amax', (x) => x.amax([1, 2]), () => [r(2, 3, 4)]],
  ['norm p2', (x) => x.norm(2, 1), () => [r(5, 3)]],
  ['norm p1', (x) => x.norm(1, 0), () => [r(5, 3)]],
  ['norm p3', (x) => x.norm(3, 1), () => [r(5, 3)]],
  ['var', (x) => x.var(1), () => [r(4, 6)]],
  ['std', (x) => x.std(0), () => [r(4, 6)]],
  ['logsumexp', (x) => x.logsumexp(1), () => [r(4, 6)]],
  ['softmax', (x) => x.softmax(1), () => [r(4, 6)]],
  ['logSoftmax', (x) => x.logSoftmax(-1), () => [r(2, 3, 5)]],
  ['cumsum', (x) => x.cumsum(1), () => [r(3, 5)]],
  ['min dim', (x) => x.min(0).values, () => [r(4, 6)]],
  ['amin', (x) => x.amin(1), () => [r(3, 4)]],
  ['max all', (x) => x.max(), () => [r(3, 4)]],
  ['norm inf', (x) => x.norm(Infinity, 1), () => [r(5, 3)]],
  ['norm all', (x) => x.norm(), () => [r(4, 6)]],
];

const shapes: Case[] = [
  ['reshape+permute', (x) => x.reshape(4, 15).t().reshape(5, 3, 4).permute(2, 0, 1), () => [r(3, 4, 5)]],
  ['slicing', (x) => x.index('-2:, 1::2'), () => [r(5, 4)]],
  ['expand', (x) => x.expand(3, 4, 5), () => [r(4, 1)]],
  ['cat', (a, b) => cat([a, b], 1), () => [r(2, 3), r(2, 5)]],
  ['stack', (a, b) => stack([a, b], 1), () => [r(2, 3), r(2, 3)]],
  ['indexSelect', (x) => x.indexSelect(0, idx([2, 0, 2])), () => [r(4, 3)]],
  ['gather', (x) => x.gather(1, idx([[0, 2], [1, 1], [3, 0]])), () => [r(3, 4)]],
  ['diag', (x) => x.diag(), () => [r(4)]],
  ['triu', (x) => x.triu(1), () => [r(4, 4)]],
  ['pad', (x) => F.pad(x, [1, 2, 0, 1]), () => [r(1, 2, 3, 3)]],
  ['repeat', (x) => x.repeat(2, 3), () => [r(2, 2)]],
  ['flip', (x) => x.flip([1]), () => [r(2, 4)]],
  ['roll', (x) => x.roll(2, 1), () => [r(2, 5)]],
  ['split', (x) => x.split(2, 0)[1], () => [r(5, 3)]],
  ['chunk', (x) => x.chunk(3, 1)[1], () => [r(2, 7)]],
  ['narrow + select', (x) => x.narrow(1, 1, 2).select(0, 2), () => [r(3, 5)]],
  ['squeeze/unsqueeze/flatten', (x) => x.squeeze(1).unsqueeze(0).flatten(), () => [r(3, 1, 4)]],
  ['transpose + contiguous', (x) => x.transpose(0, 2).contiguous(), () => [r(3, 4, 5)]],
  ['tril', (x) => x.tril(-1), () => [r(4, 4)]],
  ['diag of a matrix', (x) => x.diag(), () => [r(4, 4)]],
  ['diagonal', (x) => x.diagonal(1), () => [r(4, 5)]],
  ['scatterAdd', (x, s) => x.scatterAdd(1, idx([[0, 2], [1, 1], [3, 0]]), s), () => [r(3, 4), r(3, 2)]],
  ['to float64 from float64 view', (x) => x.index('::2').clone(), () => [r(6, 2)]],
];

const linearAlgebra: Case[] = [
  ['matmul batched broadcast', (a, b) => matmul(a, b), () => [r(2, 1, 3, 4), r(3, 4, 2)]],
  ['dot', (a, b) => a.dot(b), () => [r(6), r(6)]],
  ['outer', (a, b) => a.outer(b), () => [r(3), r(4)]],
  ['linear', (x, w, b) => F.linear(x, w, b), () => [r(2, 5, 4), r(3, 4), r(3)]],
  ['einsum', (a, b) => einsum('bij,bjk->bik', a, b), () => [r(2, 3, 4), r(2, 4, 2)]],
  ['einsum trace', (a) => einsum('ii->', a), () => [r(4, 4)]],
  ['mm', (a, b) => a.mm(b), () => [r(3, 4), r(4, 5)]],
  ['bmm', (a, b) => a.bmm(b), () => [r(2, 3, 4), r(2, 4, 5)]],
  ['mv', (a, b) => a.mv(b), () => [r(3, 4), r(4)]],
  ['svd (gauge-invariant use of U and Vh)', (a) => {
    const { U, S, Vh } = linalg.svd(a, { fullMatrices: false });
    return U.mul(S.pow(2).unsqueeze(0)).matmul(Vh).sum().add(U.index(':, :1').matmul(Vh.index(':1')).pow(2).sum());
  }, () => [r(5, 3)]],
  ['svdvals', (a) => linalg.svdvals(a), () => [r(5, 3)]],
  ['matrixNorm 2', (a) => linalg.matrixNorm(a, 2), () => [r(4, 3)]],
];

const functional: Case[] = [
  ['conv2d', (x, w, b) => F.conv2d(x, w, b, 2, 1), () => [r(1, 2, 5, 5), r(3, 2, 3, 3), r(3)]],
  ['conv2d groups dilation', (x, w) => F.conv2d(x, w, null, 1, 0, 2, 2), () => [r(1, 4, 7, 7), r(4, 2, 2, 2)]],
  ['unfold', (x) => F.unfold(x, 3, { padding: 1, stride: 2 }), () => [r(1, 2, 5, 5)]],
  ['fold', (x) => F.fold(x, [4, 4], 2, { stride: 2 }), () => [r(1, 8, 4)]],
  ['maxPool2d', (x) => F.maxPool2d(x, 2), () => [r(1, 2, 4, 6)]],
  ['avgPool2d', (x) => F.avgPool2d(x, 2, 1), () => [r(1, 2, 4, 4)]],
  ['layerNorm', (x, w, b) => F.layerNorm(x, [5], w, b), () => [r(3, 5), r(5), r(5)]],
  ['mseLoss', (a, b) => F.mseLoss(a, b), () => [r(4, 3), r(4, 3)]],
  ['l1Loss', (a, b) => F.l1Loss(a, b), () => [r(4, 3), r(4, 3)]],
  ['crossEntropy', (x) => F.crossEntropy(x, idx([1, 0, 4])), () => [r(3, 5)]],
  ['nllLoss', (x) => F.nllLoss(x.logSoftmax(1), idx([2, 2, 0])), () => [r(3, 4)]],
  ['bceWithLogits', (x, t) => F.binaryCrossEntropyWithLogits(x, t.sigmoid()), () => [r(4), r(4)]],
  ['embedding', (w) => F.embedding(idx([[1, 3], [0, 1]]), w), () => [r(4, 3)]],
  ['crossEntropy with probabilities', (x, t) => F.crossEntropy(x, t.softmax(1)), () => [r(3, 5), r(3, 5)]],
  ['conv1d', (x, w) => F.conv1d(x, w, null, 2, 1), () => [r(2, 3, 9), r(4, 3, 3)]],
  ['batchNorm (training)', (x, w, b) => F.batchNorm(x, null, null, w, b, true), () => [r(4, 3), r(3), r(3)]],
  ['groupNorm', (x) => F.groupNorm(x, 2), () => [r(2, 4, 3)]],
];

const table: Record<string, Case[]> = { unary, binary, reductions, shapes, 'linear algebra': linearAlgebra, 'nn.functional': functional };

for (const [group, cases] of Object.entries(table)) {
  describe(`gradcheck: ${group} (${cases.length} ops)`, () => {
    for (const [name, fn, inputs] of cases) it(name, () => expect(gradcheck(fn, inputs())).toBe(true));
  });
}

describe('gradgradcheck (second derivatives through createGraph)', () => {
  const second: Case[] = [
    ['exp', (x) => x.exp(), () => [r(2, 3)]],
    ['sigmoid', (x) => x.sigmoid(), () => [r(2, 3)]],
    ['tanh', (x) => x.tanh(), () => [r(2, 3)]],
    ['log', (x) => x.log(), () => [pos(2, 3)]],
    ['mul', (a, b) => a.mul(b), () => [r(2, 3), r(3)]],
    ['div', (a, b) => a.div(b), () => [r(2, 3), pos(2, 3)]],
    ['pow', (x) => x.pow(3), () => [r(2, 3)]],
    ['norm', (x) => x.norm(2, 1), () => [r(3, 3)]],
    ['softmax', (x) => x.softmax(1), () => [r(2, 4)]],
    ['mm', (a, b) => a.mm(b), () => [r(2, 3), r(3, 2)]],
    ['layerNorm', (x, w, b) => F.layerNorm(x, [4], w, b), () => [r(2, 4), r(4), r(4)]],
    ['the ExD.1 chain', (y, x) => x.sub(y.pow(2)).norm(2, 1).pow(2).neg().exp().sum().sigmoid(), () => [r(4, 3).mul(0.3).detach().requiresGrad_(true), r(3)]],
  ];
  for (const [name, fn, inputs] of second) it(name, () => expect(gradgradcheck(fn, inputs())).toBe(true));
});

describe('gradcheck itself', () => {
  it('fails a wrong gradient', () => {
    // detach() hides the dependence of the second factor: the analytic gradient is x, the numerical one 2x.
    const wrong = (x: Tensor) => x.mul(x.detach());
    expect(() => gradcheck(wrong, [r(3)])).toThrow(GradcheckError);
    expect(gradcheck(wrong, [r(3)], { raiseException: false })).toBe(false);
  });

  it('refuses float32 inputs', () => {
    expect(() => gradcheck((x) => x.exp(), [randn(3).requiresGrad_(true)])).toThrow(/float64/);
  });
});
