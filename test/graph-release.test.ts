// Releasing a tensor releases the autograd graph that only it reaches, as PyTorch frees the graph with the last
// reference to its output: saved tensors go back to the allocator at once, while every part of the graph that a
// live tensor still reaches (shared subgraphs, sibling outputs, retainGraph, createGraph, kept tensors) keeps
// working.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { AutogradError, grad, keep, memory, nn, noGrad, optim, randn, split, tensor, tidy, unbind, varMean } from '../src/index';
import type { Tensor } from '../src/index';

/** memory() without wasmBytes (linear memory never shrinks): what must return to its starting figures. */
const held = () => {
  const { tensors, bytes } = memory();
  return { tensors, bytes };
};

const values = (t: Tensor) => Array.from(t.toTypedArray());

describe('disposing the output releases its graph', () => {
  it('a 1024-wide MLP forward in tidy, with parameters requiring grad, keeps memory() flat', () => {
    const model = new nn.Sequential(new nn.Linear(1024, 1024), new nn.ReLU(), new nn.Linear(1024, 1024));
    const x = randn(8, 1024);
    const start = held();
    tidy(() => model.forward(x).sum().item());
    const afterOne = held(); // the first call may leave blocks that the matrix kernels reuse
    expect(afterOne.tensors).toBe(start.tensors);
    for (let i = 0; i < 60; i++) tidy(() => model.forward(x).sum().item());
    expect(held()).toEqual(afterOne);
    x.dispose();
    model.dispose();
  });

  it('training steps (forward, loss, backward, Adam step) in tidy keep memory() flat after the first', () => {
    const model = new nn.Sequential(new nn.Linear(64, 64), new nn.Tanh(), new nn.Linear(64, 1));
    const opt = new optim.Adam(model.parameters(), { lr: 0.01 });
    const x = randn(16, 64);
    const target = randn(16, 1);
    const step = () =>
      tidy(() => {
        opt.zeroGrad();
        const loss = nn.functional.mseLoss(model.forward(x), target);
        loss.backward();
        opt.step();
        return loss.item();
      });
    step(); // Adam's state and the gradients are made by the first step
    const afterOne = held();
    const losses = Array.from({ length: 30 }, step);
    expect(held()).toEqual(afterOne);
    expect(losses[29]).toBeLessThan(losses[0]);
    x.dispose();
    target.dispose();
    model.dispose();
  });

  it('disposing the result frees the saved tensors of the nodes only it reached, and keeps those of live tensors', () => {
    const x = tensor([0.5, -1, 2], { requiresGrad: true });
    const start = held();
    const e = x.exp(); // saves its own result: a second handle on e's storage
    tidy(() => e.mul(x).sin().sum().item()); // mul saves e and x, sin its input
    expect(held().tensors).toBe(start.tensors + 2);
    tidy(() => e.sum().backward());
    expect(values(x.grad!)).toEqual(values(e));
    e.dispose();
    x.grad!.dispose();
    x.grad = null;
    expect(held()).toEqual(start);
  });

  it('a chain released in any order ends with nothing held', () => {
    const x = tensor([0.5, -1, 2], { requiresGrad: true });
    const start = held();
    for (const order of [[0, 1, 2, 3], [3, 2, 1, 0], [1, 3, 0, 2], [2, 0, 3, 1]]) {
      const a = x.exp();
      const b = a.mul(x);
      const c = b.sin();
      const d = c.sum();
      const chain = [a, b, c, d];
      for (const i of order) chain[i].dispose();
      expect(held()).toEqual(start);
    }
  });

  it('frees a chain of 20,000 nodes without deep recursion', () => {
    const x = tensor([1], { requiresGrad: true });
    const start = held();
    tidy(() => {
      let t = x.mul(1);
      for (let i = 0; i < 20_000; i++) t = t.sin(); // each node saves its input
      return t.sum().item();
    });
    expect(held()).toEqual(start);
  });
});

