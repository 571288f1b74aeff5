// Rebuilding a fuzz case in wasmgrad: the inputs (exact values, then the view recipe), the arguments and the function.
import * as wasmgrad from '../../src/index';
import { tensor, type Tensor } from '../../src/index';
import { corpusValues, type CorpusArg, type CorpusInput, type FuzzCase } from './corpus';

export interface Rebuilt {
  /** The base tensors (leaves; those with `grad` require grad). */
  leaves: Tensor[];
  /** The operands the call receives: the leaves after their view recipes. */
  operands: Tensor[];
}

function typedValues(input: CorpusInput): Float32Array | Float64Array | Int32Array | boolean[] {
  const values = corpusValues(input);
  switch (input.dtype) {
    case 'float32':
      return Float32Array.from(values);
    case 'float64':
      return Float64Array.from(values);
    case 'int32':
      return Int32Array.from(values);
    case 'bool':
      return values.map((v) => v !== 0);
  }
}

function leafOf(input: CorpusInput): Tensor {
  const base = tensor(typedValues(input), { dtype: input.dtype }).reshape(input.shape);
  return input.grad ? base.requiresGrad_(true) : base;
}

function viewOf(leaf: Tensor, input: CorpusInput): Tensor {
  let x = leaf;
  for (const step of input.view ?? []) {
    switch (step[0]) {
      case 'transpose':
        x = x.transpose(step[1], step[2]);
        break;
      case 'permute':
        x = x.permute(step[1]);
        break;
      case 'slice':
        x = x.slice(step[1], step[2], step[3], step[4]);
        break;
      case 'expand':
        x = x.expand(step[1]);
        break;
    }
  }
  return x;
}

export function rebuildInputs(c: FuzzCase): Rebuilt {
  const leaves = c.inputs.map(leafOf);
  return { leaves, operands: leaves.map((leaf, i) => viewOf(leaf, c.inputs[i])) };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function decodeArg(arg: CorpusArg, operands: readonly Tensor[]): unknown {
  if (Array.isArray(arg)) return arg.map((a) => decodeArg(a, operands));
  if (isRecord(arg)) {
    if ('t' in arg) return operands[arg.t as number];
    if ('f' in arg) return Number(arg.f);
  }
  return arg;
}

/** The call's arguments, with the options object (when given) last. */
export function decodeArgs(c: FuzzCase, operands: readonly Tensor[]): unknown[] {
  const args = c.args.map((a) => decodeArg(a, operands));
  if (c.opts !== undefined) {
    const options: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(c.opts)) options[key] = decodeArg(value, operands);
    args.push(options);
  }
  return args;
}

type AnyFn = (...args: unknown[]) => unknown;

/** The function a case calls: a path in the package's exports, or `Tensor.<method>` called on the first argument. */
export function resolveCall(path: string): AnyFn {
  const parts = path.split('.');
  if (parts[0] === 'Tensor') {
    const method = parts[1];
    return (self: unknown, ...rest: unknown[]) => ((self as Record<string, AnyFn>)[method] as AnyFn).apply(self, rest);
  }
  let target: unknown = wasmgrad;
  for (const part of parts) {
    target = (target as Record<string, unknown>)[part];
    if (target === undefined) throw new Error(`fuzz corpus: wasmgrad exports no ${path}`);
  }
  if (typeof target !== 'function') throw new Error(`fuzz corpus: ${path} is not a function`);
  return target as AnyFn;
}
