import { it, expect } from 'vitest';
import { randn, tensor, manualSeed } from '../src/index';
it('smoke', () => {
  manualSeed(123);
  const y = randn(10, 3);
  const p = y.permute(1, 0).contiguous();
  expect(p.shape).toEqual([3, 10]);
  console.log(String(y.index('1:3, ::2')), String(tensor([[1, 2], [3, 4]]).t().contiguous()));
});
