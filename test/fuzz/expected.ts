// The corpus cases where wasmgrad is known to disagree with PyTorch, and why: the bugs awaiting a fix (pending.ts)
// and the documented differences (known-differences.ts, README "Known differences from PyTorch"). test/fuzz.test.ts
// fails on a disagreement listed in neither, and on a listed case that agrees (so that fixed entries are removed).
import type { BackendInfo } from '../../src/index';

export interface ExpectedDisagreement {
  /** The bug, or the difference and its reason. */
  reason: string;
  /** Corpus case ids (test/fixtures/fuzz/corpus.json). */
  cases: readonly number[];
  /** Only with these kernel binaries (default: both); a rounding-order difference can depend on fused multiply-add. */
  binaries?: readonly BackendInfo['binary'][];
}

/** Case id -> reason, for the entries that apply to `binary`; throws when a case is listed twice. */
export function expectedFor(lists: readonly (readonly ExpectedDisagreement[])[], binary: BackendInfo['binary']): Map<number, string> {
  const byCase = new Map<number, string>();
  for (const entry of lists.flat()) {
    if (entry.binaries !== undefined && !entry.binaries.includes(binary)) continue;
    for (const id of entry.cases) {
      if (byCase.has(id)) throw new Error(`fuzz case ${id} is listed twice: '${byCase.get(id)}' and '${entry.reason}'`);
      byCase.set(id, entry.reason);
    }
  }
  return byCase;
}
