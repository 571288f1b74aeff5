// Shape-building and indexing ops against plain-JavaScript references: random shapes and dtypes, strided
// (non-contiguous) inputs, negative dims, PyTorch's error messages, and failed ops leaving every tensor intact.
// Gradients are checked in test/indexing-grad.test.ts.
import { describe, expect, it } from 'vitest';
import { DTypeError, IndexError, memory, NotSupportedError, ShapeError, tensor, type DType, type Tensor } from '../src/index';
import {
  argwhere, cat, chunk, diag, diagEmbed, flip, fliplr, flipud, gather, hstack, indexAdd, indexAdd_, indexSelect,
  maskedSelect, nonzero, pad, repeat, roll, scatter, scatter_, scatterAdd, scatterAdd_, split, stack, take,
  tensorSplit, tile, tril, tril_, triu, triu_, unbind, vstack,
} from '../src/ops/indexing';
import { mulberry32 } from './support/random';

// ------------------------------------------------------------------ plain-JS reference arrays

interface Ref {
  shape: number[];
  data: number[];
}

const numel = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);

function stridesOf(shape: readonly number[]): number[] {
  const s = new Array<number>(shape.length);
  let acc = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    s[i] = acc;
    acc *= shape[i];
  }
  return s;
}

/** Every coordinate of shape in row-major order. */
function* coordsOf(shape: readonly number[]): Generator<number[]> {
  if (numel(shape) === 0) return;
  const c = shape.map(() => 0);
  for (;;) {
    yield c.slice();
    let d = shape.length - 1;
    while (d >= 0 && ++c[d] === shape[d]) c[d--] = 0;
    if (d < 0) return;
  }
}

function at(r: Ref, c: readonly number[]): number {
  const s = stridesOf(r.shape);
  return r.data[c.reduce((o, v, i) => o + v * s[i], 0)];
}

function build(shape: number[], f: (c: number[]) => number): Ref {
  const data: number[] = [];
  for (const c of coordsOf(shape)) data.push(f(c));
  return { shape, data };
}

const rand = mulberry32(12345);
const randInt = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
const randShape = (ndim: number, max = 4) => Array.from({ length: ndim }, () => randInt(1, max));

function randomRef(shape: number[], dtype: DType): Ref {
  return build(shape, () => {
    if (dtype === 'bool') return rand() < 0.5 ? 1 : 0;
    if (dtype === 'int32') return randInt(-9, 9);
    const v = rand() * 8 - 4;
    return dtype === 'float32' ? Math.fround(v) : v;
  });
}

function typed(values: number[], dtype: DType): Float32Array | Float64Array | Int32Array | Uint8Array {
  if (dtype === 'float64') return Float64Array.from(values);
  if (dtype === 'int32') return Int32Array.from(values);
  if (dtype === 'bool') return Uint8Array.from(values);
  return Float32Array.from(values);
}

type Layout = 'contiguous' | 'strided' | 'transposed';
const LAYOUTS: Layout[] = ['contiguous', 'strided', 'transposed'];

/** A tensor holding r's values: contiguous, every other element of a wider tensor, or a transposed view. */
function make(r: Ref, dtype: DType, layout: Layout = 'contiguous'): Tensor {
  const n = r.shape.length;
  if (layout === 'strided' && n > 0) {
    const wide = r.shape.slice();
    wide[n - 1] *= 2;
    const data = build(wide, (c) => (c[n - 1] % 2 === 0 ? at(r, [...c.slice(0, -1), c[n - 1] / 2]) : 77)).data;
    return tensor(typed(data, dtype), { dtype }).reshape(wide).slice(-1, 0, null, 2);
  }
  if (layout === 'transposed' && n >= 2) {
    const swapped = r.shape.slice();
    [swapped[n - 2], swapped[n - 1]] = [swapped[n - 1], swapped[n - 2]];
    const data = build(swapped, (c) => at(r, [...c.slice(0, -2), c[n - 1], c[n - 2]])).data;
    return tensor(typed(data, dtype), { dtype }).reshape(swapped).transpose(-1, -2);
  }
  return tensor(typed(r.data, dtype), { dtype }).reshape(r.shape);
}

const index = (values: number[], shape: number[] = [values.length]) => tensor(Int32Array.from(values), { dtype: 'int32' }).reshape(shape);

function expectRef(t: Tensor, r: Ref, dtype?: DType): void {
  expect(t.shape).toEqual(r.shape);
  if (dtype !== undefined) expect(t.dtype).toBe(dtype);
  expect(Array.from(t.toTypedArray() as ArrayLike<number>)).toEqual(r.data);
}

const norm = (d: number, n: number) => (d < 0 ? d + n : d);
const DTYPE_LIST: DType[] = ['float32', 'float64', 'int32', 'bool'];

// ------------------------------------------------------------------ joining

