// nn.Module: registration by assignment, naming, traversal, modes, printing, state dicts and containers.
import { elementsOf } from '../src/backend/elements';
import { describe, expect, it } from 'vitest';
import { manualSeed, memory, tensor, tidy, zeros, type Tensor } from '../src/index';
import * as nn from '../src/nn';
import { values } from './support/tensor-values';

class Net extends nn.Module {
  fc1 = new nn.Linear(4, 8);
  act = new nn.Tanh();
  block = new nn.Sequential(new nn.Linear(8, 8, { bias: false }), new nn.ReLU());
  scale: nn.Parameter;

  constructor() {
    super();
    this.scale = new nn.Parameter(tensor([1, 2]));
    this.registerBuffer('steps', zeros(1));
    this.registerBuffer('cache', zeros(2), false);
  }

  override forward(x: Tensor): Tensor {
    return this.block.forward(this.act.forward(this.fc1.forward(x)));
  }
}

describe('registration and naming', () => {
  it('finds parameters, buffers and children assigned as properties, in definition order', () => {
    const net = new Net();
    expect(net.namedParameters().map(([n]) => n)).toEqual(['scale', 'fc1.weight', 'fc1.bias', 'block.0.weight']);
    expect(net.parameters().length).toBe(4);
    expect(net.namedBuffers().map(([n]) => n)).toEqual(['steps', 'cache']);
    expect(net.namedChildren().map(([n]) => n)).toEqual(['fc1', 'act', 'block']);
    expect(net.namedModules().map(([n]) => n)).toEqual(['', 'fc1', 'act', 'block', 'block.0', 'block.1']);
    expect(net.children()[0]).toBe(net.fc1);
    expect(net.getSubmodule('block.1')).toBeInstanceOf(nn.ReLU);
    expect(() => net.getSubmodule('block.7')).toThrow('Sequential has no attribute `7`');
    expect(net.namedParameters({ recurse: false }).map(([n]) => n)).toEqual(['scale']);
    expect(net.namedParameters('model').map(([n]) => n)[1]).toBe('model.fc1.weight');
    expect(net.numParameters()).toBe(2 + 32 + 8 + 64);
  });

  it('re-registers replaced and removed properties, and reports shared parameters once', () => {
    const net = new Net();
    net.fc1 = new nn.Linear(4, 8, { bias: false });
    expect(net.namedParameters().map(([n]) => n)).toEqual(['scale', 'fc1.weight', 'block.0.weight']);
    const tied = new nn.Sequential(new nn.Linear(3, 3), new nn.Linear(3, 3));
    (tied.get(1) as nn.Linear).weight = (tied.get(0) as nn.Linear).weight;
    expect(tied.namedParameters().map(([n]) => n)).toEqual(['0.weight', '0.bias', '1.bias']);
    expect(tied.namedParameters('', true, false).map(([n]) => n)).toEqual(['0.weight', '0.bias', '1.weight', '1.bias']);
    expect(Object.keys(tied.stateDict())).toEqual(['0.weight', '0.bias', '1.weight', '1.bias']);
  });

  it('registerParameter, registerBuffer and addModule check names and kinds as PyTorch', () => {
    const m = new nn.Module();
    m.registerParameter('w', new nn.Parameter(zeros(2)));
    m.registerParameter('b', null);
    expect(m.namedParameters().map(([n]) => n)).toEqual(['w']);
    expect(() => m.registerParameter('a.b', null)).toThrow('parameter name can\'t contain "."');
    expect(() => m.registerParameter('', null)).toThrow('parameter name can\'t be empty string ""');
    expect(() => m.registerParameter('x', zeros(2) as nn.Parameter)).toThrow(
      "cannot assign 'torch.FloatTensor' object to parameter 'x' (torch.nn.Parameter or None required)",
    );
    expect(() => m.registerParameter('train', null)).toThrow("attribute 'train' already exists");
    expect(() => m.registerBuffer('w', zeros(1))).toThrow("attribute 'w' already exists");
    expect(() => m.addModule('a.b', new nn.ReLU())).toThrow('module name can\'t contain ".", got: a.b');
    expect(() => m.addModule('x', {} as nn.Module)).toThrow('Object is not a Module subclass');
    m.addModule('child', new nn.ReLU());
    expect(m.namedChildren().map(([n]) => n)).toEqual(['child']);
    expect(() => new nn.Module().forward()).toThrow('Module [Module] is missing the required "forward" function');
  });

  it('train/eval propagate, apply visits children first, requiresGrad_ and zeroGrad', () => {
    const net = new Net();
    expect(net.training).toBe(true);
    net.eval();
    expect(net.modules().every((m) => !m.training)).toBe(true);
    net.train();
    expect(net.block.get(1).training).toBe(true);
    const visited: string[] = [];
    net.apply((m) => visited.push(m._getName()));
    expect(visited).toEqual(['Linear', 'Tanh', 'Linear', 'ReLU', 'Sequential', 'Net']);
    net.requiresGrad_(false);
    expect(net.parameters().every((p) => !p.requiresGrad)).toBe(true);
    net.requiresGrad_();
    const g = zeros(8, 4);
    elementsOf(g).fill(3);
    net.fc1.weight.grad = g;
    net.zeroGrad(false);
    expect(net.fc1.weight.grad).toBe(g);
    expect(values(g).every((v) => v === 0)).toBe(true);
    net.zeroGrad();
    expect(net.fc1.weight.grad).toBeNull();
    expect(g.isDisposed).toBe(true);
  });

  it('parameters are leaves that survive tidy scopes', () => {
    const before = memory().tensors;
    const layer = tidy(() => new nn.Linear(3, 2));
    expect(layer.weight.isLeaf).toBe(true);
    expect(layer.weight.requiresGrad).toBe(true);
    expect(layer.weight.isDisposed).toBe(false);
    expect(memory().tensors).toBe(before + 2);
    layer.dispose();
    expect(memory().tensors).toBe(before);
  });

  it('to(float64) converts parameters and buffers, keeps ties, and refuses integer dtypes', () => {
    const seq = new nn.Sequential(new nn.Linear(2, 2), new nn.Linear(2, 2));
    (seq.get(1) as nn.Linear).weight = (seq.get(0) as nn.Linear).weight;
    const old = (seq.get(0) as nn.Linear).weight;
    const before = values(old);
    seq.double();
    const w0 = (seq.get(0) as nn.Linear).weight;
    expect(w0.dtype).toBe('float64');
    expect(w0).toBe((seq.get(1) as nn.Linear).weight);
    expect(w0).toBeInstanceOf(nn.Parameter);
    expect(w0.requiresGrad).toBe(true);
    expect(Array.from(w0.toTypedArray())).toEqual(before);
    expect(old.isDisposed).toBe(true);
    expect(() => seq.to('int32')).toThrow('nn.Module.to only accepts floating point or complex dtypes, but got desired dtype=torch.int32');
  });
});

