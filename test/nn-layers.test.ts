// Layers: seeded construction sequences and forward passes against PyTorch (seed_exercises.json, ExD.3), and each
// layer's forward against the functional it wraps.
import { describe, expect, it } from 'vitest';
import { manualSeed, randn, tensor, type Tensor } from '../src/index';
import * as nn from '../src/nn';
import { compareTensor, fixtureValues, fromFixture, loadFixture, type FixtureTensor } from './support/fixtures';

const F = nn.functional;

interface ExD3 {
  img: FixtureTensor;
  w1: FixtureTensor;
  w2: FixtureTensor;
  patches: FixtureTensor;
  out: FixtureTensor;
  numel_params: number;
  myop: { conv_w: FixtureTensor; l3_w: FixtureTensor; l5_w: FixtureTensor; out: FixtureTensor };
}
const exd3 = loadFixture<{ exd3: ExD3 }>('seed_exercises.json').exd3;

const TOLERANCE = { rtol: 1e-4, atol: 1e-5 };

function bitIdentical(actual: Tensor, expected: FixtureTensor): boolean {
  const got = actual.toTypedArray() as Float32Array;
  const want = Float32Array.from(fixtureValues(expected));
  return got.length === want.length && want.every((v, i) => Object.is(v, got[i]));
}

describe('seeded layer sequences (ExD.3)', () => {
  it('Conv2d, Linear, Linear built one after another from one seed', () => {
    manualSeed(1234);
    const c1 = new nn.Conv2d(1, 16, 25, { bias: false });
    const l3 = new nn.Linear(64, 64, { bias: false });
    const l5 = new nn.Linear(64, 128, { bias: false });
    expect(bitIdentical(c1.weight, exd3.myop.conv_w)).toBe(true);
    expect(bitIdentical(l3.weight, exd3.myop.l3_w)).toBe(true);
    expect(bitIdentical(l5.weight, exd3.myop.l5_w)).toBe(true);
  });

  it('layers built after a randn draw continue the same random stream', () => {
    manualSeed(1234);
    randn(6, 1, 32, 32);
    const mapping = new nn.Sequential(new nn.Linear(64, 64, { bias: false }), new nn.ReLU(), new nn.Linear(64, 128, { bias: false }));
    expect(bitIdentical((mapping.get(0) as nn.Linear).weight, exd3.w1)).toBe(true);
    expect(bitIdentical((mapping.get(2) as nn.Linear).weight, exd3.w2)).toBe(true);
    expect(mapping.numParameters()).toBe(exd3.numel_params);
  });

  it('the MyOp forward pass: Conv2d -> Flatten(2) -> Linear -> ReLU -> Linear', () => {
    manualSeed(1234);
    const model = new nn.Sequential(
      new nn.Conv2d(1, 16, 25, { bias: false }),
      new nn.Flatten(2, -1),
      new nn.Linear(64, 64, { bias: false }),
      new nn.ReLU(),
      new nn.Linear(64, 128, { bias: false }),
    );
    const out = model.forward(fromFixture(exd3.img)) as Tensor;
    expect(compareTensor(out, exd3.myop.out, TOLERANCE).detail).toBe('');
  });

  it('the patch embedding: Rearrange into 8x8 patches -> Linear -> ReLU -> Linear', () => {
    manualSeed(1234);
    const img = randn(6, 1, 32, 32);
    const mapping = new nn.Sequential(
      new nn.Rearrange('b c (h p1) (w p2) -> b (h w) (p1 p2 c)', { p1: 8, p2: 8 }),
      new nn.Linear(64, 64, { bias: false }),
      new nn.ReLU(),
      new nn.Linear(64, 128, { bias: false }),
    );
    const input = fromFixture(exd3.img);
    expect(bitIdentical(mapping.get(0).forward(input) as Tensor, exd3.patches)).toBe(true);
    const out = mapping.forward(input) as Tensor;
    expect(out.shape).toEqual([6, 16, 128]);
    expect(compareTensor(out, exd3.out, TOLERANCE).detail).toBe('');
    img.dispose();
  });
});

