// Matrix products as ops: PyTorch's matmul semantics for every rank combination (values against a float64
// reference written with plain loops, gradients, grad_fn names), mm/bmm/mv/dot/outer/addmm/linear, strided
// and transposed operands, empty shapes, second derivatives, error messages, and no leaked temporaries.
import { describe, expect, it } from 'vitest';
import { grad, memory, tensor, type Tensor } from '../src/index';
import { addmm, bmm, dot, einsum, ger, linear, matmul, mm, mv, outer } from '../src/ops/matmul';
import '../src/ops/reduce';
import { expectClose, numel, randomRef, refGrad, refOf, toTensor, type Ref } from './support/float64-reference';

type Precision = 'float32' | 'float64';

function broadcast(a: number[], b: number[]): number[] {
  const n = Math.max(a.length, b.length);
  return Array.from({ length: n }, (_, i) => {
    const x = a[a.length - n + i] ?? 1;
    const y = b[b.length - n + i] ?? 1;
    if (x !== y && x !== 1 && y !== 1) throw new Error('reference: shapes do not broadcast');
    return Math.max(x, y);
  });
}

/** Offset of a broadcast batch index into a contiguous batch of shape `own` (right-aligned, size-1 dims repeat). */
function batchOffset(index: number[], own: number[]): number {
  let offset = 0;
  const lead = index.length - own.length;
  for (let d = 0; d < own.length; d++) offset = offset * own[d] + (own[d] === 1 ? 0 : index[lead + d]);
  return offset;
}

function unravel(flat: number, shape: number[]): number[] {
  const index = new Array<number>(shape.length);
  for (let d = shape.length - 1; d >= 0; d--) {
    index[d] = flat % shape[d];
    flat = Math.floor(flat / shape[d]);
  }
  return index;
}

/** torch.matmul in plain loops (float64). */
function refMatmul(a: Ref, b: Ref): Ref {
  const aShape = a.shape.length === 1 ? [1, a.shape[0]] : a.shape;
  const bShape = b.shape.length === 1 ? [b.shape[0], 1] : b.shape;
  const [n, k] = aShape.slice(-2);
  const p = bShape[bShape.length - 1];
  const batchA = aShape.slice(0, -2);
  const batchB = bShape.slice(0, -2);
  const batch = broadcast(batchA, batchB);
  const out = new Float64Array(numel(batch) * n * p);
  for (let t = 0; t < numel(batch); t++) {
    const idx = unravel(t, batch);
    const oa = batchOffset(idx, batchA) * n * k;
    const ob = batchOffset(idx, batchB) * k * p;
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < p; j++) {
        let s = 0;
        for (let q = 0; q < k; q++) s += a.data[oa + i * k + q] * b.data[ob + q * p + j];
        out[(t * n + i) * p + j] = s;
      }
    }
  }
  const shape = [...batch, ...(a.shape.length > 1 ? [n] : []), ...(b.shape.length > 1 ? [p] : [])];
  return { data: out, shape };
}

const TOL: Record<Precision, number> = { float32: 1e-6, float64: 1e-13 };

/** Checks value and both gradients of a binary product against the references. */
function checkProduct(
  op: (a: Tensor, b: Tensor) => Tensor,
  ref: (a: Ref, b: Ref) => Ref,
  aShape: number[],
  bShape: number[],
  dtype: Precision,
  gradFnName?: string,
): void {
  const ra = randomRef(aShape, 11 + aShape.length);
  const rb = randomRef(bShape, 97 + bShape.length);
  const a = toTensor(ra, dtype, true);
  const b = toTensor(rb, dtype, true);
  const out = op(a, b);
  const label = `[${aShape}] x [${bShape}] ${dtype}`;
  const want = ref(ra, rb);
  expectClose(out, want, TOL[dtype], label);
  if (gradFnName !== undefined) expect(out.gradFn?.name(), label).toBe(gradFnName);
  const upstream = randomRef(want.shape, 5);
  const [ga, gb] = grad(out, [a, b], { gradOutputs: toTensor(upstream, dtype) });
  const f = ([x, y]: Ref[]) => ref(x, y);
  expectClose(ga!, refGrad(f, [ra, rb], 0, upstream), TOL[dtype], `${label} grad a`);
  expectClose(gb!, refGrad(f, [ra, rb], 1, upstream), TOL[dtype], `${label} grad b`);
}

