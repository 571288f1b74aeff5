import type { Tensor } from '../../src/index';

/** One ops.json case as wasmgrad code: receives the fixture's inputs (float ones require grad), returns the output. */
export type OpCase = (inputs: Tensor[]) => Tensor;

export interface CaseTable {
  [name: string]: OpCase | { run: OpCase; /** Reduction length, for the matmul-type tolerance. */ reductionLength: number };
}
