import { afterEach, describe, expect, it } from 'vitest';
import {
  formatFixed,
  formatScientific,
  formatTensor,
  getPrintOptions,
  setPrintOptions,
  type PrintDType,
  type TensorPrintInfo,
} from '../src/format';
import { DTypeError, ShapeError } from '../src/errors';
import { fixtureValues, loadFixture, type FixtureTensor } from './support/fixture-files';

interface FixtureItem {
  label: string;
  tensor: Omit<FixtureTensor, 'dtype'> & { dtype: PrintDType };
  str: string;
}

const fixture = loadFixture<{ items: FixtureItem[] }>('print.json');

/** The grad state of the fixture tensors, as the reference script created them. */
const GRAD_STATE: Record<string, Pick<TensorPrintInfo, 'requiresGrad' | 'gradFnName'>> = {
  requires_grad: { requiresGrad: true },
  grad_fn: { requiresGrad: true, gradFnName: 'SigmoidBackward0' },
  grad_fn_mul: { requiresGrad: true, gradFnName: 'MulBackward0' },
  seed_y: { requiresGrad: true },
};

function fromFixture(item: FixtureItem): TensorPrintInfo {
  const { dtype, shape } = item.tensor;
  const decoded = fixtureValues(item.tensor);
  const values = dtype === 'float32' ? Float32Array.from(decoded) : Float64Array.from(decoded);
  return { shape, dtype, values, ...GRAD_STATE[item.label] };
}

function t(shape: number[], values: number[], dtype: PrintDType = 'float32', extra: Partial<TensorPrintInfo> = {}): string {
  return formatTensor({ shape, dtype, values, ...extra });
}

function arange(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}

afterEach(() => setPrintOptions({ profile: 'default' }));

describe('PyTorch reference printouts', () => {
  it('has every case', () => {
    expect(fixture.items.length).toBe(27);
  });
  for (const item of fixture.items) {
    it(item.label, () => {
      expect(formatTensor(fromFixture(item))).toBe(item.str);
    });
  }
});

