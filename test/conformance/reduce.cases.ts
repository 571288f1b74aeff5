// ops.json cases served by the reductions (src/ops/reduce).
import '../../src/ops/reduce';
import type { CaseTable } from './types';

export const reduceCases: CaseTable = {
  sum_all: ([x]) => x.sum(),
  sum_dim1: ([x]) => x.sum(1),
  sum_dim_m1_keep: ([x]) => x.sum(-1, true),
  sum_dims_0_2: ([x]) => x.sum([0, 2]),
  mean_all: ([x]) => x.mean(),
  mean_dim0: ([x]) => x.mean(0),
  prod_dim1: ([x]) => x.prod(1),
  max_all: ([x]) => x.max(),
  max_dim1_values: ([x]) => x.max(1).values,
  max_dim1_indices: ([x]) => x.max(1).indices,
  min_dim0_values: ([x]) => x.min(0).values,
  amax_dims: ([x]) => x.amax([1, 2]),
  argmax_dim1: ([x]) => x.argmax(1),
  argmin_all: ([x]) => x.argmin(),
  norm_all: ([x]) => x.norm(),
  norm_p2_dim1: ([x]) => x.norm(2, 1),
  norm_p1_dim0: ([x]) => x.norm(1, 0),
  norm_pinf_dim1: ([x]) => x.norm(Infinity, 1),
  norm_p3_dim1: ([x]) => x.norm(3, 1),
  var_dim1: ([x]) => x.var(1),
  var_all_unbiased_false: ([x]) => x.var({ correction: 0 }),
  std_dim0: ([x]) => x.std(0),
  logsumexp_dim1: ([x]) => x.logsumexp(1),
  softmax_dim1: ([x]) => x.softmax(1),
  softmax_dim0: ([x]) => x.softmax(0),
  log_softmax_dim_m1: ([x]) => x.logSoftmax(-1),
  cumsum_dim1: ([x]) => x.cumsum(1),
};
