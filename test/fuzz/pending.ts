// Disagreements with PyTorch caused by wasmgrad bugs that are not fixed yet, with the corpus cases that show them.
// Delete an entry once its fix is in: the fuzz test then fails if a listed case still disagrees, and fails too if a
// case listed here starts to agree while its entry is still here.
import type { ExpectedDisagreement } from './expected';

export const PENDING: readonly ExpectedDisagreement[] = [
  { reason: '+-0 ties in max / min / maximum / clamp (amin gives -0 where PyTorch gives 0)', cases: [1616] },
];
