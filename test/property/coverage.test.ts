// Every kernel the host declares (src/backend/kernels/*.ts, the wasm exports) has a property test here: the table
// names the file that drives it (directly, or through the op that the kernel implements). A new kernel fails this
// test until its property test is written and listed.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { declaredKernels } from '../support/kernel-declarations';

/** Kernel name prefixes (a prefix covers its F32 / F64 / I32 / U8 and Reference forms) -> property test file. */
const COVERED_BY: Record<string, string> = {
  heapBase: 'copy-cast-fill', // the allocator's first address: every tensor of every property lives above it
  cast: 'copy-cast-fill',
  copyStrided: 'copy-cast-fill',
  copyStridedToStrided: 'copy-cast-fill',
  fill: 'copy-cast-fill',
  unary: 'elementwise-unary',
  logicalNotU8: 'elementwise-unary',
  binary: 'elementwise-binary',
  binaryNd: 'elementwise-binary',
  compare: 'elementwise-binary',
  compareNd: 'elementwise-binary',
  whereNd: 'elementwise-binary',
  ternary: 'elementwise-ternary',
  ternaryNd: 'elementwise-ternary',
  reduceInner: 'reduce',
  reduceOuter: 'reduce',
  reduceInnerReference: 'reduce',
  reduceOuterReference: 'reduce',
  argReduceInner: 'reduce',
  argReduceOuter: 'reduce',
  argReduceReference: 'reduce',
  varianceInner: 'reduce',
  varianceOuter: 'reduce',
  varianceReference: 'reduce',
  logsumexpInner: 'reduce',
  logsumexpOuter: 'reduce',
  logsumexpReference: 'reduce',
  softmaxInner: 'scan-softmax',
  softmaxOuter: 'scan-softmax',
  softmaxReference: 'reduce',
  scanInner: 'scan-softmax',
  scanOuter: 'scan-softmax',
  scanReference: 'scan-softmax',
  gemm: 'matmul',
  gemmWorkspaceBytes: 'matmul',
  gemmReference: 'matmul',
  findIndexOutside: 'indexing',
  wrapNegativeIndices: 'indexing',
  indexSelect: 'indexing',
  gather: 'indexing',
  scatter: 'indexing',
  scatterAdd: 'indexing',
  indexAdd: 'indexing',
  triangleMask: 'indexing',
  countNonzero: 'indexing',
  nonzeroIndices: 'indexing',
  unravelIndices: 'indexing',
  im2col: 'nn-conv-pool',
  col2im: 'nn-conv-pool',
  addRunScalarF32: 'nn-conv-pool',
  addRunSimdF32: 'nn-conv-pool',
  addChannelBias: 'nn-conv-pool',
  // Recomputes border outputs from in-range taps when a weight is not finite: held against PyTorch there.
  convPaddingFix: '../reliability-fixes',
  maxPool: 'nn-conv-pool',
  avgPool: 'nn-conv-pool',
  avgPoolBackward: 'nn-conv-pool',
  planeGather: 'nn-conv-pool',
  planeScatterAdd: 'nn-conv-pool',
  layerNorm: 'nn-norm-loss-embedding',
  layerNormBackward: 'nn-norm-loss-embedding',
  nllLoss: 'nn-norm-loss-embedding',
  nllGradCoefficients: 'nn-norm-loss-embedding',
  binaryCrossEntropy: 'nn-norm-loss-embedding',
  minMaxI32: 'nn-norm-loss-embedding',
  rowGather: 'nn-norm-loss-embedding',
  rowScatterAdd: 'nn-norm-loss-embedding',
  rowRenorm: 'nn-norm-loss-embedding',
  oneHotI32: 'nn-norm-loss-embedding',
  bernoulliScale: 'random-fill',
  sgdStep: 'optim',
  adamStep: 'optim',
  jacobiSvdF64: 'linalg',
  orthonormalCompleteF64: 'linalg',
};

/** The table entry of a kernel: its own name, or its name without the dtype suffix and "Reference". */
function entryOf(kernel: string): string | undefined {
  const base = kernel.replace(/(F32|F64|I32|U8)(Reference)?$/, '');
  const withReference = kernel.replace(/(F32|F64|I32|U8)$/, '');
  return [kernel, withReference, base].find((name) => name in COVERED_BY);
}

describe('property test coverage of the kernels', () => {
  const declared = [...declaredKernels(join(__dirname, '..', '..', 'src', 'backend', 'kernels')).keys()];

  it('every declared kernel has a property test file', () => {
    const missing = declared.filter((k) => entryOf(k) === undefined);
    expect(missing, 'kernels without a property test').toEqual([]);
    for (const file of new Set(Object.values(COVERED_BY))) expect(existsSync(join(__dirname, `${file}.test.ts`)), file).toBe(true);
  });

  it('every table entry names a declared kernel', () => {
    const used = new Set(declared.map(entryOf));
    expect(Object.keys(COVERED_BY).filter((name) => !used.has(name))).toEqual([]);
  });
});
