// nn.functional: PyTorch's torch.nn.functional in camelCase (conv2d, maxPool2d, crossEntropy ...).
// Positional parameters follow PyTorch's order; a trailing options object may name any of them.
export { conv1d, conv2d, type ConvOptions, type ConvPadding } from './conv';
export { unfold, fold, type UnfoldOptions, type FoldOptions } from './fold';
export {
  maxPool1d, maxPool2d, avgPool1d, avgPool2d,
  adaptiveAvgPool1d, adaptiveAvgPool2d, adaptiveMaxPool1d, adaptiveMaxPool2d,
  type MaxPoolOptions, type AvgPoolOptions,
} from './pooling';
export { layerNorm, batchNorm, groupNorm, type LayerNormOptions, type BatchNormOptions, type GroupNormOptions } from './normalization';
export {
  mseLoss, l1Loss, smoothL1Loss, huberLoss, nllLoss, crossEntropy, binaryCrossEntropy, binaryCrossEntropyWithLogits,
  type NllLossOptions, type CrossEntropyOptions, type BceOptions, type BceWithLogitsOptions, type SmoothL1Options, type HuberOptions,
} from './loss';
export { dropout, dropout1d, dropout2d, dropout3d, type DropoutOptions } from './dropout';
export { embedding, oneHot, type EmbeddingOptions } from './embedding';
export { pad } from '../../ops/indexing';
export { linear } from '../../ops/matmul';
export { softmax, logSoftmax } from '../../ops/reduce';
export { relu, gelu, silu, elu, leakyRelu, softplus, sigmoid, tanh } from '../../ops/elementwise';
export type { IntOrPair, Reduction } from './args';
