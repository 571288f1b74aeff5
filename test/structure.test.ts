// The structure rules of docs/ARCHITECTURE.md, checked on the source text: no import circles, kernels that import
// nothing from src/, a backend that imports no layer above it, and byte addresses and wasm exports used only in
// src/backend.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(join(root, dir))) {
    const path = join(dir, name);
    if (statSync(join(root, path)).isDirectory()) {
      out.push(...sourceFiles(path));
    } else if (name.endsWith('.ts')) out.push(path);
  }
  return out;
}

const files = [...sourceFiles('src'), ...sourceFiles('assembly'), ...sourceFiles('abi')];
const fileSet = new Set(files);

/** Relative imports and re-exports of a file (type-only ones too: they tie the files as much as values do). */
function importsOf(file: string): string[] {
  const text = readFileSync(join(root, file), 'utf8');
  const targets: string[] = [];
  for (const match of text.matchAll(/(?:^|\n)\s*(?:import|export)\s[^'";]*?from\s+'(\.[^']+)'|(?:^|\n)\s*import\s+'(\.[^']+)'/g)) {
    const spec = match[1] ?? match[2];
    const base = join(dirname(file), spec).replace(/\.js$/, '');
    const candidates = [`${base}.ts`, join(base, 'index.ts')];
    const found = candidates.find((c) => fileSet.has(c));
    if (found === undefined) throw new Error(`${file}: cannot resolve import '${spec}'`);
    targets.push(found);
  }
  return targets;
}

const graph = new Map(files.map((f) => [f, importsOf(f)]));

function findCycle(): string[] | null {
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (f: string): string[] | null => {
    state.set(f, 'open');
    stack.push(f);
    for (const g of graph.get(f)!) {
      if (state.get(g) === 'open') return [...stack.slice(stack.indexOf(g)), g];
      if (!state.has(g)) {
        const cycle = visit(g);
        if (cycle !== null) return cycle;
      }
    }
    stack.pop();
    state.set(f, 'done');
    return null;
  };
  for (const f of files) {
    if (!state.has(f)) {
      const cycle = visit(f);
      if (cycle !== null) return cycle;
    }
  }
  return null;
}

describe('source structure', () => {
  it('has no import circles', () => {
    expect(findCycle()).toBeNull();
  });

  it('kernels import only kernels and abi/', () => {
    const bad = files
      .filter((f) => f.startsWith('assembly/'))
      .flatMap((f) => graph.get(f)!.filter((g) => !g.startsWith('assembly/') && !g.startsWith('abi/')).map((g) => `${f} -> ${g}`));
    expect(bad).toEqual([]);
  });

  it('src/random imports nothing outside itself', () => {
    const bad = files.filter((f) => f.startsWith('src/random/')).flatMap((f) => graph.get(f)!.filter((g) => !g.startsWith('src/random/')));
    expect(bad).toEqual([]);
  });

  it('abi/ imports nothing', () => {
    expect(files.filter((f) => f.startsWith('abi/')).flatMap((f) => graph.get(f)!)).toEqual([]);
  });

  it('the backend imports no layer above it', () => {
    // The leaves it may use: dtypes, shapes, errors, dim merging, the shared constants, and PyTorch's generator
    // (plain JavaScript that imports nothing outside src/random, drawing straight into tensor memory).
    const allowed = new Set(['src/dtype.ts', 'src/shape.ts', 'src/errors.ts', 'src/merge-dims.ts']);
    const bad = files
      .filter((f) => f.startsWith('src/backend/'))
      .flatMap((f) =>
        graph
          .get(f)!
          .filter((g) => !g.startsWith('src/backend/') && !g.startsWith('src/random/') && !g.startsWith('abi/') && !allowed.has(g))
          .map((g) => `${f} -> ${g}`),
      );
    expect(bad).toEqual([]);
  });

  it('byte addresses, wasm exports, heap views and the scratch block are used only in src/backend', () => {
    const pattern = /\b_ptr\b|\bkernels\.|\bheap(?:F32|F64|I32|U8)\b|\bpackInts\b/;
    const bad = files
      .filter((f) => f.startsWith('src/') && !f.startsWith('src/backend/'))
      .flatMap((f) =>
        readFileSync(join(root, f), 'utf8')
          .split('\n')
          .map((line, i) => [line, i + 1] as const)
          .filter(([line]) => pattern.test(line.replace(/\/\/.*$/, '')))
          .map(([, n]) => `${relative(root, join(root, f))}:${n}`),
      );
    expect(bad).toEqual([]);
  });

  it('bumps version counters in one place', () => {
    const bad = files.filter((f) => f.startsWith('src/') && /\.version\s*(\+\+|\+=)/.test(readFileSync(join(root, f), 'utf8')));
    expect(bad).toEqual(['src/tensor.ts']);
  });
});
