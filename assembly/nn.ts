// Neural-network kernels: im2col/col2im for convolution, pooling, normalisation, losses, optimiser steps.
export {};
