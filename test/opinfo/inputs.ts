// Sample inputs as numbers and as tensors: the values are drawn from mulberry32 with a seed made of the entry's
// name and the sample's position, so the test and the reference generator (test/opinfo/dump-samples.ts) see the
// same numbers, and every failure repeats.
import { tensor, type DType, type Tensor } from '../../src/index';
import { mulberry32 } from '../support/random';
import type { InputSpec, Sample } from './types';

export function numelOf(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

/** FNV-1a over a string: the seed of an entry's sample, and the fingerprint of its values. */
export function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

function drawn(spec: InputSpec, random: () => number): number[] {
  const n = numelOf(spec.shape);
  const domain = spec.domain ?? (spec.dtype === 'bool' ? 'mask' : spec.dtype === 'int32' ? ([-5, 5] as const) : ([-2, 2] as const));
  const out = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    const u = random();
    if (domain === 'mask') out[i] = u < 0.5 ? 1 : 0;
    else if (domain === 'index') throw new Error('an index input lists its values');
    else {
      const [low, high] = domain === 'positive' ? [0.5, 2.5] : domain === 'unit' ? [-0.9, 0.9] : domain;
      out[i] = spec.dtype === 'int32' ? Math.floor(low + u * (high - low + 1)) : low + u * (high - low);
    }
  }
  return out;
}

/** The values of a sample's inputs, rounded to their dtypes (float32 through Math.fround). */
export function sampleValues(entryName: string, sampleIndex: number, sample: Sample): number[][] {
  const random = mulberry32(fnv1a(`${entryName}#${sampleIndex}`));
  return sample.inputs.map((spec) => {
    const values = spec.values !== undefined ? [...spec.values] : drawn(spec, random);
    if (values.length !== numelOf(spec.shape)) {
      throw new Error(`${entryName}#${sampleIndex}: ${values.length} values for shape [${spec.shape}]`);
    }
    return spec.dtype === 'float32' ? values.map(Math.fround) : values;
  });
}

/** The fingerprint the reference fixture stores, so that a changed sample is noticed before it is compared. */
export function valuesFingerprint(values: number[][]): string {
  return fnv1a(JSON.stringify(values.map((v) => v.map((x) => (Number.isNaN(x) ? 'n' : Object.is(x, -0) ? '-0' : x))))).toString(16);
}

export const isFloat = (dtype: DType): boolean => dtype === 'float32' || dtype === 'float64';

/** Whether a battery differentiates the input: float, and not opted out. */
export function differentiable(spec: InputSpec): boolean {
  return isFloat(spec.dtype) && spec.grad !== false;
}

function typed(values: readonly number[], dtype: DType): number[] | Float64Array | boolean[] {
  if (dtype === 'float64') return Float64Array.from(values);
  if (dtype === 'bool') return values.map((v) => v !== 0);
  return [...values];
}

export type Layout = 'contiguous' | 'transposed' | 'strided';

/**
 * A tensor with the given values and logical shape, laid out in memory as asked: contiguous; 'transposed' (stored
 * with its last two dims swapped, then viewed back, so its strides are not row-major); 'strided' (every other
 * element of a buffer twice as long: the view a step-2 slice gives).
 */
export function makeTensor(values: readonly number[], spec: InputSpec, layout: Layout, requiresGrad: boolean): Tensor {
  const { shape, dtype } = spec;
  let t: Tensor;
  if (layout === 'transposed' && shape.length >= 2) {
    const r = shape.length;
    const [rows, cols] = [shape[r - 2]!, shape[r - 1]!];
    const swapped = new Array<number>(values.length);
    const block = rows * cols;
    for (let b = 0; b < values.length / Math.max(1, block); b++) {
      for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) swapped[b * block + j * rows + i] = values[b * block + i * cols + j]!;
    }
    t = tensor(typed(swapped, dtype), { dtype }).reshape([...shape.slice(0, r - 2), cols, rows]).transpose(-1, -2);
  } else if (layout === 'strided' && shape.length >= 1) {
    const doubled: number[] = [];
    for (const v of values) doubled.push(v, v === 0 ? 1 : -v);
    t = tensor(typed(doubled, dtype), { dtype }).reshape([...shape, 2]).select(-1, 0);
  } else {
    t = tensor(typed(values, dtype), { dtype }).reshape([...shape]);
  }
  return requiresGrad ? t.requiresGrad_(true) : t;
}

/** Whether makeTensor gives a non-contiguous tensor for the spec under the layout (else the battery skips it). */
export function changesLayout(spec: InputSpec, layout: Layout): boolean {
  if (numelOf(spec.shape) < 2) return false;
  if (layout === 'transposed') return spec.shape.length >= 2 && spec.shape.at(-1)! > 1 && spec.shape.at(-2)! > 1;
  return layout === 'strided';
}
