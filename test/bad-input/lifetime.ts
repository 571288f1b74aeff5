// Use of tensors after dispose(): as the tensor an op runs on, as an operand, inside lists, modules and
// optimisers. Each is refused with DisposedError before anything is allocated.
import { DisposedError, cat, keep, nn, ones, optim, saveSafetensors, tensor, where, zeros } from '../../src/index';
import { badCallOn, type BadCall } from './entry';

const F = nn.functional;

/** A tensor made and disposed by the inputs, beside live ones. */
function disposed<T extends object>(make: () => T, dead: (inputs: T) => { dispose(): void }): () => T {
  return () => {
    const inputs = make();
    dead(inputs).dispose();
    return inputs;
  };
}

const usedAfterDispose = (shape: string) => `Tensor of shape [${shape}] was used after dispose()`;

export const lifetimeCalls: BadCall[] = [
  badCallOn('add: on a disposed tensor', disposed(() => ({ x: zeros(2) }), ({ x }) => x), ({ x }) => x.add(1), DisposedError, usedAfterDispose('2')),
  badCallOn('add: a disposed operand', disposed(() => ({ x: ones(2), y: zeros(2) }), ({ y }) => y), ({ x, y }) => x.add(y), DisposedError, usedAfterDispose('2')),
  badCallOn('matmul: a disposed operand', disposed(() => ({ a: ones(2, 2), b: zeros(2, 2) }), ({ b }) => b), ({ a, b }) => a.matmul(b), DisposedError,
    usedAfterDispose('2, 2')),
  badCallOn('cat: a disposed tensor in the list', disposed(() => ({ a: ones(2), b: zeros(3) }), ({ b }) => b), ({ a, b }) => cat([a, b]), DisposedError,
    usedAfterDispose('3')),
  badCallOn('where: a disposed branch', disposed(() => ({ c: ones(2).gt(0), x: zeros(2) }), ({ x }) => x), ({ c, x }) => where(c, x, 1), DisposedError,
    usedAfterDispose('2')),
  badCallOn('copy_: from a disposed tensor', disposed(() => ({ x: ones(2), src: zeros(2) }), ({ src }) => src), ({ x, src }) => x.copy_(src), DisposedError,
    usedAfterDispose('2')),
  badCallOn('add_: in place on a disposed tensor', disposed(() => ({ x: zeros(2) }), ({ x }) => x), ({ x }) => x.add_(1), DisposedError, usedAfterDispose('2')),
  badCallOn('item: of a disposed tensor', disposed(() => ({ x: zeros(1) }), ({ x }) => x), ({ x }) => x.item(), DisposedError, usedAfterDispose('1')),
  badCallOn('toString: of a disposed tensor', disposed(() => ({ x: zeros(1) }), ({ x }) => x), ({ x }) => x.toString(), DisposedError, usedAfterDispose('1')),
  badCallOn('indexSelect: a disposed index', disposed(() => ({ x: zeros(3), i: tensor([0], { dtype: 'int32' }) }), ({ i }) => i), ({ x, i }) => x.indexSelect(0, i),
    DisposedError, usedAfterDispose('1')),
  badCallOn('F.linear: a disposed weight', disposed(() => ({ x: zeros(1, 2), w: zeros(3, 2) }), ({ w }) => w), ({ x, w }) => F.linear(x, w), DisposedError,
    usedAfterDispose('3, 2')),
  badCallOn('nn.Linear: forward after the module was disposed', disposed(() => ({ layer: new nn.Linear(2, 2), x: zeros(1, 2) }), ({ layer }) => layer),
    ({ layer, x }) => layer.forward(x), DisposedError, usedAfterDispose('2, 2')),
  badCallOn('backward: of a disposed loss', disposed(() => {
    const x = ones(2, { requiresGrad: true });
    return { x, loss: x.mul(2).sum() };
  }, ({ loss }) => loss), ({ loss }) => loss.backward(), DisposedError, usedAfterDispose('')),
  badCallOn('nn.Parameter: of a disposed tensor', disposed(() => ({ x: zeros(2) }), ({ x }) => x), ({ x }) => new nn.Parameter(x), DisposedError,
    usedAfterDispose('2')),
  badCallOn('loadStateDict: disposed checkpoint tensors', () => {
    const source = new nn.Linear(2, 2);
    const state = source.stateDict();
    for (const t of Object.values(state)) t.dispose();
    return { source, state, target: new nn.Linear(2, 2) };
  }, ({ target, state }) => target.loadStateDict(state), nn.StateDictError, 'While copying the parameter named "weight", the checkpoint tensor was already disposed'),
  badCallOn('optimizer step: a disposed parameter', () => {
    const p = new nn.Parameter(ones(2));
    p.grad = keep(ones(2));
    const opt = new optim.SGD([p], { lr: 0.1 });
    p.dispose();
    return { p, opt };
  }, ({ opt }) => opt.step(), DisposedError, 'optimizer: a parameter of shape [2] was disposed'),
  badCallOn('saveSafetensors: a disposed tensor', disposed(() => ({ x: zeros(2) }), ({ x }) => x), ({ x }) => saveSafetensors({ x }), DisposedError,
    usedAfterDispose('2')),
];
