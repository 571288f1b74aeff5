// Memory pressure: a loop that never disposes its tensors, in the two forms users write. An async loop that awaits a
// new task between steps stays bounded: when the live bytes pass the budget, a collection is asked for (gc() when the
// host exposes it, else an external-memory hint), and the safety net releases the unreachable tensors at the next
// task. A synchronous loop cannot be bounded (finalizers never run inside synchronous code): it is warned once, and
// its memory is released once it yields.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { memory, randn, tidy } from '../src/index';
import type { Tensor } from '../src/index';

// Left alone, the collector of this Node lets such a loop hold over 700 MiB after 300 steps (over 3 GiB after 2000):
// it sees small objects, not the blocks of linear memory behind them. The budget asks for a collection every 128 MiB.

const MiB = 2 ** 20;
const x = randn(1000, 1000); // 4 MB: each step below leaves two 4 MB tensors behind
const step = (t: Tensor) => {
  const y = t.mul(2).add(1);
  return y.sum().item();
};
const nextTask = () => new Promise((resolve) => setTimeout(resolve, 0));
const gc = (globalThis as { gc?: () => void }).gc;

/** Collects and lets the finalizers run until the live figures are back at `start` (or 40 rounds have passed). */
async function settle(start: { tensors: number; bytes: number }): Promise<void> {
  if (gc === undefined) throw new Error('run vitest with --expose-gc (execArgv) to test finalization');
  for (let i = 0; i < 40 && (memory().tensors > start.tensors || memory().bytes > start.bytes); i++) {
    gc();
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

let warn: ReturnType<typeof vi.spyOn>;
beforeEach(() => {
  warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
});
afterEach(() => {
  warn.mockRestore();
});

/** Runs `steps` undisposed steps, awaiting a new task after each; returns the peak of the live bytes. */
async function asyncLoop(steps: number): Promise<number> {
  let peak = 0;
  for (let i = 0; i < steps; i++) {
    step(x);
    await nextTask();
    peak = Math.max(peak, memory().bytes);
  }
  return peak;
}

describe('an async loop that awaits a new task between steps and never disposes', () => {
  it('stays bounded without an exposed gc (2.4 GB allocated, under 384 MiB live at any time)', async () => {
    const start = memory();
    (globalThis as { gc?: unknown }).gc = undefined;
    let peak: number;
    try {
      peak = await asyncLoop(300);
    } finally {
      (globalThis as { gc?: unknown }).gc = gc;
    }
    expect(peak - start.bytes).toBeLessThan(384 * MiB);
    expect(memory().wasmBytes - start.wasmBytes).toBeLessThan(512 * MiB);
    expect(warn).not.toHaveBeenCalled();
    await settle(start);
    expect(memory().tensors).toBe(start.tensors);
    expect(memory().bytes).toBe(start.bytes);
  });

  it('stays bounded with gc() exposed (node --expose-gc)', async () => {
    const start = memory();
    const peak = await asyncLoop(300);
    expect(peak - start.bytes).toBeLessThan(384 * MiB);
    expect(warn).not.toHaveBeenCalled();
    await settle(start);
    expect(memory().bytes).toBe(start.bytes);
  });
});

describe('a synchronous loop', () => {
  it('that disposes (tidy) stays flat and is not warned', () => {
    const start = memory();
    for (let i = 0; i < 50; i++) tidy(() => step(x));
    expect(memory()).toEqual(start);
    expect(warn).not.toHaveBeenCalled();
  });

  it('that never disposes cannot be bounded: warned once, naming tidy and dispose, and released once it yields', async () => {
    const start = memory();
    let steps = 0;
    while (warn.mock.calls.length === 0 && steps < 300) {
      step(x);
      steps++;
    }
    expect(warn).toHaveBeenCalledTimes(1);
    const message = String(warn.mock.calls[0][0]);
    expect(message).toContain('tidy(');
    expect(message).toContain('dispose()');
    expect(message).toContain('yielded to the event loop');
    // Printed once more than 1 GiB has piled up since the first collection request, well before the 4 GiB limit.
    expect(memory().bytes - start.bytes).toBeGreaterThan(1024 * MiB);
    expect(memory().bytes - start.bytes).toBeLessThan(2048 * MiB);
    for (let i = 0; i < 20; i++) step(x);
    expect(warn).toHaveBeenCalledTimes(1);
    await settle(start);
    expect(memory().tensors).toBe(start.tensors);
    expect(memory().bytes).toBe(start.bytes);
  });
});