describe('cat / stack / hstack / vstack', () => {
  it('cat matches the reference on random shapes, dtypes, layouts and negative dims', () => {
    for (let trial = 0; trial < 40; trial++) {
      const ndim = randInt(1, 4);
      const dim = randInt(-ndim, ndim - 1);
      const d = norm(dim, ndim);
      const base = randShape(ndim);
      const dtype = DTYPE_LIST[trial % 4];
      const refs = Array.from({ length: randInt(1, 4) }, () => {
        const shape = base.slice();
        shape[d] = randInt(0, 3);
        return randomRef(shape, dtype);
      });
      const out = cat(refs.map((r, i) => make(r, dtype, LAYOUTS[(trial + i) % 3])), dim);
      const shape = base.slice();
      shape[d] = refs.reduce((n, r) => n + r.shape[d], 0);
      const expected = build(shape, (c) => {
        let k = c[d];
        for (const r of refs) {
          if (k < r.shape[d]) return at(r, [...c.slice(0, d), k, ...c.slice(d + 1)]);
          k -= r.shape[d];
        }
        throw new Error('unreachable');
      });
      expectRef(out, expected, dtype);
    }
  });

  it('cat promotes dtypes across its inputs and skips 1-D empty tensors', () => {
    const out = cat([tensor([[1, 2]], { dtype: 'int32' }), tensor([[0.5, 1.5]], { dtype: 'float64' }), tensor([[true, false]])]);
    expect(out.dtype).toBe('float64');
    expect(out.tolist()).toEqual([[1, 2], [0.5, 1.5], [1, 0]]);
    const skipped = cat([tensor([[1, 2]]), tensor([], { dtype: 'float32' }), tensor([[3, 4]])], 1);
    expect(skipped.tolist()).toEqual([[1, 2, 3, 4]]);
    expect(cat([tensor([]), tensor([])]).shape).toEqual([0]);
    expect(cat([tensor([[1, 2]])], { dim: -1 }).tolist()).toEqual([[1, 2]]);
  });

  it('cat errors use PyTorch messages', () => {
    expect(() => cat([])).toThrow(new ShapeError('torch.cat(): expected a non-empty list of Tensors'));
    expect(() => cat([tensor([1]), tensor(2)])).toThrow('zero-dimensional tensor (at position 1) cannot be concatenated');
    expect(() => cat([tensor([[1, 2]]), tensor([1, 2])])).toThrow('Tensors must have same number of dimensions: got 2 and 1');
    expect(() => cat([tensor([[1, 2]]), tensor([[1, 2, 3]])])).toThrow(
      'Sizes of tensors must match except in dimension 0. Expected size 2 but got size 3 for tensor number 1 in the list.',
    );
    expect(() => cat([tensor([[1, 2]])], 2)).toThrow(new IndexError('Dimension out of range (expected to be in range of [-2, 1], but got 2)'));
  });

  it('stack matches unsqueeze + cat on random shapes', () => {
    for (let trial = 0; trial < 25; trial++) {
      const ndim = randInt(0, 3);
      const dim = randInt(-ndim - 1, ndim);
      const d = norm(dim, ndim + 1);
      const shape = randShape(ndim);
      const dtype = DTYPE_LIST[trial % 4];
      const refs = Array.from({ length: randInt(1, 4) }, () => randomRef(shape, dtype));
      const out = stack(refs.map((r, i) => make(r, dtype, LAYOUTS[(trial + i) % 3])), dim);
      const outShape = shape.slice();
      outShape.splice(d, 0, refs.length);
      expectRef(out, build(outShape, (c) => at(refs[c[d]], [...c.slice(0, d), ...c.slice(d + 1)])), dtype);
    }
    expect(() => stack([])).toThrow('stack expects a non-empty TensorList');
    expect(() => stack([tensor([[1, 2, 3]]), tensor([[1, 2]])])).toThrow(
      'stack expects each tensor to be equal size, but got [1, 3] at entry 0 and [1, 2] at entry 1',
    );
  });

  it('hstack and vstack follow atleast_1d / atleast_2d', () => {
    expect(hstack([tensor([1, 2]), tensor([3])]).tolist()).toEqual([1, 2, 3]);
    expect(hstack([tensor([[1], [2]]), tensor([[3, 4], [5, 6]])]).tolist()).toEqual([[1, 3, 4], [2, 5, 6]]);
    expect(hstack([tensor(1), tensor(2)]).tolist()).toEqual([1, 2]);
    expect(vstack([tensor([1, 2]), tensor([3, 4])]).tolist()).toEqual([[1, 2], [3, 4]]);
    expect(vstack([tensor([[1, 2]]), tensor([3, 4]), tensor([[5, 6], [7, 8]])]).shape).toEqual([4, 2]);
  });
});

// ------------------------------------------------------------------ splitting

