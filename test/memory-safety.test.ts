// Memory safety: a disposed tensor, a view whose base was disposed, the saved tensors and gradients of a graph that
// was freed, and whatever is allocated after any of these can never read or write another tensor's bytes. The
// allocator hands a freed block to the next request of its size class, so each test fills the freed block with a
// pattern through a new tensor (checking that it did land there), then checks that the old handles throw
// DisposedError or still see their own data, and that the pattern is untouched.
import { describe, expect, it } from 'vitest';
import {
  AutogradError, DisposedError, Tensor, arange, backward, full, grad, memory, nn, ones, tensor, tidy, zeros,
} from '../src/index';

const PATTERN = -7.25;

/** A float32 tensor of n elements filled with PATTERN: it takes the most recently freed block of its size class. */
const filler = (n: number) => full([n], PATTERN);

const isPattern = (t: Tensor) => t.toTypedArray().every((v) => v === PATTERN);

/** Every way a program can read or write a tensor, each of which must refuse a disposed one. */
function everyUse(t: Tensor, other: Tensor): [string, () => unknown][] {
  return [
    ['tolist', () => t.tolist()],
    ['toTypedArray', () => t.toTypedArray()],
    ['item', () => t.narrow(0, 0, 1).item()],
    ['toString', () => t.toString()],
    ['add', () => t.add(1)],
    ['add as operand', () => other.add(t)],
    ['matmul', () => t.reshape(1, -1).matmul(other.reshape(-1, 1))],
    ['sum', () => t.sum()],
    ['view', () => t.view(-1)],
    ['narrow', () => t.narrow(0, 0, 1)],
    ['clone', () => t.clone()],
    ['add_', () => t.add_(1)],
    ['fill_', () => t.fill_(0)],
    ['zero_', () => t.zero_()],
    ['copy_ into', () => t.copy_(other)],
    ['copy_ from', () => other.copy_(t)],
    ['a new Tensor on its storage', () => new Tensor(t._storage, [1], [1], 0, 'float32')],
    ['a Parameter of it', () => new nn.Parameter(t)],
  ];
}

describe('a disposed tensor', () => {
  it('refuses every read and write, while its block holds another tensor', () => {
    const start = memory();
    const a = tensor([1, 2, 3, 4]);
    const freedAt = a._ptr;
    a.dispose();
    const b = filler(4);
    expect(b._ptr).toBe(freedAt); // the test only means something if the block was handed on
    const other = ones(4);
    for (const [use, run] of everyUse(a, other)) {
      expect(run, use).toThrow(DisposedError);
    }
    expect(isPattern(b)).toBe(true);
    expect(other.tolist()).toEqual([1, 1, 1, 1]);
    b.dispose();
    other.dispose();
    expect(memory().tensors).toBe(start.tensors);
    expect(memory().bytes).toBe(start.bytes);
  });

  it('disposed twice still gives its block back once: two new tensors never share it', () => {
    const a = zeros(8);
    a.dispose();
    a.dispose();
    const b = filler(8);
    const c = full([8], 3);
    expect(b._ptr).not.toBe(c._ptr);
    expect(isPattern(b)).toBe(true);
    expect(c.sum().item()).toBe(24);
    b.dispose();
    c.dispose();
  });

  it('disposed by tidy is refused the same way after the scope', () => {
    let inner: Tensor | null = null;
    tidy(() => {
      inner = arange(4, { dtype: 'float32' });
      return null;
    });
    const b = filler(4);
    expect(() => inner!.tolist()).toThrow(DisposedError);
    expect(() => inner!.mul_(2)).toThrow(DisposedError);
    expect(isPattern(b)).toBe(true);
    b.dispose();
  });

  it('inside a module is refused by forward, and the module cannot write into the reused blocks', () => {
    const layer = new nn.Linear(3, 2);
    layer.dispose();
    const blocks = [filler(6), filler(2)]; // the sizes of the weight and the bias
    const x = ones(1, 3);
    expect(() => layer.forward(x)).toThrow(DisposedError);
    expect(() => layer.zeroGrad(false)).not.toThrow();
    expect(blocks.every(isPattern)).toBe(true);
    for (const t of [...blocks, x]) t.dispose();
  });
});