describe('matmul', () => {
  const cases: [number[], number[], string][] = [
    [[4], [4], 'DotBackward0'],
    [[3, 4], [4], 'MvBackward0'],
    [[4], [4, 5], 'SqueezeBackward4'],
    [[3, 4], [4, 5], 'MmBackward0'],
    [[2, 3, 4], [4], 'UnsafeViewBackward0'],
    [[4], [2, 4, 5], 'UnsafeViewBackward0'],
    [[2, 3, 4], [4, 5], 'UnsafeViewBackward0'],
    [[3, 4], [2, 4, 5], 'CloneBackward0'],
    [[2, 3, 4], [2, 4, 5], 'UnsafeViewBackward0'],
    [[2, 1, 3, 4], [3, 4, 2], 'UnsafeViewBackward0'],
    [[5, 3, 4], [1, 4, 2], 'UnsafeViewBackward0'],
    [[2, 2, 3, 4], [4], 'UnsafeViewBackward0'],
    [[3], [2, 2, 3, 1], 'UnsafeViewBackward0'],
  ];
  for (const dtype of ['float32', 'float64'] as Precision[]) {
    for (const [aShape, bShape, name] of cases) {
      it(`[${aShape}] @ [${bShape}] ${dtype}: values, gradients and ${name}`, () => {
        checkProduct(matmul, refMatmul, aShape, bShape, dtype, name);
      });
    }
  }

  it('records the same graph as PyTorch when only one operand needs a gradient', () => {
    const a = toTensor(randomRef([3, 4], 1), 'float32');
    const b = toTensor(randomRef([2, 4, 5], 2), 'float32', true);
    // 2-D @ 3-D without a gradient for the 2-D operand: no fold, one bmm over the broadcast batch.
    expect(matmul(a, b).gradFn?.name()).toBe('UnsafeViewBackward0');
    const [gb] = grad(matmul(a, b), [b], { gradOutputs: toTensor(randomRef([2, 3, 5], 3), 'float32') });
    expectClose(gb!, refGrad(([x, y]) => refMatmul(x, y), [refOf(a), refOf(b)], 1, randomRef([2, 3, 5], 3)), 1e-6);
  });

  it('reads transposed and strided operands in place', () => {
    for (const dtype of ['float32', 'float64'] as Precision[]) {
      const base = toTensor(randomRef([6, 10], 21), dtype);
      const baseB = toTensor(randomRef([3, 7, 9], 22), dtype);
      const at = base.t(); // [10, 6], column-major
      const bStrided = baseB.index('::2, 1:, ::2'); // [2, 6, 5], every stride != contiguous
      const aSliced = base.index('1:5, ::2'); // [4, 5]
      const cases: [Tensor, Tensor][] = [
        [at, base],
        [base, at],
        [at.index(':6'), base.index(':, :6').t()],
        [aSliced, aSliced.t()],
        [base.index(':, 1:7'), bStrided],
        [bStrided.mT, base.index(':6, :4')],
        [baseB.mT, baseB],
        [at.index(':, 0'), at],
      ];
      for (const [a, b] of cases) {
        const want = refMatmul(refOf(a), refOf(b));
        expectClose(matmul(a, b), want, TOL[dtype], `[${a.shape}] (strides ${a.stride()}) @ [${b.shape}] (strides ${b.stride()})`);
      }
    }
  });

  it('handles empty dims: no rows, no columns, an empty inner dim (zeros) and an empty batch', () => {
    expect(matmul(toTensor(randomRef([0, 3], 1), 'float32'), toTensor(randomRef([3, 4], 2), 'float32')).shape).toEqual([0, 4]);
    expect(matmul(toTensor(randomRef([2, 3], 1), 'float32'), toTensor(randomRef([3, 0], 2), 'float32')).shape).toEqual([2, 0]);
    const inner = matmul(toTensor(randomRef([2, 0], 1), 'float64'), toTensor(randomRef([0, 3], 2), 'float64'));
    expect(inner.shape).toEqual([2, 3]);
    expect(Array.from(inner.toTypedArray())).toEqual([0, 0, 0, 0, 0, 0]);
    expect(matmul(toTensor(randomRef([0, 2, 3], 1), 'float32'), toTensor(randomRef([3, 4], 2), 'float32')).shape).toEqual([0, 2, 4]);
    expect(dot(toTensor(randomRef([0], 1), 'float32'), toTensor(randomRef([0], 1), 'float32')).item()).toBe(0);
  });

  it('multiplies an MLP-sized batch the same as the reference (blocked path, several tiles and k blocks)', () => {
    const ra = randomRef([3, 37, 300], 8);
    const rb = randomRef([300, 45], 9);
    expectClose(matmul(toTensor(ra, 'float64'), toTensor(rb, 'float64')), refMatmul(ra, rb), 1e-13);
  });

  it('gives PyTorch error messages', () => {
    const f = (shape: number[], dtype: Precision | 'int32' = 'float32') =>
      dtype === 'int32' ? tensor(new Int32Array(numel(shape))).reshape(shape) : toTensor(randomRef(shape, 1), dtype);
    expect(() => matmul(tensor(1), f([2]))).toThrow('both arguments to matmul need to be at least 1D, but they are 0D and 1D');
    expect(() => matmul(f([3, 4]), f([5, 6]))).toThrow('mat1 and mat2 shapes cannot be multiplied (3x4 and 5x6)');
    expect(() => matmul(f([6, 16]), f([64, 128]))).toThrow('mat1 and mat2 shapes cannot be multiplied (6x16 and 64x128)');
    expect(() => matmul(f([2, 6, 16]), f([64, 128]))).toThrow('mat1 and mat2 shapes cannot be multiplied (12x16 and 64x128)');
    expect(() => matmul(f([4]), f([5, 6]))).toThrow('mat1 and mat2 shapes cannot be multiplied (1x4 and 5x6)');
    expect(() => matmul(f([3, 4]), f([5]))).toThrow('size mismatch, got input (3), mat (3x4), vec (5)');
    expect(() => matmul(f([4]), f([5]))).toThrow(
      'inconsistent tensor size, expected tensor [4] and src [5] to have the same number of elements, but got 4 and 5 elements respectively',
    );
    expect(() => matmul(f([2, 3, 4]), f([2, 5, 6]))).toThrow('Expected size for first two dimensions of batch2 tensor to be: [2, 4] but got: [2, 5].');
    expect(() => matmul(f([2, 3, 3, 4]), f([3, 3, 4, 5]))).toThrow('The size of tensor a (2) must match the size of tensor b (3) at non-singleton dimension 0');
    expect(() => matmul(f([2, 3]), f([3, 2], 'float64'))).toThrow('expected m1 and m2 to have the same dtype, but got: float != double');
    expect(() => matmul(f([2, 3], 'int32'), f([3, 2], 'int32'))).toThrow('matrix products are computed in float32 or float64');
  });
});

