// The batteries the op database runs over every entry (test/opinfo.test.ts): each takes an entry and one of its
// samples and throws an Error saying what disagreed. Tensors are made inside tidy(), so a battery leaves nothing.
import {
  AutogradError, DTypeError, IndexError, NotSupportedError, ShapeError, grad, gradcheck, gradgradcheck, memory, noGrad, tensor, tidy,
  type Tensor,
} from '../../src/index';
import { changesLayout, differentiable, isFloat, makeTensor, numelOf, sampleValues, valuesFingerprint, type Layout } from './inputs';
import { compareEncoded, compareResults, encodeResult, encodeTensor, resultTensors, toleranceFor, type EncodedResult, type EncodedTensor } from './results';
import type { InputSpec, OpEntry, OpResult, Sample } from './types';

export interface ReferenceSample {
  fingerprint: string;
  /** PyTorch refused the call (its error, for the message): wasmgrad must throw a typed error. */
  refused?: string;
  output?: EncodedResult;
  grads?: (EncodedTensor | null)[];
}

function fail(entry: OpEntry, index: number, what: string, why: string): never {
  throw new Error(`${entry.name}#${index} ${what}: ${why}`);
}

function argsOf(sample: Sample): Record<string, unknown> {
  return sample.args ?? {};
}

/** The sample's inputs as tensors in a layout; float inputs require grad when the entry is differentiable. */
export function buildInputs(entry: OpEntry, index: number, layout: Layout = 'contiguous', withGrad = entry.grad === true): Tensor[] {
  const sample = entry.samples[index]!;
  const values = sampleValues(entry.name, index, sample);
  return sample.inputs.map((spec, j) => makeTensor(values[j]!, spec, layout, withGrad && differentiable(spec)));
}

/** Whether a float32 input takes part: float64 results are then compared at float32's tolerance. */
function hasFloat32(sample: Sample): boolean {
  return sample.inputs.some((s) => s.dtype === 'float32') || sample.args?.dtype === 'float32';
}

/** The number of terms a reduction may sum: the largest input's size (the 'sum' tolerance scales with it). */
function termsOf(sample: Sample): number {
  return Math.max(1, ...sample.inputs.map((s) => numelOf(s.shape)));
}

export function upstreamFor(t: Tensor): Tensor {
  const values = Array.from({ length: t.numel() }, (_, k) => 0.5 + (k % 7) / 7);
  return tensor(t.dtype === 'float64' ? Float64Array.from(values) : values, { dtype: t.dtype }).reshape(t.shape);
}

/** Gradients of the result's float outputs w.r.t. the inputs that require grad, with upstreamFor's gradients. */
function gradients(result: OpResult, inputs: Tensor[], createGraph = false): (Tensor | null)[] {
  const wrt = inputs.filter((t) => t.requiresGrad);
  const outs = resultTensors(result).filter((o) => o.requiresGrad);
  if (wrt.length === 0 || outs.length === 0) return wrt.map(() => null);
  return grad(outs, wrt, { gradOutputs: outs.map(upstreamFor), allowUnused: true, createGraph });
}

