// Reads the typed kernel interface that the host declares in src/backend/kernels/*.ts, as text: each method's name,
// parameter count and whether it returns a value. Parameter lists may be written out or spread from named tuple
// types (`...args: GemmArgs`, `...args: [...GemmArgs, work: number]`).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface KernelDeclaration {
  file: string;
  params: number;
  returnsValue: boolean;
}

/** Top-level comma-separated parts of a list (brackets nest). */
function splitTopLevel(list: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of list) {
    if (ch === '[' || ch === '(' || ch === '<' || ch === '{') depth++;
    if (ch === ']' || ch === ')' || ch === '>' || ch === '}') depth--;
    if (ch === ',' && depth === 0) {
      parts.push(current);
      current = '';
    } else {
      current += ch;
    }
  }
  parts.push(current);
  return parts.map((part) => part.trim()).filter((part) => part !== '');
}

/** Number of elements of a tuple type written as `[a: number, ...Named, b: number]`. */
function tupleLength(tuple: string, tuples: Map<string, string>, file: string): number {
  const inner = tuple.trim();
  if (!inner.startsWith('[') || !inner.endsWith(']')) throw new Error(`${file}: cannot read the tuple type ${tuple}`);
  let count = 0;
  for (const element of splitTopLevel(inner.slice(1, -1))) {
    if (element.startsWith('...')) {
      const named = tuples.get(element.slice(3).trim());
      if (named === undefined) throw new Error(`${file}: unknown tuple type ${element}`);
      count += tupleLength(named, tuples, file);
    } else {
      count++;
    }
  }
  return count;
}

function parameterCount(params: string, tuples: Map<string, string>, file: string): number {
  const parts = splitTopLevel(params);
  const rest = parts.findIndex((part) => part.startsWith('...'));
  if (rest === -1) return parts.length;
  const type = parts[rest]!.slice(parts[rest]!.indexOf(':') + 1).trim();
  const restCount = type.startsWith('[') ? tupleLength(type, tuples, file) : tupleLength(tuples.get(type) ?? '', tuples, file);
  return parts.length - 1 + restCount;
}

/** Every kernel method declared in dir (src/backend/kernels), by name. */
export function declaredKernels(dir: string): Map<string, KernelDeclaration> {
  const declared = new Map<string, KernelDeclaration>();
  for (const file of readdirSync(dir).filter((name) => name.endsWith('.ts')).sort()) {
    const text = readFileSync(join(dir, file), 'utf8')
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/\/\/.*$/gm, '');
    const tuples = new Map<string, string>();
    for (const m of text.matchAll(/\btype\s+(\w+)\s*=\s*(\[[^\]]*\])\s*;/g)) tuples.set(m[1]!, m[2]!);
    for (const body of text.matchAll(/\binterface\s+\w+\s*\{([\s\S]*?)\n\}/g)) {
      for (const m of body[1]!.matchAll(/(\w+)\s*\(([^)]*)\)\s*:\s*(\w+)\s*;/g)) {
        const name = m[1]!;
        if (declared.has(name)) throw new Error(`${file}: kernel ${name} is declared twice`);
        declared.set(name, { file, params: parameterCount(m[2]!, tuples, file), returnsValue: m[3] !== 'void' });
      }
    }
  }
  return declared;
}
