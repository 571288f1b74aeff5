// ops.json cases served by the matrix products (src/ops/matmul).
import { bmm, dot, einsum, linear, matmul, mm, outer } from '../../src/ops/matmul';
import type { CaseTable } from './types';

export const matmulCases: CaseTable = {
  mm: { run: ([a, b]) => mm(a, b), reductionLength: 4 },
  matmul_vec_mat: { run: ([a, b]) => matmul(a, b), reductionLength: 4 },
  matmul_mat_vec: { run: ([a, b]) => matmul(a, b), reductionLength: 4 },
  matmul_vec_vec: { run: ([a, b]) => a.matmul(b), reductionLength: 4 },
  matmul_batched_2d: { run: ([a, b]) => matmul(a, b), reductionLength: 4 },
  matmul_bcast_batch: { run: ([a, b]) => matmul(a, b), reductionLength: 4 },
  bmm: { run: ([a, b]) => bmm(a, b), reductionLength: 4 },
  mm_big: { run: ([a, b]) => a.mm(b), reductionLength: 129 },
  mm_f64: { run: ([a, b]) => mm(a, b), reductionLength: 7 },
  dot: { run: ([a, b]) => dot(a, b), reductionLength: 6 },
  outer: ([a, b]) => outer(a, b),
  linear_bias: { run: ([x, w, b]) => linear(x, w, b), reductionLength: 10 },
  linear_nobias: { run: ([x, w]) => linear(x, w), reductionLength: 96 },
  einsum_bij_bjk: { run: ([a, b]) => einsum('bij,bjk->bik', a, b), reductionLength: 4 },
  einsum_trace: { run: ([a]) => einsum('ii->', a), reductionLength: 4 },
};

