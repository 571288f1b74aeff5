/**
 * A tiny reference n-dimensional array (row-major, contiguous) implementing EinopsBackend by plain index
 * arithmetic. It exists to test the einops engine independently of the Tensor class.
 *
 * Values are held in a Float32Array or a Float64Array; every arithmetic step is stored into an array of the
 * same kind, so a float32 array rounds after each step as float32 arithmetic does (a float32 product over
 * an axis then matches NumPy's exactly). Reductions accumulate sequentially in row-major order.
 */
import type { BackendReduction, EinopsBackend } from '../../src/einops/backend.js';
import { contiguousStrides, numelOf } from '../../src/shape.js';

export type DType = 'float32' | 'float64';
type Data = Float32Array | Float64Array;

export class NDArray {
  readonly data: Data;
  readonly shape: readonly number[];

  constructor(data: Data, shape: readonly number[]) {
    if (data.length !== numelOf(shape)) {
      throw new Error(`NDArray: ${data.length} values do not fill shape [${shape.join(', ')}]`);
    }
    this.data = data;
    this.shape = shape.slice();
  }

  get dtype(): DType {
    return this.data instanceof Float32Array ? 'float32' : 'float64';
  }

  static fromValues(values: ArrayLike<number>, shape: readonly number[], dtype: DType = 'float64'): NDArray {
    return new NDArray(dtype === 'float32' ? Float32Array.from(values) : Float64Array.from(values), shape);
  }

  /** arange(prod(shape)).reshape(shape) + start. */
  static arange(shape: readonly number[], dtype: DType = 'float64', start = 0): NDArray {
    const data = allocate(dtype, numelOf(shape));
    for (let i = 0; i < data.length; i++) data[i] = start + i;
    return new NDArray(data, shape);
  }

  /** Value at a multi-index. */
  at(...index: number[]): number {
    const strides = contiguousStrides(this.shape);
    let offset = 0;
    index.forEach((i, axis) => (offset += i * strides[axis]!));
    return this.data[offset]!;
  }

  toArray(): number[] {
    return Array.from(this.data);
  }
}

function allocate(dtype: DType, size: number): Data {
  return dtype === 'float32' ? new Float32Array(size) : new Float64Array(size);
}

/** Copies the elements a strided view (offset, shape, strides) of x's data sees, in row-major order. */
function gather(x: NDArray, offset: number, shape: readonly number[], strides: readonly number[]): NDArray {
  const out = allocate(x.dtype, numelOf(shape));
  const ndim = shape.length;
  const index = new Array<number>(ndim).fill(0);
  let source = offset;
  for (let i = 0; i < out.length; i++) {
    out[i] = x.data[source]!;
    // Odometer step: advance the last axis, carrying into earlier ones.
    for (let axis = ndim - 1; axis >= 0; axis--) {
      if (++index[axis]! < shape[axis]!) {
        source += strides[axis]!;
        break;
      }
      source -= (shape[axis]! - 1) * strides[axis]!;
      index[axis] = 0;
    }
  }
  return new NDArray(out, shape);
}

function checkAxes(axes: readonly number[], ndim: number, what: string): void {
  const seen = new Set<number>();
  for (const axis of axes) {
    if (!Number.isInteger(axis) || axis < 0 || axis >= ndim || seen.has(axis)) {
      throw new Error(`${what}: invalid axes [${axes.join(', ')}] for a ${ndim}-dim array`);
    }
    seen.add(axis);
  }
}

function permute(x: NDArray, perm: number[]): NDArray {
  if (perm.length !== x.shape.length) throw new Error(`permute: ${perm.length} axes given for a ${x.shape.length}-dim array`);
  checkAxes(perm, x.shape.length, 'permute');
  const strides = contiguousStrides(x.shape);
  return gather(x, 0, perm.map((a) => x.shape[a]!), perm.map((a) => strides[a]!));
}

