// Memory ownership: the allocator, reference-counted storages, dispose/tidy/using, and growth of linear memory.
import { elementsOf } from '../src/backend/elements';
import { describe, expect, it } from 'vitest';
import { DisposedError, OutOfMemoryError, arange, empty, grad, keep, memory, ones, randn, tensor, tidy, zeros } from '../src/index';
import { allocate, release, sizeClass } from '../src/backend/allocator';

describe('allocator', () => {
  it('rounds to 16-byte aligned size classes with at most 25% waste above 256 bytes', () => {
    expect(sizeClass(0)).toBe(16);
    expect(sizeClass(1)).toBe(16);
    expect(sizeClass(17)).toBe(32);
    expect(sizeClass(256)).toBe(256);
    for (const n of [257, 1000, 4097, 123457, 1 << 20]) {
      const c = sizeClass(n);
      expect(c % 16).toBe(0);
      expect(c).toBeGreaterThanOrEqual(n);
      expect(c).toBeLessThanOrEqual(n * 1.25 + 16);
    }
  });

  it('reuses a freed block for the next request of the same class', () => {
    const a = allocate(1000);
    release(a, 1000);
    const b = allocate(1010);
    expect(b).toBe(a);
    release(b, 1010);
  });

  it('returns 16-byte aligned addresses', () => {
    const ptrs = [3, 40, 1000, 77777].map((n) => [allocate(n), n] as const);
    for (const [p] of ptrs) expect(p % 16).toBe(0);
    for (const [p, n] of ptrs) release(p, n);
  });

  it('throws OutOfMemoryError naming the size when memory cannot grow, and stays consistent', () => {
    const before = memory();
    let error: unknown;
    try {
      empty([2 ** 31], { dtype: 'float64' }); // 16 GiB: beyond the 4 GiB wasm32 limit
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(OutOfMemoryError);
    expect(error).toBeInstanceOf(RangeError);
    expect(String((error as Error).message)).toContain(String(2 ** 34));
    expect(memory()).toEqual(before);
    const t = ones(4);
    expect(Array.from(t.toTypedArray())).toEqual([1, 1, 1, 1]);
    t.dispose();
  });
});

describe('tensor lifetimes', () => {
  it('creating and disposing 100,000 tensors returns memory() to its starting figures', () => {
    const start = memory();
    for (let i = 0; i < 100_000; i++) {
      const t = zeros(1 + (i % 7), 3);
      const v = t.reshape(-1);
      v.dispose();
      t.dispose();
    }
    expect(memory()).toEqual(start);
  });

  it('tidy disposes what it created and keeps what it returns', () => {
    const start = memory();
    const kept = tidy(() => {
      const a = ones(10);
      const b = a.reshape(2, 5);
      zeros(100);
      return { b, list: [a.reshape(5, 2)] };
    });
    expect(memory().tensors).toBe(start.tensors + 2);
    expect(kept.b.tolist()).toEqual([
      [1, 1, 1, 1, 1],
      [1, 1, 1, 1, 1],
    ]);
    kept.b.dispose();
    kept.list[0].dispose();
    expect(memory()).toEqual(start);
  });

  it('nested tidy scopes move returned tensors to the outer scope; keep() escapes all scopes', () => {
    const start = memory();
    let escaped = null as ReturnType<typeof ones> | null;
    tidy(() => {
      const inner = tidy(() => ones(3));
      escaped = keep(ones(2));
      expect(inner.isDisposed).toBe(false);
      return null;
    });
    expect(escaped!.isDisposed).toBe(false);
    expect(memory().tensors).toBe(start.tensors + 1);
    escaped!.dispose();
    expect(memory()).toEqual(start);
  });

  it('tidy refuses async functions, releasing what they created before returning', () => {
    const start = memory().tensors;
    expect(() => tidy(() => Promise.resolve(1) as unknown as number)).toThrow(/synchronous/);
    expect(() =>
      tidy(() => {
        ones(4);
        return Promise.resolve(1) as unknown as number;
      }),
    ).toThrow(/synchronous/);
    expect(memory().tensors).toBe(start);
  });

  it('tidy releases what its callback created when the callback throws, in nested scopes and on OutOfMemoryError', () => {
    const start = memory().tensors;
    const kept = keep(ones(2));
    expect(() =>
      tidy(() => {
        ones(3).add(1);
        tidy(() => {
          zeros(5);
          throw new RangeError('inner failure');
        });
      }),
    ).toThrow('inner failure');
    expect(() =>
      tidy(() => {
        ones(3).mul(2);
        return empty([2 ** 31], { dtype: 'float64' }); // beyond the wasm32 limit
      }),
    ).toThrow(OutOfMemoryError);
    expect(kept.isDisposed).toBe(false);
    kept.dispose();
    expect(memory().tensors).toBe(start);
  });

  it('`using` disposes at the end of the block', () => {
    const start = memory();
    {
      using t = ones(8);
      expect(t.numel()).toBe(8);
    }
    expect(memory()).toEqual(start);
  });

  it('use after dispose throws DisposedError; double dispose is harmless', () => {
    const t = arange(6);
    t.dispose();
    t.dispose();
    expect(() => t.tolist()).toThrow(DisposedError);
    expect(() => t.reshape(2, 3)).toThrow(/used after dispose/);
  });

  it('views share storage: the data lives until the last view is disposed', () => {
    const start = memory();
    const a = arange(6, { dtype: 'float32' });
    const r = a.reshape(2, 3);
    const v = r.t();
    a.dispose();
    r.dispose();
    expect(v.tolist()).toEqual([
      [0, 3],
      [1, 4],
      [2, 5],
    ]);
    v.dispose();
    expect(memory()).toEqual(start);
  });

  it('tensors stay correct while linear memory grows through several memory.grow calls', () => {
    const start = memory();
    const first = tensor([1.5, -2.5, 3.25]);
    const held = [first];
    let grows = 0;
    let size = memory().wasmBytes;
    for (let i = 0; i < 12; i++) {
      held.push(full1M(i));
      if (memory().wasmBytes > size) {
        grows++;
        size = memory().wasmBytes;
      }
    }
    expect(grows).toBeGreaterThanOrEqual(3);
    expect(first.tolist()).toEqual([1.5, -2.5, 3.25]);
    held.slice(1).forEach((t, i) => {
      const data = t.toTypedArray();
      expect(data[0]).toBe(i);
      expect(data[data.length - 1]).toBe(i);
    });
    for (const t of held) t.dispose();
    expect(memory().tensors).toBe(start.tensors);
    expect(memory().bytes).toBe(start.bytes);
  });

  const forceGc = (): (() => void) => {
    const gc = (globalThis as { gc?: () => void }).gc;
    // Without --expose-gc the collector cannot be forced; vitest.config.ts passes it to the workers.
    if (gc === undefined) throw new Error('run vitest with --expose-gc (execArgv) to test finalization');
    return gc;
  };
  const collect = async () => {
    const gc = forceGc();
    for (let i = 0; i < 3; i++) {
      gc();
      await new Promise((r) => setTimeout(r, 10));
    }
  };
  const settle = async (start: { tensors: number; bytes: number }) => {
    for (let i = 0; i < 20 && (memory().tensors > start.tensors || memory().bytes > start.bytes); i++) await collect();
  };

  it('the FinalizationRegistry releases a leaked view of a disposed base, and more than 256 leaks in one loop', async () => {
    await collect();
    const start = memory();
    (() => {
      const base = randn(64);
      base.reshape(8, 8); // leaked view
      base.dispose();
      for (let i = 0; i < 600; i++) randn(10).mul(2);
    })();
    await settle(start);
    expect(memory().tensors).toBe(start.tensors);
    expect(memory().bytes).toBe(start.bytes);
  });

  it('a storage disposed after it was registered is not released twice; a leaked autograd graph is released', async () => {
    await collect();
    const start = memory();
    const kept = randn(32);
    await collect(); // its storage is registered with the finalizer by now
    kept.dispose();
    (() => {
      const x = randn([16], { requiresGrad: true });
      x.exp().mul(x).sum(); // graph with saved tensors, never run
    })();
    await settle(start);
    expect(memory().tensors).toBe(start.tensors);
    expect(memory().bytes).toBe(start.bytes);
    // A block released twice would sit twice on its free list and be handed to two live tensors at once.
    const a = ones(32);
    const b = zeros(32);
    expect(a._ptr).not.toBe(b._ptr);
    expect(a.sum().item()).toBe(32);
  });

  it('the FinalizationRegistry releases unreachable tensors', async () => {
    await collect();
    const start = memory();
    (() => {
      for (let i = 0; i < 100; i++) randn(100);
    })();
    expect(memory().tensors).toBe(start.tensors + 100);
    await settle(start);
    expect(memory().tensors).toBe(start.tensors);
    expect(memory().bytes).toBe(start.bytes);
  });
});

function full1M(value: number) {
  const t = empty([1 << 20]);
  const view = elementsOf(t);
  view.fill(value);
  return t;
}

describe('gradients and their owners', () => {
  it('grad() hands its results to the caller, so an enclosing tidy() releases them', () => {
    const before = memory();
    for (let i = 0; i < 5; i++) {
      tidy(() => {
        const x = tensor([1.5, 2]).requiresGrad_(true);
        const [g] = grad([x.neg().sum()], [x]);
        expect(Array.from(g!.toTypedArray())).toEqual([-1, -1]);
      });
    }
    expect(memory().tensors).toBe(before.tensors);
    expect(memory().bytes).toBe(before.bytes);
  });

  it('a leaf owns its .grad: disposing the leaf releases it', () => {
    const before = memory();
    const x = tensor([1.5, 2]).requiresGrad_(true);
    tidy(() => x.exp().sum().backward());
    const g = x.grad!;
    expect(g.isDisposed).toBe(false);
    x.dispose();
    expect(g.isDisposed).toBe(true);
    expect(x.grad).toBeNull();
    expect(memory().tensors).toBe(before.tensors);
  });
});

describe('createGraph accumulation', () => {
  it('replaces the leaf .grad with the differentiable sum and releases the old one', () => {
    const before = memory();
    const x = tensor([1.5, 2]).requiresGrad_(true);
    tidy(() => x.mul(x).sum().backward(undefined, { createGraph: true }));
    const first = x.grad!;
    tidy(() => x.mul(x).sum().backward(undefined, { createGraph: true }));
    expect(first.isDisposed).toBe(true);
    expect(Array.from(x.grad!.toTypedArray())).toEqual([6, 8]);
    expect(x.grad!.requiresGrad).toBe(true);
    x.dispose();
    expect(memory().tensors).toBe(before.tensors);
    expect(memory().bytes).toBe(before.bytes);
  });
});
