/**
 * Neural-network kernels (assembly/nn*.ts): im2col/col2im, pooling, layer norm, losses, embedding, dropout.
 * Pointers are byte addresses; `geo` and `bounds` point at i32 words (see the comments in the kernel files).
 */
export interface NnKernels {
  // convolution (assembly/nn-conv.ts)
  im2col(elemBytes: number, src: number, dst: number, geo: number): void;
  col2imF32(src: number, dst: number, geo: number): void;
  col2imF64(src: number, dst: number, geo: number): void;
  convPaddingFixF32(src: number, weight: number, dst: number, geo: number, O: number, G: number): void;
  convPaddingFixF64(src: number, weight: number, dst: number, geo: number, O: number, G: number): void;
  addRunScalarF32(to: number, from: number, count: number): void;
  addRunSimdF32(to: number, from: number, count: number): void;
  addChannelBiasF32(out: number, bias: number, N: number, C: number, L: number): void;
  addChannelBiasF64(out: number, bias: number, N: number, C: number, L: number): void;

  // pooling (assembly/nn-pool.ts)
  maxPoolF32(src: number, dst: number, indices: number, P: number, H: number, W: number, OH: number, OW: number, dilH: number, dilW: number, bounds: number): void;
  maxPoolF64(src: number, dst: number, indices: number, P: number, H: number, W: number, OH: number, OW: number, dilH: number, dilW: number, bounds: number): void;
  avgPoolF32(src: number, dst: number, P: number, H: number, W: number, OH: number, OW: number, bounds: number): void;
  avgPoolF64(src: number, dst: number, P: number, H: number, W: number, OH: number, OW: number, bounds: number): void;
  avgPoolBackwardF32(grad: number, dst: number, P: number, H: number, W: number, OH: number, OW: number, bounds: number): void;
  avgPoolBackwardF64(grad: number, dst: number, P: number, H: number, W: number, OH: number, OW: number, bounds: number): void;
  planeGatherF32(src: number, indices: number, dst: number, P: number, planeSize: number, L: number): void;
  planeGatherF64(src: number, indices: number, dst: number, P: number, planeSize: number, L: number): void;
  planeScatterAddF32(src: number, indices: number, dst: number, P: number, planeSize: number, L: number): void;
  planeScatterAddF64(src: number, indices: number, dst: number, P: number, planeSize: number, L: number): void;

  // normalisation (assembly/nn-norm.ts); weight/bias 0 when absent
  layerNormF32(src: number, dst: number, weight: number, bias: number, mean: number, rstd: number, rows: number, D: number, eps: number): void;
  layerNormF64(src: number, dst: number, weight: number, bias: number, mean: number, rstd: number, rows: number, D: number, eps: number): void;
  layerNormBackwardF32(grad: number, src: number, weight: number, mean: number, rstd: number, gx: number, gw: number, gb: number, rows: number, D: number): void;
  layerNormBackwardF64(grad: number, src: number, weight: number, mean: number, rstd: number, gx: number, gw: number, gb: number, rows: number, D: number): void;

  // losses (assembly/nn-loss.ts)
  nllLossF32(input: number, target: number, weight: number, loss: number, totals: number, N: number, C: number, S: number, ignoreIndex: number): number;
  nllLossF64(input: number, target: number, weight: number, loss: number, totals: number, N: number, C: number, S: number, ignoreIndex: number): number;
  nllGradCoefficientsF32(target: number, weight: number, dst: number, N: number, C: number, S: number, ignoreIndex: number, scale: number): void;
  nllGradCoefficientsF64(target: number, weight: number, dst: number, N: number, C: number, S: number, ignoreIndex: number, scale: number): void;
  binaryCrossEntropyF32(input: number, target: number, dst: number, n: number): number;
  binaryCrossEntropyF64(input: number, target: number, dst: number, n: number): number;
  minMaxI32(src: number, n: number, out: number): void;

  // embedding, one-hot, dropout (assembly/nn-embed.ts)
  rowGather(elemBytes: number, table: number, indices: number, dst: number, n: number, D: number, zeroIndex: number): void;
  rowScatterAddF32(src: number, indices: number, dst: number, n: number, D: number, rows: number, skipIndex: number): void;
  rowScatterAddF64(src: number, indices: number, dst: number, n: number, D: number, rows: number, skipIndex: number): void;
  rowRenormF32(table: number, indices: number, n: number, D: number, maxNorm: number, p: number): void;
  rowRenormF64(table: number, indices: number, n: number, D: number, maxNorm: number, p: number): void;
  oneHotI32(indices: number, n: number, classes: number, dst: number): void;
  bernoulliScaleF32(data: number, n: number, keep: number, scale: number): void;
  bernoulliScaleF64(data: number, n: number, keep: number, scale: number): void;
}