describe('mm, bmm, mv, dot, outer, addmm', () => {
  const refMm = refMatmul;
  const refOuter = (a: Ref, b: Ref): Ref => refMatmul({ data: a.data, shape: [a.shape[0], 1] }, { data: b.data, shape: [1, b.shape[0]] });

  for (const dtype of ['float32', 'float64'] as Precision[]) {
    it(`${dtype}: values, gradients and PyTorch's grad_fn names`, () => {
      checkProduct(mm, refMm, [5, 7], [7, 3], dtype, 'MmBackward0');
      checkProduct(mm, refMm, [1, 9], [9, 1], dtype, 'MmBackward0');
      checkProduct(bmm, refMm, [3, 5, 7], [3, 7, 2], dtype, 'BmmBackward0');
      checkProduct(mv, refMm, [5, 7], [7], dtype, 'MvBackward0');
      checkProduct(outer, refOuter, [4], [6], dtype, 'MulBackward0');
      checkProduct(ger, refOuter, [2], [3], dtype, 'MulBackward0');
    });
  }

  it('dot: value and gradients (DotBackward0)', () => {
    checkProduct(dot, refMatmul, [9], [9], 'float64', 'DotBackward0');
    checkProduct((a, b) => a.dot(b), refMatmul, [33], [33], 'float32', 'DotBackward0');
  });

  it('are installed as Tensor methods', () => {
    const a = toTensor(randomRef([3, 4], 1), 'float64');
    const b = toTensor(randomRef([4, 2], 2), 'float64');
    const v = toTensor(randomRef([4], 3), 'float64');
    expectClose(a.mm(b), refMatmul(refOf(a), refOf(b)), 1e-13);
    expectClose(a.matmul(b), refMatmul(refOf(a), refOf(b)), 1e-13);
    expectClose(a.mv(v), refMatmul(refOf(a), refOf(v)), 1e-13);
    expectClose(v.dot(v), refMatmul(refOf(v), refOf(v)), 1e-13);
    expectClose(v.outer(v), refMatmul({ data: refOf(v).data, shape: [4, 1] }, { data: refOf(v).data, shape: [1, 4] }), 1e-13);
    expectClose(a.unsqueeze(0).bmm(b.unsqueeze(0)), refMatmul(refOf(a.unsqueeze(0)), refOf(b.unsqueeze(0))), 1e-13);
  });

  it('addmm: beta * input + alpha * mat1 @ mat2 with a broadcast input, and its gradients (AddmmBackward0)', () => {
    const r1 = randomRef([4, 5], 1);
    const r2 = randomRef([5, 3], 2);
    for (const inputShape of [[3], [1, 3], [4, 3], [4, 1]]) {
      for (const [beta, alpha] of [[1, 1], [0.5, 2], [-1, 0.25]]) {
        const ri = randomRef(inputShape, 3);
        const ref = ([i, x, y]: Ref[]): Ref => {
          const p = refMatmul(x, y);
          const out = new Float64Array(p.data.length);
          for (let e = 0; e < out.length; e++) {
            const [r, c] = [Math.floor(e / 3), e % 3];
            const ie = i.shape.length === 1 ? c : (i.shape[0] === 1 ? 0 : r) * i.shape[1] + (i.shape[1] === 1 ? 0 : c);
            out[e] = beta * i.data[ie] + alpha * p.data[e];
          }
          return { data: out, shape: p.shape };
        };
        const input = toTensor(ri, 'float64', true);
        const m1 = toTensor(r1, 'float64', true);
        const m2 = toTensor(r2, 'float64', true);
        const out = addmm(input, m1, m2, { beta, alpha });
        expect(out.gradFn?.name()).toBe('AddmmBackward0');
        expectClose(out, ref([ri, r1, r2]), 1e-13, `addmm input [${inputShape}] beta ${beta} alpha ${alpha}`);
        const upstream = randomRef([4, 3], 4);
        const grads = grad(out, [input, m1, m2], { gradOutputs: toTensor(upstream, 'float64') });
        grads.forEach((g, which) => expectClose(g!, refGrad(ref, [ri, r1, r2], which, upstream), 1e-13, `addmm grad ${which}`));
      }
    }
  });

  it('addmm with beta = 0 ignores the input, NaN included', () => {
    const input = tensor([NaN, Infinity, NaN], { dtype: 'float64' });
    const m1 = toTensor(randomRef([2, 4], 1), 'float64');
    const m2 = toTensor(randomRef([4, 3], 2), 'float64');
    expectClose(addmm(input, m1, m2, { beta: 0 }), refMatmul(refOf(m1), refOf(m2)), 1e-13);
  });

  it('give PyTorch error messages', () => {
    const f = (...shape: number[]) => toTensor(randomRef(shape, 1), 'float32');
    expect(() => mm(f(3), f(3, 2))).toThrow('self must be a matrix');
    expect(() => mm(f(2, 3), f(3))).toThrow('mat2 must be a matrix');
    expect(() => mm(f(2, 3), f(2, 3))).toThrow('mat1 and mat2 shapes cannot be multiplied (2x3 and 2x3)');
    expect(() => bmm(f(2, 3), f(2, 3, 4))).toThrow('batch1 must be a 3D tensor');
    expect(() => bmm(f(2, 2, 3), f(2, 3))).toThrow('batch2 must be a 3D tensor');
    expect(() => bmm(f(2, 2, 3), f(3, 3, 4))).toThrow('Expected size for first two dimensions of batch2 tensor to be: [2, 3] but got: [3, 3].');
    expect(() => mv(f(2, 3), f(3, 1))).toThrow('vector + matrix @ vector expected, got 1, 2, 2');
    expect(() => dot(f(2, 3), f(3))).toThrow('1D tensors expected, but got 2D and 1D tensors');
    expect(() => dot(f(3), toTensor(randomRef([3], 1), 'float64'))).toThrow('dot : expected both vectors to have same dtype, but found Float and Double');
    expect(() => outer(f(2, 3), f(3))).toThrow('outer: Expected 1-D argument self, but got 2-D');
    expect(() => outer(f(3), f(1, 3))).toThrow('outer: Expected 1-D argument vec2, but got 2-D');
    expect(() => addmm(f(3), f(2), f(2, 3))).toThrow('mat1 must be a matrix, got 1-D tensor');
    expect(() => addmm(f(5), f(2, 2), f(2, 3))).toThrow('The expanded size of the tensor (3) must match the existing size (5) at non-singleton dimension 1.  Target sizes: [2, 3].  Tensor sizes: [5]');
  });
});