describe('split / chunk / unbind / tensorSplit', () => {
  const sizesAlong = (pieces: Tensor[], d: number) => pieces.map((p) => p.shape[d]);

  it('chunk follows PyTorch sizing (ceil(size / chunks), possibly fewer pieces)', () => {
    const x = make(randomRef([3, 17], 'float32'), 'float32');
    expect(sizesAlong(chunk(x, 3, 1), 1)).toEqual([6, 6, 5]);
    expect(sizesAlong(chunk(x, 4, -1), 1)).toEqual([5, 5, 5, 2]);
    expect(sizesAlong(chunk(make(randomRef([6], 'float32'), 'float32'), 4), 0)).toEqual([2, 2, 2]);
    expect(sizesAlong(chunk(x, 40, 1), 1)).toEqual(new Array(17).fill(1));
    expect(sizesAlong(chunk(make(randomRef([0, 2], 'float32'), 'float32'), 3), 0)).toEqual([0, 0, 0]);
    expect(() => chunk(x, 0)).toThrow('chunk expects `chunks` to be greater than 0, got: 0');
    expect(() => chunk(tensor(1), 2)).toThrow('chunk expects at least a 1-dimensional tensor');
  });

  it('split by size and by sections gives views with the right values', () => {
    for (const layout of LAYOUTS) {
      const r = randomRef([4, 7], 'float64');
      const x = make(r, 'float64', layout);
      const pieces = split(x, 3, -1);
      expect(sizesAlong(pieces, 1)).toEqual([3, 3, 1]);
      pieces.forEach((p, i) => {
        expectRef(p, build([4, p.shape[1]], (c) => at(r, [c[0], c[1] + 3 * i])));
        expect(p._storage).toBe(x._storage);
      });
      const sections = split(x, [2, 0, 5], 1);
      expect(sizesAlong(sections, 1)).toEqual([2, 0, 5]);
      expectRef(sections[2], build([4, 5], (c) => at(r, [c[0], c[1] + 2])));
    }
    const x = tensor([[1, 2, 3]]);
    expect(() => split(x, [1, 1], 1)).toThrow(
      "split_with_sizes expects split_sizes to sum exactly to 3 (input tensor's size at dimension 1), but got split_sizes=[1, 1]",
    );
    expect(() => split(x, [4, -1], 1)).toThrow('split_with_sizes expects split_sizes have only non-negative entries, but got split_sizes=[4, -1]');
    expect(() => split(x, -1)).toThrow('split expects split_size be non-negative, but got split_size=-1');
    expect(() => split(x, 0, 1)).toThrow('split_size can only be 0 if dimension size is 0, but got dimension size of 3');
  });

  it('unbind removes the dim; tensorSplit spreads sizes and cuts at indices', () => {
    const r = randomRef([3, 4, 2], 'int32');
    const parts = unbind(make(r, 'int32', 'transposed'), -2);
    expect(parts.length).toBe(4);
    parts.forEach((p, i) => expectRef(p, build([3, 2], (c) => at(r, [c[0], i, c[1]]))));
    const x = make(randomRef([2, 7], 'float32'), 'float32');
    expect(sizesAlong(tensorSplit(x, 3, 1), 1)).toEqual([3, 2, 2]);
    expect(sizesAlong(tensorSplit(x, [1, 5], 1), 1)).toEqual([1, 4, 2]);
    expect(sizesAlong(tensorSplit(x, [5, 2, -1], 1), 1)).toEqual([5, 0, 4, 1]);
    expect(() => tensorSplit(x, 0)).toThrow('number of sections must be larger than 0, got 0');
    expect(() => unbind(tensor(3))).toThrow('Dimension specified as 0 but tensor has no dimensions');
  });
});

// ------------------------------------------------------------------ index_select / index_add / take