describe('a view whose base was disposed', () => {
  it('keeps the storage: it sees its own data, and new tensors get other blocks', () => {
    const start = memory();
    const base = arange(8, { dtype: 'float32' });
    const view = base.narrow(0, 2, 4);
    const rows = base.reshape(2, 4);
    const t = rows.t();
    base.dispose();
    rows.dispose();
    const fillers = [filler(8), filler(8)];
    for (const f of fillers) expect(f._ptr).not.toBe(view._ptr - 8); // the storage starts 2 elements before the view
    expect(view.tolist()).toEqual([2, 3, 4, 5]);
    expect(t.tolist()).toEqual([
      [0, 4],
      [1, 5],
      [2, 6],
      [3, 7],
    ]);
    view.mul_(10);
    expect((t.tolist() as number[][])[2]).toEqual([20, 6]);
    expect(fillers.every(isPattern)).toBe(true);
    view.dispose();
    t.dispose();
    for (const f of fillers) f.dispose();
    expect(memory().tensors).toBe(start.tensors);
    expect(memory().bytes).toBe(start.bytes);
  });

  it('once the last view goes too, every handle on the storage is refused and its block is reused safely', () => {
    const base = arange(4, { dtype: 'float32' });
    const view = base.view(2, 2);
    const storage = base._storage;
    const freedAt = base._ptr;
    base.dispose();
    view.dispose();
    const b = filler(4);
    expect(b._ptr).toBe(freedAt);
    const other = ones(4);
    for (const handle of [base, view]) {
      for (const [use, run] of everyUse(handle, other)) expect(run, use).toThrow(DisposedError);
    }
    expect(() => new Tensor(storage, [4], [1], 0, 'float32')).toThrow(DisposedError);
    expect(isPattern(b)).toBe(true);
    b.dispose();
    other.dispose();
  });

  it('a view made by the Tensor constructor stays inside its storage', () => {
    const a = arange(4, { dtype: 'float32' });
    const neighbour = filler(4);
    expect(() => new Tensor(a._storage, [5], [1], 0, 'float32')).toThrow(/out of bounds for storage of size 16/);
    expect(() => new Tensor(a._storage, [1], [1], 4, 'float32')).toThrow(/out of bounds for storage of size 16/);
    expect(() => new Tensor(a._storage, [2], [-1], 0, 'float32')).toThrow(/before the start of the storage/);
    const inside = new Tensor(a._storage, [2], [2], 1, 'float32');
    expect(inside.tolist()).toEqual([1, 3]);
    inside.fill_(9);
    expect(a.tolist()).toEqual([0, 9, 2, 9]);
    expect(isPattern(neighbour)).toBe(true);
    for (const t of [a, neighbour, inside]) t.dispose();
  });
});

describe('the saved tensors and gradients of a freed graph', () => {
  it('backward through a freed graph throws instead of reading the blocks its saved tensors had', () => {
    const start = memory();
    const x = tensor([0.5, 1, 1.5, 2], { requiresGrad: true });
    const y = x.exp();
    const product = y.mul(x); // saves x and y
    const loss = product.sum();
    loss.backward();
    const expected = x.grad!.tolist();
    const yAt = y._ptr;
    y.dispose(); // its saved handle went with the graph: the block is free
    const fillers = [filler(4), filler(4), filler(4)];
    expect(fillers.some((f) => f._ptr === yAt)).toBe(true);
    expect(() => loss.backward()).toThrow(AutogradError);
    expect(() => grad(loss, x)).toThrow(AutogradError);
    expect(x.grad!.tolist()).toEqual(expected);
    expect(fillers.every(isPattern)).toBe(true);
    for (const t of [...fillers, x.grad!, x, product, loss]) t.dispose();
    expect(memory().tensors).toBe(start.tensors);
    expect(memory().bytes).toBe(start.bytes);
  });

  it('saved tensors outlive the handles the program disposed: backward reads them, not the blocks reused since', () => {
    const start = memory();
    const x = tensor([1, 2, 3], { requiresGrad: true });
    const h = x.mul(2);
    const square = h.mul(h); // saves h twice
    const loss = square.sum();
    const hAt = h._ptr;
    h.dispose(); // the graph's saved handles still hold its storage
    const fillers = [filler(3), filler(3)];
    expect(fillers.every((f) => f._ptr !== hAt)).toBe(true);
    loss.backward();
    expect(x.grad!.tolist()).toEqual([8, 16, 24]); // d/dx (2x)^2 = 8x
    expect(fillers.every(isPattern)).toBe(true);
    for (const t of [...fillers, x.grad!, x, square, loss]) t.dispose();
    expect(memory().tensors).toBe(start.tensors);
    expect(memory().bytes).toBe(start.bytes);
  });

  it('a gradient disposed by the program is replaced, never written through, on the next backward', () => {
    const x = tensor([1, 2], { requiresGrad: true });
    x.mul(3).sum().backward();
    const oldGrad = x.grad!;
    oldGrad.dispose();
    const b = filler(2);
    const loss = x.mul(5).sum();
    backward(loss);
    expect(x.grad).not.toBe(oldGrad);
    expect(x.grad!.tolist()).toEqual([5, 5]);
    expect(isPattern(b)).toBe(true);
    expect(() => oldGrad.add_(1)).toThrow(DisposedError);
    for (const t of [b, x.grad!, x, loss]) t.dispose();
  });

  it('grad() hands out gradients of their own: disposing the graph and reusing its blocks leaves them intact', () => {
    const x = tensor([1, 2, 3], { requiresGrad: true });
    const y = x.mul(x);
    const loss = y.sum();
    const [g] = grad(loss, x);
    y.dispose();
    loss.dispose();
    const fillers = [filler(3), filler(3), filler(1)];
    expect(g!.tolist()).toEqual([2, 4, 6]);
    expect(fillers.every(isPattern)).toBe(true);
    for (const t of [...fillers, g!, x]) t.dispose();
  });

  it('a disposed leaf gets no gradient, and the backward writes into no reused block', () => {
    const x = tensor([1, 2, 3], { requiresGrad: true });
    const loss = x.mul(x).sum(); // the graph saves its own handles of x
    x.dispose();
    const b = filler(3);
    loss.backward();
    expect(x.grad).toBe(null);
    expect(isPattern(b)).toBe(true);
    b.dispose();
    loss.dispose();
  });
});
