// Intermediate views made inside a composite op (expand, reshape, transpose ...) are released when the op is
// done: the result and the autograd graph keep what they need, so only the handles go. When the op fails part way
// (a shape error in the product, an OutOfMemoryError), every temporary made so far goes too.
import type { Tensor } from '../../tensor';

export class Temporaries {
  private readonly held: Tensor[] = [];

  /** @param keep tensors never to release (the op's inputs). */
  private constructor(private readonly keep: readonly Tensor[]) {}

  /** Runs `body` with a fresh set of temporaries and returns its result; the temporaries are released either way. */
  static run(keep: readonly Tensor[], body: (temps: Temporaries) => Tensor): Tensor {
    const temps = new Temporaries(keep);
    let result: Tensor;
    try {
      result = body(temps);
    } catch (error) {
      temps.releaseExcept(null);
      throw error;
    }
    return temps.releaseExcept(result);
  }

  /** Registers t for release (unless it is one of the kept tensors) and returns it. */
  add(t: Tensor): Tensor {
    if (!this.keep.includes(t) && !this.held.includes(t)) this.held.push(t);
    return t;
  }

  /** Releases every registered tensor except `result`, and returns `result`. */
  private releaseExcept<T extends Tensor | null>(result: T): T {
    for (const t of this.held) if (t !== result) t.dispose();
    this.held.length = 0;
    return result;
  }
}
