// Shape-building and indexing ops: the public functions (their Tensor methods come from the op table, src/methods.ts).
export { cat, stack, hstack, vstack } from './join';
export { split, chunk, unbind, tensorSplit } from './split';
export { indexSelect, indexAdd, indexAdd_, take } from './index-select';
export { gather, scatter, scatter_, scatterAdd, scatterAdd_ } from './gather-scatter';
export { nonzero, argwhere, maskedSelect, type NonzeroOptions } from './mask';
export { triu, tril, triu_, tril_, diag, diagEmbed } from './triangle';
export { flip, fliplr, flipud, roll } from './flip-roll';
export { repeat, tile } from './repeat';
export { pad, type PadMode, type PadOptions } from './pad';
export type { DimArg } from './common';
