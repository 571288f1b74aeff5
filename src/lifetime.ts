// Tensor lifetimes: a live count for memory(), tidy() scopes, and a FinalizationRegistry safety net that
// releases the storage of tensors that became unreachable without dispose().
import type { Storage } from './storage';
import { heapStats } from './backend/allocator';

/** The part of a tensor this module needs, so that it does not depend on the Tensor class. */
export interface Owned {
  readonly _storage: Storage;
  _scoped: boolean;
  _disposed: boolean;
  dispose(): void;
}

let liveTensors = 0;
const registry = new FinalizationRegistry<Storage>((storage) => {
  liveTensors--;
  storage.drop();
});
const scopes: Owned[][] = [];

/** Called by every tensor constructor. */
export function track(t: Owned): void {
  liveTensors++;
  registry.register(t, t._storage, t);
  if (scopes.length > 0) {
    scopes[scopes.length - 1].push(t);
    t._scoped = true;
  }
}

/** Called by dispose(): the tensor's storage reference is dropped by the caller. */
export function untrack(t: Owned): void {
  liveTensors--;
  registry.unregister(t);
}

/** Takes a tensor out of every tidy scope so that it survives them (parameters, gradients, optimiser state). */
export function keep<T extends Owned>(t: T): T {
  t._scoped = false;
  return t;
}

export interface MemoryInfo {
  /** Live tensors (views and saved-for-backward handles included). */
  tensors: number;
  /** Bytes held by live storages (size-class rounded). */
  bytes: number;
  /** Size of WebAssembly linear memory. */
  wasmBytes: number;
}

export function memory(): MemoryInfo {
  const heap = heapStats();
  return { tensors: liveTensors, bytes: heap.bytes, wasmBytes: heap.wasmBytes };
}

/**
 * Runs fn and disposes every tensor created inside that is not part of its result (a tensor, or arrays and plain
 * objects holding tensors) and was not passed to keep(). Tensors in the result move to the enclosing scope.
 * fn must be synchronous: a scope cannot follow an await.
 */
export function tidy<T>(fn: () => T): T {
  const scope: Owned[] = [];
  scopes.push(scope);
  let result: T;
  try {
    result = fn();
  } finally {
    scopes.pop();
  }
  if (result instanceof Promise) {
    throw new TypeError('tidy(fn): fn returned a Promise; tidy scopes are synchronous (dispose tensors in async code explicitly)');
  }
  const survivors = new Set<Owned>();
  collectOwned(result, survivors, 0);
  const parent = scopes.length > 0 ? scopes[scopes.length - 1] : null;
  for (const t of scope) {
    if (!t._scoped || t._disposed) continue;
    if (survivors.has(t)) {
      if (parent !== null) parent.push(t);
      else t._scoped = false;
    } else {
      t.dispose();
    }
  }
  return result;
}

function collectOwned(value: unknown, into: Set<Owned>, depth: number): void {
  if (value === null || typeof value !== 'object' || depth > 8) return;
  if ('_storage' in value && '_scoped' in value) {
    into.add(value as Owned);
    return;
  }
  if (Array.isArray(value)) {
    for (const v of value) collectOwned(v, into, depth + 1);
  } else if (Object.getPrototypeOf(value) === Object.prototype || value instanceof Map) {
    const values = value instanceof Map ? value.values() : Object.values(value);
    for (const v of values) collectOwned(v, into, depth + 1);
  }
}
