/**
 * einops.pack and einops.unpack: a pattern such as `'i j * k'` names the axes shared by all tensors; the
 * axes matched by `*` (any number, zero included) are flattened and the tensors concatenated along them.
 * unpack splits that axis back using the packed shapes that pack returned.
 */
import type { EinopsBackend } from './backend.js';
import { EinopsError } from './errors.js';
import { LruCache } from './lru-cache.js';
import { checkAxisName } from './parse.js';
import { pyListOfTuples, pyTuple } from './python-repr.js';

interface PackLayout {
  /** Number of axes before `*`. */
  readonly nBefore: number;
  /** Number of axes after `*`. */
  readonly nAfter: number;
}

const layoutCache = new LruCache<string, PackLayout>(128);

function analyzePattern(pattern: string, opname: 'pack' | 'unpack'): PackLayout {
  return layoutCache.getOrCompute(`${opname}\0${pattern}`, () => {
    const trimmed = pattern.trim();
    const axes = trimmed === '' ? [] : trimmed.split(/\s+/);
    if (new Set(axes).size !== axes.length) throw new EinopsError(`Duplicates in axes names in ${opname}(..., "${pattern}")`);
    if (!axes.includes('*')) throw new EinopsError(`No *-axis in ${opname}(..., "${pattern}")`);
    for (const axis of axes) {
      if (axis !== '*' && !checkAxisName(axis).valid) {
        throw new EinopsError(`Invalid axis name ${axis} in ${opname}(..., "${pattern}")`);
      }
    }
    const nBefore = axes.indexOf('*');
    return { nBefore, nAfter: axes.length - nBefore - 1 };
  });
}

function product(values: readonly number[]): number {
  let result = 1;
  for (const value of values) result *= value;
  return result;
}

/**
 * Packs tensors into one: returns it and, for each input, the shape of the part that `*` matched
 * (e.g. `[[3], []]` for inputs of shapes [2, 3, 5] and [2, 5] with `'i * j'`).
 */
export function pack<T>(backend: EinopsBackend<T>, tensors: readonly T[], pattern: string): [T, number[][]] {
  const { nBefore, nAfter } = analyzePattern(pattern, 'pack');
  if (tensors.length === 0) throw new EinopsError(`pack(..., "${pattern}") needs at least one tensor, got none`);
  const minAxes = nBefore + nAfter;
  const packedShapes: number[][] = [];
  const flattened: T[] = [];
  // The flattened inputs are intermediates: released after the concatenation, or when a shape is refused.
  try {
    tensors.forEach((tensor, index) => {
      const shape = backend.shape(tensor);
      if (shape.length < minAxes) {
        throw new EinopsError(
          `packed tensor #${index} (enumeration starts with 0) has shape ${pyTuple(shape)}, ` +
            `while pattern ${pattern} assumes at least ${minAxes} axes`,
        );
      }
      const packedEnd = shape.length - nAfter;
      const packed = shape.slice(nBefore, packedEnd);
      packedShapes.push(packed);
      flattened.push(backend.reshape(tensor, [...shape.slice(0, nBefore), product(packed), ...shape.slice(packedEnd)]));
    });
    return [backend.concat(flattened, nBefore), packedShapes];
  } finally {
    flattened.forEach((flat, index) => {
      if (flat !== tensors[index]) backend.release?.(flat);
    });
  }
}

/**
 * Lengths along the packed axis of each piece. One packed shape may contain -1 (its length is whatever
 * the others leave); null when the shapes cannot split an axis of `total` elements.
 */
function pieceLengths(packedShapes: readonly (readonly number[])[], total: number): number[] | null {
  const lengths = packedShapes.map((shape) => (shape.includes(-1) ? -1 : product(shape)));
  const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);
  const unknown = lengths.indexOf(-1);
  if (unknown !== -1) lengths[unknown] = total - (sum(lengths) - lengths[unknown]!);
  return lengths.every((length) => length >= 0) && sum(lengths) === total ? lengths : null;
}

/** The full shape of one piece, its -1 (if any) resolved from the piece's length; null when impossible. */
function pieceShape(packedShape: readonly number[], length: number): number[] | null {
  if (packedShape.some((d) => !Number.isInteger(d) || d < -1)) return null;
  const nUnknown = packedShape.filter((d) => d === -1).length;
  if (nUnknown === 0) return product(packedShape) === length ? packedShape.slice() : null;
  if (nUnknown > 1) return null;
  const known = product(packedShape.filter((d) => d !== -1));
  if (known === 0 || length % known !== 0) return null;
  return packedShape.map((d) => (d === -1 ? length / known : d));
}

/** Reverses pack: one tensor per packed shape. */
export function unpack<T>(backend: EinopsBackend<T>, x: T, packedShapes: readonly (readonly number[])[], pattern: string): T[] {
  const { nBefore, nAfter } = analyzePattern(pattern, 'unpack');
  const shape = backend.shape(x);
  if (shape.length !== nBefore + 1 + nAfter) {
    throw new EinopsError(`unpack(..., ${pattern}) received input of wrong dim with shape ${pyTuple(shape)}`);
  }
  if (packedShapes.filter((p) => p.includes(-1)).length > 1) {
    throw new EinopsError(
      `unpack(..., ${pattern}) received more than one -1 in ${pyListOfTuples(packedShapes)} and can't infer dimensions`,
    );
  }
  const total = shape[nBefore]!;
  const cannotSplit = () =>
    new EinopsError(
      `Error during unpack(..., "${pattern}"): could not split axis of size ${total} into requested ${pyListOfTuples(packedShapes)}`,
    );
  const lengths = pieceLengths(packedShapes, total);
  if (lengths === null) throw cannotSplit();
  const pieceShapes = packedShapes.map((packed, index) => pieceShape(packed, lengths[index]!));
  if (pieceShapes.some((s) => s === null)) throw cannotSplit();
  if (packedShapes.length === 0) return [];

  const before = shape.slice(0, nBefore);
  const after = shape.slice(nBefore + 1);
  return backend.split(x, nBefore, lengths).map((piece, index) => {
    const result = backend.reshape(piece, [...before, ...pieceShapes[index]!, ...after]);
    if (result !== piece && piece !== x) backend.release?.(piece);
    return result;
  });
}
