// The bad-input table (test/bad-input/table.ts): every call is refused with the expected error class and a message
// naming what was given and what was expected; the call leaves memory as it found it and its inputs unchanged;
// disposing the inputs returns memory to where it started; and the library still computes right afterwards.
import { beforeAll, describe, expect, it } from 'vitest';
import { collectGarbage, expectStillComputes, expectUnchanged, held, knownComputation, release, snapshot } from './bad-input/check';
import type { BadCall } from './bad-input/entry';
import { table } from './bad-input/table';
import { thrownBy } from './support/thrown';
import { tidy } from '../src/index';

/** Makes the inputs, runs the refused call and checks the refusal; then disposes the inputs. */
function refuse(entry: BadCall): void {
  // Whatever the inputs' construction makes and does not return (graph intermediates) is released here.
  const inputs = tidy(() => entry.inputs());
  const values = snapshot(inputs);
  const atCall = held();
  const error = thrownBy(() => entry.call(inputs as never));
  expect(`${error.constructor.name}: ${error.message}`).toContain(`${entry.error.name}: `);
  expect(error).toBeInstanceOf(entry.error);
  if (!error.message.includes(entry.message)) expect.fail(`the message\n  ${error.message}\ndoes not contain\n  ${entry.message}`);
  expect(held(), 'the refused call left tensors or bytes behind').toEqual(atCall);
  expectUnchanged(values);
  release(inputs);
}

describe('the bad-input table', () => {
  // The first computation allocates the kernels' scratch block, which stays: it is not a figure of any entry.
  beforeAll(() => knownComputation());

  it('has at least 150 entries, each with its own label', () => {
    expect(table.length).toBeGreaterThanOrEqual(150);
    expect(new Set(table.map((e) => e.label)).size).toBe(table.length);
  });

  for (const entry of table) {
    it(entry.label, async () => {
      const start = held();
      refuse(entry); // in a function of its own, so that nothing here keeps the inputs reachable for collectGarbage
      if (entry.graphOutlivesInputs) await collectGarbage(start);
      expect(held(), 'disposing the inputs did not return memory to where it started').toEqual(start);
      expectStillComputes();
    });
  }
});
