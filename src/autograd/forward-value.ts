// Forward values computed with ordinary ops but outside autograd (the op records its own node afterwards),
// with every temporary created on the way freed.
import { noGrad } from './grad-mode';
import { tidy } from '../lifetime';

/** Runs fn without recording, disposing every tensor it creates except those in its result. */
export function forwardValue<T>(fn: () => T): T {
  return tidy(() => noGrad(fn));
}