describe('what a live tensor still reaches keeps working', () => {
  it('a shared subgraph backpropagates after one branch and the shared tensor are disposed', () => {
    const x = tensor([0.5, -1, 2], { requiresGrad: true });
    const w = tensor([1.5, 0.25, -0.75], { requiresGrad: true });
    const start = held();
    const h = x.mul(w); // saves x and w
    const a = tidy(() => h.exp().sum());
    const b = tidy(() => h.sin().sum());
    a.dispose();
    h.dispose();
    b.backward();
    const xs = values(x);
    const ws = values(w);
    values(w.grad!).forEach((g, i) => expect(g).toBeCloseTo(Math.cos(xs[i] * ws[i]) * xs[i], 6));
    values(x.grad!).forEach((g, i) => expect(g).toBeCloseTo(Math.cos(xs[i] * ws[i]) * ws[i], 6));
    b.dispose();
    x.grad!.dispose();
    w.grad!.dispose();
    x.grad = null;
    w.grad = null;
    expect(held()).toEqual(start);
  });

  it('an intermediate disposed before backward is still differentiated through (the consumer holds its node)', () => {
    const x = tensor([0.5, 1, 2], { requiresGrad: true });
    const start = held();
    const y = x.exp(); // saves its own result
    const z = tidy(() => y.mul(y).sum());
    y.dispose();
    z.backward();
    values(x.grad!).forEach((g, i) => expect(g).toBeCloseTo(2 * Math.exp(2 * [0.5, 1, 2][i]), 4));
    z.dispose();
    x.grad!.dispose();
    x.grad = null;
    expect(held()).toEqual(start);
  });

  it('backward through one output of split, unbind and varMean after a sibling output was disposed', () => {
    const x = tensor([1, 2, 3, 4], { requiresGrad: true });
    const start = held();
    tidy(() => {
      const [p, q] = split(x.mul(2), 2);
      p.dispose();
      q.sum().backward();
    });
    expect(values(x.grad!)).toEqual([0, 0, 2, 2]);
    tidy(() => {
      const rows = unbind(x.reshape(2, 2));
      rows[1].dispose();
      rows[0].mul(3).sum().backward();
    });
    expect(values(x.grad!)).toEqual([3, 3, 2, 2]);
    tidy(() => {
      const [v, m] = varMean(x.mul(1));
      v.dispose();
      m.backward();
    });
    expect(values(x.grad!)).toEqual([3.25, 3.25, 2.25, 2.25]);
    x.grad!.dispose();
    x.grad = null;
    expect(held()).toEqual(start);
  });

  it('varMean: disposing the mean keeps the variance differentiable (the node saves its input)', () => {
    const x = tensor([1, 2, 3, 4], { requiresGrad: true });
    const start = held();
    const [v, m] = tidy(() => varMean(x.mul(1)));
    m.dispose();
    v.backward();
    // d var / dx = 2 (x - mean) / (n - 1)
    values(x.grad!).forEach((g, i) => expect(g).toBeCloseTo((2 * ([1, 2, 3, 4][i] - 2.5)) / 3, 6));
    v.dispose();
    x.grad!.dispose();
    x.grad = null;
    expect(held()).toEqual(start);
  });

  it('retainGraph: a second backward works after the intermediates are disposed, and the last dispose frees it', () => {
    const x = tensor([1, 2, 3], { requiresGrad: true });
    const start = held();
    const loss = tidy(() => x.exp().mul(x).sum());
    loss.backward(null, { retainGraph: true });
    loss.backward();
    // d/dx (x e^x) = (1 + x) e^x, twice
    values(x.grad!).forEach((g, i) => expect(g).toBeCloseTo(2 * (1 + (i + 1)) * Math.exp(i + 1), 3));
    expect(() => loss.backward()).toThrow(AutogradError);
    loss.dispose();
    x.grad!.dispose();
    x.grad = null;
    expect(held()).toEqual(start);
  });

  it('createGraph: the gradient keeps the forward graph it refers to after the forward output is disposed', () => {
    const x = tensor([1, 2, 3], { requiresGrad: true });
    const start = held();
    const y = tidy(() => x.pow(3).sum());
    const [g] = grad(y, x, { createGraph: true });
    y.dispose();
    expect(values(g!)).toEqual([3, 12, 27]); // 3 x^2
    tidy(() => g!.sum().backward());
    expect(values(x.grad!)).toEqual([6, 12, 18]); // 6 x
    g!.dispose();
    x.grad!.dispose();
    x.grad = null;
    expect(held()).toEqual(start);
  });

  it('createGraph with backward: a .grad with history keeps its graph until it is disposed', () => {
    const x = tensor([1, 2], { requiresGrad: true });
    const start = held();
    tidy(() => x.mul(x).mul(x).sum().backward(null, { createGraph: true }));
    expect(x.grad!.gradFn).not.toBeNull();
    const gradOfGrad = tidy(() => grad(x.grad!.sum(), x)[0]!);
    expect(values(gradOfGrad)).toEqual([6, 12]);
    gradOfGrad.dispose();
    x.grad!.dispose();
    x.grad = null;
    expect(held()).toEqual(start);
  });

  it('a tensor kept out of tidy keeps the graph behind it, whose intermediates tidy disposed', () => {
    const x = tensor([0, 1], { requiresGrad: true });
    const start = held();
    let escaped: Tensor | null = null;
    tidy(() => {
      escaped = keep(x.exp().mul(2));
    });
    const returned = tidy(() => x.sin().mul(3));
    tidy(() => escaped!.add(returned).sum().backward());
    values(x.grad!).forEach((g, i) => expect(g).toBeCloseTo(2 * Math.exp(i) + 3 * Math.cos(i), 6));
    escaped!.dispose();
    returned.dispose();
    x.grad!.dispose();
    x.grad = null;
    expect(held()).toEqual(start);
  });

  it('.grad accumulates across backward passes whose graphs were released in between', () => {
    const x = tensor([1, 2, 3], { requiresGrad: true });
    const start = held();
    for (let i = 0; i < 3; i++) tidy(() => x.mul(x).sum().backward());
    expect(values(x.grad!)).toEqual([6, 12, 18]);
    expect(held().tensors).toBe(start.tensors + 1);
    x.grad!.dispose();
    x.grad = null;
    expect(held()).toEqual(start);
  });

  it('in-place ops move a tensor to a new node; disposing it frees the old history with the new', () => {
    const x = tensor([1, 2, 3], { requiresGrad: true });
    const start = held();
    const y = x.mul(2);
    y.add_(1);
    y.exp_(); // saves its result: y itself
    const z = y.sum();
    z.backward();
    // d/dx e^(2x + 1) = 2 e^(2x + 1)
    values(x.grad!).forEach((g, i) => expect(g / (2 * Math.exp(2 * (i + 1) + 1))).toBeCloseTo(1, 6));
    z.dispose();
    y.dispose();
    x.grad!.dispose();
    x.grad = null;
    expect(held()).toEqual(start);
  });

  it('retainGrad on an intermediate that was disposed is skipped, the rest of the graph still runs', () => {
    const x = tensor([1, 2], { requiresGrad: true });
    const start = held();
    const h = x.mul(3);
    h.retainGrad();
    const loss = tidy(() => h.pow(2).sum());
    h.dispose();
    loss.backward();
    expect(values(x.grad!)).toEqual([18, 36]);
    loss.dispose();
    x.grad!.dispose();
    x.grad = null;
    expect(held()).toEqual(start);
  });
});