describe('print options', () => {
  it('starts from the default profile', () => {
    expect(getPrintOptions()).toEqual({ precision: 4, threshold: 1000, edgeitems: 3, linewidth: 80, sciMode: null });
  });

  it('precision 2 prints two decimals (PyTorch docs: tensor([1.12345]) -> tensor([1.12]))', () => {
    setPrintOptions({ precision: 2 });
    expect(t([1], [1.12345])).toBe('tensor([1.12])');
    setPrintOptions({ profile: 'default' });
    expect(t([1], [1.12345])).toBe('tensor([1.1235])');
  });

  it('higher precision shows the float32 value, not the decimal typed', () => {
    // float32(0.1) = 0.100000001490116119384765625
    setPrintOptions({ precision: 10 });
    expect(t([1], [0.1])).toBe('tensor([0.1000000015])');
    expect(t([1], [0.1], 'float64')).toBe('tensor([0.1000000000], dtype=torch.float64)');
    setPrintOptions({ precision: 6 });
    expect(t([2], [0.1, 2])).toBe('tensor([0.100000, 2.000000])');
  });

  it('precision 0: no decimal point in fixed or scientific notation (Python {:.0f} / {:.0e})', () => {
    setPrintOptions({ precision: 0 });
    expect(t([2], [1.5, 2.5])).toBe('tensor([2, 2])'); // ties to even: 1.5 -> 2, 2.5 -> 2
    expect(t([2], [1.5, 12345])).toBe('tensor([2e+00, 1e+04])');
  });

  it('threshold summarises with edgeitems on each side (PyTorch docs: threshold=5, arange(10))', () => {
    setPrintOptions({ threshold: 5 });
    // ' ...' is an element of its own, so two spaces follow the comma.
    expect(t([10], arange(10), 'int32')).toBe('tensor([0, 1, 2,  ..., 7, 8, 9])');
    setPrintOptions({ profile: 'default' });
    expect(t([10], arange(10), 'int32')).toBe('tensor([0, 1, 2, 3, 4, 5, 6, 7, 8, 9])');
  });

  it('short profile: edgeitems 2, width from the shown elements only', () => {
    setPrintOptions({ profile: 'short' });
    expect(getPrintOptions().precision).toBe(2);
    expect(t([1001], arange(1001), 'int32')).toBe('tensor([   0,    1,  ...,  999, 1000])');
  });

  it('full profile never summarises', () => {
    setPrintOptions({ profile: 'full' });
    expect(getPrintOptions().threshold).toBe(Infinity);
    const text = t([1001], arange(1001), 'int32');
    expect(text).not.toContain('...');
    expect(text).toContain(' 500, ');
  });

  it('sciMode forces the notation; width is measured in the forced notation', () => {
    setPrintOptions({ sciMode: true });
    expect(t([2], [1.5, 2])).toBe('tensor([1.5000e+00, 2.0000e+00])');
    setPrintOptions({ sciMode: false });
    expect(t([2], [1e-5, 1])).toBe('tensor([0.0000, 1.0000])');
  });

  it('every setPrintOptions call resets sciMode unless it is given (as torch.set_printoptions)', () => {
    setPrintOptions({ sciMode: true });
    setPrintOptions({ precision: 4 });
    expect(getPrintOptions().sciMode).toBeNull();
    expect(t([2], [1.5, 2])).toBe('tensor([1.5000, 2.0000])');
  });

  it('sciMode does not apply when no element is nonzero and finite', () => {
    setPrintOptions({ sciMode: true });
    expect(t([3], [0, NaN, Infinity])).toBe('tensor([0., nan, inf])');
  });

  it('linewidth sets how many elements share a line: floor((linewidth - indent) / (width + 2))', () => {
    // width 2, indent 7: floor(13 / 4) = 3 per line; continuation lines start under the first element.
    setPrintOptions({ linewidth: 20 });
    expect(t([12], arange(12), 'int32')).toBe(
      ['tensor([ 0,  1,  2,', '         3,  4,  5,', '         6,  7,  8,', '         9, 10, 11])'].join('\n'),
    );
    // width 1: floor(13 / 3) = 4 per line.
    expect(t([8], arange(8), 'int32')).toBe(['tensor([0, 1, 2, 3,', '        4, 5, 6, 7])'].join('\n'));
  });

  it('edgeitems 0 shows no element of a summarised tensor and always prints the size', () => {
    setPrintOptions({ edgeitems: 0 });
    expect(t([2000], arange(2000))).toBe('tensor([...], size=(2000,))');
    expect(t([40, 50], arange(2000), 'float64')).toBe('tensor([...], size=(40, 50), dtype=torch.float64)');
    expect(t([2], [1, 2])).toBe('tensor([1., 2.], size=(2,))');
  });

  it('rejects invalid options', () => {
    expect(() => setPrintOptions({ precision: -1 })).toThrow(RangeError);
    expect(() => setPrintOptions({ edgeitems: 1.5 })).toThrow(RangeError);
    expect(() => setPrintOptions({ profile: 'long' as 'full' })).toThrow(/unknown profile 'long'/);
  });
});

describe('integer and bool tensors', () => {
  it('int32 prints like PyTorch int64: right-aligned, no dtype suffix', () => {
    expect(t([2, 2], [1, -20, 300, 4], 'int32')).toBe('tensor([[  1, -20],\n        [300,   4]])');
    expect(t([], [7], 'int32')).toBe('tensor(7)');
    expect(t([3], [-5, 0, 12], 'int32', { requiresGrad: false })).toBe('tensor([-5,  0, 12])');
  });

  it('an int32 tensor read from an Int32Array', () => {
    expect(formatTensor({ shape: [3], dtype: 'int32', values: new Int32Array([2147483647, -2147483648, 0]) })).toBe(
      'tensor([ 2147483647, -2147483648,           0])',
    );
  });

  it('empty tensors name every dtype but float32, and every shape but (0,)', () => {
    expect(t([0], [], 'int32')).toBe('tensor([], dtype=torch.int32)');
    expect(t([0], [], 'bool')).toBe('tensor([], dtype=torch.bool)');
    expect(t([0, 3], [], 'float64')).toBe('tensor([], size=(0, 3), dtype=torch.float64)');
    expect(t([2, 0, 1], [])).toBe('tensor([], size=(2, 0, 1))');
  });

  it('bool width is 4 when every element is True', () => {
    expect(t([2], [1, 1], 'bool')).toBe('tensor([True, True])');
    expect(t([], [0], 'bool')).toBe('tensor(False)');
  });
});

