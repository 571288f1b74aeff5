// The wasm exports: exactly the kernels declared in src/backend/kernels/*.ts (test/kernel-abi.test.ts checks both
// ways). Named lists, not `export *`, so that a helper exported between kernel files never becomes a wasm export.
// Every parameter and result is a number (i32 / f64 / usize): nothing here takes or returns v128.
export { heapBase } from './memory';
export { cast, copyStrided, copyStridedToStrided, fillF32, fillF64, fillI32, fillU8 } from './copy';
export { logicalNotU8, unaryF32, unaryF64, unaryI32 } from './elementwise-unary';
export {
  binaryF32, binaryF64, binaryI32, binaryNdF32, binaryNdF64, binaryNdI32, binaryNdU8, binaryU8,
} from './elementwise-binary';
export { compareF32, compareF64, compareI32, compareNdF32, compareNdF64, compareNdI32 } from './elementwise-compare';
export { whereNd } from './elementwise-where';
export { ternaryF32, ternaryF64, ternaryNdF32, ternaryNdF64 } from './elementwise-ternary';
export {
  argReduceInnerF32, argReduceInnerF64, argReduceInnerI32, argReduceInnerU8, argReduceOuterF32, argReduceOuterF64,
  argReduceOuterI32, argReduceOuterU8, argReduceReferenceF32, argReduceReferenceF64, argReduceReferenceI32,
  argReduceReferenceU8, logsumexpInnerF32, logsumexpInnerF64, logsumexpOuterF32, logsumexpOuterF64,
  logsumexpReferenceF32, logsumexpReferenceF64, reduceInnerF32, reduceInnerF64, reduceInnerI32,
  reduceInnerReferenceF32, reduceInnerReferenceF64, reduceInnerReferenceI32, reduceInnerReferenceU8, reduceInnerU8,
  reduceOuterF32, reduceOuterF64, reduceOuterI32, reduceOuterReferenceF32, reduceOuterReferenceF64,
  reduceOuterReferenceI32, reduceOuterReferenceU8, reduceOuterU8, scanInnerF32, scanInnerF64, scanInnerI32,
  scanOuterF32, scanOuterF64, scanOuterI32, scanReferenceF32, scanReferenceF64, scanReferenceI32, softmaxInnerF32,
  softmaxInnerF64, softmaxOuterF32, softmaxOuterF64, softmaxReferenceF32, softmaxReferenceF64, varianceInnerF32,
  varianceInnerF64, varianceOuterF32, varianceOuterF64, varianceReferenceF32, varianceReferenceF64,
} from './reduce';
export { gemmF32, gemmF64, gemmReferenceF32, gemmReferenceF64, gemmWorkspaceBytes } from './matmul';
export {
  countNonzeroF32, countNonzeroF64, countNonzeroI32, countNonzeroU8, findIndexOutside, gather, indexAddF32,
  indexAddF64, indexAddI32, indexSelect, nonzeroIndicesF32, nonzeroIndicesF64, nonzeroIndicesI32, nonzeroIndicesU8,
  scatter, scatterAddF32, scatterAddF64, scatterAddI32, triangleMask, unravelIndices, wrapNegativeIndices,
} from './indexing';
export {
  addChannelBiasF32, addChannelBiasF64, addRunScalarF32, addRunSimdF32, avgPoolBackwardF32, avgPoolBackwardF64,
  avgPoolF32, avgPoolF64, bernoulliScaleF32, bernoulliScaleF64, binaryCrossEntropyF32, binaryCrossEntropyF64,
  col2imF32, col2imF64, convPaddingFixF32, convPaddingFixF64, im2col, layerNormBackwardF32, layerNormBackwardF64, layerNormF32, layerNormF64, maxPoolF32,
  maxPoolF64, minMaxI32, nllGradCoefficientsF32, nllGradCoefficientsF64, nllLossF32, nllLossF64,
  oneHotI32, planeGatherF32, planeGatherF64, planeScatterAddF32, planeScatterAddF64, rowGather,
  rowRenormF32, rowRenormF64, rowScatterAddF32, rowScatterAddF64,
} from './nn';
export {
  adamStepF32, adamStepF32Reference, adamStepF64, adamStepF64Reference, sgdStepF32, sgdStepF32Reference, sgdStepF64,
  sgdStepF64Reference,
} from './optim';
export { jacobiSvdF64, orthonormalCompleteF64 } from './linalg';