describe('indexSelect / indexAdd / take', () => {
  it('indexSelect matches the reference for every dtype, layout and dim', () => {
    for (let trial = 0; trial < 40; trial++) {
      const ndim = randInt(1, 4);
      const dim = randInt(-ndim, ndim - 1);
      const d = norm(dim, ndim);
      const shape = randShape(ndim, 5);
      const dtype = DTYPE_LIST[trial % 4];
      const r = randomRef(shape, dtype);
      const picks = Array.from({ length: randInt(0, 6) }, () => randInt(0, shape[d] - 1));
      const idx = trial % 2 === 0 ? index(picks) : make({ shape: [picks.length], data: picks }, 'int32', 'strided');
      const out = indexSelect(make(r, dtype, LAYOUTS[trial % 3]), dim, idx);
      const outShape = shape.slice();
      outShape[d] = picks.length;
      expectRef(out, build(outShape, (c) => at(r, [...c.slice(0, d), picks[c[d]], ...c.slice(d + 1)])), dtype);
    }
  });

  it('indexSelect takes a 0-d index and a 0-d input', () => {
    expect(indexSelect(tensor([[1, 2], [3, 4]]), 1, index([1], [])).tolist()).toEqual([[2], [4]]);
    expect(indexSelect(tensor(5), 0, index([0])).tolist()).toBe(5);
  });

  it('indexAdd accumulates repeated indices with alpha (float64, float32, int32)', () => {
    for (let trial = 0; trial < 30; trial++) {
      const ndim = randInt(1, 3);
      const dim = randInt(-ndim, ndim - 1);
      const d = norm(dim, ndim);
      const shape = randShape(ndim, 9);
      const dtype: DType = (['float64', 'float32', 'int32'] as const)[trial % 3];
      const picks = Array.from({ length: randInt(0, 7) }, () => randInt(0, shape[d] - 1));
      const srcShape = shape.slice();
      srcShape[d] = picks.length;
      const xr = randomRef(shape, dtype);
      const sr = randomRef(srcShape, dtype);
      const alpha = trial % 2 === 0 ? 1 : dtype === 'int32' ? -2 : 0.75;
      const round = dtype === 'float32' ? Math.fround : (v: number) => v;
      // The kernel adds source slices in index order; the reference adds in the same order and precision.
      const expected = { shape, data: xr.data.slice() };
      const xs = stridesOf(shape);
      for (const c of coordsOf(srcShape)) {
        const target = c.slice();
        target[d] = picks[c[d]];
        const o = target.reduce((a, v, i) => a + v * xs[i], 0);
        const addend = alpha === 1 ? at(sr, c) : round(alpha * at(sr, c));
        expected.data[o] = round(expected.data[o] + addend);
      }
      const out = indexAdd(make(xr, dtype, LAYOUTS[trial % 3]), dim, index(picks), make(sr, dtype, LAYOUTS[(trial + 1) % 3]), alpha);
      expectRef(out, expected, dtype);
      const inPlace = make(xr, dtype, LAYOUTS[trial % 3]);
      const version = inPlace._storage.version;
      expect(indexAdd_(inPlace, dim, index(picks), make(sr, dtype), alpha)).toBe(inPlace);
      expectRef(inPlace, expected);
      expect(inPlace._storage.version).toBe(version + 1);
    }
  });

  it('take reads the flattened input, with negative indices counting from the end', () => {
    const r = randomRef([3, 4], 'float64');
    const x = make(r, 'float64', 'transposed');
    const out = take(x, index([0, -1, 5, 11, -12, 7], [2, 3]));
    expect(out.shape).toEqual([2, 3]);
    expect(Array.from(out.toTypedArray())).toEqual([0, 11, 5, 11, 0, 7].map((i) => r.data[i]));
    expect(() => take(x, index([12]))).toThrow(new IndexError('out of range: tried to access index 12 on a tensor of 12 elements.'));
    expect(() => take(x, index([-13]))).toThrow('out of range: tried to access index -13 on a tensor of 12 elements.');
  });

  it('errors use PyTorch messages', () => {
    const x = tensor([[1, 2, 3], [4, 5, 6], [7, 8, 9], [0, 1, 2]]);
    expect(() => indexSelect(x, 0, index([1, 5]))).toThrow(new IndexError('index 5 is out of bounds for dimension 0 with size 4'));
    expect(() => indexSelect(x, -1, index([-1]))).toThrow('index -1 is out of bounds for dimension 1 with size 3');
    expect(() => indexSelect(x, 0, tensor([1]))).toThrow(new DTypeError('index_select(): Expected dtype int32 for index, but got torch.float32'));
    expect(() => indexSelect(x, 0, index([0, 1], [1, 2]))).toThrow('index_select(): Index is supposed to be a vector');
    expect(() => indexSelect(x, 2, index([0]))).toThrow('Dimension out of range (expected to be in range of [-2, 1], but got 2)');
    expect(() => indexAdd(x, 0, index([0, 1]), tensor([[1, 1, 1]]))).toThrow('index_add(): Number of indices (2) should be equal to source.size(dim) (1)');
    expect(() => indexAdd(x, 0, index([0]), tensor([[1, 1]]))).toThrow(
      'source tensor shape must match self tensor shape, excluding the specified dimension. Got self.shape = [4, 3] source.shape = [1, 2]',
    );
    expect(() => indexAdd(x, 0, index([0]), tensor([[1, 1, 1]], { dtype: 'float64' }))).toThrow(
      'index_add(): self (torch.float32) and source (torch.float64) must have the same scalar type',
    );
  });
});

// ------------------------------------------------------------------ gather / scatter

/** A random int32 index of `shape` with values in [0, bound). */
function randomIndex(shape: number[], bound: number): Ref {
  return build(shape, () => randInt(0, bound - 1));
}