describe('float64 scalars', () => {
  it('a float64 scalar prints four decimals and its dtype', () => {
    expect(t([], [3.14159], 'float64')).toBe('tensor(3.1416, dtype=torch.float64)');
  });
  it('an integer-valued float64 scalar prints in integer mode', () => {
    expect(t([], [2], 'float64')).toBe('tensor(2., dtype=torch.float64)');
  });
  it('a tiny float64 scalar is scientific (min < 1e-4)', () => {
    expect(t([], [-3e-7], 'float64', { gradFnName: 'SumBackward0' })).toBe(
      'tensor(-3.0000e-07, dtype=torch.float64, grad_fn=<SumBackward0>)',
    );
  });
  it('a non-finite scalar keeps width 1 and no decimal point', () => {
    expect(t([], [NaN])).toBe('tensor(nan)');
    expect(t([], [-Infinity], 'float64')).toBe('tensor(-inf, dtype=torch.float64)');
  });
});

describe('notation choice and rounding', () => {
  it('0.00005 and 2.5e-5 are below 1e-4: scientific', () => {
    // float32(0.00005) = 4.99999987e-5 rounds up to 5.0000e-05; float32(2.5e-5) = 2.49999994e-5 to 2.5000e-05.
    expect(t([1], [0.00005])).toBe('tensor([5.0000e-05])');
    expect(t([1], [2.5e-5])).toBe('tensor([2.5000e-05])');
  });

  it('1e-4 itself: float32(1e-4) = 9.99999975e-5 is below 1e-4, the float64 value is not', () => {
    // The ratio 0.05 / 1e-4 = 500 stays under 1000, so only the min < 1e-4 rule decides.
    expect(t([2], [1e-4, 0.05])).toBe('tensor([1.0000e-04, 5.0000e-02])');
    expect(t([2], [1e-4, 0.05], 'float64')).toBe('tensor([0.0001, 0.0500], dtype=torch.float64)');
  });

  it('1e8 boundary: max > 1e8 turns scientific, max = 1e8 does not', () => {
    // Integer mode, ratio 500: 1e8 is exactly representable in float32 and is not > 1e8,
    // so '{:.0f}' + '.' with width len('100000000') + 1 = 10.
    expect(t([2], [1e8, 2e5])).toBe('tensor([100000000.,    200000.])');
    // 100000008 is the next float32 after 1e8.
    expect(t([2], [100000008, 2e5])).toBe('tensor([1.0000e+08, 2.0000e+05])');
  });

  it('a max/min ratio above 1000 turns scientific, exactly 1000 does not', () => {
    expect(t([2], [1, 1000])).toBe('tensor([   1., 1000.])');
    expect(t([2], [1, 1001])).toBe('tensor([1.0000e+00, 1.0010e+03])');
  });

  it('rounds the float32 value, not the decimal that was typed', () => {
    // float32(0.23455) = 0.234549999237..., float64 0.23455 = 0.234550000000000008...
    expect(t([1], [0.23455])).toBe('tensor([0.2345])');
    expect(t([1], [0.23455], 'float64')).toBe('tensor([0.2346], dtype=torch.float64)');
    // float32(2.00005) = 2.000050067901..., float64 2.00005 = 2.000049999999999883...
    expect(t([1], [2.00005])).toBe('tensor([2.0001])');
    expect(t([1], [2.00005], 'float64')).toBe('tensor([2.0000], dtype=torch.float64)');
    // float32(0.12345) = 0.123450003564...: above the halfway point.
    expect(t([1], [0.12345])).toBe('tensor([0.1235])');
  });

  it('exact halfway values round to even, as Python does (JavaScript toFixed rounds them up)', () => {
    // 0.03125 = 2^-5 exactly: halfway between 0.0312 and 0.0313 -> 0.0312.
    expect(t([2], [0.03125, 1])).toBe('tensor([0.0312, 1.0000])');
    // 0.09375 = 3 * 2^-5: halfway between 0.0937 and 0.0938 -> 0.0938.
    expect(t([2], [0.09375, 1])).toBe('tensor([0.0938, 1.0000])');
    // 123465 and 123455 are exact: 1.23465e5 -> 1.2346e+05, 1.23455e5 -> 1.2346e+05.
    expect(t([3], [123465, 123455, 1])).toBe('tensor([1.2346e+05, 1.2346e+05, 1.0000e+00])');
  });

  it('rounding can carry into a new leading digit', () => {
    // 0.99999 -> 1.0000 in fixed notation; 999999 -> 9.9999|9e5 -> 1.0000e+06.
    expect(t([2], [0.99999, 0.5], 'float64')).toBe('tensor([1.0000, 0.5000], dtype=torch.float64)');
    expect(t([2], [999999, 1])).toBe('tensor([1.0000e+06, 1.0000e+00])');
  });

  it('negative zero keeps its sign and is not padded to the width of the others', () => {
    expect(t([2], [-0, 0.5])).toBe('tensor([-0.0000, 0.5000])');
    expect(t([2], [-0, 1e-5])).toBe('tensor([-0.0000e+00, 1.0000e-05])');
    setPrintOptions({ sciMode: false });
    // -0.00001 rounds to -0.0000, which is as wide as it gets, so 1.0000 is padded to 7.
    expect(t([2], [-0.00001, 1], 'float64')).toBe('tensor([-0.0000,  1.0000], dtype=torch.float64)');
  });

  it('nan and inf do not widen the elements and print without a decimal point', () => {
    expect(t([2], [NaN, 1.5])).toBe('tensor([   nan, 1.5000])');
    expect(t([3], [-Infinity, 1e-5, NaN])).toBe('tensor([      -inf, 1.0000e-05,        nan])');
    expect(t([2], [NaN, NaN])).toBe('tensor([nan, nan])');
    expect(t([2], [0, 0])).toBe('tensor([0., 0.])');
  });

  it('three-digit exponents', () => {
    expect(t([2], [1e300, -1e-300], 'float64')).toBe('tensor([ 1.0000e+300, -1.0000e-300], dtype=torch.float64)');
  });
});

