// torch.einsum against a reference that loops over every assignment of the subscripts (float64): explicit and
// implicit outputs, '...', repeated subscripts (diagonals, traces), upper-case subscripts, broadcasting of
// size-1 dims, three operands; gradients; PyTorch's grad_fn names and error messages.
import { describe, expect, it } from 'vitest';
import { grad } from '../src/index';
import { einsum } from '../src/ops/matmul';
import '../src/ops/reduce';
import { expectClose, numel, randomRef, refGrad, toTensor, type Ref } from './support/float64-reference';

/** The label order PyTorch uses for implicit outputs: A-Z before a-z. */
const labelRank = (ch: string) => (ch >= 'a' ? 26 + ch.charCodeAt(0) - 97 : ch.charCodeAt(0) - 65);

/**
 * einsum by brute force: '...' becomes digit labels aligned from the right; every assignment of every label is
 * visited and the product of the operands' entries (size-1 dims broadcast) is added into the output entry.
 */
function refEinsum(equation: string, ops: Ref[]): Ref {
  const eq = equation.replace(/ /g, '');
  const [lhs, rhs] = eq.includes('->') ? eq.split('->') : [eq, null];
  const terms = lhs.split(',');
  const ellDims = Math.max(0, ...terms.map((t, i) => (t.includes('...') ? ops[i].shape.length - (t.length - 3) : 0)));
  const ellLabels = Array.from({ length: ellDims }, (_, j) => String(j));
  const opLabels = terms.map((t, i) => {
    if (!t.includes('...')) return t.split('');
    const covered = ops[i].shape.length - (t.length - 3);
    const [before, after] = t.split('...');
    return [...before.split(''), ...ellLabels.slice(ellDims - covered), ...after.split('')];
  });
  const size = new Map<string, number>();
  opLabels.forEach((labels, i) =>
    labels.forEach((l, d) => {
      const s = ops[i].shape[d];
      if (s !== 1 || !size.has(l)) size.set(l, Math.max(s, size.get(l) ?? 1));
    }),
  );
  let outLabels: string[];
  if (rhs === null) {
    const counts = new Map<string, number>();
    for (const labels of terms) for (const l of labels.replace('...', '')) counts.set(l, (counts.get(l) ?? 0) + 1);
    outLabels = [...ellLabels, ...[...counts].filter(([, c]) => c === 1).map(([l]) => l).sort((x, y) => labelRank(x) - labelRank(y))];
  } else {
    outLabels = rhs.includes('...') ? [...rhs.split('...')[0].split(''), ...ellLabels, ...rhs.split('...')[1].split('')] : rhs.split('');
  }
  const all = [...size.keys()];
  const outShape = outLabels.map((l) => size.get(l)!);
  const out = new Float64Array(numel(outShape));
  const value = new Map<string, number>();
  const visit = (d: number): void => {
    if (d === all.length) {
      let p = 1;
      opLabels.forEach((labels, i) => {
        let offset = 0;
        labels.forEach((l, k) => (offset = offset * ops[i].shape[k] + (ops[i].shape[k] === 1 ? 0 : value.get(l)!)));
        p *= ops[i].data[offset];
      });
      let o = 0;
      outLabels.forEach((l, k) => (o = o * outShape[k] + value.get(l)!));
      out[o] += p;
      return;
    }
    for (let v = 0; v < size.get(all[d])!; v++) {
      value.set(all[d], v);
      visit(d + 1);
    }
  };
  visit(0);
  return { data: out, shape: outShape };
}

const CASES: [string, number[][]][] = [
  ['ij,jk->ik', [[3, 4], [4, 5]]],
  ['ij,jk', [[3, 4], [4, 5]]],
  ['bij,bjk->bik', [[2, 3, 4], [2, 4, 2]]],
  ['bij,bkj->bik', [[2, 3, 4], [2, 5, 4]]],
  ['ij,kj->ik', [[3, 4], [5, 4]]],
  ['ji,jk->ki', [[4, 3], [4, 5]]],
  ['ii->', [[4, 4]]],
  ['ii', [[4, 4]]],
  ['ii->i', [[3, 3]]],
  ['bii->bi', [[2, 3, 3]]],
  ['iji->j', [[3, 2, 3]]],
  ['ij->ji', [[2, 3]]],
  ['ij->', [[2, 3]]],
  ['ij->j', [[2, 3]]],
  ['ba', [[2, 3]]],
  ['i,j->ij', [[3], [4]]],
  ['i,i->', [[5], [5]]],
  ['i,i', [[5], [5]]],
  ['i,i->i', [[5], [5]]],
  ['ij,ij->ij', [[2, 3], [2, 3]]],
  ['ij,ij->', [[2, 3], [2, 3]]],
  ['bn,anm,bm->ba', [[2, 3], [4, 3, 5], [2, 5]]],
  ['ij,jk,kl->il', [[2, 3], [3, 4], [4, 2]]],
  ['Ab,bC->AC', [[3, 4], [4, 2]]],
  ['aB,Ba', [[3, 4], [4, 3]]],
  ['...ij,...jk->...ik', [[2, 3, 4], [2, 4, 5]]],
  ['...ij,...jk', [[2, 1, 3, 4], [3, 4, 5]]],
  ['...ij,jk->...ik', [[2, 2, 3, 4], [4, 2]]],
  ['i...,i...->...', [[3, 2, 2], [3, 2, 2]]],
  ['...,...->...', [[2, 3], [3]]],
  ['b...i,b...i->b', [[2, 3, 4], [2, 3, 4]]],
  ['ij,ij->i', [[1, 3], [4, 3]]],
  ['bij,bjk->bik', [[1, 3, 4], [5, 4, 2]]],
  ['ijk,ikl->jl', [[2, 3, 4], [2, 4, 2]]],
  [' i j , j k -> i k ', [[2, 3], [3, 2]]],
];

