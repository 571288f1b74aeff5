// Tensors above 2 GiB of linear memory: byte addresses are unsigned 32-bit everywhere (host and kernels), so every
// family of kernels computes there as it does near the bottom of memory, also after an OutOfMemoryError.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { OutOfMemoryError, arange, cat, empty, memory, nn, softmax, tensor, zeros } from '../src/index';
import type { Tensor } from '../src/index';

const TWO_GIB = 2 ** 31;

/** The byte address of a tensor's first element (an internal field: read here to prove where the data lives). */
const addressOf = (t: Tensor): number => (t as unknown as { _ptr: number })._ptr;

/** One computation from each kernel family, each checked against values known exactly. */
function computeEverywhere(): Tensor[] {
  const made: Tensor[] = [];
  const keep = <T extends Tensor>(t: T): T => (made.push(t), t);
  const a = keep(tensor([[1, 2], [3, 4]]));
  expect(addressOf(a)).toBeGreaterThan(TWO_GIB);
  // matmul (packed GEMM) and the matrix-vector path
  expect(keep(a.matmul(a)).tolist()).toEqual([[7, 10], [15, 22]]);
  expect(keep(a.mv(keep(tensor([1, 1])))).tolist()).toEqual([3, 7]);
  // elementwise: tensor-tensor, tensor-scalar (scalar slots), broadcasting, unary, comparisons
  expect(keep(a.add(a)).tolist()).toEqual([[2, 4], [6, 8]]);
  expect(keep(a.mul(3)).tolist()).toEqual([[3, 6], [9, 12]]);
  expect(keep(a.sub(keep(tensor([1, 2])))).tolist()).toEqual([[0, 0], [2, 2]]);
  expect(keep(keep(a.neg()).abs()).tolist()).toEqual([[1, 2], [3, 4]]);
  expect(keep(a.gt(2)).tolist()).toEqual([[false, false], [true, true]]);
  // reductions and softmax
  expect(keep(a.sum()).item()).toBe(10);
  expect(keep(a.sum(0)).tolist()).toEqual([4, 6]);
  expect(keep(a.amax(1)).tolist()).toEqual([2, 4]);
  expect(keep(a.argmax()).item()).toBe(3);
  const s = keep(softmax(keep(zeros(2, 4)), -1)).tolist() as number[][];
  expect(s[1]).toEqual([0.25, 0.25, 0.25, 0.25]);
  // copies and indexing
  expect(keep(keep(a.t()).contiguous()).tolist()).toEqual([[1, 3], [2, 4]]);
  expect(keep(cat([a, a], 1)).tolist()).toEqual([[1, 2, 1, 2], [3, 4, 3, 4]]);
  const idx = keep(tensor([1, 0, 1], { dtype: 'int32' }));
  expect(keep(a.indexSelect(0, idx)).tolist()).toEqual([[3, 4], [1, 2], [3, 4]]);
  expect(keep(a.gather(1, keep(tensor([[1], [0]], { dtype: 'int32' })))).tolist()).toEqual([[2], [3]]);
  // index checks read the offending value back from memory for their messages
  expect(() => a.indexSelect(0, keep(tensor([5], { dtype: 'int32' })))).toThrow('index 5 is out of bounds for dimension 0 with size 2');
  expect(() => a.gather(1, keep(tensor([[7], [0]], { dtype: 'int32' })))).toThrow('index 7 is out of bounds for dimension 1 with size 2');
  const table = keep(tensor([[1, 1], [2, 2], [3, 3]]));
  expect(keep(nn.functional.embedding(keep(tensor([2, 0], { dtype: 'int32' })), table)).tolist()).toEqual([[3, 3], [1, 1]]);
  expect(() => nn.functional.embedding(keep(tensor([9], { dtype: 'int32' })), table)).toThrow('index out of range in self');
  expect(() => nn.functional.crossEntropy(keep(zeros(1, 4)), keep(tensor([6], { dtype: 'int32' })))).toThrow(/6/);
  expect(keep(arange(5, { dtype: 'int32' })).tolist()).toEqual([0, 1, 2, 3, 4]);
  expect(keep(keep(a.to('float64')).add(0.5)).tolist()).toEqual([[1.5, 2.5], [3.5, 4.5]]);
  // in-place writes and gradients
  const w = keep(tensor([1, 2, 3], { requiresGrad: true }));
  const loss = keep(keep(w.mul(w)).sum());
  loss.backward();
  expect(w.grad!.tolist()).toEqual([2, 4, 6]);
  made.push(w.grad!);
  const b = keep(tensor([1, 2, 3]));
  b.add_(1).mul_(2);
  expect(b.tolist()).toEqual([4, 6, 8]);
  // nn.functional: linear (GEMM with bias), relu, cross entropy
  const out = keep(nn.functional.linear(a, keep(tensor([[1, -1]])), keep(tensor([0.5]))));
  expect(out.tolist()).toEqual([[-0.5], [-0.5]]);
  expect(keep(nn.functional.relu(out)).tolist()).toEqual([[0], [0]]);
  const ce = keep(nn.functional.crossEntropy(keep(zeros(2, 4)), keep(tensor([1, 3], { dtype: 'int32' }))));
  expect(ce.item()).toBeCloseTo(Math.log(4), 6);
  return made;
}

describe('tensors above 2 GiB of linear memory', () => {
  // Holding gigabytes in one synchronous stretch is this test's point: the warning that such a stretch prints
  // (src/memory-pressure.ts) would be noise here. It is checked by test/memory-pressure.test.ts.
  const warn = vi.spyOn(console, 'warn');
  beforeAll(() => void warn.mockImplementation(() => undefined));
  afterAll(() => warn.mockRestore());
  it('compute as near the bottom of memory, and again after an OutOfMemoryError', () => {
    // Fills memory past 2 GiB so that everything allocated next lies above it.
    const filler = empty([2 ** 29 + 2 ** 20], { dtype: 'float32' });
    try {
      expect(memory().wasmBytes).toBeGreaterThan(TWO_GIB);
      for (const t of computeEverywhere()) t.dispose();
      expect(() => empty([2 ** 30], { dtype: 'float32' })).toThrow(OutOfMemoryError);
      for (const t of computeEverywhere()) t.dispose();
    } finally {
      filler.dispose();
    }
  });
});
