// The fuzz corpus written by tools/fuzz/gen.py: random wasmgrad calls with PyTorch's results. Read without loading
// wasmgrad, so that the CLI and the test share it.
import { readFileSync } from 'node:fs';

/** A tensor as PyTorch gave it: row-major data, 'NaN' / 'Infinity' / '-Infinity' as strings. */
export interface CorpusTensor {
  dtype: 'float32' | 'float64' | 'int64' | 'int32' | 'bool';
  shape: number[];
  data: (number | string | boolean)[];
}

/** One step of the recipe that turns an input's base tensor into the operand (a non-contiguous view). */
export type ViewStep =
  | ['transpose', number, number]
  | ['permute', number[]]
  | ['slice', number, number, number, number]
  | ['expand', number[]];

/** An input: the base tensor's values (a leaf, requiring grad when `grad`), and the views that give the operand. */
export interface CorpusInput {
  dtype: 'float32' | 'float64' | 'int32' | 'bool';
  shape: number[];
  data: (number | string | boolean)[];
  view?: ViewStep[];
  grad?: boolean;
}

/**
 * An argument: a JSON value, a tensor operand `{ t: index }`, a non-finite number `{ f: 'NaN' | 'Infinity' |
 * '-Infinity' }`, or an array of arguments.
 */
export type CorpusArg = null | boolean | number | string | { t: number } | { f: string } | CorpusArg[];

export interface CorpusError {
  /** PyTorch's exception class: RuntimeError, IndexError, ValueError, TypeError, NotImplementedError. */
  type: string;
  message: string;
}

/** What the generator says about the tolerance of the comparisons (see compare.ts). */
export interface CorpusTolerance {
  /** Terms an output or gradient element accumulates (reduction length, broadcast factor). */
  n: number;
  /** The inputs' magnitude to the power of the op's degree in them (1 when compared element by element). */
  mag: number | 'Infinity';
  /** Whether the sign of zero outputs must match. */
  zeros: boolean;
  /** 'float32': float64 results computed in float32 (a dtype argument), compared at float32's tolerance. */
  precision?: 'float32';
}

export interface FuzzCase {
  id: number;
  /** The op's wasmgrad name: reports group by it. */
  op: string;
  /** wasmgrad's function path ('add', 'nn.functional.conv2d', 'linalg.matrixNorm'), or 'Tensor.<method>'. */
  call: string;
  args: CorpusArg[];
  /** The trailing options object (camelCase keys). */
  opts?: Record<string, CorpusArg>;
  inputs: CorpusInput[];
  tol: CorpusTolerance;
  /** PyTorch's outputs, in order (a tuple's elements; max(dim)'s values and indices). */
  out?: CorpusTensor[];
  /** The forward error PyTorch raised (then there is no `out`). */
  error?: CorpusError;
  /** Inputs the call writes into (batchNorm's running statistics), by input index, after the call. */
  mutated?: Record<string, CorpusTensor>;
  /** The outputs that carry the upstream gradient (those that require grad in PyTorch). */
  gradOutputs?: number[];
  /** The gradient of each input (null: no gradient, or not a leaf that requires grad). */
  grads?: (CorpusTensor | null)[];
  /** The error PyTorch raised in backward. */
  gradError?: CorpusError;
  /** PyTorch gives other results for contiguous copies of the same operands (a stride bug of PyTorch's). */
  stridesMatter?: boolean;
}

export interface Corpus {
  generator: string;
  torch: string;
  seed: number;
  cases: FuzzCase[];
}

export function loadCorpus(path: string): Corpus {
  return JSON.parse(readFileSync(path, 'utf8')) as Corpus;
}

/** Decodes the number encoding: 'NaN' / 'Infinity' strings, booleans as 0/1, float32 values restored with fround. */
export function corpusValues(t: { dtype: string; data: (number | string | boolean)[] }): number[] {
  return t.data.map((v) => {
    const n = typeof v === 'string' ? Number(v) : typeof v === 'boolean' ? (v ? 1 : 0) : v;
    return t.dtype === 'float32' ? Math.fround(n) : n;
  });
}
