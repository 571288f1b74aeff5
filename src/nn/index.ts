// The nn namespace: modules, parameters, layers, losses, containers, init and functional.
export { Module, typeName, type MemberOptions, type StateDictOptions } from './module';
export { Parameter, isParameter } from './parameter';
export { StateDictError, type StateDict, type StateDictInput, type IncompatibleKeys } from './state-dict';
export { Sequential, ModuleList, ModuleDict } from './containers';
export { Linear, Identity, type LinearOptions } from './layers/linear';
export { Conv2d, type Conv2dOptions, type PaddingMode } from './layers/conv';
export { ReLU, Sigmoid, Tanh, GELU, SiLU, LeakyReLU, Softmax, type GeluApproximate, type InplaceOptions } from './layers/activation';
export { Flatten, Unflatten } from './layers/shape';
export { Dropout } from './layers/dropout';
export { LayerNorm, type LayerNormOptions } from './layers/normalization';
export { Embedding, type EmbeddingOptions } from './layers/embedding';
export { MaxPool2d, AvgPool2d, type MaxPool2dOptions, type AvgPool2dOptions } from './layers/pooling';
export {
  MSELoss, L1Loss, CrossEntropyLoss, BCEWithLogitsLoss,
  type ReductionOptions, type CrossEntropyLossOptions, type BCEWithLogitsLossOptions,
} from './layers/loss';
// einops' layers (einops.layers.torch), written with the einops engine.
export { Rearrange, Reduce, EinMix, type EinMixOptions } from '../einops/layers';
export * as init from './init';
export * as functional from './functional';
