// Tensor methods come from the op table: every op module's declared ops (src/ops/define.ts) are installed here, once,
// and their method types are derived from the same declarations. The package entry imports this module first, so the
// methods exist whatever a user imports.
import { installOps, type MethodsOf } from './ops/define';
import * as activations from './ops/elementwise/activations';
import * as arithmetic from './ops/elementwise/arithmetic';
import * as clamp from './ops/elementwise/clamp';
import * as compare from './ops/elementwise/compare';
import * as fill from './ops/elementwise/fill';
import * as ternary from './ops/elementwise/ternary';
import * as unary from './ops/elementwise/unary';
import * as where from './ops/elementwise/where';
import * as views from './ops/views';
import type { ViewProperties } from './ops/views';
import * as flipRoll from './ops/indexing/flip-roll';
import * as gatherScatter from './ops/indexing/gather-scatter';
import * as indexSelect from './ops/indexing/index-select';
import * as join from './ops/indexing/join';
import * as mask from './ops/indexing/mask';
import * as pad from './ops/indexing/pad';
import * as repeat from './ops/indexing/repeat';
import * as split from './ops/indexing/split';
import * as triangle from './ops/indexing/triangle';
import * as randomInplace from './creation/random-inplace';
import * as tensorMethods from './autograd/tensor-methods';
import * as extrema from './ops/reduce/extrema';
import * as logical from './ops/reduce/logical';
import * as norm from './ops/reduce/norm';
import * as prod from './ops/reduce/prod';
import * as scan from './ops/reduce/scan';
import * as softmax from './ops/reduce/softmax';
import * as sum from './ops/reduce/sum';
import * as variance from './ops/reduce/variance';
import * as nnConv from './nn/functional/conv';
import * as nnFold from './nn/functional/fold';
import * as nnPooling from './nn/functional/pooling';
import * as nnNormalization from './nn/functional/normalization';
import * as nnLoss from './nn/functional/loss';
import * as nnDropout from './nn/functional/dropout';
import * as nnEmbedding from './nn/functional/embedding';
import * as matmul from './ops/matmul';
import { Tensor } from './tensor';

/** The op modules whose declared ops become Tensor methods (function-only ops are listed too: the table is complete). */
export const OP_MODULES = {
  unary, activations, arithmetic, clamp, compare, fill, ternary, where,
  sum, prod, extrema, norm, variance, softmax, scan, logical,
  views, flipRoll, gatherScatter, indexSelect, join, mask, pad, repeat, split, triangle, randomInplace, tensorMethods,
  nnConv, nnFold, nnPooling, nnNormalization, nnLoss, nnDropout, nnEmbedding, matmul,
} as const;

type M<K extends keyof typeof OP_MODULES> = MethodsOf<(typeof OP_MODULES)[K]>;

declare module './tensor' {
  interface Tensor
    extends M<'unary'>, M<'activations'>, M<'arithmetic'>, M<'clamp'>, M<'compare'>, M<'fill'>, M<'ternary'>, M<'where'>,
      M<'views'>, ViewProperties, M<'flipRoll'>, M<'gatherScatter'>, M<'indexSelect'>, M<'join'>, M<'mask'>, M<'pad'>,
      M<'repeat'>, M<'split'>, M<'triangle'>, M<'randomInplace'>, M<'tensorMethods'>, M<'matmul'>,
      M<'sum'>, M<'prod'>, M<'extrema'>, M<'norm'>, M<'variance'>, M<'softmax'>, M<'scan'>, M<'logical'> {}
}

for (const module of Object.values(OP_MODULES)) installOps(Tensor.prototype, module);
