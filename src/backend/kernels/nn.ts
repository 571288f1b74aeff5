/** Neural-network kernels: im2col/col2im for convolution, pooling, normalisation, losses, optimiser steps. */
// eslint-disable-next-line @typescript-eslint/no-empty-interface
export interface NnKernels {}
