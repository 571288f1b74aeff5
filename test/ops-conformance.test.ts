// Every case of ops.json (PyTorch 2.11): the output, the vector-Jacobian product for each input, and where given
// the second-order gradient grad(sum(grads**2), inputs) computed with createGraph.
// Tolerances: float32 atol 1e-5 and rtol 1e-4, atol scaled by the largest magnitude in the expected tensor
// (at least 1); for matmul-type cases atol also scales with sqrt(reduction length), since float32 summation
// error grows with the number of terms. float64: 1e-10 relative.
import { describe, expect, it } from 'vitest';
import { grad, tidy, type Tensor } from '../src/index';
import { compareTensor, fixtureValues, fromFixture, loadFixture, type FixtureTensor, type Tolerance } from './support/fixtures';
import type { CaseTable, OpCase } from './conformance/types';
import { elementwiseCases } from './conformance/elementwise.cases';
import { reduceCases } from './conformance/reduce.cases';
import { viewCases } from './conformance/views.cases';
import { indexingCases } from './conformance/indexing.cases';
import { matmulCases } from './conformance/matmul.cases';
import { nnCases } from './conformance/nn.cases';

interface OpFixture {
  name: string;
  inputs: FixtureTensor[];
  output: FixtureTensor;
  grad_output?: FixtureTensor;
  grads?: (FixtureTensor | null)[];
  second?: { grads: (FixtureTensor | null)[] };
}

const fixture = loadFixture<{ cases: OpFixture[] }>('ops.json');
const tables: CaseTable[] = [elementwiseCases, reduceCases, viewCases, indexingCases, matmulCases, nnCases];
const table: CaseTable = Object.assign({}, ...tables);

function tolerance(expected: FixtureTensor, reductionLength: number): Tolerance {
  const magnitude = Math.max(1, ...fixtureValues(expected).filter(Number.isFinite).map(Math.abs));
  if (expected.dtype === 'float64') return { atol: 1e-10 * magnitude, rtol: 1e-10 };
  if (expected.dtype !== 'float32') return { atol: 0, rtol: 0 };
  return { atol: 1e-5 * magnitude * Math.max(1, Math.sqrt(reductionLength)), rtol: 1e-4 };
}

function check(label: string, actual: Tensor | null, expected: FixtureTensor | null, reductionLength: number): void {
  if (expected === null) {
    expect(actual, `${label}: PyTorch gives no gradient`).toBeNull();
    return;
  }
  expect(actual, `${label}: missing`).not.toBeNull();
  const result = compareTensor(actual!, expected, tolerance(expected, reductionLength));
  expect(result.ok, `${label}: ${result.detail}`).toBe(true);
}

describe(`ops.json: ${fixture.cases.length} PyTorch operator cases`, () => {
  it('has an implementation for every case', () => {
    const missing = fixture.cases.map((c) => c.name).filter((n) => !(n in table));
    expect(missing).toEqual([]);
    expect(fixture.cases.length).toBe(161);
  });

  for (const c of fixture.cases) {
    const entry = table[c.name];
    if (entry === undefined) continue;
    const run: OpCase = typeof entry === 'function' ? entry : entry.run;
    const reductionLength = typeof entry === 'function' ? 1 : entry.reductionLength;
    it(c.name, () => {
      tidy(() => {
        const inputs = c.inputs.map((f) => fromFixture(f, c.grads !== undefined && (f.dtype === 'float32' || f.dtype === 'float64')));
        const out = run(inputs);
        check('output', out, c.output, reductionLength);
        if (c.grads === undefined) return;
        const differentiable = inputs.filter((t) => t.requiresGrad);
        const upstream = fromFixture(c.grad_output!);
        const grads = grad(out, differentiable, { gradOutputs: upstream, createGraph: c.second !== undefined, allowUnused: true });
        let k = 0;
        inputs.forEach((t, i) => {
          if (t.requiresGrad) check(`grad of input ${i}`, grads[k++], c.grads![i], reductionLength);
          else expect(c.grads![i], `input ${i} has no gradient in PyTorch`).toBeNull();
        });
        if (c.second === undefined) return;
        const present = grads.filter((g): g is Tensor => g !== null);
        const total = present.map((g) => g.mul(g).sum()).reduce((a, b) => a.add(b));
        const second = total.requiresGrad
          ? grad(total, differentiable, { allowUnused: true })
          : differentiable.map(() => null);
        k = 0;
        inputs.forEach((t, i) => {
          if (!t.requiresGrad) return;
          const g2 = second[k++];
          const want = c.second!.grads[i];
          // PyTorch reports zeros where the second derivative vanishes; wasmgrad may report none (allowUnused).
          if (g2 === null && want !== null && fixtureValues(want).every((v) => v === 0)) return;
          check(`second-order grad of input ${i}`, g2, want, reductionLength);
        });
      });
    });
  }
});
