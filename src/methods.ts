// Tensor methods come from the op table: every op module's declared ops (src/ops/define.ts) are installed here, once,
// and their method types are derived from the same declarations. The package entry imports this module first, so the
// methods exist whatever a user imports.
import { installOps, type MethodsOf } from './ops/define';
import * as unary from './ops/elementwise/unary';
import * as extrema from './ops/reduce/extrema';
import * as logical from './ops/reduce/logical';
import * as norm from './ops/reduce/norm';
import * as prod from './ops/reduce/prod';
import * as scan from './ops/reduce/scan';
import * as softmax from './ops/reduce/softmax';
import * as sum from './ops/reduce/sum';
import * as variance from './ops/reduce/variance';
import { Tensor } from './tensor';

/** The op modules whose declared ops become Tensor methods. */
export const OP_MODULES = { unary, sum, prod, extrema, norm, variance, softmax, scan, logical } as const;

type M<K extends keyof typeof OP_MODULES> = MethodsOf<(typeof OP_MODULES)[K]>;

declare module './tensor' {
  interface Tensor extends M<'unary'>, M<'sum'>, M<'prod'>, M<'extrema'>, M<'norm'>, M<'variance'>, M<'softmax'>, M<'scan'>, M<'logical'> {}
}

for (const module of Object.values(OP_MODULES)) installOps(Tensor.prototype, module);