/** Forward (values, shape, dtype by PyTorch's promotion) and first-order gradients against PyTorch's. */
export function checkReference(entry: OpEntry, index: number, reference: ReferenceSample | undefined): void {
  const sample = entry.samples[index]!;
  if (reference?.refused !== undefined) {
    checkRefused(entry, index, reference.refused);
    return;
  }
  tidy(() => {
    const inputs = buildInputs(entry, index);
    const result = entry.call(inputs, argsOf(sample));
    let expected: EncodedResult;
    if (entry.torch === null) {
      expected = encodeResult(noGrad(() => entry.reference!(buildInputs(entry, index, 'contiguous', false), argsOf(sample))));
    } else {
      if (reference === undefined) fail(entry, index, 'reference', 'no PyTorch result: run node scripts/opinfo-reference.mjs');
      const fingerprint = valuesFingerprint(sampleValues(entry.name, index, sample));
      if (reference.fingerprint !== fingerprint) fail(entry, index, 'reference', 'the sample changed since the PyTorch results were made: run node scripts/opinfo-reference.mjs');
      expected = reference.output!;
    }
    const why = compareResults(entry, encodeResult(result), expected, termsOf(sample), hasFloat32(sample));
    if (why !== '') fail(entry, index, 'forward', why);
    if (entry.grad !== true || reference?.grads === undefined) return;
    const got = gradients(result, inputs);
    let k = 0;
    inputs.forEach((t, j) => {
      if (!t.requiresGrad) return;
      const g = got[k++] ?? null;
      const want = reference.grads![j] ?? null;
      if (want === null) {
        if (g !== null && (g.toTypedArray() as Float32Array).some((v) => v !== 0)) fail(entry, index, `grad of input ${j}`, 'PyTorch gives no gradient');
        return;
      }
      if (g === null) fail(entry, index, `grad of input ${j}`, 'missing');
      const whyGrad = compareEncoded(encodeTensor(g), want, toleranceFor(entry, want, termsOf(sample), hasFloat32(sample)), false);
      if (whyGrad !== '') fail(entry, index, `grad of input ${j}`, whyGrad);
    });
  });
}

/** Errors a refusal may raise: wasmgrad's own classes (src/errors.ts) and JavaScript's TypeError and RangeError. */
const REFUSALS = [ShapeError, DTypeError, IndexError, NotSupportedError, AutogradError, TypeError, RangeError];

function checkRefused(entry: OpEntry, index: number, torchError: string): void {
  const before = memory();
  let thrown: unknown = null;
  try {
    tidy(() => void entry.call(buildInputs(entry, index), argsOf(entry.samples[index]!)));
  } catch (e) {
    thrown = e;
  }
  if (thrown === null) fail(entry, index, 'refusal', `PyTorch refuses this call (${torchError}); wasmgrad accepted it`);
  if (!REFUSALS.some((c) => thrown instanceof c)) fail(entry, index, 'refusal', `threw ${String(thrown)}, not a typed error`);
  const after = memory();
  if (after.tensors !== before.tensors || after.bytes !== before.bytes) fail(entry, index, 'refusal', 'left tensors behind');
}

/** Special values (infinities, NaN) have no finite differences: such samples are compared with PyTorch only. */
const finite = (spec: InputSpec): boolean => spec.values === undefined || spec.values.every(Number.isFinite);

/** Samples small enough for finite differences in float64 (each element is perturbed twice). */
export function gradcheckSamples(entry: OpEntry): number[] {
  return entry.samples
    .map((s, i) => ({ s, i }))
    .filter(({ s }) => s.inputs.some(differentiable) && s.inputs.every((x) => numelOf(x.shape) <= 24 && x.dtype !== 'float32' && finite(x)))
    .map(({ i }) => i);
}

function float64Fn(entry: OpEntry, index: number): { fn: (...xs: Tensor[]) => Tensor | Tensor[]; inputs: Tensor[] } {
  const sample = entry.samples[index]!;
  const inputs = buildInputs(entry, index, 'contiguous', true);
  const fn = (...xs: Tensor[]): Tensor | Tensor[] => {
    const outs = resultTensors(entry.call(xs, argsOf(sample))).filter((o) => isFloat(o.dtype));
    return outs.length === 1 ? outs[0]! : outs;
  };
  return { fn, inputs };
}

export function checkGradcheck(entry: OpEntry, index: number): void {
  tidy(() => {
    const { fn, inputs } = float64Fn(entry, index);
    gradcheck(fn, inputs, { atol: 1e-5, rtol: 1e-3 });
  });
}

export function checkGradgradcheck(entry: OpEntry, index: number): void {
  tidy(() => {
    const { fn, inputs } = float64Fn(entry, index);
    gradgradcheck(fn, inputs, { atol: 1e-5, rtol: 1e-3 });
  });
}

export const LAYOUTS: readonly Layout[] = ['transposed', 'strided'];

