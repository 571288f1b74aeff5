// ops.json cases served by the shape-building and indexing ops (src/ops/indexing/).
import { tensor } from '../../src/index';
import { cat, diag, gather, pad, roll, stack, tril, triu } from '../../src/ops/indexing';
import type { CaseTable } from './types';

export const indexingCases: CaseTable = {
  cat_dim0: ([a, b]) => cat([a, b], 0),
  cat_dim1: ([a, b]) => cat([a, b], 1),
  stack_dim1: ([a, b, c]) => stack([a, b, c], 1),
  index_select: ([x]) => x.indexSelect(0, tensor([2, 0, 2], { dtype: 'int32' })),
  gather_dim1: ([x]) => gather(x, 1, tensor([[0, 2], [1, 1], [3, 0]], { dtype: 'int32' })),
  diag_vec: ([x]) => diag(x),
  diag_mat: ([x]) => diag(x),
  triu: ([x]) => triu(x),
  tril_m1: ([x]) => tril(x, -1),
  pad_2d: ([x]) => pad(x, [1, 2, 0, 1]),
  repeat: ([x]) => x.repeat(2, 3),
  chunk0: ([x]) => x.chunk(3, 1)[1],
  split1: ([x]) => x.split(2, 0)[2],
  flip: ([x]) => x.flip([1]),
  roll: ([x]) => roll(x, 2, 1),
};
