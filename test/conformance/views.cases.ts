// ops.json cases served by the view ops (src/ops/views.ts).
import type { CaseTable } from './types';

export const viewCases: CaseTable = {
  reshape: ([x]) => x.reshape(6, 10),
  reshape_infer: ([x]) => x.reshape(-1, 5),
  permute: ([x]) => x.permute(2, 0, 1),
  transpose_0_2: ([x]) => x.transpose(0, 2),
  t: ([x]) => x.t(),
  flatten_1: ([x]) => x.flatten(1),
  flatten_2_m1: ([x]) => x.flatten(2, -1),
  unsqueeze_1: ([x]) => x.unsqueeze(1),
  squeeze_all: ([x]) => x.squeeze(),
  squeeze_1: ([x]) => x.squeeze(1),
  expand: ([x]) => x.expand(3, 4, 5),
  slice_rows: ([x]) => x.index('1:3'),
  slice_step: ([x]) => x.index(':, ::2'),
  slice_neg: ([x]) => x.index('-2:, 1:-1'),
  index_int: ([x]) => x.index(2),
  narrow: ([x]) => x.narrow(1, 1, 2),
};
