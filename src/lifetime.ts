// Tensor lifetimes: a live count for memory(), tidy() scopes, and a FinalizationRegistry safety net that
// releases the storage of tensors that became unreachable without dispose().
import { heapStats, release } from './backend/allocator';
import { type Storage, StorageGuard } from './backend/storage';
import type { GradFn } from './autograd/grad-fn';
import { noteReclaimed, watchMemoryPressure } from './memory-pressure';

/** The part of a tensor this module needs, so that it does not depend on the Tensor class. */
export interface Owned {
  readonly _storage: Storage;
  _scoped: boolean;
  _disposed: boolean;
  /** The node that produced the tensor, which the tensor holds until it is disposed. */
  gradFn: GradFn | null;
  dispose(): void;
}

let liveTensors = 0;
const scopes: Owned[][] = [];

// The safety net watches storages, not tensors: a storage becomes unreachable exactly when every tensor holding it
// (views and saved-for-backward handles included) has, so one registration covers all of its views. The finalizer
// releases the block and takes the tensors that were never disposed off the live count.
//
// Registrations carry no unregister token (V8 keeps a hash table of tokens, which makes both registering and
// collecting several times slower): a storage disposed after its registration stays registered, and its guard, at
// zero references, tells the finalizer that the block went back to the allocator already.
const registry = new FinalizationRegistry<StorageGuard>((guard) => {
  if (guard.refs === 0) return;
  liveTensors -= guard.refs;
  release(guard.ptr, guard.bytes);
  noteReclaimed();
});

// A registration costs about as much as a whole small op (V8 allocates a weak cell and links it into the registry),
// while most storages are released by dispose() or tidy() a few ops after they were made. So new storages wait in
// `pending` and are registered in batches, when PENDING_LIMIT of them wait and at the next microtask; those already
// released by then are never registered. `pending` holds them strongly, which only delays the safety net: its
// finalizers run in a later task anyway, never inside the synchronous code that dropped the tensors.
const PENDING_LIMIT = 256;
// Each batch gets a new array rather than clearing the old one: a new array is young, like the storages stored into
// it, and a store of a young object into an old one costs the garbage collector's write barrier on every op.
let pending: Storage[] = new Array<Storage>(PENDING_LIMIT);
let pendingCount = 0;
let flushQueued = false;

/** Puts a new storage under the safety net (called once, when its first tensor is made). */
export function watchStorage(storage: Storage): void {
  pending[pendingCount++] = storage;
  if (pendingCount === PENDING_LIMIT) registerPending();
  else if (!flushQueued) {
    flushQueued = true;
    queueMicrotask(flushPending);
  }
}

function flushPending(): void {
  flushQueued = false;
  registerPending();
}

watchMemoryPressure(registerPending);

function registerPending(): void {
  const batch = pending;
  const count = pendingCount;
  pending = new Array<Storage>(PENDING_LIMIT);
  pendingCount = 0;
  for (let i = 0; i < count; i++) {
    const storage = batch[i];
    if (storage.refs === 0) continue; // released already
    const guard = new StorageGuard(storage.ptr, storage.bytes, storage.refs);
    storage.guard = guard;
    registry.register(storage, guard);
  }
}

/** Called by every tensor constructor (after it retained its storage). */
export function track(t: Owned): void {
  liveTensors++;
  if (scopes.length > 0) {
    scopes[scopes.length - 1].push(t);
    t._scoped = true;
  }
}

/**
 * Called by dispose(): takes the tensor off the live count and drops its hold on the storage and on its graph node
 * (the graph that only this tensor reached is released with it, src/autograd/node.ts).
 */
export function untrack(t: Owned): void {
  liveTensors--;
  t._storage.drop();
  if (t.gradFn !== null) t.gradFn._dropHolder();
}

/** Takes a tensor out of every tidy scope so that it survives them (parameters, gradients, optimiser state). */
export function keep<T extends Owned>(t: T): T {
  t._scoped = false;
  return t;
}

export interface MemoryInfo {
  /**
   * Tensors not disposed (views and saved-for-backward handles included). One that became unreachable without
   * dispose() counts until the finalization safety net collects its storage (with the storage's last view).
   */
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

/** The tensors in the result of the tidy() call being closed (reused: closing a scope never opens another). */
const survivors = new Set<Owned>();

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
  } catch (error) {
    // A callback that throws (a shape error, an OutOfMemoryError ...) leaves nothing it created alive.
    scopes.pop();
    disposeScope(scope);
    throw error;
  }
  scopes.pop();
  if (result instanceof Promise) {
    disposeScope(scope);
    throw new TypeError('tidy(fn): fn returned a Promise; tidy scopes are synchronous (dispose tensors in async code explicitly)');
  }
  collectOwned(result, survivors, 0);
  const parent = scopes.length > 0 ? scopes[scopes.length - 1] : null;
  try {
    for (let i = 0; i < scope.length; i++) {
      const t = scope[i];
      if (!t._scoped || t._disposed) continue;
      if (survivors.size > 0 && survivors.has(t)) {
        if (parent !== null) parent.push(t);
        else t._scoped = false;
      } else {
        t.dispose();
      }
    }
  } finally {
    survivors.clear();
  }
  return result;
}

/** Disposes the tensors of a closed scope that were not kept or disposed already. */
function disposeScope(scope: Owned[]): void {
  for (let i = 0; i < scope.length; i++) {
    const t = scope[i];
    if (t._scoped && !t._disposed) t.dispose();
  }
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
