// Replays fuzz cases in wasmgrad and reports where wasmgrad and PyTorch disagree (shared by test/fuzz.test.ts and the
// `npm run fuzz` CLI). A case agrees when wasmgrad gives PyTorch's outputs (compare.ts), the same gradients of the
// leaves under the same upstream gradient, the same values in the tensors the call writes into, and throws a typed
// error where PyTorch raised one.
import {
  AutogradError, DTypeError, IndexError, NotSupportedError, ShapeError, grad, tensor, tidy, type Tensor,
} from '../../src/index';
import { corpusValues, type CorpusTensor, type FuzzCase } from './corpus';
import { differs } from './compare';
import { decodeArgs, rebuildInputs, resolveCall } from './rebuild';

export type DisagreementKind =
  | 'output' // an output's dtype, shape or values
  | 'grad' // a gradient, or an output that does not require grad
  | 'mutated' // a tensor the call writes into
  | 'throws' // wasmgrad threw where PyTorch gave a result
  | 'no-error' // PyTorch raised, wasmgrad gave a result
  | 'untyped-error'; // PyTorch raised, wasmgrad threw an error that is none of its typed errors

export interface Disagreement {
  id: number;
  op: string;
  kind: DisagreementKind;
  detail: string;
}

export interface OpReport {
  op: string;
  cases: number;
  disagreements: Disagreement[];
}

const TYPED_ERRORS = [ShapeError, DTypeError, IndexError, NotSupportedError, AutogradError];

/** Messages of the errors the JavaScript engine itself throws: a crash in wasmgrad, not a refusal. */
const ENGINE_MESSAGES = /Cannot read properties|Cannot set properties|is not a function|is not iterable|is not defined|Maximum call stack|Invalid array length|Invalid typed array length|Cannot convert/;

/**
 * A refusal: one of wasmgrad's typed errors, or a RangeError / TypeError that wasmgrad raised (it uses these, like
 * Python's ValueError and TypeError, for argument values and argument types); not an error of the engine.
 */