describe('gather / scatter / scatterAdd', () => {
  it('gather matches the reference (index smaller than the input in other dims)', () => {
    for (let trial = 0; trial < 40; trial++) {
      const ndim = randInt(1, 4);
      const dim = randInt(-ndim, ndim - 1);
      const d = norm(dim, ndim);
      const shape = randShape(ndim, 5);
      const idxShape = shape.map((s, k) => (k === d ? randInt(0, 6) : randInt(1, s)));
      const dtype = DTYPE_LIST[trial % 4];
      const r = randomRef(shape, dtype);
      const ir = randomIndex(idxShape, shape[d]);
      const out = gather(make(r, dtype, LAYOUTS[trial % 3]), dim, make(ir, 'int32', LAYOUTS[(trial + 1) % 3]));
      expectRef(out, build(idxShape, (c) => at(r, [...c.slice(0, d), at(ir, c), ...c.slice(d + 1)])), dtype);
    }
  });

  it('scatter (tensor and scalar) and scatterAdd match the reference, out of place and in place', () => {
    for (let trial = 0; trial < 40; trial++) {
      const ndim = randInt(1, 3);
      const dim = randInt(-ndim, ndim - 1);
      const d = norm(dim, ndim);
      const shape = randShape(ndim, 5);
      const idxShape = shape.map((s, k) => (k === d ? randInt(0, 5) : randInt(1, s)));
      const srcShape = idxShape.map((s) => s + randInt(0, 1));
      const dtype: DType = (['float64', 'float32', 'int32'] as const)[trial % 3];
      const xr = randomRef(shape, dtype);
      const sr = randomRef(srcShape, dtype);
      // Unique positions per slice for scatter (repeated ones leave the winner unspecified, as in PyTorch).
      const ir = build(idxShape, (c) => (c[d] * 7 + c.reduce((a, b) => a + b, 0)) % shape[d]);
      const unique = build(idxShape, (c) => c[d] % shape[d]);
      const round = dtype === 'float32' ? Math.fround : (v: number) => v;
      const xs = stridesOf(shape);
      const target = (c: number[], idx: Ref) => {
        const t = c.slice();
        t[d] = at(idx, c);
        return t.reduce((a, v, i) => a + v * xs[i], 0);
      };
      const added = { shape, data: xr.data.slice() };
      for (const c of coordsOf(idxShape)) added.data[target(c, ir)] = round(added.data[target(c, ir)] + at(sr, c));
      const written = { shape, data: xr.data.slice() };
      const filled = { shape, data: xr.data.slice() };
      const ok = idxShape[d] <= shape[d];
      if (ok) {
        for (const c of coordsOf(idxShape)) {
          written.data[target(c, unique)] = at(sr, c);
          filled.data[target(c, unique)] = 3;
        }
      }
      const layout = LAYOUTS[trial % 3];
      expectRef(scatterAdd(make(xr, dtype, layout), dim, make(ir, 'int32'), make(sr, dtype, 'transposed')), added, dtype);
      const inPlace = make(xr, dtype, layout);
      scatterAdd_(inPlace, dim, make(ir, 'int32', 'strided'), make(sr, dtype));
      expectRef(inPlace, added);
      if (ok) {
        expectRef(scatter(make(xr, dtype, layout), dim, make(unique, 'int32'), make(sr, dtype, 'strided')), written, dtype);
        expectRef(scatter(make(xr, dtype, layout), dim, make(unique, 'int32'), 3), filled, dtype);
        const target2 = make(xr, dtype, layout);
        scatter_(target2, dim, make(unique, 'int32'), make(sr, dtype));
        expectRef(target2, written);
      }
    }
  });

  it('errors use PyTorch messages', () => {
    const x = tensor([[1, 2, 3, 4], [5, 6, 7, 8]]);
    expect(() => gather(x, 1, index([0, 4], [1, 2]))).toThrow(new IndexError('index 4 is out of bounds for dimension 1 with size 4'));
    expect(() => gather(x, 1, index([0, 1]))).toThrow('Index tensor must have the same number of dimensions as input tensor');
    expect(() => gather(x, 1, index([0, 1, 0], [3, 1]))).toThrow(
      'Size does not match at dimension 0 expected index [3, 1] to be no larger than self [2, 4] apart from dimension 1',
    );
    expect(() => gather(x, 0, tensor([[0.0]]))).toThrow('gather(): Expected dtype int32 for index, but got torch.float32');
    expect(() => scatter(x, 0, index([0, 0, 0], [3, 1]), tensor([[1], [2]]))).toThrow(
      'Expected index [3, 1] to be no larger than self [2, 4] apart from dimension 0 and to be no larger size than src [2, 1]',
    );
    expect(() => scatter(x, 0, index([0], [1, 1]), tensor([[1]], { dtype: 'float64' }))).toThrow('scatter(): Expected self.dtype to be equal to src.dtype');
    expect(() => scatterAdd(x, 0, index([-1], [1, 1]), tensor([[1]]))).toThrow('index -1 is out of bounds for dimension 0 with size 2');
    expect(() => scatterAdd(tensor([[true]]), 0, index([0], [1, 1]), tensor([[true]]))).toThrow("scatter_add(): not implemented for 'Bool'");
  });

  it('an out-of-range index leaves every tensor intact and leaks nothing', () => {
    for (const n of [1, 3, 4, 5, 8, 9, 13]) {
      for (let bad = 0; bad < n; bad++) {
        const picks = Array.from({ length: n }, (_, i) => (i === bad ? 6 : i % 3));
        const x = make(randomRef([3, n], 'float32'), 'float32', 'strided');
        const before = Array.from(x.toTypedArray());
        const src = make(randomRef([1, n], 'float32'), 'float32');
        const idx = index(picks, [1, n]);
        const row = index([6]);
        const flatIdx = index(picks);
        const rowSrc = make(randomRef([1, n], 'float32'), 'float32');
        const live = memory().tensors;
        expect(() => scatter_(x, 0, idx, src)).toThrow('index 6 is out of bounds for dimension 0 with size 3');
        expect(() => scatterAdd_(x, 0, idx, src)).toThrow('index 6 is out of bounds for dimension 0 with size 3');
        expect(() => indexAdd_(x, 0, row, rowSrc)).toThrow('index 6 is out of bounds for dimension 0 with size 3');
        expect(() => indexAdd(x, 0, row, rowSrc)).toThrow('index 6 is out of bounds for dimension 0 with size 3');
        expect(() => indexSelect(x, 0, flatIdx)).toThrow('index 6 is out of bounds for dimension 0 with size 3');
        expect(() => gather(x, 0, idx)).toThrow('index 6 is out of bounds for dimension 0 with size 3');
        expect(Array.from(x.toTypedArray())).toEqual(before);
        expect(memory().tensors).toBe(live);
      }
    }
  });
});

// ------------------------------------------------------------------ nonzero / masked_select

