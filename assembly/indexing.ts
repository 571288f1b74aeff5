// Index and shape kernels: gather, index_select, scatter-add, triangular masks, flips, rolls, padding.
export {};
