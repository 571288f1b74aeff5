// The op database (test/opinfo): every public op runs the same batteries over its samples: forward and
// gradients against PyTorch (test/fixtures/opinfo/reference.json), float64 gradcheck and gradgradcheck,
// non-contiguous inputs, method and in-place variants, no leak, and its error inputs. A public op without an
// entry fails the coverage test.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportedOps, resolveExport } from './opinfo/api';
import {
  LAYOUTS, checkErrorInputs, checkGradcheck, checkGradgradcheck, checkLayout, checkNoLeak, checkReference, checkVariants,
  gradcheckSamples, type ReferenceSample,
} from './opinfo/battery';
import { OP_ENTRIES } from './opinfo/entries';
import type { OpEntry, Sample } from './opinfo/types';

const reference = (JSON.parse(readFileSync(join(__dirname, 'fixtures', 'opinfo', 'reference.json'), 'utf8')) as {
  samples: Record<string, ReferenceSample>;
}).samples;

let cases = 0;

/**
 * The samples PyTorch accepts and that are not marked pending or differing (a refused sample is checked to be refused, and by
 * no other battery).
 */
/** The mark of a sample that must still fail: a bug being fixed, or a documented difference. */
function expectedToDiffer(s: Sample): string | undefined {
  return s.pending ?? s.differs;
}

function accepted(entry: OpEntry): number[] {
  return entry.samples.map((_, i) => i).filter((i) => reference[`${entry.name}#${i}`]?.refused === undefined && expectedToDiffer(entry.samples[i]!) === undefined);
}

/** Every battery over one sample; throws the first disagreement. */
function allBatteries(entry: OpEntry, i: number): void {
  checkReference(entry, i, reference[`${entry.name}#${i}`]);
  if (reference[`${entry.name}#${i}`]?.refused !== undefined) return;
  if (entry.grad === true && gradcheckSamples(entry).includes(i)) checkGradcheck(entry, i);
  if (entry.gradgrad === true && gradcheckSamples(entry).includes(i)) checkGradgradcheck(entry, i);
  if (entry.contiguousOnly === undefined) for (const layout of LAYOUTS) checkLayout(entry, i, layout);
  checkVariants(entry, i);
  checkNoLeak(entry, i);
}

describe('op database coverage', () => {
  it('has one entry for every public op, and only for public ops', () => {
    const ops = exportedOps();
    const covered = new Set<unknown>();
    const unknown: string[] = [];
    const names = new Set<string>();
    for (const entry of OP_ENTRIES) {
      expect(names.has(entry.name), `two entries named ${entry.name}`).toBe(false);
      names.add(entry.name);
      const fn = resolveExport(entry.name);
      if (typeof fn !== 'function') unknown.push(entry.name);
      else covered.add(fn);
    }
    expect(unknown, 'entries that name no export').toEqual([]);
    const missing = [...ops].filter(([, fn]) => !covered.has(fn)).map(([path]) => path);
    expect(missing, 'public ops without an entry').toEqual([]);
  });

  it('gives every entry samples, and a reference for every sample', () => {
    for (const entry of OP_ENTRIES) {
      expect(entry.samples.length, `${entry.name} has no samples`).toBeGreaterThan(0);
      if (entry.torch === null && entry.random !== true) expect(entry.reference, `${entry.name}: no torch call and no reference`).toBeDefined();
    }
  });
});

for (const entry of OP_ENTRIES) {
  const valid = accepted(entry);
  const pending = entry.samples.map((s, i) => ({ s, i })).filter(({ s }) => expectedToDiffer(s) !== undefined);
  describe(entry.name, () => {
    if (entry.random !== true) {
      it('forward and gradients match PyTorch', () => {
        for (const i of entry.samples.keys()) {
          if (expectedToDiffer(entry.samples[i]!) !== undefined) continue;
          checkReference(entry, i, reference[`${entry.name}#${i}`]);
          cases++;
        }
      });
    }
    if (pending.length > 0) {
      it('samples marked pending or differing still fail (the mark goes with the fix)', () => {
        for (const { s, i } of pending) {
          expect(() => allBatteries(entry, i), `${entry.name}#${i} passes now: remove the mark '${expectedToDiffer(s)}'`).toThrow();
        }
      });
    }
    if (entry.grad === true) {
      it('gradcheck (float64)', () => {
        const picked = gradcheckSamples(entry).filter((i) => valid.includes(i));
        expect(picked.length, 'no float64 sample small enough for gradcheck').toBeGreaterThan(0);
        for (const i of picked) checkGradcheck(entry, i);
        cases += picked.length;
      });
    }
    if (entry.gradgrad === true) {
      it('gradgradcheck (float64)', () => {
        const picked = gradcheckSamples(entry).filter((i) => valid.includes(i)).slice(0, 3);
        for (const i of picked) checkGradgradcheck(entry, i);
        cases += picked.length;
      });
    }
    if (entry.contiguousOnly === undefined && entry.random !== true) {
      it('non-contiguous inputs give the same results', () => {
        let ran = 0;
        for (const i of valid) for (const layout of LAYOUTS) ran += checkLayout(entry, i, layout) ? 1 : 0;
        expect(ran, 'no sample has an input that a layout changes').toBeGreaterThan(0);
        cases += ran;
      });
    }
    if (entry.method !== undefined || entry.inplace !== undefined) {
      it('method and in-place variants agree with the function', () => {
        let compared = 0;
        for (const i of valid) compared += checkVariants(entry, i);
        expect(compared, 'no sample exercised a variant').toBeGreaterThan(0);
        cases += compared;
      });
    }
    it('leaves no tensor behind', () => {
      for (const i of valid) checkNoLeak(entry, i);
      cases += valid.length;
    });
    if (entry.errors !== undefined) {
      it('refuses its error inputs with typed errors', () => {
        cases += checkErrorInputs(entry);
      });
    }
  });
}

describe('op database size', () => {
  it('ran its generated cases', () => {
    // Printed for the record; the count depends on the table, so it is not asserted beyond being non-trivial.
    console.log(`op database: ${OP_ENTRIES.length} entries, ${cases} generated cases`);
    expect(cases).toBeGreaterThan(OP_ENTRIES.length);
  });
});
