// Matrix products: public functions and their Tensor methods.
import { Tensor } from '../../tensor';
import { installMethods } from '../install';
import { einsum } from './einsum';
import { linear } from './linear';
import { matmul } from './matmul';
import { addmm, bmm, dot, ger, mm, mv, outer, type AddmmOptions } from './products';

export { matmul, mm, bmm, mv, dot, outer, ger, addmm, linear, einsum, type AddmmOptions };

declare module '../../tensor' {
  interface Tensor {
    matmul(other: Tensor): Tensor;
    mm(mat2: Tensor): Tensor;
    bmm(mat2: Tensor): Tensor;
    mv(vec: Tensor): Tensor;
    dot(other: Tensor): Tensor;
    outer(vec2: Tensor): Tensor;
    ger(vec2: Tensor): Tensor;
    addmm(mat1: Tensor, mat2: Tensor, options?: AddmmOptions): Tensor;
  }
}

installMethods({ matmul, mm, bmm, mv, dot, outer, ger, addmm });

// Tensor is imported for the module augmentation above.
void Tensor;
