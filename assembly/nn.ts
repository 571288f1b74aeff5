// Neural-network kernels: im2col/col2im for convolution, pooling, normalisation, losses, embedding and dropout.
export * from './nn-conv';
export * from './nn-pool';
export * from './nn-norm';
export * from './nn-loss';
export * from './nn-embed';
