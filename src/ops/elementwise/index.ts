// Elementwise ops: the public functions. Each module below exports only its declared ops and their option types, so
// an op added to a module is public at once; its Tensor method and in-place variant come from the same declaration
// (src/methods.ts).
export * from './activations';
export * from './arithmetic';
export * from './clamp';
export * from './compare';
export * from './ternary';
export * from './unary';
export * from './where';
export type { InplaceOptions, Scalar, TensorOrScalar } from './operands';
