// The strided-copy kernel behind rearrange (copyStridedInto): every inner path against plain index arithmetic.
import { describe, expect, it } from 'vitest';
import { arange, tensor, type DType, type Tensor } from '../src/index';
import { copyStridedInto } from '../src/backend/copy';
import { mulberry32 } from './support/random';

/** The elements of a view in row-major order, read from its base's values by index arithmetic. */
function expectedElements(base: ArrayLike<number>, view: Tensor): number[] {
  const shape = view.shape;
  const strides = view.stride();
  const out: number[] = [];
  const n = view.numel();
  const index = new Array<number>(shape.length).fill(0);
  for (let i = 0; i < n; i++) {
    let at = view.storageOffset();
    for (let d = 0; d < shape.length; d++) at += index[d] * strides[d];
    out.push(base[at]);
    for (let d = shape.length - 1; d >= 0; d--) {
      if (++index[d] < shape[d]) break;
      index[d] = 0;
    }
  }
  return out;
}

/** A contiguous base tensor of distinct values (a 0/1 pattern for bool) and those values. */
function makeBase(n: number, dtype: DType): { base: Tensor; values: number[] } {
  const values = Array.from({ length: n }, (_, i) => (dtype === 'bool' ? (i % 3 === 1 ? 1 : 0) : i));
  const base = dtype === 'bool' ? tensor(values.map((v) => v === 1), { dtype }) : tensor(values, { dtype });
  return { base, values };
}

function checkCopy(view: Tensor, values: number[]): void {
  const got = Array.from(view.toTypedArray() as ArrayLike<number>);
  expect(got).toEqual(expectedElements(values, view));
}

/** Views for a layout: the base viewed as `shape` (split, always a view), then permuted. */
function permutedView(base: Tensor, shape: number[], perm: number[]): Tensor {
  return base.reshape(shape).permute(perm);
}

/** One test per [title, shape, perm] layout: copying the permuted view of distinct values. */
function itCopiesPermutedLayouts(dtype: DType, layouts: [string, number[], number[]][]): void {
  for (const [title, shape, perm] of layouts) {
    it(`${dtype}: ${title}`, () => {
      const n = shape.reduce((a, b) => a * b, 1);
      const { base, values } = makeBase(n, dtype);
      checkCopy(permutedView(base, shape, perm), values);
    });
  }
}

const DTYPES: DType[] = ['float32', 'float64', 'int32', 'bool'];

describe('strided copy: transposes', () => {
  // [shape, perm]: which kernel path each one reaches is noted beside it.
  const layouts: [string, number[], number[]][] = [
    ['patch rows, 3 channels last (3-way interleave)', [2, 3, 2, 8, 3, 8], [0, 2, 4, 3, 5, 1]],
    ['patch rows with a 5-row remainder', [1, 3, 1, 5, 2, 7], [0, 2, 4, 3, 5, 1]],
    ['NCHW -> NHWC, 3 channels', [2, 3, 5, 7], [0, 2, 3, 1]],
    ['NCHW -> NHWC, 2 channels (2-way interleave)', [2, 2, 6, 5], [0, 2, 3, 1]],
    ['NHWC -> NCHW, 3 channels (3-way deinterleave)', [2, 5, 7, 3], [0, 3, 1, 2]],
    ['NHWC -> NCHW, 2 channels (2-way deinterleave)', [2, 9, 3, 2], [0, 3, 1, 2]],
    ['square transpose (4x4 tiles)', [32, 32], [1, 0]],
    ['transpose with both remainders', [19, 23], [1, 0]],
    ['transpose across several squares of tiles', [37, 45], [1, 0]],
    ['transpose into 3 columns (3-way interleave of long rows)', [3, 10], [1, 0]],
    ['transpose into 3 rows (3-way deinterleave with a remainder)', [10, 3], [1, 0]],
    ['batched transpose', [3, 9, 13], [0, 2, 1]],
    ['unit-stride dim not second-to-last (a b c -> c b a)', [6, 5, 7], [2, 1, 0]],
    ['unit-stride dim first of four', [5, 3, 4, 6], [3, 1, 2, 0]],
    ['3 columns but strided destination rows', [4, 5, 3], [2, 1, 0]],
    ['wide patches (p1 p2 c), c = 4', [1, 4, 2, 4, 3, 4], [0, 2, 4, 3, 5, 1]],
  ];
  for (const dtype of DTYPES) itCopiesPermutedLayouts(dtype, layouts);
});

