/** The einops engine: pattern parsing, cached recipes, and the operations over any EinopsBackend. */
export { EinopsError } from './errors.js';
export type { BackendReduction, EinopsBackend } from './backend.js';
export { rearrange, repeat, reduce, parseShape, pack, unpack, einsum } from './api.js';
export type { AxesLengths, Reduction, ReductionFunction, TensorOrList } from './api.js';
export { compactEinsumPattern } from './einsum.js';
export { REDUCTIONS, prepareRecipe, planTransform } from './recipe.js';
export type { ReductionName, TransformPlan, TransformRecipe } from './recipe.js';
