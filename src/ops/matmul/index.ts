// Matrix products: the op module whose declared ops become Tensor methods (src/methods.ts).
export { einsum } from './einsum';
export { linear } from './linear';
export { matmul } from './matmul';
export { addmm, bmm, dot, ger, mm, mv, outer, type AddmmOptions } from './products';