function isTypedError(error: unknown): boolean {
  if (TYPED_ERRORS.some((E) => error instanceof E)) return true;
  return (error instanceof RangeError || error instanceof TypeError) && !ENGINE_MESSAGES.test(error.message);
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message.split('\n')[0].slice(0, 160)}` : String(error);
}

/** The fixed upstream gradient (tools/fuzz/calls.py): element i is ((7 i) mod 11 - 5.5) / 4. */
export function upstream(like: Tensor): Tensor {
  const n = like.numel();
  const values = Float64Array.from({ length: n }, (_, i) => (((7 * i) % 11) - 5.5) / 4);
  return tensor(values, { dtype: like.dtype }).reshape(like.shape);
}

/** An op's result as a list of tensors: a tensor, an array of tensors, or max(dim)'s (values, indices). */
function outputsOf(result: unknown): Tensor[] {
  if (Array.isArray(result)) return result as Tensor[];
  if (result !== null && typeof result === 'object' && 'values' in result && 'indices' in result) {
    const r = result as { values: Tensor; indices: Tensor };
    return [r.values, r.indices];
  }
  return [result as Tensor];
}

function allZero(t: CorpusTensor): boolean {
  return corpusValues(t).every((v) => v === 0);
}

function compareGrads(c: FuzzCase, got: (Tensor | null)[]): string | null {
  let k = 0;
  for (let i = 0; i < c.inputs.length; i++) {
    if (!c.inputs[i].grad) continue;
    const actual = got[k++];
    const expected = c.grads![i];
    // no gradient and a gradient of zeros are the same answer
    if (expected === null || actual === null) {
      if (expected !== null && !allZero(expected)) return `input ${i}: no gradient, expected one`;
      if (actual !== null && actual.toTypedArray().some((v) => v !== 0)) return `input ${i}: a gradient, expected none`;
      continue;
    }
    const why = differs(actual, expected, c.tol, false);
    if (why !== null) return `input ${i}: ${why}`;
  }
  return null;
}

type Verdict = { kind: DisagreementKind; detail: string } | null;

function checkBackward(c: FuzzCase, outputs: Tensor[], leaves: Tensor[]): Verdict {
  const heads = (c.gradOutputs ?? []).map((i) => outputs[i]);
  const missing = heads.findIndex((o) => o === undefined || !o.requiresGrad);
  if (missing >= 0) return { kind: 'grad', detail: `output ${c.gradOutputs![missing]} does not require grad` };
  const wrt = leaves.filter((_, i) => c.inputs[i].grad);
  let got: (Tensor | null)[];
  try {
    got = grad(heads, wrt, { gradOutputs: heads.map(upstream), allowUnused: true });
  } catch (error) {
    if (c.gradError === undefined) return { kind: 'throws', detail: `backward: ${describe(error)}` };
    if (!isTypedError(error)) return { kind: 'untyped-error', detail: `backward: ${describe(error)}` };
    return null;
  }
  if (c.gradError !== undefined) return { kind: 'no-error', detail: `backward: PyTorch raised ${c.gradError.type}: ${c.gradError.message}` };
  const why = compareGrads(c, got);
  return why === null ? null : { kind: 'grad', detail: why };
}

function checkCase(c: FuzzCase): Verdict {
  const { leaves, operands } = rebuildInputs(c);
  const fn = resolveCall(c.call);
  let result: unknown;
  try {
    result = fn(...decodeArgs(c, operands));
  } catch (error) {
    if (c.error === undefined) return { kind: 'throws', detail: describe(error) };
    if (!isTypedError(error)) return { kind: 'untyped-error', detail: `${describe(error)} (PyTorch: ${c.error.type})` };
    return null;
  }
  if (c.error !== undefined) return { kind: 'no-error', detail: `PyTorch raised ${c.error.type}: ${c.error.message}` };
  const outputs = outputsOf(result);
  if (outputs.length !== c.out!.length) return { kind: 'output', detail: `${outputs.length} outputs, expected ${c.out!.length}` };
  for (let i = 0; i < outputs.length; i++) {
    const why = differs(outputs[i], c.out![i], c.tol, c.tol.zeros);
    if (why !== null) return { kind: 'output', detail: outputs.length > 1 ? `output ${i}: ${why}` : why };
  }
  for (const [index, expected] of Object.entries(c.mutated ?? {})) {
    const why = differs(operands[Number(index)], expected, c.tol, false);
    if (why !== null) return { kind: 'mutated', detail: `input ${index}: ${why}` };
  }
  if (c.grads === undefined && c.gradError === undefined) return null;
  return checkBackward(c, outputs, leaves);
}

/** Replays one case; null when wasmgrad agrees with PyTorch. Every tensor it creates is released. */
export function replayCase(c: FuzzCase): Disagreement | null {
  const verdict = tidy(() => checkCase(c));
  if (verdict === null) return null;
  const note = c.stridesMatter ? ' [PyTorch gives other results for contiguous copies of the operands]' : '';
  return { id: c.id, op: c.op, kind: verdict.kind, detail: verdict.detail + note };
}

/** Replays the cases and groups the disagreements by op (ops in order of first appearance). */
export function replayCases(cases: readonly FuzzCase[]): OpReport[] {
  const byOp = new Map<string, OpReport>();
  for (const c of cases) {
    let report = byOp.get(c.op);
    if (report === undefined) byOp.set(c.op, (report = { op: c.op, cases: 0, disagreements: [] }));
    report.cases++;
    const d = replayCase(c);
    if (d !== null) report.disagreements.push(d);
  }
  return [...byOp.values()];
}

/** The report as text: totals, then each op with disagreements and up to `perOp` of its cases. */
export function formatReport(reports: readonly OpReport[], perOp = 5): string {
  const total = reports.reduce((s, r) => s + r.cases, 0);
  const bad = reports.reduce((s, r) => s + r.disagreements.length, 0);
  const lines = [`${total} cases, ${total - bad} agree with PyTorch, ${bad} disagree`];
  for (const r of [...reports].sort((a, b) => b.disagreements.length - a.disagreements.length)) {
    if (r.disagreements.length === 0) continue;
    lines.push(`  ${r.op}: ${r.disagreements.length} of ${r.cases}`);
    for (const d of r.disagreements.slice(0, perOp)) lines.push(`    case ${d.id} (${d.kind}): ${d.detail}`);
    if (r.disagreements.length > perOp) lines.push(`    ... ${r.disagreements.length - perOp} more`);
  }
  return lines.join('\n');
}
