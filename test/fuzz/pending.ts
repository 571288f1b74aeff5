// Disagreements with PyTorch caused by wasmgrad bugs that are not fixed yet, with the corpus cases that show them.
// Delete an entry once its fix is in: the fuzz test then fails if a listed case still disagrees, and fails too if a
// case listed here starts to agree while its entry is still here.
import type { ExpectedDisagreement } from './expected';

export const PENDING: readonly ExpectedDisagreement[] = [
  { reason: 'atan2 with a scalar operand: backward throws (mul() of two scalars)', cases: [322, 422, 511, 788, 1207, 2056, 2311] },
  { reason: 'nllLoss / crossEntropy with an expanded weight: DisposedError', cases: [90, 2947] },
  { reason: 'sub / rsub with bool operands: computed where PyTorch refuses', cases: [487, 1310, 2905] },
  { reason: 'var / varMean of one element: gradient NaN where PyTorch gives -inf', cases: [479] },
  { reason: 'relu backward at NaN', cases: [2889] },
  { reason: 'relu sign of zero (relu(-0) is -0 in PyTorch)', cases: [2815] },
  { reason: '+-0 ties in max / min / maximum / clamp (amin gives -0 where PyTorch gives 0)', cases: [1616] },
  { reason: 'crossEntropy with every target ignored under label smoothing: NaN gradient', cases: [305] },
  { reason: 'linalg.matrixNorm with ord +-inf and keepdim: wrong shape', cases: [751] },
];
