// Tensor.backward(): torch.Tensor.backward(gradient=None, retain_graph=None, create_graph=False), a method only
// (the function torch.autograd.backward, which takes several roots, is engine.ts's `backward`).
import { defineOp } from '../ops/define';
import type { Tensor } from '../tensor';
import { backward as runBackward, type BackwardOptions } from './engine';

/** Accumulates the gradient of this tensor w.r.t. every leaf into their .grad. */
function tensorBackward(self: Tensor, gradient?: Tensor | null, options?: BackwardOptions): void {
  runBackward(self, gradient, options);
}

export const backward = defineOp('backward', tensorBackward);