describe('nonzero / maskedSelect', () => {
  it('nonzero lists coordinates in row-major order for every dtype and for lengths around the SIMD width', () => {
    for (const dtype of DTYPE_LIST) {
      for (const n of [0, 1, 2, 3, 4, 5, 15, 16, 17, 33]) {
        const r = build([n], () => (rand() < 0.4 ? (dtype === 'bool' ? 1 : randInt(1, 5)) : 0));
        const out = nonzero(make(r, dtype));
        const expected = r.data.flatMap((v, i) => (v !== 0 ? [i] : []));
        expect(out.shape).toEqual([expected.length, 1]);
        expect(Array.from(out.toTypedArray())).toEqual(expected);
      }
    }
    for (let trial = 0; trial < 20; trial++) {
      const shape = randShape(randInt(1, 4), 6);
      const r = build(shape, () => (rand() < 0.3 ? 1 : 0));
      const out = argwhere(make(r, 'float32', LAYOUTS[trial % 3]));
      const expected = [...coordsOf(shape)].filter((c) => at(r, c) !== 0);
      expect(out.dtype).toBe('int32');
      expect(out.shape).toEqual([expected.length, shape.length]);
      expect(out.tolist()).toEqual(expected);
    }
  });

  it('nonzero counts NaN, handles 0-d input and asTuple', () => {
    expect(nonzero(tensor([0, NaN, 0, -0.0, 2])).tolist()).toEqual([[1], [4]]);
    expect(nonzero(tensor(3)).shape).toEqual([1, 0]);
    expect(nonzero(tensor(0)).shape).toEqual([0, 0]);
    const [rows, cols] = nonzero(tensor([[0, 1], [1, 1]]), { asTuple: true });
    expect(rows.tolist()).toEqual([0, 1, 1]);
    expect(cols.tolist()).toEqual([1, 0, 1]);
  });

  it('maskedSelect broadcasts input and mask', () => {
    const x = make(randomRef([2, 3], 'float64'), 'float64', 'transposed');
    const xr = Array.from(x.toTypedArray());
    const mask = tensor([true, false, true]);
    expect(Array.from(maskedSelect(x, mask).toTypedArray())).toEqual([xr[0], xr[2], xr[3], xr[5]]);
    const column = tensor([[1.5], [2.5]]);
    expect(maskedSelect(column, tensor([[true, false, true], [false, false, true]])).tolist()).toEqual([1.5, 1.5, 2.5]);
    expect(() => maskedSelect(x, tensor([1, 0, 1], { dtype: 'int32' }))).toThrow('masked_select: expected BoolTensor for mask, got torch.int32');
  });
});

// ------------------------------------------------------------------ triangles and diagonals

describe('triu / tril / diag / diagEmbed', () => {
  it('triu and tril match the reference for offsets inside and beyond the matrix', () => {
    for (let trial = 0; trial < 40; trial++) {
      const shape = [...randShape(randInt(0, 2), 3), randInt(0, 5), randInt(0, 5)];
      const dtype = DTYPE_LIST[trial % 4];
      const r = randomRef(shape, dtype);
      const k = randInt(-7, 7);
      const n = shape.length;
      const upper = build(shape, (c) => (c[n - 1] - c[n - 2] >= k ? at(r, c) : 0));
      const lower = build(shape, (c) => (c[n - 1] - c[n - 2] <= k ? at(r, c) : 0));
      const layout = LAYOUTS[trial % 3];
      expectRef(triu(make(r, dtype, layout), k), upper, dtype);
      expectRef(tril(make(r, dtype, layout), k), lower, dtype);
      const a = make(r, dtype, layout);
      expect(triu_(a, k)).toBe(a);
      expectRef(a, upper);
      const b = make(r, dtype, layout);
      tril_(b, k);
      expectRef(b, lower);
    }
    expect(() => triu(tensor([1, 2]))).toThrow('triu: input tensor must have at least 2 dimensions');
    expect(() => tril(tensor(1))).toThrow('tril: input tensor must have at least 2 dimensions');
  });

  it('diag builds a matrix from a vector and reads a diagonal from a matrix', () => {
    for (const k of [-3, -1, 0, 2]) {
      const v = randomRef([3], 'float64');
      const n = 3 + Math.abs(k);
      expectRef(diag(make(v, 'float64'), k), build([n, n], ([i, j]) => (j - i === k ? v.data[k >= 0 ? i : j] : 0)));
      const m = randomRef([3, 5], 'int32');
      const len = Math.max(0, k >= 0 ? Math.min(3, 5 - k) : Math.min(3 + k, 5));
      expectRef(diag(make(m, 'int32', 'transposed'), k), build([len], ([i]) => at(m, k >= 0 ? [i, i + k] : [i - k, i])), 'int32');
    }
    expect(() => diag(tensor([[[1]]]))).toThrow('diag(): Supports 1D or 2D tensors. Got 3D');
  });

  it('diagEmbed puts the last dim on the diagonal of two new dims', () => {
    const r = randomRef([2, 3], 'float32');
    const out = diagEmbed(make(r, 'float32', 'strided'), 1, 0, 2);
    expect(out.shape).toEqual([4, 2, 4]);
    expectRef(out, build([4, 2, 4], ([i, b, j]) => (j - i === 1 ? at(r, [b, i]) : 0)));
    expect(diagEmbed(tensor([1, 2])).tolist()).toEqual([[1, 0], [0, 2]]);
    expect(() => diagEmbed(tensor([1, 2]), 0, 1, -1)).toThrow('diagonal dimensions cannot be identical 1, -1');
  });
});

// ------------------------------------------------------------------ flip / roll / repeat / tile