describe('printing', () => {
  it('prints the module tree as PyTorch', () => {
    const mapping = new nn.Sequential(new nn.Linear(64, 64, { bias: false }), new nn.ReLU(), new nn.Linear(64, 128, { bias: false }));
    expect(String(mapping)).toBe(
      'Sequential(\n' +
        '  (0): Linear(in_features=64, out_features=64, bias=False)\n' +
        '  (1): ReLU()\n' +
        '  (2): Linear(in_features=64, out_features=128, bias=False)\n' +
        ')',
    );
    expect(String(new Net())).toBe(
      'Net(\n' +
        '  (fc1): Linear(in_features=4, out_features=8, bias=True)\n' +
        '  (act): Tanh()\n' +
        '  (block): Sequential(\n' +
        '    (0): Linear(in_features=8, out_features=8, bias=False)\n' +
        '    (1): ReLU()\n' +
        '  )\n' +
        ')',
    );
  });

  it('prints every layer with its extra_repr', () => {
    const cases: [nn.Module, string][] = [
      [new nn.Conv2d(1, 16, 25, { bias: false }), 'Conv2d(1, 16, kernel_size=(25, 25), stride=(1, 1), bias=False)'],
      [new nn.Conv2d(4, 8, [3, 5], 2, 1, 1, 2), 'Conv2d(4, 8, kernel_size=(3, 5), stride=(2, 2), padding=(1, 1), groups=2)'],
      [new nn.Conv2d(4, 8, 3, { padding: 'same', dilation: 2 }), 'Conv2d(4, 8, kernel_size=(3, 3), stride=(1, 1), padding=same, dilation=(2, 2))'],
      [new nn.ReLU({ inplace: true }), 'ReLU(inplace=True)'],
      [new nn.Sigmoid(), 'Sigmoid()'],
      [new nn.GELU(), "GELU(approximate='none')"],
      [new nn.GELU({ approximate: 'tanh' }), "GELU(approximate='tanh')"],
      [new nn.SiLU(), 'SiLU()'],
      [new nn.LeakyReLU(), 'LeakyReLU(negative_slope=0.01)'],
      [new nn.LeakyReLU(0.2, true), 'LeakyReLU(negative_slope=0.2, inplace=True)'],
      [new nn.Softmax(1), 'Softmax(dim=1)'],
      [new nn.Softmax(), 'Softmax(dim=None)'],
      [new nn.Flatten(), 'Flatten(start_dim=1, end_dim=-1)'],
      [new nn.Unflatten(1, [2, 5]), 'Unflatten(dim=1, unflattened_size=(2, 5))'],
      [new nn.Identity(), 'Identity()'],
      [new nn.Dropout(), 'Dropout(p=0.5, inplace=False)'],
      [new nn.Dropout(0.1), 'Dropout(p=0.1, inplace=False)'],
      [new nn.LayerNorm(10), 'LayerNorm((10,), eps=1e-05, elementwise_affine=True)'],
      [new nn.LayerNorm([2, 3], { eps: 1e-6, elementwiseAffine: false }), 'LayerNorm((2, 3), eps=1e-06, elementwise_affine=False)'],
      [new nn.Embedding(10, 3), 'Embedding(10, 3)'],
      [new nn.Embedding(10, 3, { paddingIdx: 0 }), 'Embedding(10, 3, padding_idx=0)'],
      [new nn.MaxPool2d(2), 'MaxPool2d(kernel_size=2, stride=2, padding=0, dilation=1, ceil_mode=False)'],
      [new nn.MaxPool2d([3, 3], { stride: 1, ceilMode: true }), 'MaxPool2d(kernel_size=(3, 3), stride=1, padding=0, dilation=1, ceil_mode=True)'],
      [new nn.AvgPool2d(2), 'AvgPool2d(kernel_size=2, stride=2, padding=0)'],
      [new nn.MSELoss(), 'MSELoss()'],
      [new nn.L1Loss({ reduction: 'sum' }), 'L1Loss()'],
      [new nn.CrossEntropyLoss(), 'CrossEntropyLoss()'],
      [new nn.BCEWithLogitsLoss(), 'BCEWithLogitsLoss()'],
    ];
    for (const [module, text] of cases) expect(String(module)).toBe(text);
  });

  it('ModuleList compresses runs of identical children; ModuleDict prints its keys', () => {
    const list = new nn.ModuleList([new nn.Linear(2, 2), new nn.Linear(2, 2), new nn.Linear(2, 2), new nn.ReLU(), new nn.Linear(2, 2)]);
    expect(String(list)).toBe(
      'ModuleList(\n' +
        '  (0-2): 3 x Linear(in_features=2, out_features=2, bias=True)\n' +
        '  (3): ReLU()\n' +
        '  (4): Linear(in_features=2, out_features=2, bias=True)\n' +
        ')',
    );
    expect(String(new nn.ModuleList())).toBe('ModuleList()');
    const dict = new nn.ModuleDict({ b: new nn.ReLU(), a: new nn.Tanh() });
    expect(String(dict)).toBe('ModuleDict(\n  (b): ReLU()\n  (a): Tanh()\n)');
  });

  it('prints a Parameter as PyTorch', () => {
    expect(String(new nn.Parameter(tensor([[1, 2]])))).toBe('Parameter containing:\ntensor([[1., 2.]], requires_grad=True)');
  });
});