/** The same values laid out non-contiguously give the same results and gradients. */
export function checkLayout(entry: OpEntry, index: number, layout: Layout): boolean {
  const sample = entry.samples[index]!;
  if (!sample.inputs.some((s) => changesLayout(s, layout))) return false;
  tidy(() => {
    const base = buildInputs(entry, index);
    const moved = buildInputs(entry, index, layout);
    const a = entry.call(base, argsOf(sample));
    const b = entry.call(moved, argsOf(sample));
    const expected = encodeResult(a);
    const why = compareResults({ ...entry, tolerance: entry.tolerance ?? 'float' }, encodeResult(b), expected, termsOf(sample), hasFloat32(sample));
    if (why !== '') fail(entry, index, `${layout} inputs`, why);
    if (entry.grad !== true) return;
    const ga = gradients(a, base);
    const gb = gradients(b, moved);
    ga.forEach((g, j) => {
      if (g === null) return;
      const other = gb[j];
      if (other == null) fail(entry, index, `${layout} grad ${j}`, 'missing');
      const want = encodeTensor(g);
      const whyGrad = compareEncoded(encodeTensor(other), want, toleranceFor(entry, want, termsOf(sample), hasFloat32(sample)), false);
      if (whyGrad !== '') fail(entry, index, `${layout} grad ${j}`, whyGrad);
    });
  });
  return true;
}

/** Method form and in-place variant agree with the function form. Returns the number of comparisons made. */
export function checkVariants(entry: OpEntry, index: number): number {
  const sample = entry.samples[index]!;
  let compared = 0;
  tidy(() => {
    const inputs = buildInputs(entry, index, 'contiguous', false);
    const expected = encodeResult(entry.call(inputs, argsOf(sample)));
    if (entry.method !== undefined) {
      const why = compareResults({ ...entry, tolerance: 'exact' }, encodeResult(entry.method(inputs, argsOf(sample))), expected, 1);
      if (why !== '') fail(entry, index, 'method form', why);
      compared++;
    }
    if (entry.inplace !== undefined && expected.kind === 'tensor') {
      const first = inputs[0]!;
      if (first.dtype !== expected.tensor.dtype || first.shape.join() !== expected.tensor.shape.join()) return;
      const target = first.clone();
      const returned = entry.inplace([target, ...inputs.slice(1)], argsOf(sample));
      if (returned !== target) fail(entry, index, 'in-place', 'does not return its target');
      const why = compareResults({ ...entry, tolerance: 'exact' }, encodeResult(target), expected, 1);
      if (why !== '') fail(entry, index, 'in-place', why);
      compared++;
    }
  });
  return compared;
}

/** A forward and backward call leaves memory() as it found it. */
export function checkNoLeak(entry: OpEntry, index: number): void {
  const before = memory();
  tidy(() => {
    const inputs = buildInputs(entry, index);
    const result = entry.call(inputs, argsOf(entry.samples[index]!));
    if (entry.grad === true) gradients(result, inputs);
  });
  const after = memory();
  if (after.tensors !== before.tensors || after.bytes !== before.bytes) {
    fail(entry, index, 'memory', `${after.tensors - before.tensors} tensors and ${after.bytes - before.bytes} bytes left behind`);
  }
}

/** Each error input throws its class with its message fragment, and leaves memory() as it found it. */
export function checkErrorInputs(entry: OpEntry): number {
  for (const bad of entry.errors ?? []) {
    const before = memory();
    let thrown: unknown = null;
    try {
      tidy(() => void bad.call());
    } catch (e) {
      thrown = e;
    }
    if (thrown === null) throw new Error(`${entry.name} error input '${bad.label}': did not throw`);
    if (!(thrown instanceof bad.error)) throw new Error(`${entry.name} error input '${bad.label}': threw ${String(thrown)}, expected ${bad.error.name}`);
    const message = (thrown as Error).message;
    const matches = typeof bad.message === 'string' ? message.includes(bad.message) : bad.message.test(message);
    if (!matches) throw new Error(`${entry.name} error input '${bad.label}': message '${message}' lacks ${String(bad.message)}`);
    const after = memory();
    if (after.tensors !== before.tensors || after.bytes !== before.bytes) {
      throw new Error(`${entry.name} error input '${bad.label}': left ${after.tensors - before.tensors} tensors behind`);
    }
  }
  return entry.errors?.length ?? 0;
}