describe('flip / roll / repeat / tile', () => {
  it('flip reverses the given dims (negative-stride copies)', () => {
    for (let trial = 0; trial < 30; trial++) {
      const ndim = randInt(1, 4);
      const shape = randShape(ndim, 5);
      const dims = [...new Set(Array.from({ length: randInt(0, ndim) }, () => randInt(-ndim, ndim - 1)).map((d) => norm(d, ndim)))];
      const dtype = DTYPE_LIST[trial % 4];
      const r = randomRef(shape, dtype);
      const out = flip(make(r, dtype, LAYOUTS[trial % 3]), dims.map((d) => (trial % 2 ? d - ndim : d)));
      expectRef(out, build(shape, (c) => at(r, c.map((v, k) => (dims.includes(k) ? shape[k] - 1 - v : v)))), dtype);
    }
    expect(fliplr(tensor([[1, 2, 3]])).tolist()).toEqual([[3, 2, 1]]);
    expect(flipud(tensor([[1], [2]])).tolist()).toEqual([[2], [1]]);
    expect(() => flip(tensor([[1]]), [0, -2])).toThrow('dim 0 appears multiple times in the list of dims');
  });

  it('roll wraps along dims, and over the flattened tensor without dims', () => {
    for (let trial = 0; trial < 30; trial++) {
      const ndim = randInt(1, 3);
      const shape = randShape(ndim, 5);
      const dtype = DTYPE_LIST[trial % 4];
      const r = randomRef(shape, dtype);
      const dims = Array.from({ length: randInt(1, ndim) }, () => randInt(-ndim, ndim - 1));
      const shifts = dims.map(() => randInt(-12, 12));
      const total = shape.map(() => 0);
      dims.forEach((d, i) => (total[norm(d, ndim)] += shifts[i]));
      const mod = (a: number, n: number) => ((a % n) + n) % n;
      const out = roll(make(r, dtype, LAYOUTS[trial % 3]), shifts, dims);
      expectRef(out, build(shape, (c) => at(r, c.map((v, k) => mod(v - total[k], shape[k])))), dtype);
      const s = randInt(-20, 20);
      const flat = roll(make(r, dtype, LAYOUTS[trial % 3]), s);
      expect(flat.shape).toEqual(shape);
      const n = numel(shape);
      expect(Array.from(flat.toTypedArray() as ArrayLike<number>)).toEqual(r.data.map((_, i) => r.data[mod(i - s, n)]));
    }
    expect(() => roll(tensor([1, 2]), [1, 2], [0])).toThrow('shifts and dimensions must align. shifts: 2, dims:1');
    expect(() => roll(tensor([1, 2]), [])).toThrow('`shifts` required');
  });

  it('repeat and tile tile the input (with leading new dims)', () => {
    for (let trial = 0; trial < 30; trial++) {
      const ndim = randInt(0, 3);
      const shape = randShape(ndim, 3);
      const repeats = [...randShape(randInt(0, 2), 3), ...shape.map(() => randInt(0, 3))];
      const dtype = DTYPE_LIST[trial % 4];
      const r = randomRef(shape, dtype);
      const lead = repeats.length - ndim;
      const padded = [...new Array<number>(lead).fill(1), ...shape];
      const outShape = repeats.map((k, i) => k * padded[i]);
      const expected = build(outShape, (c) => at(r, c.slice(lead).map((v, k) => v % shape[k])));
      expectRef(repeat(make(r, dtype, LAYOUTS[trial % 3]), repeats), expected, dtype);
    }
    expect(tile(tensor([[1, 2]]), [2]).tolist()).toEqual([[1, 2, 1, 2]]);
    expect(tensor([1, 2]).repeat(2, 2).tolist()).toEqual([[1, 2, 1, 2], [1, 2, 1, 2]]);
    expect(() => repeat(tensor([[1]]), [2])).toThrow('Number of dimensions of repeat dims can not be smaller than number of dimensions of tensor');
    expect(() => repeat(tensor([1]), [-1])).toThrow('Trying to create tensor with negative dimension -1: [-1]');
  });
});

// ------------------------------------------------------------------ pad

/** Reference padding of the last dims: position o of a padded dim reads source position `from(o - before, n)`. */
function padReference(r: Ref, padding: number[], mode: string, value = 0): Ref {
  const n = r.shape.length;
  const shape = r.shape.slice();
  const before = r.shape.map(() => 0);
  const after = r.shape.map(() => 0);
  for (let i = 0; i < padding.length / 2; i++) {
    shape[n - 1 - i] += padding[2 * i] + padding[2 * i + 1];
    before[n - 1 - i] = padding[2 * i];
    after[n - 1 - i] = padding[2 * i + 1];
  }
  const from = (v: number, k: number): number => {
    const size = r.shape[k];
    const j = v - before[k];
    if (mode === 'reflect') return j < 0 ? -j : j >= size ? 2 * (size - 1) - j : j;
    if (mode === 'replicate') return Math.min(Math.max(j, 0), size - 1);
    if (mode === 'circular') {
      // PyTorch crops the negative pads first and wraps around what is kept.
      const lo = Math.max(-before[k], 0);
      const kept = size - lo - Math.max(-after[k], 0);
      const o = v - Math.max(before[k], 0);
      return lo + (((o % kept) + kept) % kept);
    }
    return j >= 0 && j < size ? j : -1;
  };
  return build(shape, (c) => {
    const src = c.map((v, k) => from(v, k));
    return src.some((v) => v < 0) ? value : at(r, src);
  });
}

