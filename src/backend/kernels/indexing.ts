/** Index and shape kernels: gather, index_select, scatter-add, triangular masks, flips, rolls, padding. */
// eslint-disable-next-line @typescript-eslint/no-empty-interface
export interface IndexingKernels {}