describe('layout', () => {
  it('summarised 3-D: ... rows, blank lines between slices', () => {
    setPrintOptions({ threshold: 10, edgeitems: 1 });
    expect(t([3, 3, 3], arange(27), 'int32')).toBe(
      [
        'tensor([[[ 0,  ...,  2],',
        '         ...,',
        '         [ 6,  ...,  8]],',
        '',
        '        ...,',
        '',
        '        [[18,  ..., 20],',
        '         ...,',
        '         [24,  ..., 26]]])',
      ].join('\n'),
    );
  });

  it('a suffix that would pass linewidth goes on its own line, under the first element', () => {
    // The reference 'linewidth' printout, now float64 with requires_grad: its last line counts
    // 62 + 2 characters, 64 + 19 + 2 > 80 sends the dtype to a new line, and requires_grad fits after it.
    const reference = fixture.items.find((item) => item.label === 'linewidth')!;
    const values = arange(30).map((i) => i * 1.25);
    expect(t([30], values, 'float64', { requiresGrad: true })).toBe(
      reference.str.slice(0, -1) + ',\n       dtype=torch.float64, requires_grad=True)',
    );
  });

  it('grad_fn wins over requires_grad', () => {
    expect(t([1], [2], 'float32', { requiresGrad: true, gradFnName: 'AddBackward0' })).toBe(
      'tensor([2.], grad_fn=<AddBackward0>)',
    );
  });

  it('a summarised 200x200 tensor reads only the 6 x 6 shown elements', () => {
    let reads = 0;
    const data = new Float32Array(arange(40000));
    const counted = new Proxy(data, {
      get(target, key) {
        if (typeof key === 'string' && /^\d+$/.test(key)) reads++;
        return Reflect.get(target, key);
      },
    });
    const reference = fixture.items.find((item) => item.label === 'summarized_2d')!;
    expect(formatTensor({ shape: [200, 200], dtype: 'float32', values: counted })).toBe(reference.str);
    expect(reads).toBe(36);
  });

  it('rejects values that do not match the shape, and unknown dtypes', () => {
    expect(() => t([2, 3], [1, 2])).toThrow(ShapeError);
    expect(() => t([2, 3], [1, 2])).toThrow('cannot print a tensor of shape [2, 3] from 2 values: expected 6');
    expect(() => t([1], [1], 'float16' as PrintDType)).toThrow(DTypeError);
  });
});

describe('Python float formatting', () => {
  it('matches format(x, ".4f") and format(x, ".4e")', () => {
    expect(formatFixed(0.125, 2)).toBe('0.12');
    expect(formatFixed(-0.0, 4)).toBe('-0.0000');
    expect(formatFixed(1e22, 1)).toBe('10000000000000000000000.0');
    expect(formatScientific(1e-5, 4)).toBe('1.0000e-05');
    expect(formatScientific(5e-324, 3)).toBe('4.941e-324');
    expect(formatScientific(0, 4)).toBe('0.0000e+00');
    expect(formatScientific(Infinity, 4)).toBe('inf');
  });
});