describe('pad', () => {
  it('constant padding with positive and negative (cropping) pads', () => {
    for (let trial = 0; trial < 30; trial++) {
      const ndim = randInt(1, 4);
      const shape = randShape(ndim, 5);
      const padded = randInt(0, ndim);
      const padding: number[] = [];
      for (let i = 0; i < padded; i++) {
        const size = shape[ndim - 1 - i];
        const a = randInt(-Math.floor(size / 2), 3);
        padding.push(a, randInt(-(size + Math.min(a, 0)), 3) );
      }
      const dtype = DTYPE_LIST[trial % 4];
      const r = randomRef(shape, dtype);
      const value = dtype === 'bool' ? 1 : dtype === 'int32' ? -3 : 2.5;
      const out = pad(make(r, dtype, LAYOUTS[trial % 3]), padding, 'constant', value);
      const cropSafe = padReference(r, padding.map((p) => p), 'constant', value);
      expectRef(out, cropSafe, dtype);
    }
  });

  it('reflect, replicate and circular match the reference', () => {
    for (const mode of ['reflect', 'replicate', 'circular'] as const) {
      for (let trial = 0; trial < 12; trial++) {
        const padded = randInt(1, 3);
        const ndim = padded + randInt(1, 2);
        const shape = randShape(ndim, 5).map((s) => s + 1);
        const padding: number[] = [];
        for (let i = 0; i < padded; i++) {
          const size = shape[ndim - 1 - i];
          const limit = mode === 'reflect' ? size - 1 : mode === 'circular' ? size : 4;
          padding.push(randInt(mode === 'replicate' ? 0 : -1, limit), randInt(0, limit));
        }
        const r = randomRef(shape, 'float64');
        expectRef(pad(make(r, 'float64', LAYOUTS[trial % 3]), padding, { mode }), padReference(r, padding, mode));
      }
    }
  });

  it('errors use PyTorch messages', () => {
    const x = tensor([[[1, 2, 3]]]);
    expect(() => pad(x, [1])).toThrow('Padding length must be divisible by 2');
    expect(() => pad(x, [1, 1, 1, 1, 1, 1, 1, 1])).toThrow('Padding length too large');
    expect(() => pad(x, [-2, -2])).toThrow(
      'The input size 3, plus negative padding -2 and -2 resulted in a negative output size, which is invalid. Check dimension 2 of your input.',
    );
    expect(() => pad(x, [3, 0], 'reflect')).toThrow(
      'Argument #4: Padding size should be less than the corresponding input dimension, but got: padding (3, 0) at dimension 2 of input [1, 1, 3]',
    );
    expect(() => pad(x, [4, 0], 'circular')).toThrow('Padding value causes wrapping around more than once.');
    expect(() => pad(x, [1, 1], 'reflect', 2)).toThrow('Padding mode "reflect" doesn\'t take in value argument');
    expect(() => pad(tensor([1, 2]), [1, 1], 'replicate')).toThrow(
      new NotSupportedError('Only 2D, 3D, 4D, 5D padding with non-constant padding are supported for now'),
    );
  });
});

// ------------------------------------------------------------------ SIMD bodies and scalar tails

describe('kernels: SIMD bodies and scalar tails agree with the reference at every width', () => {
  it('index_add rows of width 1..9 (f32, f64, i32; alpha 1 and not)', () => {
    for (const dtype of ['float32', 'float64', 'int32'] as const) {
      for (let width = 1; width <= 9; width++) {
        for (const alpha of [1, 3]) {
          const xr = randomRef([3, width], dtype);
          const sr = randomRef([4, width], dtype);
          const picks = [2, 0, 2, 1];
          const round = dtype === 'float32' ? Math.fround : (v: number) => v;
          const expected = { shape: [3, width], data: xr.data.slice() };
          picks.forEach((row, k) => {
            for (let j = 0; j < width; j++) {
              const addend = alpha === 1 ? at(sr, [k, j]) : round(alpha * at(sr, [k, j]));
              expected.data[row * width + j] = round(expected.data[row * width + j] + addend);
            }
          });
          expectRef(indexAdd(make(xr, dtype), 0, index(picks), make(sr, dtype), alpha), expected);
        }
      }
    }
  });

  it('index bounds checks find the first bad index at any position, and negative wrapping works at any length', () => {
    for (let n = 1; n <= 11; n++) {
      for (let bad = 0; bad < n; bad++) {
        for (const value of [-1, 5, 2147483647, -2147483648]) {
          const picks = Array.from({ length: n }, (_, i) => (i === bad ? value : i % 5));
          picks[n - 1] = bad === n - 1 ? value : 7; // a later bad index must not be reported first
          const expectedBad = picks.find((v) => v < 0 || v >= 5)!;
          expect(() => indexSelect(tensor([1, 2, 3, 4, 5]), 0, index(picks))).toThrow(`index ${expectedBad} is out of bounds for dimension 0 with size 5`);
        }
      }
      const wrapped = Array.from({ length: n }, (_, i) => (i % 2 ? -1 - (i % 5) : i % 5));
      expect(take(tensor([10, 11, 12, 13, 14]), index(wrapped)).tolist()).toEqual(wrapped.map((i) => 10 + ((i + 5) % 5)));
    }
  });
});
