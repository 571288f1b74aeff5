// einops' own reference cases (test/fixtures/pytorch/einops.json), shared by the einops tests over the reference
// backend (einops-engine) and over Tensors (einops). Loads no wasm.
import { expect } from 'vitest';
import { EinopsError, type ReductionName } from '../../src/einops/engine.js';
import { loadFixture, type FixtureTensor } from './fixture-files';
import { thrownBy } from './thrown';

export interface EinopsFixtureCase {
  fn: 'rearrange' | 'repeat' | 'reduce' | 'pack' | 'einsum';
  pattern: string;
  axes?: Record<string, number>;
  reduction?: ReductionName;
  input_shape?: number[];
  input_shapes?: number[][];
  operands?: FixtureTensor[];
  output?: FixtureTensor;
  packed_shapes?: number[][];
  unpacked_shapes?: number[][];
  error?: string;
  message?: string;
}

export const einopsFixture = loadFixture<{ einops: string; cases: EinopsFixtureCase[] }>('einops.json');

/**
 * The reference case whose input is not an arange: it undoes the patch split of the first case, so its input is
 * that case's output (see the einops section of the generator script).
 */
export const PATCH_INVERSE_PATTERN = 'b (h w) (p1 p2 c) -> b c (h p1) (w p2)';

export function caseTitle(index: number, c: EinopsFixtureCase): string {
  return `${index} ${c.fn}${c.reduction ? `(${c.reduction})` : ''} "${c.pattern}" ${JSON.stringify(c.axes)}`;
}

/**
 * Python prints a set of strings in an order that depends on the process's hash seed, so the items of
 * set literals like `{'e', 'd'}` are sorted on both sides before comparing messages.
 */
export function normalizeSets(message: string): string {
  return message.replace(/\{('[^']*'(?:, '[^']*')*)\}/g, (_, items: string) => `{${items.split(', ').sort().join(', ')}}`);
}

/** Expects `run` to throw the EinopsError of a reference case, with einops' message. */
export function expectCaseError(c: EinopsFixtureCase, run: () => unknown): void {
  expect(c.error).toBe('EinopsError');
  const error = thrownBy(run);
  expect(error).toBeInstanceOf(EinopsError);
  expect(normalizeSets(error.message)).toBe(normalizeSets(c.message!));
}