function reduce(x: NDArray, op: BackendReduction, axes: number[]): NDArray {
  checkAxes(axes, x.shape.length, 'reduce');
  const kept = x.shape.map((_, axis) => axis).filter((axis) => !axes.includes(axis));
  // Kept axes first, reduced axes last: each output element then reduces one contiguous run.
  const arranged = permute(x, [...kept, ...axes]);
  const outShape = kept.map((axis) => x.shape[axis]!);
  const out = allocate(x.dtype, numelOf(outShape));
  const run = numelOf(axes.map((axis) => x.shape[axis]!));
  if (run === 0 && (op === 'max' || op === 'min') && out.length > 0) {
    throw new Error(`reduce: ${op} over an empty axis has no identity`);
  }
  const data = arranged.data;
  for (let o = 0; o < out.length; o++) {
    const start = o * run;
    switch (op) {
      case 'sum':
      case 'mean':
        out[o] = 0;
        for (let i = 0; i < run; i++) out[o] = out[o]! + data[start + i]!;
        if (op === 'mean') out[o] = out[o]! / run;
        break;
      case 'prod':
        out[o] = 1;
        for (let i = 0; i < run; i++) out[o] = out[o]! * data[start + i]!;
        break;
      case 'max':
      case 'min': {
        out[o] = data[start]!;
        for (let i = 1; i < run; i++) {
          const v = data[start + i]!;
          // NaN wins, as in NumPy and PyTorch.
          if (Number.isNaN(v) || (op === 'max' ? v > out[o]! : v < out[o]!)) out[o] = v;
          if (Number.isNaN(v)) break;
        }
        break;
      }
      case 'any':
        out[o] = 0;
        for (let i = 0; i < run; i++) if (data[start + i] !== 0) out[o] = 1;
        break;
      case 'all':
        out[o] = 1;
        for (let i = 0; i < run; i++) if (data[start + i] === 0) out[o] = 0;
        break;
      default:
        throw new Error(`reduce: unknown reduction ${String(op)}`);
    }
  }
  return new NDArray(out, outShape);
}

function addAxes(x: NDArray, nAxes: number, positionsToLengths: Map<number, number>): NDArray {
  if (nAxes !== x.shape.length + positionsToLengths.size) {
    throw new Error(`addAxes: ${positionsToLengths.size} new axes and ${x.shape.length} old ones do not make ${nAxes}`);
  }
  const strides = contiguousStrides(x.shape);
  const shape: number[] = [];
  const viewStrides: number[] = [];
  let old = 0;
  for (let position = 0; position < nAxes; position++) {
    const length = positionsToLengths.get(position);
    if (length !== undefined) {
      shape.push(length);
      viewStrides.push(0); // broadcast: every index along a new axis sees the same element
    } else {
      shape.push(x.shape[old]!);
      viewStrides.push(strides[old++]!);
    }
  }
  return gather(x, 0, shape, viewStrides);
}

function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

function stack(xs: NDArray[]): NDArray {
  if (xs.length === 0) throw new Error('stack: no arrays');
  const first = xs[0]!;
  const out = allocate(first.dtype, xs.length * first.data.length);
  xs.forEach((x, i) => {
    if (!sameShape(x.shape, first.shape)) throw new Error(`stack: shape [${x.shape.join(', ')}] differs from [${first.shape.join(', ')}]`);
    out.set(x.data, i * first.data.length);
  });
  return new NDArray(out, [xs.length, ...first.shape]);
}

function concat(xs: NDArray[], axis: number): NDArray {
  if (xs.length === 0) throw new Error('concat: no arrays');
  const first = xs[0]!;
  for (const x of xs) {
    const compatible = x.shape.length === first.shape.length && x.shape.every((d, i) => i === axis || d === first.shape[i]);
    if (!compatible || axis < 0 || axis >= x.shape.length) {
      throw new Error(`concat: shape [${x.shape.join(', ')}] does not match [${first.shape.join(', ')}] outside axis ${axis}`);
    }
  }
  const outer = numelOf(first.shape.slice(0, axis));
  const inner = numelOf(first.shape.slice(axis + 1));
  const total = xs.reduce((sum, x) => sum + x.shape[axis]!, 0);
  const out = allocate(first.dtype, outer * total * inner);
  let target = 0;
  for (let o = 0; o < outer; o++) {
    for (const x of xs) {
      const block = x.shape[axis]! * inner;
      out.set(x.data.subarray(o * block, (o + 1) * block), target);
      target += block;
    }
  }
  const shape = first.shape.slice();
  shape[axis] = total;
  return new NDArray(out, shape);
}

function split(x: NDArray, axis: number, sizes: number[]): NDArray[] {
  if (sizes.reduce((a, b) => a + b, 0) !== x.shape[axis]) {
    throw new Error(`split: sizes [${sizes.join(', ')}] do not add up to ${x.shape[axis]}`);
  }
  const strides = contiguousStrides(x.shape);
  let start = 0;
  return sizes.map((size) => {
    const shape = x.shape.slice();
    shape[axis] = size;
    const piece = gather(x, start * strides[axis]!, shape, strides);
    start += size;
    return piece;
  });
}

/**
 * torch.einsum over single-letter labels: sums the product of the operands over every label combination.
 * `...` stands for the leading-broadcast dimensions (aligned to the right across operands, size 1 broadcasts).
 */
