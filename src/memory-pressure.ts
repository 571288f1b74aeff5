// Memory pressure: the JavaScript garbage collector sees a tensor as a small object and knows nothing of the block of
// linear memory behind it, so on its own it may take gigabytes of unreachable tensors before it looks for garbage.
// When the live bytes pass a budget, this asks for a collection; the finalization safety net (src/lifetime.ts)
// then releases what was unreachable at the next turn of the event loop. Finalizers never run inside synchronous
// code, so a synchronous loop that never disposes cannot be bounded: it is told so, once.
import { liveByteCount, onMemoryPressure, setPressureLimit } from './backend/allocator';

const MiB = 2 ** 20;
/** Unreachable tensors may hold this much (or half the live bytes, if more) before a collection is asked for. */
const BUDGET_FLOOR = 128 * MiB;
/** Bytes allocated without release in one synchronous stretch above which the warning is printed. */
const SYNC_WARNING_BYTES = 1024 * MiB;

let limit = Infinity;
let flushSafetyNet: () => void = () => {};
/** Whether the event loop has turned (finalizers had their chance) since the last pressure event. */
let yielded = true;
let stretchStart = 0;
let warned = false;

function limitFor(live: number): number {
  return live + Math.max(BUDGET_FLOOR, live / 2);
}

function setLimit(bytes: number): void {
  limit = bytes;
  setPressureLimit(bytes);
}

/** Installs the pressure handler; `flush` puts the newest storages under the safety net. */
export function watchMemoryPressure(flush: () => void): void {
  flushSafetyNet = flush;
  limit = limitFor(liveByteCount());
  onMemoryPressure(onPressure, limit);
}

/** Called after the safety net released a block: the limit follows the live bytes down. */
export function noteReclaimed(): void {
  const next = limitFor(liveByteCount());
  if (next < limit) setLimit(next);
}

function onPressure(live: number): void {
  flushSafetyNet();
  requestCollection();
  if (yielded) {
    yielded = false;
    stretchStart = live;
    afterTurn(() => {
      yielded = true;
    });
  } else if (!warned && live - stretchStart >= SYNC_WARNING_BYTES) {
    warned = true;
    console.warn(syncWarning(live - stretchStart));
  }
  setLimit(limitFor(live));
}

/** A full collection when the host exposes one (node --expose-gc), else a hint the collector understands. */
function requestCollection(): void {
  const gc = (globalThis as { gc?: unknown }).gc;
  if (typeof gc === 'function') {
    gc();
    return;
  }
  try {
    // An ArrayBuffer's size counts as external memory, which the collector weighs when it decides to look for
    // garbage; the buffer is never touched, so its pages are never committed.
    void new ArrayBuffer(EXTERNAL_HINT_BYTES);
  } catch {
    // A host that cannot reserve it collects on its own schedule.
  }
}
const EXTERNAL_HINT_BYTES = 256 * MiB;

/** Runs fn at the next task; a host without timers never counts as synchronous (and is never warned). */
function afterTurn(fn: () => void): void {
  if (typeof setTimeout !== 'function') return fn();
  const timer = setTimeout(fn, 0) as unknown as { unref?: () => void };
  timer.unref?.(); // Node: the probe does not keep the process alive
}

function syncWarning(bytes: number): string {
  return (
    `wasmgrad: ${(bytes / MiB).toFixed(0)} MiB of tensor memory has been allocated since the program last yielded to ` +
    `the event loop. Tensors that become unreachable without dispose() are released by a finalizer, which JavaScript ` +
    `runs only between tasks, so a synchronous loop that does not dispose its tensors grows memory until it runs out. ` +
    `Wrap each step in tidy(() => ...), call dispose() on tensors you no longer need, or await a new task between ` +
    `steps (await new Promise((r) => setTimeout(r))). This warning is printed once.`
  );
}
