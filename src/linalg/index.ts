// torch.linalg.
export { svd, svdvals, type SVDResult } from './svd';
export { matrixNorm, type MatrixNormOrd, type MatrixNormOptions } from './norms';
