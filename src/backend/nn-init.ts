// Element-wise writes of nn.init that run in JavaScript, over a contiguous tensor's elements.
import type { TensorBuffer } from './buffer';
import { elementsOf } from './elements';

/** Replaces every element x of a contiguous tensor by f(x), in memory order (stored in its dtype); f must not allocate. */
export function mapElementsInPlace(t: TensorBuffer, f: (x: number) => number): void {
  const data = elementsOf(t);
  for (let i = 0; i < data.length; i++) data[i] = f(data[i]);
}

/** Writes the identity into a contiguous [rows, cols] tensor: ones on the main diagonal, zeros elsewhere. */
export function writeIdentity(t: TensorBuffer): void {
  const [rows, cols] = t.shape;
  const data = elementsOf(t);
  data.fill(0);
  for (let i = 0; i < Math.min(rows, cols); i++) data[i * cols + i] = 1;
}