describe('einsum', () => {
  for (const dtype of ['float64', 'float32'] as const) {
    for (const [equation, shapes] of CASES) {
      it(`${dtype} '${equation}' on ${shapes.map((s) => `[${s}]`).join(', ')}: values and gradients`, () => {
        const refs = shapes.map((s, i) => randomRef(s, 31 * i + s.length));
        const ts = refs.map((r) => toTensor(r, dtype, true));
        const out = einsum(equation, ...ts);
        const want = refEinsum(equation, refs);
        const tol = dtype === 'float64' ? 1e-13 : 1e-6;
        expectClose(out, want, tol, equation);
        const upstream = randomRef(want.shape, 7);
        const grads = grad(out, ts, { gradOutputs: toTensor(upstream, dtype) });
        grads.forEach((g, i) => expectClose(g!, refGrad((xs) => refEinsum(equation, xs), refs, i, upstream), tol, `${equation} grad ${i}`));
      });
    }
  }

  it('accepts the operands as one array', () => {
    const a = randomRef([2, 3], 1);
    const b = randomRef([3, 2], 2);
    expectClose(einsum('ij,jk->ik', [toTensor(a, 'float64'), toTensor(b, 'float64')]), refEinsum('ij,jk->ik', [a, b]), 1e-13, 'array');
  });

  it("records PyTorch's grad_fn names", () => {
    const a = toTensor(randomRef([2, 3, 4], 1), 'float32', true);
    const b = toTensor(randomRef([2, 4, 2], 2), 'float32', true);
    const m = toTensor(randomRef([4, 4], 3), 'float32', true);
    expect(einsum('bij,bjk->bik', a, b).gradFn?.name()).toBe('ViewBackward0');
    expect(einsum('ii->', m).gradFn?.name()).toBe('SumBackward1');
    expect(einsum('ij->ji', m).gradFn?.name()).toBe('PermuteBackward0');
    expect(einsum('ii->i', m).gradFn?.name()).toBe('PermuteBackward0');
  });

  it('gives PyTorch error messages', () => {
    const a = toTensor(randomRef([2, 3], 1), 'float32');
    const b = toTensor(randomRef([3, 4], 2), 'float32');
    const sq = toTensor(randomRef([3, 4], 3), 'float32');
    expect(() => einsum('ij,jk->ik', a)).toThrow('einsum(): fewer operands were provided than specified in the equation');
    expect(() => einsum('ij->ij', a, b)).toThrow('einsum(): more operands were provided than specified in the equation');
    expect(() => einsum('ij')).toThrow('einsum(): must provide at least one operand');
    expect(() => einsum('i1->i', a)).toThrow('einsum(): invalid subscript given at index 1 in the equation string, subscripts must be in [a-zA-Z]');
    expect(() => einsum('ij->i2', a)).toThrow('einsum(): invalid subscript given at index 5 in the equation string, subscripts must be in [a-zA-Z]');
    expect(() => einsum('ijk->i', a)).toThrow(
      'einsum(): the number of subscripts in the equation (3) does not match the number of dimensions (2) for operand 0 and no ellipsis was given',
    );
    expect(() => einsum('ijk...->i', a)).toThrow('einsum(): the number of subscripts in the equation (3) is more than the number of dimensions (2) for operand 0');
    expect(() => einsum('ij->k', a)).toThrow('einsum(): output subscript k does not appear in the equation for any input operand');
    expect(() => einsum('ij->ii', a)).toThrow('einsum(): output subscript i appears more than once in the output');
    expect(() => einsum('ii->i', sq)).toThrow("einsum(): subscript i is repeated for operand 0 but the sizes don't match, 4 != 3");
    expect(() => einsum('ij,ij->ij', a, b)).toThrow('einsum(): subscript i has size 3 for operand 1 which does not broadcast with previously seen size 2');
    expect(() => einsum('i.j->i', a)).toThrow("einsum(): found '.' for operand 0 that is not part of any ellipsis");
    expect(() => einsum('...i...->i', a)).toThrow("einsum(): found '.' for operand 0 for which an ellipsis was already found");
    expect(() => einsum('...i->......', a)).toThrow("einsum(): found '.' for output but an ellipsis (...) was already found");
  });
});
