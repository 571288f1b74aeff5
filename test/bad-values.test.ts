// Values a call cannot take are refused with PyTorch's errors instead of becoming silently wrong numbers.
import { describe, expect, it } from 'vitest';
import { full, memory, tensor, zeros } from '../src/index';

describe('values that an int32 tensor cannot hold', () => {
  it('are refused by tensor() and full(), as PyTorch refuses them', () => {
    const before = memory().tensors;
    for (const v of [2 ** 40, -(2 ** 31) - 1, 2 ** 31, NaN, Infinity, -Infinity]) {
      expect(() => tensor([1, v], { dtype: 'int32' })).toThrow(/^value cannot be converted to type int32 without overflow/);
      expect(() => full([2], v, { dtype: 'int32' })).toThrow(RangeError);
    }
    expect(memory().tensors).toBe(before);
  });

  it('keep the int32 range and truncate fractions toward zero, as PyTorch', () => {
    const t = tensor([2 ** 31 - 1, -(2 ** 31), 2.7, -2.7], { dtype: 'int32' });
    expect(t.tolist()).toEqual([2147483647, -2147483648, 2, -2]);
    t.dispose();
  });
});

describe('arguments of the wrong kind', () => {
  it('full() refuses a fill value that is not a number or boolean', () => {
    expect(() => full([2], 'x' as never)).toThrow("full(): argument 'fill_value' (position 2) must be Number, not string");
  });

  it('narrow() refuses fractional start and length', () => {
    const x = zeros(4);
    expect(() => x.narrow(0, 0.5, 2)).toThrow(TypeError);
    expect(() => x.narrow(0, 0, 1.5)).toThrow(/must be integers/);
    expect(x.narrow(0, 1, 2).shape).toEqual([2]);
    x.dispose();
  });
});

describe('setPrintOptions', () => {
  it('is atomic: a bad option leaves every option as it was; unknown keys are refused', async () => {
    const { getPrintOptions, setPrintOptions } = await import('../src/index');
    const before = getPrintOptions();
    expect(() => setPrintOptions({ precision: 2, linewidth: 0 })).toThrow(/linewidth must be an integer >= 1/);
    expect(getPrintOptions()).toEqual(before);
    expect(() => setPrintOptions({ precison: 2 } as never)).toThrow("setPrintOptions() got an unexpected keyword argument 'precison'");
    expect(getPrintOptions()).toEqual(before);
  });
});