describe('layer forwards equal their functionals', () => {
  const x = tensor([[[[0.5, -1, 2, 0], [1.5, -0.5, 0.25, 3], [-2, 1, 0.75, -1.25], [0, 2.5, -3, 1]]]]);
  const same = (a: Tensor, b: Tensor) => expect(Array.from(a.toTypedArray())).toEqual(Array.from(b.toTypedArray()));

  it('Linear computes x W^T + b', () => {
    const layer = new nn.Linear(2, 3);
    const input = tensor([[1, 2], [-0.5, 4]]);
    const out = layer.forward(input);
    const w = layer.weight.tolist() as number[][];
    const b = layer.bias!.tolist() as number[];
    const expected = [[1, 2], [-0.5, 4]].map((row) => w.map((wr, j) => Math.fround(Math.fround(row[0] * wr[0]) + Math.fround(row[1] * wr[1])) + b[j]));
    const got = out.tolist() as number[][];
    got.forEach((row, i) => row.forEach((v, j) => expect(v).toBeCloseTo(expected[i][j], 5)));
  });

  it('Conv2d, pooling and shape layers', () => {
    const conv = new nn.Conv2d(1, 2, 3, { padding: 1, stride: 2 });
    same(conv.forward(x), F.conv2d(x, conv.weight, conv.bias, 2, 1));
    same(new nn.MaxPool2d(2).forward(x) as Tensor, F.maxPool2d(x, 2));
    same(new nn.AvgPool2d(2, 1).forward(x), F.avgPool2d(x, 2, 1));
    expect(new nn.Flatten().forward(x).shape).toEqual([1, 16]);
    expect(new nn.Unflatten(1, [2, 8]).forward(new nn.Flatten().forward(x)).shape).toEqual([1, 2, 8]);
    expect(new nn.Identity(3, 'ignored').forward(x)).toBe(x);
  });

  it('activations', () => {
    same(new nn.ReLU().forward(x), F.relu(x));
    same(new nn.Sigmoid().forward(x), F.sigmoid(x));
    same(new nn.Tanh().forward(x), F.tanh(x));
    same(new nn.GELU({ approximate: 'tanh' }).forward(x), F.gelu(x, 'tanh'));
    same(new nn.SiLU().forward(x), F.silu(x));
    same(new nn.LeakyReLU(0.2).forward(x), F.leakyRelu(x, 0.2));
    same(new nn.Softmax(-1).forward(x), F.softmax(x, -1));
    same(new nn.Softmax().forward(x), F.softmax(x, 1)); // 4-D input: PyTorch's implicit dim is 1
  });

  it('normalisation, embedding and dropout', () => {
    const ln = new nn.LayerNorm(4);
    same(ln.forward(x), F.layerNorm(x, [4], ln.weight, ln.bias, 1e-5));
    const emb = new nn.Embedding(5, 2, { paddingIdx: 0 });
    const idx = tensor([[0, 3], [4, 0]], { dtype: 'int32' });
    same(emb.forward(idx), F.embedding(idx, emb.weight));
    const drop = new nn.Dropout(0.5);
    drop.eval();
    expect(drop.forward(x)).toBe(x);
    drop.train();
    const y = drop.forward(x).toTypedArray();
    const input = x.toTypedArray();
    y.forEach((v, i) => expect(v === 0 || v === input[i] * 2).toBe(true));
  });

  it('losses', () => {
    const input = tensor([[0.2, -1, 3], [1.5, 0.5, -0.5]]);
    const target = tensor([[0, 1, 2], [1, 1, -1]]);
    same(new nn.MSELoss().forward(input, target), F.mseLoss(input, target));
    same(new nn.L1Loss({ reduction: 'sum' }).forward(input, target), F.l1Loss(input, target, 'sum'));
    const labels = tensor([2, 0], { dtype: 'int32' });
    const weight = tensor([1, 2, 0.5]);
    same(new nn.CrossEntropyLoss({ weight, labelSmoothing: 0.1 }).forward(input, labels), F.crossEntropy(input, labels, { weight, labelSmoothing: 0.1 }));
    const probs = tensor([[1, 0, 1], [0, 1, 0]]);
    same(new nn.BCEWithLogitsLoss({ posWeight: weight }).forward(input, probs), F.binaryCrossEntropyWithLogits(input, probs, { posWeight: weight }));
    expect(() => new nn.MSELoss({ reduction: 'avg' as never })).toThrow('avg is not a valid value for reduction');
  });

  it('loss weights are buffers of the module', () => {
    const weight = tensor([1, 2, 0.5]);
    const loss = new nn.CrossEntropyLoss({ weight });
    expect(loss.namedBuffers().map(([n]) => n)).toEqual(['weight']);
    expect(Object.keys(loss.stateDict())).toEqual(['weight']);
    expect(Object.keys(new nn.CrossEntropyLoss().stateDict())).toEqual([]);
  });
});
