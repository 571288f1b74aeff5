// Generated einops cases (after einops' own test suite), shared by the einops tests over the reference backend
// (einops-engine) and over Tensors (einops): pattern tables over arange([2, 3, 4, 5, 6]) and repeat patterns that
// min and max reductions undo.
import type { AxesLengths } from '../../src/einops/engine.js';

/** The shape of the input the pattern tables are written for. */
export const x5Shape = [2, 3, 4, 5, 6];

/** Patterns that keep every element in place (those with '()' or '1' add unit axes). */
export const identity = [
  '...->...',
  'a b c d e-> a b c d e',
  'a b c d e ...-> ... a b c d e',
  'a b c d e ...-> a ... b c d e',
  '... a b c d e -> ... a b c d e',
  'a ... e-> a ... e',
  'a ... -> a ... ',
  'a ... c d e -> a (...) c d e',
  'a b c d e -> a b () c d e 1',
];

/** Pairs of equivalent patterns, and the permutation + reshape both must equal. */
export const equivalent: [string, string, number[], number[]][] = [
  ['a b c d e -> (a b) c d e', 'a b ... -> (a b) ... ', [0, 1, 2, 3, 4], [6, 4, 5, 6]],
  ['a b c d e -> a b (c d) e', '... c d e -> ... (c d) e', [0, 1, 2, 3, 4], [2, 3, 20, 6]],
  ['a b c d e -> a b c d e', '... -> ... ', [0, 1, 2, 3, 4], [2, 3, 4, 5, 6]],
  ['a b c d e -> (a b c d e)', '... ->  (...)', [0, 1, 2, 3, 4], [720]],
  ['a b c d e -> b (c d e) a', 'a b ... -> b (...) a', [1, 2, 3, 4, 0], [3, 120, 2]],
  ['a b c d e -> b (a c d) e', 'a b ... e -> b (a ...) e', [1, 0, 2, 3, 4], [3, 40, 6]],
  ['a b c d e -> e b c d a', 'a ... e -> e ... a', [4, 1, 2, 3, 0], [6, 3, 4, 5, 2]],
  ['a b c d e -> (e c) (a d) b', '(a) b c d e -> (e c) (a d) b', [4, 2, 0, 3, 1], [24, 10, 3]],
];

/** Pairs of reduction patterns that reduce the same axes into the same output. */
export const equivalentReductions: [string, string][] = [
  ['a b c d e -> ', ' ... ->  '],
  ['a b c d e -> (e a)', 'a ... e -> (e a)'],
  ['a b c d e -> d (a e)', ' a b c d e ... -> d (a e) '],
  ['a b c d e -> (a b)', ' ... c d e  -> (...) '],
];

/** Repeat patterns for an input of shape [2, 3, 5]. */
export const repeats: [string, AxesLengths][] = [
  ['a b c -> c a b', {}],
  ['a b c -> (c copy a b)', { copy: 2, a: 2, b: 3, c: 5 }],
  ['a b c -> (a copy) b c ', { copy: 1 }],
  ['a b c -> (c a) (copy1 b copy2)', { a: 2, copy1: 1, copy2: 2 }],
  ['a ...  -> a ... copy', { copy: 4 }],
  ['... c -> ... (copy1 c copy2)', { copy1: 1, copy2: 2 }],
  ['...  -> ... ', {}],
  [' ...  -> copy1 ... copy2 ', { copy1: 2, copy2: 3 }],
  ['a b c  -> copy1 a copy2 b c () ', { copy1: 2, copy2: 1 }],
];

/** Repeat patterns with anonymous axes, for an input of shape [1, 2, 4, 6]. */
export const anonymousRepeats: [string, AxesLengths][] = [
  ['a b c d -> c a d b', {}],
  ['a b c d -> (c 2 d a b)', { a: 1, c: 4, d: 6 }],
  ['1 b c d -> (d copy 1) 3 b c ', { copy: 3 }],
  ['1 ...  -> 3 ... ', {}],
  ['() ... d -> 1 (copy1 d copy2) ... ', { copy1: 2, copy2: 3 }],
  ['1 b c d -> (1 1) (1 b) 2 c 3 d (1 1)', {}],
];

/** The reduction pattern that undoes a repeat pattern (its two sides swapped). */
export function reversed(pattern: string): string {
  const [left, right] = pattern.split('->') as [string, string];
  return `${right}->${left}`;
}
