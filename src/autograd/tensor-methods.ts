// Tensor.backward(): torch.Tensor.backward(gradient=None, retain_graph=None, create_graph=False).
import { installMethods } from '../ops/install';
import type { Tensor } from '../tensor';
import { backward, type BackwardOptions } from './engine';

declare module '../tensor' {
  interface Tensor {
    /** Accumulates the gradient of this tensor w.r.t. every leaf into their .grad. */
    backward(gradient?: Tensor | null, options?: BackwardOptions): void;
  }
}

installMethods({
  backward: (self: Tensor, gradient?: Tensor | null, options?: BackwardOptions) => backward(self, gradient, options),
});