describe('linear', () => {
  /** x @ w^T + b in plain loops, x of any rank >= 1. */
  const refLinear = ([x, w, b]: Ref[]): Ref => {
    const wt: Ref = { data: new Float64Array(w.data.length), shape: [w.shape[1], w.shape[0]] };
    for (let i = 0; i < w.shape[0]; i++) for (let j = 0; j < w.shape[1]; j++) wt.data[j * w.shape[0] + i] = w.data[i * w.shape[1] + j];
    const y = refMatmul(x, wt);
    if (b !== undefined) for (let e = 0; e < y.data.length; e++) y.data[e] += b.data[e % b.data.length];
    return y;
  };

  const cases: [number[], boolean, string][] = [
    [[4, 5], true, 'AddmmBackward0'],
    [[4, 5], false, 'MmBackward0'],
    [[2, 3, 5], true, 'ViewBackward0'],
    [[2, 3, 5], false, 'UnsafeViewBackward0'],
    [[5], true, 'ViewBackward0'],
    [[5], false, 'SqueezeBackward4'],
    [[2, 2, 2, 5], true, 'ViewBackward0'],
  ];
  for (const dtype of ['float32', 'float64'] as Precision[]) {
    for (const [xShape, withBias, name] of cases) {
      it(`${dtype}: input [${xShape}] ${withBias ? 'with' : 'without'} bias: values, gradients, ${name}`, () => {
        const refs = [randomRef(xShape, 1), randomRef([3, 5], 2), ...(withBias ? [randomRef([3], 3)] : [])];
        const ts = refs.map((r) => toTensor(r, dtype, true));
        const out = linear(ts[0], ts[1], ts[2]);
        expect(out.gradFn?.name()).toBe(name);
        const want = refLinear(refs);
        expectClose(out, want, TOL[dtype]);
        const upstream = randomRef(want.shape, 4);
        const grads = grad(out, ts, { gradOutputs: toTensor(upstream, dtype) });
        grads.forEach((g, which) => expectClose(g!, refGrad(refLinear, refs, which, upstream), TOL[dtype], `grad ${which}`));
      });
    }
  }

  it('adds the bias to a non-contiguous input after the product (AddBackward0)', () => {
    const x = toTensor(randomRef([5, 2, 3], 1), 'float64').transpose(0, 1); // [2, 5, 3], not contiguous
    const w = toTensor(randomRef([4, 3], 2), 'float64');
    const b = toTensor(randomRef([4], 3), 'float64', true);
    const out = linear(x, w, b);
    expect(out.gradFn?.name()).toBe('AddBackward0');
    expectClose(out, refLinear([refOf(x), refOf(w), refOf(b)]), 1e-13);
  });

  it('gives PyTorch error messages', () => {
    expect(() => linear(tensor(1), toTensor(randomRef([2, 2], 1), 'float32'))).toThrow(
      'both arguments to linear need to be at least 1D, but they are 0D and 2D',
    );
    expect(() => linear(toTensor(randomRef([6, 16, 64], 1), 'float32'), toTensor(randomRef([128, 16], 2), 'float32'))).toThrow(
      'mat1 and mat2 shapes cannot be multiplied (96x64 and 16x128)',
    );
  });
});

