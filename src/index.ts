// wasmgrad: the public API. Re-exports only.
import './methods';

export * from './ops/elementwise';
export * from './ops/reduce';
export * from './ops/indexing';
export * from './ops/matmul';

export { Tensor, type NestedArray, type AnyTypedArray } from './tensor';
export type { DType } from './dtype';
export { promoteTypes } from './dtype';
export { ShapeError, DTypeError, IndexError, AutogradError, DisposedError, NotSupportedError } from './errors';
export { OutOfMemoryError } from './backend/allocator';
export { backendInfo, type BackendInfo } from './backend/wasm';
export { memory, tidy, keep, type MemoryInfo } from './lifetime';
export {
  tensor, zeros, ones, full, empty, arange, linspace, eye,
  zerosLike, onesLike, fullLike, emptyLike,
  rand, randn, randint, randperm, randLike, randnLike,
  type TensorOptions, type RandomOptions,
} from './creation/factories';
export { Generator, manualSeed, defaultGenerator } from './random';
export { setPrintOptions, getPrintOptions, type PrintOptions } from './format';
export { noGrad, enableGrad, isGradEnabled, setGradEnabled } from './autograd/grad-mode';
export { backward, grad, type BackwardOptions, type GradOptions } from './autograd/engine';
export {
  view, reshape, permute, transpose, t, expand, unsqueeze, squeeze, flatten, unflatten,
  narrow, select, diagonal, contiguous, clone, detach,
} from './ops/views';
export { gradcheck, gradgradcheck, GradcheckError, type GradcheckOptions } from './autograd/gradcheck';
export * as linalg from './linalg';
export * as nn from './nn';
export * as optim from './optim';
export { saveSafetensors, loadSafetensors, readSafetensorsHeader, SafetensorsError } from './io';
export { rearrange, repeat, reduce, parseShape, pack, unpack, EinopsError } from './einops';
export * as einops from './einops';