describe('strided copy: runs', () => {
  const layouts: [string, number[], number[]][] = [
    ['runs of 16 elements (patches in (c p1 p2) order)', [2, 3, 2, 16, 2, 16], [0, 2, 4, 1, 3, 5]],
    ['runs of 8 elements (one channel)', [2, 1, 3, 8, 3, 8], [0, 2, 4, 3, 5, 1]],
    ['runs of 5 elements (not a multiple of 16 bytes)', [3, 4, 5], [1, 0, 2]],
    ['runs of 1 element', [4, 6, 1], [1, 0, 2]],
    ['long runs (bulk copy)', [3, 2, 300], [1, 0, 2]],
    ['one long run', [2, 3, 4], [0, 1, 2]],
  ];
  for (const dtype of DTYPES) {
    itCopiesPermutedLayouts(dtype, layouts);
    it(`${dtype}: broadcast runs (stride 0) of every length`, () => {
      for (const length of [1, 3, 4, 7, 16, 33]) {
        const { base, values } = makeBase(6, dtype);
        checkCopy(base.reshape(2, 3, 1).expand(2, 3, length), values);
        checkCopy(base.reshape(2, 1, 3).expand(2, length, 3), values);
      }
    });
    it(`${dtype}: strided gathers (no unit stride anywhere)`, () => {
      const { base, values } = makeBase(7 * 12, dtype);
      checkCopy(base.reshape(7, 12).slice(1, 0, 12, 3), values);
      checkCopy(base.reshape(7, 12).slice(0, 0, 7, 2).slice(1, 1, 12, 2).t(), values);
      checkCopy(base.reshape(7, 12).slice(1, 2, 11, 4).narrow(0, 1, 5), values);
    });
    it(`${dtype}: transposes of narrowed views (plane sizes that no SIMD path takes)`, () => {
      const { base, values } = makeBase(10 * 4, dtype);
      checkCopy(base.reshape(10, 4).narrow(1, 0, 3).t(), values); // 3 rows, column stride 4
      checkCopy(base.reshape(10, 4).narrow(1, 0, 2).t(), values); // 2 rows, column stride 4
      checkCopy(base.reshape(4, 10).narrow(1, 0, 9).t(), values); // 4x4 tiles with row stride 10
    });
  }

  it('matches index arithmetic for random views (float32 and float64)', () => {
    const random = mulberry32(12345);
    const pick = (n: number) => Math.floor(random() * n);
    for (let trial = 0; trial < 200; trial++) {
      const ndim = 1 + pick(5);
      const shape = Array.from({ length: ndim }, () => 1 + pick(6));
      const n = shape.reduce((a, b) => a * b, 1);
      const dtype: DType = trial % 2 === 0 ? 'float32' : 'float64';
      const { base, values } = makeBase(n, dtype);
      const perm = Array.from({ length: ndim }, (_, i) => i).sort(() => random() - 0.5);
      let view = base.reshape(shape).permute(perm);
      const d = pick(ndim);
      if (view.shape[d] > 2) view = view.slice(d, pick(2), view.shape[d], 1 + pick(2));
      checkCopy(view, values);
    }
  });
});

describe('copyStridedInto', () => {
  it('writes exactly numel elements at the destination', () => {
    const { base } = makeBase(2 * 3 * 4, 'float32');
    const out = arange(2 * 3 * 4 + 8, { dtype: 'float32' });
    const guard = out.toTypedArray().slice(24);
    copyStridedInto(base.reshape(2, 3, 4).permute(2, 0, 1), (out as unknown as { _ptr: number })._ptr);
    expect(Array.from(out.toTypedArray().slice(24))).toEqual(Array.from(guard));
  });
});