describe('second derivatives through matrix products', () => {
  it('mm: the gradient of a gradient (createGraph)', () => {
    // L1 = sum(A @ B): dL1/dA = 1 B^T, whose rows are the row sums of B. L2 = sum(dL1/dA @ C) = m * sum_k rowsum(B)_k rowsum(C)_k,
    // so dL2/dB[k, j] = m * rowsum(C)_k.
    const m = 3;
    const A = toTensor(randomRef([m, 4], 1), 'float64', true);
    const B = toTensor(randomRef([4, 5], 2), 'float64', true);
    const C = toTensor(randomRef([4, 2], 3), 'float64');
    const [gA] = grad(mm(A, B).sum(), [A], { createGraph: true });
    expect(gA!.gradFn?.name()).toBe('MmBackward0');
    const [gB] = grad(mm(gA!, C).sum(), [B]);
    const c = refOf(C);
    const want = new Float64Array(20);
    for (let k = 0; k < 4; k++) for (let j = 0; j < 5; j++) want[k * 5 + j] = m * (c.data[2 * k] + c.data[2 * k + 1]);
    expectClose(gB!, { data: want, shape: [4, 5] }, 1e-13);
  });

  it('matmul with broadcast batch dims: gradients sum over the broadcast, and differentiate again', () => {
    const ra = randomRef([2, 1, 3, 4], 1);
    const rb = randomRef([3, 4, 2], 2);
    const a = toTensor(ra, 'float64', true);
    const b = toTensor(rb, 'float64', true);
    const upstream = toTensor(randomRef([2, 3, 3, 2], 3), 'float64');
    const [ga] = grad(matmul(a, b), [a], { gradOutputs: upstream, createGraph: true });
    // ga = sum over the broadcast dim of upstream @ b^T: linear in b, so its gradient against sum(ga * D) is exact.
    const rd = randomRef([2, 1, 3, 4], 4);
    const fga = ([bb]: Ref[]): Ref => refGrad(([x, y]) => refMatmul(x, y), [ra, bb], 0, refOf(upstream));
    expectClose(ga!, fga([rb]), 1e-13, 'first');
    const [gb] = grad(ga!, [b], { gradOutputs: toTensor(rd, 'float64') });
    expectClose(gb!, refGrad(fga, [rb], 0, rd), 1e-12, 'second');
  });
});

