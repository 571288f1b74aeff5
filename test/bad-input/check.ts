// What the bad-input test checks around each call: the inputs are released completely afterwards, the call
// changed none of their bytes, and the library still computes right.
import { expect } from 'vitest';
import { heapU8 } from '../../src/backend/heap';
import type { Storage } from '../../src/backend/storage';
import { memory, nn, optim, Tensor, tensor, tidy, type MemoryInfo } from '../../src/index';

/** Every tensor, module and optimiser in `value` (arrays and plain objects are searched). */
function owned(value: unknown, out: unknown[] = []): unknown[] {
  if (value instanceof Tensor || value instanceof nn.Module || value instanceof optim.Optimizer) out.push(value);
  else if (Array.isArray(value)) for (const v of value) owned(v, out);
  else if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    for (const v of Object.values(value)) owned(v, out);
  }
  return out;
}

/** The tensors whose values a failed call must leave alone: given tensors and modules' parameters and buffers. */
function watched(inputs: unknown): Tensor[] {
  const tensors: Tensor[] = [];
  for (const item of owned(inputs)) {
    if (item instanceof Tensor) tensors.push(item);
    else if (item instanceof nn.Module) tensors.push(...item.parameters(), ...item.buffers());
  }
  return tensors;
}

/** The bytes of every live storage among the inputs (views included), to compare after the call. */
export function snapshot(inputs: unknown): [Storage, Uint8Array][] {
  const storages = new Set(watched(inputs).map((t) => t._storage));
  return [...storages].filter((s) => !s.released).map((s) => [s, heapU8().slice(s.ptr, s.ptr + s.bytes)]);
}

/** The storages the inputs held before the call still hold the same bytes. */
export function expectUnchanged(before: [Storage, Uint8Array][]): void {
  for (const [storage, bytes] of before) {
    if (storage.released) continue; // the entry disposed its tensors on purpose
    expect(heapU8().slice(storage.ptr, storage.ptr + storage.bytes), 'the refused call changed an input').toEqual(bytes);
  }
}

/** Disposes every tensor (and its gradient), module and optimiser state among the inputs. */
export function release(inputs: unknown): void {
  for (const item of owned(inputs)) {
    if (item instanceof Tensor) {
      item.grad?.dispose();
      item.dispose();
    } else if (item instanceof nn.Module) item.dispose();
    else (item as optim.Optimizer<object>).disposeState();
  }
}

/** The figures a call must leave as they were (linear memory may grow and never shrinks, so it is left out). */
export function held(): Pick<MemoryInfo, 'tensors' | 'bytes'> {
  const { tensors, bytes } = memory();
  return { tensors, bytes };
}

/**
 * Waits for the finalization safety net: a graph whose backward never completed keeps its saved tensors until
 * it is collected.
 */
export async function collectGarbage(until: Pick<MemoryInfo, 'tensors' | 'bytes'>): Promise<void> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc === undefined) throw new Error('run vitest with --expose-gc (vitest.config.ts passes it to the workers)');
  for (let i = 0; i < 20 && (held().tensors !== until.tensors || held().bytes !== until.bytes); i++) {
    gc();
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** A small computation with a gradient, whose values are known. */
export function knownComputation(): void {
  tidy(() => {
    const a = tensor([[1, 2], [3, 4]], { requiresGrad: true });
    const b = tensor([[5], [6]]);
    const loss = a.matmul(b).relu().sum();
    expect(loss.item()).toBe(56);
    loss.backward();
    expect(a.grad!.tolist()).toEqual([
      [5, 6],
      [5, 6],
    ]);
    a.grad!.dispose();
  });
}

/** The library still computes right after a refusal, and the computation leaves nothing behind. */
export function expectStillComputes(): void {
  const start = held();
  knownComputation();
  expect(held()).toEqual(start);
}