describe('state dicts', () => {
  it('uses PyTorch keys: own parameters, then persistent buffers, then children', () => {
    const net = new Net();
    expect(Object.keys(net.stateDict())).toEqual(['scale', 'steps', 'fc1.weight', 'fc1.bias', 'block.0.weight']);
    const sd = net.stateDict();
    expect(sd['fc1.weight'].requiresGrad).toBe(false);
    expect(sd['fc1.weight']).not.toBe(net.fc1.weight);
    expect(net.stateDict({ keepVars: true })['fc1.weight']).toBe(net.fc1.weight);
    expect(Object.keys(net.stateDict({ prefix: 'm.' }))[0]).toBe('m.scale');
  });

  it('round-trips into a fresh model', () => {
    manualSeed(1);
    const a = new Net();
    manualSeed(2);
    const b = new Net();
    expect(values(b.fc1.weight)).not.toEqual(values(a.fc1.weight));
    const result = b.loadStateDict(a.stateDict());
    expect(result).toEqual({ missingKeys: [], unexpectedKeys: [] });
    for (const [name, t] of Object.entries(a.stateDict())) expect(values(b.stateDict()[name])).toEqual(values(t));
    expect(b.fc1.weight.isLeaf).toBe(true);
    expect(b.fc1.weight.requiresGrad).toBe(true);
  });

  it('reports missing, unexpected and mismatched keys in PyTorch words and changes nothing', () => {
    const model = new nn.Sequential(new nn.Linear(4, 8), new nn.Linear(8, 2));
    const before = values((model.get(1) as nn.Linear).weight);
    const source = new nn.Sequential(new nn.Linear(4, 3), new nn.Linear(8, 2)).stateDict();
    delete source['1.bias'];
    source['2.weight'] = zeros(1);
    source['extra'] = zeros(1);
    expect(() => model.loadStateDict(source)).toThrow(
      'Error(s) in loading state_dict for Sequential:\n' +
        '\tMissing key(s) in state_dict: "1.bias". \n' +
        '\tUnexpected key(s) in state_dict: "2.weight", "extra". \n' +
        '\tsize mismatch for 0.weight: copying a param with shape torch.Size([3, 4]) from checkpoint, the shape in current model is torch.Size([8, 4]).\n' +
        '\tsize mismatch for 0.bias: copying a param with shape torch.Size([3]) from checkpoint, the shape in current model is torch.Size([8]).',
    );
    expect(values((model.get(1) as nn.Linear).weight)).toEqual(before);
    expect(() => model.loadStateDict(source)).toThrow(nn.StateDictError);
  });

  it('non-strict loading returns the incompatible keys but still refuses shape mismatches', () => {
    const model = new nn.Sequential(new nn.Linear(4, 8), new nn.Linear(8, 2));
    const source = new nn.Sequential(new nn.Linear(4, 8), new nn.Linear(8, 2)).stateDict();
    delete source['1.bias'];
    source['head.weight'] = zeros(2);
    const result = model.loadStateDict(source, { strict: false });
    expect(result).toEqual({ missingKeys: ['1.bias'], unexpectedKeys: ['head.weight'] });
    expect(values((model.get(1) as nn.Linear).weight)).toEqual(values(source['1.weight']));
    source['0.bias'] = zeros(3);
    expect(() => model.loadStateDict(source, false)).toThrow('size mismatch for 0.bias');
    expect(() => model.loadStateDict(zeros(2) as never)).toThrow('Expected state_dict to be dict-like');
  });

  it('converts dtypes on load and reads Maps', () => {
    const layer = new nn.Linear(2, 1);
    layer.loadStateDict(new Map([['weight', tensor([[0.5, -1]], { dtype: 'float64' })], ['bias', tensor([2], { dtype: 'float64' })]]));
    expect(values(layer.weight)).toEqual([0.5, -1]);
    expect(layer.weight.dtype).toBe('float32');
    expect(values(layer.bias!)).toEqual([2]);
  });
});

