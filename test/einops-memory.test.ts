// How much memory rearrange and repeat touch: a viewable pattern allocates nothing (the result is a view of the
// input), a non-viewable one allocates exactly its output once (one strided copy), and no intermediate survives.
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as allocator from '../src/backend/allocator';
import { memory, randn, type Tensor } from '../src/index';
import { rearrange, repeat } from '../src/einops/index';

// Count every allocation made while a pattern runs.
vi.mock('../src/backend/allocator', async (importOriginal) => {
  const original = await importOriginal<typeof import('../src/backend/allocator')>();
  return { ...original, allocate: vi.fn(original.allocate) };
});
const allocate = allocator.allocate as unknown as ReturnType<typeof vi.fn>;

afterEach(() => allocate.mockClear());

interface Footprint {
  allocations: number[];
  bytes: number;
  tensors: number;
}

/** Runs f and reports the allocations it made (their sizes) and the change in live bytes and tensors. */
function footprint(f: () => Tensor): { result: Tensor; used: Footprint } {
  const before = memory();
  allocate.mockClear();
  const result = f();
  const after = memory();
  const allocations = allocate.mock.calls.map((call) => call[0] as number);
  return { result, used: { allocations, bytes: after.bytes - before.bytes, tensors: after.tensors - before.tensors } };
}

describe('rearrange memory traffic', () => {
  const viewable: [string, number[], Record<string, number>][] = [
    ['b c h w -> b (c h w)', [2, 3, 4, 5], {}],
    ['b c h w -> b h w c', [2, 3, 4, 5], {}],
    ['b (h p) w -> b h p w', [2, 12, 5], { p: 4 }],
    ['a b c -> (a b) 1 c', [4, 3, 2], {}],
    ['... -> ...', [2, 3], {}],
  ];
  for (const [pattern, shape, axes] of viewable) {
    it(`"${pattern}" is a view: no allocation, the input's storage`, () => {
      const x = randn(shape);
      const { result, used } = footprint(() => rearrange(x, pattern, axes));
      expect(used.allocations).toEqual([]);
      expect(used.bytes).toBe(0);
      expect(result._storage).toBe(x._storage);
      expect(used.tensors).toBe(pattern === '... -> ...' ? 0 : 1); // intermediate views are released
    });
  }

  const copying: [string, number[], Record<string, number>][] = [
    ['b c (h p1) (w p2) -> b (h w) (p1 p2 c)', [6, 1, 32, 32], { p1: 8, p2: 8 }],
    ['b c (h p1) (w p2) -> b (h w) (p1 p2 c)', [2, 3, 64, 64], { p1: 16, p2: 16 }],
    ['b c (h p1) (w p2) -> b (h w) (c p1 p2)', [2, 3, 64, 64], { p1: 16, p2: 16 }],
    ['b (h w) (p1 p2 c) -> b c (h p1) (w p2)', [6, 16, 64], { p1: 8, p2: 8, h: 4 }],
    ['a b c -> (c a) b', [5, 6, 7], {}],
  ];
  for (const [pattern, shape, axes] of copying) {
    it(`"${pattern}" ${JSON.stringify(shape)} makes exactly one copy, the output`, () => {
      const x = randn(shape);
      const outputBytes = x.numel() * 4;
      const { result, used } = footprint(() => rearrange(x, pattern, axes));
      expect(used.allocations).toEqual([outputBytes]);
      expect(used.bytes).toBe(allocator.sizeClass(outputBytes));
      expect(used.tensors).toBe(1);
      expect(result._storage).not.toBe(x._storage);
      expect(result.isContiguous()).toBe(true);
    });
  }

  it('repeat into a separate new axis is a broadcast view; into a composed axis one copy', () => {
    const x = randn(3, 4);
    const view = footprint(() => repeat(x, 'h w -> h w c', { c: 5 }));
    expect(view.used.allocations).toEqual([]);
    expect(view.result.stride()).toEqual([4, 1, 0]);
    const copy = footprint(() => repeat(x, 'h w -> (h h2) (w w2)', { h2: 2, w2: 3 }));
    expect(copy.used.allocations).toEqual([3 * 4 * 6 * 4]);
    expect(copy.used.tensors).toBe(1);
  });

  it('a list input is stacked once; the stack is the result (a view) or is released after the copy', () => {
    const items = [randn(4, 5), randn(4, 5)];
    const bytes = 2 * 4 * 5 * 4;
    const viewed = footprint(() => rearrange(items, 'n h w -> w (n h)'));
    expect(viewed.used.allocations).toEqual([bytes]); // the stack, viewed
    expect(viewed.used.tensors).toBe(1);
    const copied = footprint(() => rearrange(items, 'n h w -> (w n) h'));
    expect(copied.used.allocations).toEqual([bytes, bytes]); // the stack, then the output
    expect(copied.used.bytes).toBe(allocator.sizeClass(bytes));
    expect(copied.used.tensors).toBe(1);
  });
});
