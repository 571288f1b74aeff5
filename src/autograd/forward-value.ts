// Forward values computed with ordinary ops but outside autograd (the op records its own node afterwards),
// with every temporary created on the way freed.
import { noGrad } from './grad-mode';
import { tidy } from '../lifetime';
import type { Tensor } from '../tensor';

/** Runs fn without recording, disposing every tensor it creates except those in its result. */
export function forwardValue<T>(fn: () => T): T {
  return tidy(() => noGrad(fn));
}

/** t itself when contiguous, else a contiguous copy made outside autograd (the caller disposes it when it is not t). */
export function contiguousValue(t: Tensor): Tensor {
  return t._contiguous ? t : forwardValue(() => t.contiguous());
}
