// Misspelt option keys are TypeErrors naming the key and what the function takes, as Python's unexpected keyword
// arguments are, and a refused call leaves nothing allocated.
import { describe, expect, it } from 'vitest';
import {
  arange, empty, eye, full, fullLike, linspace, memory, nn, ones, onesLike, optim, rand, randint, randn, randperm,
  tensor, zeros, zerosLike,
} from '../src/index';

const bad = (options: object) => options as never;

describe('unknown option keys', () => {
  it('are refused by every factory, with the key and the accepted keys in the message', () => {
    const before = memory().tensors;
    const x = zeros(2);
    const cases: [string, () => unknown][] = [
      ['zeros', () => zeros(3, bad({ dtyp: 'int32' }))],
      ['ones', () => ones([3], bad({ requiresgrad: true }))],
      ['empty', () => empty(2, bad({ dtype: 'float32', device: 'cpu' }))],
      ['full', () => full([2], 1, bad({ dtyp: 'int32' }))],
      ['tensor', () => tensor([1, 2], bad({ requires_grad: true }))],
      ['arange', () => arange(3, bad({ dtyp: 'int32' }))],
      ['linspace', () => linspace(0, 1, 3, bad({ dtyp: 'float64' }))],
      ['eye', () => eye(2, bad({ dtyp: 'float64' }))],
      ['zerosLike', () => zerosLike(x, bad({ dtyp: 'int32' }))],
      ['onesLike', () => onesLike(x, bad({ dtyp: 'int32' }))],
      ['fullLike', () => fullLike(x, 2, bad({ dtyp: 'int32' }))],
      ['rand', () => rand(2, bad({ generater: null }))],
      ['randn', () => randn([2], bad({ seed: 1 }))],
      ['randint', () => randint(5, [2], bad({ dtyp: 'int32' }))],
      ['randperm', () => randperm(4, bad({ dtyp: 'int32' }))],
    ];
    for (const [name, call] of cases) {
      expect(call).toThrow(TypeError);
      expect(call).toThrow(new RegExp(`^${name}\\(\\) got an unexpected keyword argument '\\w+' \\(expected one of: dtype, requiresGrad`));
    }
    x.dispose();
    expect(memory().tensors).toBe(before);
  });

  it('accept every documented key', () => {
    const t = zeros(2, { dtype: 'float64', requiresGrad: true });
    expect(t.dtype).toBe('float64');
    expect(t.requiresGrad).toBe(true);
    t.dispose();
  });

  it('are refused by nn.Linear and the optimisers before anything is built', () => {
    expect(() => new nn.Linear(3, 2, bad({ biass: false }))).toThrow("Linear() got an unexpected keyword argument 'biass' (expected one of: bias, dtype)");
    const layer = new nn.Linear(3, 2);
    const params = [...layer.parameters()];
    expect(() => new optim.Adam(params, bad({ learningRate: 0.1 }))).toThrow(/^Adam\(\) got an unexpected keyword argument 'learningRate'/);
    expect(() => new optim.AdamW(params, bad({ learningRate: 0.1 }))).toThrow(/^AdamW\(\) got an unexpected keyword argument 'learningRate'/);
    expect(() => new optim.SGD(params, bad({ lr: 0.1, momentun: 0.9 }))).toThrow(/^SGD\(\) got an unexpected keyword argument 'momentun'/);
    expect(new optim.SGD(params, { lr: 0.1, momentum: 0.9 }).paramGroups[0].momentum).toBe(0.9);
  });
});
