import { tensor } from '../../src/index';
import * as F from '../../src/nn/functional/index';
import type { CaseTable } from './types';

const classes = (values: number[]) => tensor(values, { dtype: 'int32' });

export const nnCases: CaseTable = {
  // reduction length of a convolution: C_in / groups * kh * kw
  conv2d_basic: { run: ([x, w]) => F.conv2d(x, w), reductionLength: 1 * 3 * 3 },
  conv2d_stride_pad_bias: { run: ([x, w, b]) => F.conv2d(x, w, b, 2, 1), reductionLength: 3 * 3 * 3 },
  conv2d_patch8: { run: ([x, w]) => F.conv2d(x, w, { stride: 8 }), reductionLength: 1 * 8 * 8 },
  conv2d_dilation_groups: { run: ([x, w]) => F.conv2d(x, w, { dilation: 2, groups: 2 }), reductionLength: 2 * 3 * 3 },
  unfold_8: ([x]) => F.unfold(x, 8, { stride: 8 }),
  unfold_3_pad: ([x]) => F.unfold(x, 3, { padding: 1, stride: 2 }),
  fold: ([x]) => F.fold(x, [4, 4], 2, { stride: 2 }),
  max_pool2d: ([x]) => F.maxPool2d(x, 2),
  avg_pool2d: ([x]) => F.avgPool2d(x, 2, 1),
  layer_norm: ([x, w, b]) => F.layerNorm(x, [5], w, b),
  mse_loss: ([x, t]) => F.mseLoss(x, t),
  l1_loss: ([x, t]) => F.l1Loss(x, t),
  cross_entropy: ([x]) => F.crossEntropy(x, classes([1, 0, 4])),
  nll_loss: ([x]) => F.nllLoss(x.logSoftmax(1), classes([2, 2, 0])),
  bce_with_logits: ([x, t]) => F.binaryCrossEntropyWithLogits(x, t.sigmoid()),
  dropout_eval: ([x]) => F.dropout(x, 0.5, false),
  embedding: ([w]) => F.embedding(tensor([[1, 3], [0, 1]], { dtype: 'int32' }), w),
  seed_exd1_chain: ([y, x]) => x.sub(y.pow(2)).norm(2, 1).pow(2).neg().exp().sum().sigmoid(),
};
