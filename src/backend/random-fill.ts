// Random fills of a contiguous tensor's memory: the generator draws straight into the tensor's elements
// (PyTorch's uniform_ / normal_ / random_ recipes live in src/random).
import type { TensorBuffer } from './buffer';
import { elementsOf } from './elements';
import { DTypeError } from '../errors';
import { defaultGenerator, type Generator } from '../random';

/**
 * Fills a contiguous float tensor from the generator (PyTorch's uniform_ / normal_ recipes). `contiguousDraw` false
 * draws normals element by element, as PyTorch does for a destination that is not contiguous in memory.
 */
export function fillRandom(
  t: TensorBuffer,
  kind: 'uniform' | 'normal',
  a: number,
  b: number,
  generator: Generator = defaultGenerator,
  contiguousDraw = true,
): void {
  const view = elementsOf(t);
  if (view instanceof Float32Array) {
    if (kind === 'uniform') generator.fillUniformF32(view, a, b);
    else generator.fillNormalF32(view, a, b, contiguousDraw);
  } else if (view instanceof Float64Array) {
    if (kind === 'uniform') generator.fillUniformF64(view, a, b);
    else generator.fillNormalF64(view, a, b, contiguousDraw);
  } else {
    throw new DTypeError(`${kind}_ expects a floating point tensor, got ${t.dtype}`);
  }
}

/** Fills a contiguous int32, float32 or float64 tensor with integers drawn uniformly from [low, high). */
export function fillRandint(t: TensorBuffer, low: number, high: number, generator: Generator): void {
  generator.fillRandint(elementsOf(t) as Int32Array | Float32Array | Float64Array, low, high);
}
