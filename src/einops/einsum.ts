/**
 * einops.einsum: einsum with einops-style axis names (`'batch h w, h w channel -> batch channel'`), tensors
 * first and the pattern last. Names are translated to single letters (first seen -> 'a', then 'b', ...,
 * 'z', 'A', ..., 'Z') and the backend's torch-style einsum does the work.
 */
import type { EinopsBackend } from './backend.js';
import { EinopsError } from './errors.js';
import { LruCache } from './lru-cache.js';
import { AnonymousAxis, ELLIPSIS, parseExpression } from './parse.js';
import type { CompositeAxis } from './parse.js';

const LETTERS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** The one axis name of a group; composition, unit axes and anonymous axes are not supported in einsum. */
function singleAxisName(group: Exclude<CompositeAxis, typeof ELLIPSIS>): string {
  if (group.length === 0) throw new EinopsError('Singleton () axes are not yet supported in einsum.');
  if (group.length > 1 || group[0] === ELLIPSIS) throw new EinopsError('Shape rearrangement is not yet supported in einsum.');
  const axis = group[0]!;
  if (axis instanceof AnonymousAxis) throw new EinopsError('Anonymous axes are not yet supported in einsum.');
  return axis;
}

const compactCache = new LruCache<string, string>(256);

/** Translates an einops einsum pattern into single-letter form, e.g. `'i j, j k -> i k'` -> `'ab,bc->ac'`. */
export function compactEinsumPattern(pattern: string): string {
  return compactCache.getOrCompute(pattern, () => {
    if (!pattern.includes('->')) throw new EinopsError("Einsum pattern must contain '->'.");
    const sides = pattern.split('->');
    if (sides.length !== 2) throw new EinopsError(`Einsum pattern must contain '->' once, found ${sides.length - 1} in "${pattern}"`);
    const [leftText, rightText] = sides as [string, string];
    const lefts = leftText.split(',').map((side) => parseExpression(side, { allowUnderscore: true, allowDuplicates: true }));
    const right = parseExpression(rightText, { allowUnderscore: true });

    const letterOf = new Map<string, string>();
    const translate = (group: CompositeAxis, addNew: boolean): string => {
      if (group === ELLIPSIS) return '...';
      const name = singleAxisName(group);
      let letter = letterOf.get(name);
      if (letter === undefined) {
        if (!addNew) throw new EinopsError(`Unknown axis ${name} on right side of einsum ${pattern}.`);
        if (letterOf.size >= LETTERS.length) throw new EinopsError('Too many axes in einsum.');
        letter = LETTERS[letterOf.size]!;
        letterOf.set(name, letter);
      }
      return letter;
    };
    const inputs = lefts.map((left) => left.composition.map((group) => translate(group, true)).join(''));
    const output = right.composition.map((group) => translate(group, false)).join('');
    return `${inputs.join(',')}->${output}`;
  });
}

/** `einsum(backend, x, y, 'i j, j k -> i k')`: the tensors, then the pattern. */
export function einsum<T>(backend: EinopsBackend<T>, ...tensorsAndPattern: [...T[], string]): T {
  if (tensorsAndPattern.length <= 1) {
    throw new EinopsError(
      '`einops.einsum` takes at minimum two arguments: the tensors (at least one), followed by the pattern.',
    );
  }
  const pattern = tensorsAndPattern[tensorsAndPattern.length - 1];
  if (typeof pattern !== 'string') {
    throw new EinopsError('The last argument passed to `einops.einsum` must be a string, representing the einsum pattern.');
  }
  const tensors = tensorsAndPattern.slice(0, -1) as T[];
  return backend.einsum(compactEinsumPattern(pattern), ...tensors);
}