describe('the finalization safety net', () => {
  const collect = async () => {
    const gc = (globalThis as { gc?: () => void }).gc;
    // vitest.config.ts runs the workers with --expose-gc, so that finalization can be awaited here.
    if (gc === undefined) throw new Error('run vitest with --expose-gc (execArgv) to test finalization');
    for (let i = 0; i < 3; i++) {
      gc();
      await new Promise((r) => setTimeout(r, 10));
    }
  };

  it('releases the graph behind an intermediate that was dropped without dispose', async () => {
    const x = tensor([0.5, 1, 2], { requiresGrad: true });
    await collect();
    const start = held();
    (() => {
      const e = x.exp(); // dropped: it holds its node, whose saved result holds e's storage
      tidy(() => e.mul(x).sin().sum().item());
    })();
    expect(held().tensors).toBeGreaterThan(start.tensors);
    for (let i = 0; i < 20 && held().tensors > start.tensors; i++) await collect();
    expect(held()).toEqual(start);
  });
});

describe('nothing is released twice', () => {
  it('dispose again, backward before dispose, and tidy after dispose leave the allocator consistent', () => {
    const x = tensor([1, 2, 3], { requiresGrad: true });
    const start = held();
    tidy(() => {
      const y = x.exp().mul(x).sum();
      y.backward(); // releases the saved tensors
      y.dispose();
      y.dispose();
    });
    const z = tidy(() => {
      const e = x.exp();
      const s = e.sin().sum();
      e.dispose();
      e.dispose(); // tidy does not dispose it again either
      return s;
    });
    z.dispose();
    z.dispose();
    x.grad!.dispose();
    x.grad = null;
    expect(held()).toEqual(start);
    // A block released twice would sit twice on its free list and be handed to two live tensors at once.
    const blocks = noGrad(() => Array.from({ length: 8 }, (_, i) => tensor([i, i, i])));
    const addresses = new Set(blocks.map((b) => (b as unknown as { _ptr: number })._ptr));
    expect(addresses.size).toBe(8);
    blocks.forEach((b, i) => expect(values(b)).toEqual([i, i, i]));
    for (const b of blocks) b.dispose();
    expect(held()).toEqual(start);
  });
});

describe('structure', () => {
  it('tensors are linked to graph nodes only in src/autograd (so that every link is counted) and tensor.ts', () => {
    const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
    const walk = (dir: string): string[] =>
      readdirSync(join(root, dir)).flatMap((name) => {
        const path = join(dir, name);
        return statSync(join(root, path)).isDirectory() ? walk(path) : path.endsWith('.ts') ? [path] : [];
      });
    const assigning = walk('src').filter((f) => /\.gradFn\s*=[^=]/.test(readFileSync(join(root, f), 'utf8')));
    expect(assigning.sort()).toEqual(['src/autograd/node.ts', 'src/autograd/record.ts', 'src/tensor.ts']);
  });
});