describe('temporaries', () => {
  it('matmul, linear, einsum and the batched paths leave only their result alive', () => {
    const a = toTensor(randomRef([2, 1, 3, 4], 1), 'float32');
    const b = toTensor(randomRef([3, 4, 2], 2), 'float32');
    const w = toTensor(randomRef([6, 4], 3), 'float32');
    const bias = toTensor(randomRef([6], 4), 'float32');
    const x2 = toTensor(randomRef([5, 4], 5), 'float32');
    const v2 = toTensor(randomRef([2], 6), 'float32');
    const v4 = toTensor(randomRef([4], 7), 'float32');
    const wt = w.t();
    const row = a.index('0, 0');
    const e1 = toTensor(randomRef([2, 3, 4], 8), 'float32');
    const e2 = toTensor(randomRef([2, 4, 5], 9), 'float32');
    const square = toTensor(randomRef([4, 4], 10), 'float32');
    const ops: (() => Tensor)[] = [
      () => matmul(a, b),
      () => matmul(b, v2),
      () => matmul(x2, b),
      () => matmul(v4, wt),
      () => linear(a, w, bias),
      () => linear(row, w),
      () => linear(row, w, bias),
      () => einsum('bij,bjk->bik', e1, e2),
      () => einsum('bij,bkj->bki', e1, e1),
      () => einsum('ii->', square),
      () => einsum('ii->i', square),
      () => einsum('ij,jk,kl->il', square, square, square),
    ];
    for (const op of ops) {
      const before = memory().tensors;
      const out = op();
      expect(memory().tensors - before, String(op)).toBe(1);
      out.dispose();
    }
  });
});
