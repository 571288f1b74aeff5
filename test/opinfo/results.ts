// Results of an op call as plain data, and their comparison: the reference battery compares them with PyTorch's
// (test/fixtures/opinfo/reference.json), the layout and variant batteries compare two wasmgrad calls.
import type { Tensor } from '../../src/index';
import type { OpEntry, OpResult } from './types';

export type EncodedNumber = number | 'NaN' | 'Infinity' | '-Infinity' | '-0';

export interface EncodedTensor {
  dtype: string;
  shape: number[];
  data: EncodedNumber[];
}

export type EncodedResult =
  | { kind: 'tensor'; tensor: EncodedTensor }
  | { kind: 'list'; items: EncodedTensor[] }
  | { kind: 'scalar'; value: EncodedNumber | boolean };

export function encodeNumber(v: number): EncodedNumber {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return 'Infinity';
  if (v === -Infinity) return '-Infinity';
  if (Object.is(v, -0)) return '-0';
  return v;
}

export function decodeNumber(v: EncodedNumber | boolean): number {
  if (typeof v === 'boolean') return v ? 1 : 0;
  return typeof v === 'string' ? Number(v) : v;
}

function isTensorLike(value: unknown): value is Tensor {
  return typeof value === 'object' && value !== null && 'shape' in value && 'dtype' in value && 'toTypedArray' in value;
}

export function encodeTensor(t: Tensor): EncodedTensor {
  const values = Array.from(t.toTypedArray() as ArrayLike<number | boolean>, (v) => encodeNumber(Number(v)));
  return { dtype: t.dtype, shape: [...t.shape], data: values };
}

export function encodeResult(result: OpResult): EncodedResult {
  if (isTensorLike(result)) return { kind: 'tensor', tensor: encodeTensor(result) };
  if (Array.isArray(result)) return { kind: 'list', items: result.map((t) => encodeTensor(t as Tensor)) };
  if (typeof result === 'number' || typeof result === 'boolean') return { kind: 'scalar', value: typeof result === 'number' ? encodeNumber(result) : result };
  throw new Error(`an op returned ${Object.prototype.toString.call(result)}; expected a tensor, a list of tensors or a number`);
}

/** The tensors of a result (a list result's items; none for a number). */
export function resultTensors(result: OpResult): Tensor[] {
  if (isTensorLike(result)) return [result];
  if (Array.isArray(result)) return result as Tensor[];
  return [];
}

export interface Tolerance {
  atol: number;
  rtol: number;
}

/** wasmgrad's dtype for PyTorch's: int64 (indices, integer sums) is int32 here. */
export function expectedDType(torchDType: string): string {
  return torchDType === 'int64' ? 'int32' : torchDType;
}

/**
 * Float32: atol 1e-5 and rtol 1e-4 of the largest expected magnitude (at least 1); reductions ('sum') scale atol by
 * the square root of the number of terms, the growth of float32 summation error. Float64: 1e-10 relative.
 * Data movement ('exact') and integer or bool results: exact.
 */
export function toleranceFor(entry: OpEntry, expected: EncodedTensor, terms: number, float32Inputs = false): Tolerance {
  // A float64 result is only as precise as the lowest precision it was computed from (a float32 input, or a
  // float32 gradient summed into a float64 operand's), so it gets float32's tolerance then.
  const dtype = float32Inputs && expected.dtype === 'float64' ? 'float32' : expectedDType(expected.dtype);
  if (entry.tolerance === 'exact' || (dtype !== 'float32' && dtype !== 'float64')) return { atol: 0, rtol: 0 };
  const magnitude = Math.max(1, ...expected.data.map(decodeNumber).filter(Number.isFinite).map(Math.abs));
  const scale = entry.tolerance === 'sum' ? Math.sqrt(Math.max(1, terms)) : 1;
  if (dtype === 'float64') return { atol: 1e-10 * magnitude * scale, rtol: 1e-10 };
  return { atol: 1e-5 * magnitude * scale, rtol: 1e-4 };
}

/**
 * '' when `actual` matches `expected` (dtype, shape, NaN positions, infinities, the sign of an exact zero unless
 * `zeroSign` is false, values within tol), else why not. Gradients are compared without the sign of zero, as
 * PyTorch's own tests compare them.
 */
export function compareEncoded(actual: EncodedTensor, expected: EncodedTensor, tol: Tolerance, zeroSign = true): string {
  if (actual.dtype !== expectedDType(expected.dtype)) return `dtype ${actual.dtype}, expected ${expectedDType(expected.dtype)}`;
  if (actual.shape.join() !== expected.shape.join()) return `shape [${actual.shape}], expected [${expected.shape}]`;
  for (let i = 0; i < expected.data.length; i++) {
    const a = decodeNumber(actual.data[i]!);
    const e = decodeNumber(expected.data[i]!);
    const ok = Number.isNaN(e) || Number.isNaN(a)
      ? Number.isNaN(a) && Number.isNaN(e)
      : !Number.isFinite(e) || !Number.isFinite(a)
        ? a === e
        : Math.abs(a - e) <= tol.atol + tol.rtol * Math.abs(e) && (!zeroSign || a !== 0 || e !== 0 || Object.is(a, e));
    if (!ok) return `element ${i}: ${actual.data[i]}, expected ${expected.data[i]} (atol ${tol.atol}, rtol ${tol.rtol})`;
  }
  return '';
}

/** Compares whole results (a tensor, a list of tensors, or a number). */
export function compareResults(entry: OpEntry, actual: EncodedResult, expected: EncodedResult, terms: number, float32Inputs = false): string {
  if (actual.kind !== expected.kind) return `result is a ${actual.kind}, expected a ${expected.kind}`;
  if (actual.kind === 'scalar' && expected.kind === 'scalar') {
    const [a, e] = [decodeNumber(actual.value), decodeNumber(expected.value)];
    const tol = entry.tolerance === 'exact' ? 0 : 1e-5 * Math.max(1, Math.abs(e));
    return (Number.isNaN(a) && Number.isNaN(e)) || Math.abs(a - e) <= tol || a === e ? '' : `${a}, expected ${e}`;
  }
  const got = actual.kind === 'tensor' ? [actual.tensor] : actual.kind === 'list' ? actual.items : [];
  const want = expected.kind === 'tensor' ? [expected.tensor] : expected.kind === 'list' ? expected.items : [];
  if (got.length !== want.length) return `${got.length} tensors, expected ${want.length}`;
  for (let i = 0; i < want.length; i++) {
    const why = compareEncoded(got[i]!, want[i]!, toleranceFor(entry, want[i]!, terms, float32Inputs));
    if (why !== '') return want.length > 1 ? `item ${i}: ${why}` : why;
  }
  return '';
}
