// How an op joins the graph: after computing its outputs, it records a node with its backward formula.
import type { Tensor } from '../tensor';
import { isGradEnabled } from './grad-mode';
import { type BackwardFn, type Edge, FunctionNode, type GradNode, leafAccumulator, SavedTensor } from './node';

type MaybeTensor = Tensor | null | undefined;

/**
 * True when the op must record a node: grad mode is on and some input requires grad. Called by every op, so the
 * usual one to three inputs are named parameters (no arguments array to build); any further ones come in `more`.
 */
export function needsGrad(a?: MaybeTensor, b?: MaybeTensor, c?: MaybeTensor, ...more: MaybeTensor[]): boolean {
  if (!isGradEnabled()) return false;
  if ((a != null && a._requiresGrad) || (b != null && b._requiresGrad) || (c != null && c._requiresGrad)) return true;
  for (let i = 0; i < more.length; i++) {
    const t = more[i];
    if (t != null && t._requiresGrad) return true;
  }
  return false;
}

/** The edge from a consumer to the producer of `t` (its grad_fn, or its AccumulateGrad when it is a leaf). */
export function gradEdge(t: Tensor | null | undefined): Edge | null {
  if (t == null || !t._requiresGrad) return null;
  if (t.gradFn !== null) return { node: t.gradFn as GradNode, outputNr: t._outputNr };
  return { node: leafAccumulator(t), outputNr: 0 };
}

/**
 * Links `outputs` to a new node named `name` (PyTorch's grad_fn name, e.g. 'MulBackward0').
 * `backward(gradOutputs, saved)` returns one gradient per input (null for none); it is written with
 * differentiable ops so that createGraph gives higher derivatives. `save` lists tensors the formula needs:
 * they are handed back unpacked (version-checked) as `saved`, in order; `args` (the op's non-tensor arguments) is
 * handed back as the third argument, so that `backward` can be declared once per op. Call only when
 * needsGrad(...inputs).
 */
export function record<A>(
  name: string,
  inputs: readonly (Tensor | null | undefined)[],
  outputs: readonly Tensor[],
  backward: BackwardFn<A>,
  save: readonly Tensor[] = [],
  args?: A,
): void {
  const next = inputs.map(gradEdge);
  const node = new FunctionNode(
    name,
    next,
    outputs.map((o) => ({ shape: o.shape, dtype: o.dtype })),
    backward,
    args,
  );
  // The node holds the producers of its inputs, and each output holds the node (src/autograd/node.ts).
  for (let i = 0; i < next.length; i++) next[i]?.node._addHolder();
  for (let i = 0; i < outputs.length; i++) {
    const o = outputs[i];
    const previous = o.gradFn;
    o.gradFn = node;
    o._outputNr = i;
    o._requiresGrad = true;
    node._addHolder();
    (previous as GradNode | null)?._dropHolder();
  }
  if (save.length > 0) {
    node.setSaved(
      save.map((t) => {
        const outputNr = outputs.indexOf(t);
        return new SavedTensor(t, node, outputNr >= 0 ? outputNr : null);
      }),
    );
  }
}

/**
 * An in-place op on `x` under autograd: x takes `result`'s place in the graph (its node, output number and
 * requires_grad), holding the new node and letting go of the one it had.
 */
export function takeHistory(x: Tensor, result: Tensor): void {
  const previous = x.gradFn as GradNode | null;
  const node = result.gradFn as GradNode | null;
  node?._addHolder();
  x.gradFn = node;
  x._outputNr = result._outputNr;
  x._requiresGrad = result._requiresGrad;
  previous?._dropHolder();
}
