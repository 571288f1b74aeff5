// The differential fuzz corpus (tools/fuzz/gen.py, PyTorch 1.13): random calls of the exported ops with PyTorch's
// outputs, gradients and errors, replayed in wasmgrad (test/fuzz/replay.ts, tolerances in test/fuzz/compare.ts).
// Every case must agree, except those listed in test/fuzz/pending.ts (bugs awaiting a fix) and
// test/fuzz/known-differences.ts (documented differences); a listed case that agrees fails too, so that the lists
// stay true. `npm run fuzz` draws new cases.
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { backendInfo, memory, type MemoryInfo } from '../src/index';
import { loadCorpus, type FuzzCase } from './fuzz/corpus';
import { expectedFor } from './fuzz/expected';
import { KNOWN_DIFFERENCES } from './fuzz/known-differences';
import { PENDING } from './fuzz/pending';
import { replayCase, type Disagreement } from './fuzz/replay';

const corpus = loadCorpus(join(__dirname, 'fixtures', 'fuzz', 'corpus.json'));
const expected = expectedFor([PENDING, KNOWN_DIFFERENCES], backendInfo().binary);

const byOp = new Map<string, FuzzCase[]>();
for (const c of corpus.cases) {
  if (!byOp.has(c.op)) byOp.set(c.op, []);
  byOp.get(c.op)!.push(c);
}

const describeDisagreement = (d: Disagreement) => `case ${d.id} (${d.kind}): ${d.detail}`;

/** Forces collections until memory() is back at `start` (saved tensors of graphs never run backward go that way). */
async function settle(start: MemoryInfo): Promise<void> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc === undefined) throw new Error('the fuzz test needs --expose-gc (vitest.config.ts passes it)');
  for (let i = 0; i < 20 && (memory().tensors > start.tensors || memory().bytes > start.bytes); i++) {
    gc();
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe(`fuzz corpus: ${corpus.cases.length} random calls against PyTorch ${corpus.torch}`, () => {
  let start: MemoryInfo;
  beforeAll(() => {
    start = memory();
  });

  it('lists only cases that exist, each once', () => {
    const ids = new Set(corpus.cases.map((c) => c.id));
    expect([...expected.keys()].filter((id) => !ids.has(id))).toEqual([]);
    expect(corpus.cases.length).toBeGreaterThanOrEqual(3000);
  });

  for (const [op, cases] of byOp) {
    it(`${op}: ${cases.length} cases`, () => {
      const disagreements = cases.map(replayCase).filter((d): d is Disagreement => d !== null);
      const unexpected = disagreements.filter((d) => !expected.has(d.id)).map(describeDisagreement);
      const disagreeing = new Set(disagreements.map((d) => d.id));
      const nowAgreeing = cases.filter((c) => expected.has(c.id) && !disagreeing.has(c.id)).map((c) => `case ${c.id}: ${expected.get(c.id)}`);
      expect(unexpected, 'disagreements with PyTorch that pending.ts and known-differences.ts do not list').toEqual([]);
      expect(nowAgreeing, 'listed cases that agree with PyTorch now: remove them from the lists').toEqual([]);
    });
  }

  it('leaves memory() as it found it', async () => {
    await settle(start);
    expect(memory().tensors).toBe(start.tensors);
    // The bytes may have grown by the GEMM packing workspace, which is kept between calls and grows to the largest
    // product; a second replay of every case must not add any.
    const warm = memory();
    for (const c of corpus.cases) replayCase(c);
    await settle(warm);
    const end = memory();
    expect({ tensors: end.tensors, bytes: end.bytes }).toEqual({ tensors: warm.tensors, bytes: warm.bytes });
  });
});
