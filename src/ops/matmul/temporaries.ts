// Intermediate views made inside a composite op (expand, reshape, transpose ...) are released when the op is
// done: the result and the autograd graph keep what they need, so only the handles go.
import type { Tensor } from '../../tensor';

export class Temporaries {
  private readonly held: Tensor[] = [];

  /** @param keep tensors never to release (the op's inputs). */
  constructor(private readonly keep: readonly Tensor[]) {}

  /** Registers t for release (unless it is one of the kept tensors) and returns it. */
  add(t: Tensor): Tensor {
    if (!this.keep.includes(t) && !this.held.includes(t)) this.held.push(t);
    return t;
  }

  /** Releases every registered tensor except `result`, and returns `result`. */
  release(result: Tensor): Tensor {
    for (const t of this.held) if (t !== result) t.dispose();
    this.held.length = 0;
    return result;
  }
}