function einsum(pattern: string, ...xs: NDArray[]): NDArray {
  const compact = pattern.replace(/\s+/g, '');
  const [lhs, rhs] = compact.split('->') as [string, string | undefined];
  if (rhs === undefined) throw new Error(`einsum: this implementation needs '->' in "${pattern}"`);
  const specs = lhs.split(',');
  if (specs.length !== xs.length) throw new Error(`einsum: ${specs.length} operand specs for ${xs.length} operands`);

  // Label ids: ellipsis dimension j -> j (few), letter -> its char code (>= 65).
  const letterIds = (spec: string) => [...spec.replace('...', '')].map((c) => {
    if (!/[a-zA-Z]/.test(c)) throw new Error(`einsum: invalid label '${c}' in "${pattern}"`);
    return c.charCodeAt(0);
  });
  const ellipsisRanks = specs.map((spec, i) => (spec.includes('...') ? xs[i]!.shape.length - letterIds(spec).length : 0));
  const ellipsisRank = Math.max(0, ...ellipsisRanks);
  const operandLabels = specs.map((spec, i) => {
    const [before, after] = spec.includes('...') ? (spec.split('...') as [string, string]) : [spec, ''];
    const ellipsis = Array.from({ length: ellipsisRanks[i]! }, (_, j) => ellipsisRank - ellipsisRanks[i]! + j);
    const labels = [...letterIds(before), ...ellipsis, ...letterIds(after)];
    if (labels.length !== xs[i]!.shape.length) throw new Error(`einsum: spec "${spec}" does not fit a ${xs[i]!.shape.length}-dim operand`);
    return labels;
  });

  const sizeOfLabel = new Map<number, number>();
  operandLabels.forEach((labels, i) =>
    labels.forEach((label, axis) => {
      const size = xs[i]!.shape[axis]!;
      const seen = sizeOfLabel.get(label);
      if (seen === undefined || seen === 1) sizeOfLabel.set(label, size);
      else if (size !== seen && !(label < ellipsisRank && size === 1)) {
        throw new Error(`einsum: label sizes ${seen} and ${size} disagree in "${pattern}"`);
      }
    }),
  );
  const outLabels = rhs.includes('...')
    ? [...letterIds(rhs.split('...')[0]!), ...Array.from({ length: ellipsisRank }, (_, j) => j), ...letterIds(rhs.split('...')[1]!)]
    : letterIds(rhs);
  for (const label of outLabels) if (!sizeOfLabel.has(label)) throw new Error(`einsum: output label not in inputs in "${pattern}"`);

  const labels = [...sizeOfLabel.keys()];
  const sizes = labels.map((label) => sizeOfLabel.get(label)!);
  const outShape = outLabels.map((label) => sizeOfLabel.get(label)!);
  // Stride of each operand (and of the output) along each label; 0 where absent or broadcast.
  const strideTable = (labelsOf: number[], shape: readonly number[]) => {
    const strides = contiguousStrides(shape);
    return labels.map((label) =>
      labelsOf.reduce((sum, l, axis) => (l === label && shape[axis] !== 1 ? sum + strides[axis]! : sum), 0),
    );
  };
  const operandStrides = operandLabels.map((labelsOf, i) => strideTable(labelsOf, xs[i]!.shape));
  const outStrides = strideTable(outLabels, outShape);

  const out = allocate(xs[0]!.dtype, numelOf(outShape));
  const total = numelOf(sizes);
  const index = new Array<number>(labels.length).fill(0);
  for (let step = 0; step < total; step++) {
    let term = 1;
    for (let o = 0; o < xs.length; o++) {
      let offset = 0;
      for (let l = 0; l < labels.length; l++) offset += index[l]! * operandStrides[o]![l]!;
      term *= xs[o]!.data[offset]!;
    }
    let outOffset = 0;
    for (let l = 0; l < labels.length; l++) outOffset += index[l]! * outStrides[l]!;
    out[outOffset] = out[outOffset]! + term;
    for (let l = labels.length - 1; l >= 0; l--) {
      if (++index[l]! < sizes[l]!) break;
      index[l] = 0;
    }
  }
  return new NDArray(out, outShape);
}

export const ndarrayBackend: EinopsBackend<NDArray> = {
  shape: (x) => x.shape.slice(),
  reshape: (x, shape) => {
    if (numelOf(shape) !== x.data.length) throw new Error(`reshape: [${x.shape.join(', ')}] cannot become [${shape.join(', ')}]`);
    return new NDArray(x.data, shape);
  },
  permute,
  reduce,
  addAxes,
  stack,
  concat,
  split,
  einsum,
  isTensor: (x): x is NDArray => x instanceof NDArray,
};
