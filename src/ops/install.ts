// Installs op functions as Tensor methods: `fn(self, ...args)` becomes `tensor.name(...args)`.
// Each op module declares the method types on Tensor by module augmentation and calls this once.
import { Tensor } from '../tensor';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type SelfFn = (self: Tensor, ...args: any[]) => unknown;

export function installMethods(methods: Record<string, SelfFn>): void {
  const proto = Tensor.prototype as unknown as Record<string, unknown>;
  for (const [name, fn] of Object.entries(methods)) {
    proto[name] = function (this: Tensor, ...args: unknown[]) {
      return fn(this, ...args);
    };
  }
}