describe('containers', () => {
  it('Sequential indexes, iterates, appends, inserts, pops and slices with PyTorch keys', () => {
    const seq = new nn.Sequential(new nn.Linear(2, 3), new nn.ReLU());
    expect(seq.length).toBe(2);
    expect(seq.get(-1)).toBeInstanceOf(nn.ReLU);
    expect((seq as unknown as Record<string, nn.Module>)['0']).toBe(seq.get(0));
    expect(() => seq.get(2)).toThrow('index 2 is out of range');
    seq.append(new nn.Linear(3, 1));
    expect([...seq].map((m) => m._getName())).toEqual(['Linear', 'ReLU', 'Linear']);
    seq.insert(1, new nn.Tanh());
    expect(Object.keys(seq.stateDict())).toEqual(['0.weight', '0.bias', '3.weight', '3.bias']);
    const tail = seq.slice(1);
    expect(tail.namedChildren().map(([n]) => n)).toEqual(['1', '2', '3']);
    expect(seq.pop(1)).toBeInstanceOf(nn.Tanh);
    expect(seq.namedChildren().map(([n]) => n)).toEqual(['0', '1', '2']);
    const named = new nn.Sequential(new Map<string, nn.Module>([['conv', new nn.Conv2d(1, 2, 3)], ['act', new nn.ReLU()]]));
    named.append(new nn.Flatten());
    expect(named.namedChildren().map(([n]) => n)).toEqual(['conv', 'act', '2']);
  });

  it('ModuleList and ModuleDict register their children and keep insertion order', () => {
    const list = new nn.ModuleList([new nn.Linear(1, 1)]);
    list.append(new nn.Linear(1, 1)).extend([new nn.ReLU()]);
    expect(list.length).toBe(3);
    expect(list.parameters().length).toBe(4);
    expect(list.slice(1).namedChildren().map(([n]) => n)).toEqual(['0', '1']);
    expect(() => list.forward()).toThrow('Module [ModuleList] is missing the required "forward" function');

    const dict = new nn.ModuleDict();
    dict.set('z', new nn.ReLU());
    dict.set('10', new nn.Tanh());
    dict.set('2', new nn.Linear(1, 1));
    expect(dict.keys()).toEqual(['z', '10', '2']);
    expect([...dict]).toEqual(['z', '10', '2']);
    expect(Object.keys(dict.stateDict())).toEqual(['2.weight', '2.bias']);
    expect(dict.has('10')).toBe(true);
    expect(dict.pop('10')).toBeInstanceOf(nn.Tanh);
    expect(dict.keys()).toEqual(['z', '2']);
    expect(() => dict.set('train', new nn.ReLU())).toThrow("attribute 'train' already exists");
  });
});

describe('einops layers in the nn namespace', () => {
  it('Rearrange prints as einops and registers no parameters', () => {
    const layer = new nn.Rearrange('b c (h p1) (w p2) -> b (h w) (p1 p2 c)', { p1: 8, p2: 8 });
    expect(String(layer)).toBe("Rearrange('b c (h p1) (w p2) -> b (h w) (p1 p2 c)', p1=8, p2=8)");
    const mapping = new nn.Sequential(layer, new nn.Linear(64, 64, { bias: false }), new nn.ReLU(), new nn.Linear(64, 128, { bias: false }));
    expect(Object.keys(mapping.stateDict())).toEqual(['1.weight', '3.weight']);
  });
});
