// Tensor methods come from the op table: every op module's declared ops (src/ops/define.ts) are installed here, once,
// and their method types are derived from the same declarations. The package entry imports this module first, so the
// methods exist whatever a user imports.
import { installOps, type MethodsOf } from './ops/define';
import * as unary from './ops/elementwise/unary';
import * as matmul from './ops/matmul';
import { Tensor } from './tensor';

/** The op modules whose declared ops become Tensor methods. */
export const OP_MODULES = { unary, matmul } as const;

type M<K extends keyof typeof OP_MODULES> = MethodsOf<(typeof OP_MODULES)[K]>;

declare module './tensor' {
  interface Tensor extends M<'unary'>, M<'matmul'> {}
}

for (const module of Object.values(OP_MODULES)) installOps(Tensor.prototype, module);
