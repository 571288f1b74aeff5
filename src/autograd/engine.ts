// The backward engine: topological order over the nodes reachable from the roots, gradients summed per node
// output, leaf gradients accumulated into .grad (backward) or captured for the requested inputs (grad).
import { onesLike } from '../creation/factories';
import { AutogradError, ShapeError } from '../errors';
import { keep, tidy } from '../lifetime';
import { sameShape } from '../shape';
import type { Tensor } from '../tensor';
import { isGradEnabled, setGradEnabled } from './grad-mode';
import { AccumulateGrad, type Edge, type GradNode } from './node';
import { gradEdge } from './record';

export interface BackwardOptions {
  /** Keep saved tensors so that the graph can be differentiated again. Defaults to createGraph. */
  retainGraph?: boolean;
  /** Record the backward pass itself, for higher-order derivatives. */
  createGraph?: boolean;
}

export interface GradOptions extends BackwardOptions {
  /** Upstream gradients, one per output (required for non-scalar outputs). */
  gradOutputs?: (Tensor | null)[] | Tensor | null;
  /** Return null for inputs the outputs do not depend on, instead of throwing. */
  allowUnused?: boolean;
}

/**
 * torch.autograd.backward / Tensor.backward: accumulates d(roots)/d(leaf) into every leaf's .grad. Takes one root or
 * several (each with its own upstream gradient, null for a scalar root).
 */
export function backward(
  roots: Tensor | Tensor[],
  gradients?: Tensor | null | (Tensor | null)[],
  options: BackwardOptions = {},
): void {
  const rootList = Array.isArray(roots) ? roots : [roots];
  const gradList = gradients == null ? rootList.map(() => null) : Array.isArray(gradients) ? gradients : [gradients];
  run(rootList, gradList, options, null, false);
}

/** torch.autograd.grad: the gradients of outputs w.r.t. inputs, returned (not accumulated into .grad). */
export function grad(outputs: Tensor | Tensor[], inputs: Tensor | Tensor[], options: GradOptions = {}): (Tensor | null)[] {
  const outs = Array.isArray(outputs) ? outputs : [outputs];
  const ins = Array.isArray(inputs) ? inputs : [inputs];
  const go = options.gradOutputs;
  const gradOutputs = go == null ? outs.map(() => null) : Array.isArray(go) ? go : [go];
  return run(outs, gradOutputs, options, ins, options.allowUnused ?? false)!;
}

function run(
  roots: Tensor[],
  rootGrads: (Tensor | null)[],
  options: BackwardOptions,
  inputs: Tensor[] | null,
  allowUnused: boolean,
): (Tensor | null)[] | null {
  const createGraph = options.createGraph ?? false;
  const retainGraph = options.retainGraph ?? createGraph;
  if (rootGrads.length !== roots.length) {
    throw new ShapeError(`grad_tensors should have the same length as tensors: got ${rootGrads.length} gradients for ${roots.length} outputs`);
  }
  const rootEdges = roots.map((r, i) => {
    r._check();
    const e = gradEdge(r);
    if (e === null) throw new AutogradError(`element ${i} of tensors does not require grad and does not have a grad_fn`);
    return e;
  });
  const inputEdges = inputs?.map((t) => {
    t._check();
    const e = gradEdge(t);
    if (e === null) throw new AutogradError('One of the differentiated Tensors does not require grad');
    return e;
  });

  const previousMode = isGradEnabled();
  // Leaves' new .grad tensors escape every scope (the leaf owns them: dispose() releases them with it); the
  // gradients grad() returns leave the engine's scope as its result, so the caller's tidy() owns them.
  const kept: Tensor[] = [];
  try {
    setGradEnabled(createGraph);
    return tidy(() => {
      const order = topologicalOrder(rootEdges.map((e) => e.node));
      const needed = inputEdges ? nodesLeadingTo(order, new Set(inputEdges.map((e) => e.node))) : null;
      const buffers = new Map<GradNode, (Tensor | null)[]>();
      rootEdges.forEach((edge, i) => addGrad(buffers, edge, implicitRootGrad(roots[i], rootGrads[i], i)));

      const captured = inputEdges ? inputEdges.map((): Tensor | null => null) : null;
      for (const node of order) {
        const grads = buffers.get(node);
        buffers.delete(node);
        if (grads === undefined) continue;
        if (inputEdges) {
          inputEdges.forEach((e, i) => {
            if (e.node === node && grads[e.outputNr] != null) captured![i] = grads[e.outputNr];
          });
        }
        if (node.retained !== null) {
          for (const [nr, t] of node.retained) if (grads[nr] != null) accumulateInto(t, grads[nr]!, createGraph, kept);
        }
        if (node instanceof AccumulateGrad) {
          if (!inputEdges && grads[0] != null) accumulateInto(node.variable, grads[0], createGraph, kept);
          continue;
        }
        if (needed !== null && !needed.has(node)) continue;
        const inputGrads = node.apply(grads);
        if (!retainGraph) node.release();
        node.next.forEach((edge, i) => {
          const g = inputGrads[i];
          if (edge !== null && g != null) addGrad(buffers, edge, g);
        });
      }
      if (captured) {
        captured.forEach((g, i) => {
          if (g === null && !allowUnused) {
            throw new AutogradError(
              'One of the differentiated Tensors appears to not have been used in the graph. Set allow_unused=True if this is the desired behavior.',
            );
          }
          // A captured gradient may be a view of a tensor the engine disposes: hand out an owned copy.
          if (g !== null) captured[i] = createGraph ? g : g.detach().clone();
        });
      }
      for (const t of kept) keep(t);
      return captured;
    });
  } finally {
    setGradEnabled(previousMode);
  }
}

function implicitRootGrad(root: Tensor, given: Tensor | null, i: number): Tensor {
  if (given === null) {
    if (root.numel() !== 1) throw new AutogradError('grad can be implicitly created only for scalar outputs');
    return onesLike(root);
  }
  given._check();
  if (!sameShape(given.shape, root.shape)) {
    throw new ShapeError(
      `Mismatch in shape: grad_output[${i}] has a shape of torch.Size([${given.shape.join(', ')}]) and output[${i}] has a shape of torch.Size([${root.shape.join(', ')}]).`,
    );
  }
  return given;
}

function addGrad(buffers: Map<GradNode, (Tensor | null)[]>, edge: Edge, g: Tensor): void {
  let slots = buffers.get(edge.node);
  if (slots === undefined) {
    slots = edge.node.outputs.map(() => null);
    buffers.set(edge.node, slots);
  }
  const existing = slots[edge.outputNr];
  slots[edge.outputNr] = existing === null ? g : existing.add(g);
}

/**
 * Adds g into t.grad (a fresh copy the first time, so .grad never aliases a tensor the caller holds); with
 * createGraph the sum is a new tensor with history, which replaces the old .grad.
 */
function accumulateInto(t: Tensor, g: Tensor, createGraph: boolean, kept: Tensor[]): void {
  if (t._disposed) return;
  const previous = t.grad;
  let next: Tensor;
  if (previous === null || previous._disposed) next = createGraph ? g : g.detach().clone();
  else if (createGraph) next = previous.add(g);
  else {
    previous.add_(g.detach());
    return;
  }
  t.grad = next;
  kept.push(next);
  // The leaf owns its .grad: the one replaced by an accumulation with createGraph goes (the sum saves nothing of it).
  if (previous !== null && !previous._disposed) previous.dispose();
}

/** Nodes reachable from the roots, each after every node that feeds gradient into it (reverse DFS post-order). */
function topologicalOrder(roots: GradNode[]): GradNode[] {
  const visited = new Set<GradNode>();
  const post: GradNode[] = [];
  const stack: { node: GradNode; nextIndex: number }[] = [];
  for (const root of roots) {
    if (visited.has(root)) continue;
    visited.add(root);
    stack.push({ node: root, nextIndex: 0 });
    while (stack.length > 0) {
      const top = stack[stack.length - 1];
      if (top.nextIndex < top.node.next.length) {
        const edge = top.node.next[top.nextIndex++];
        if (edge !== null && !visited.has(edge.node)) {
          visited.add(edge.node);
          stack.push({ node: edge.node, nextIndex: 0 });
        }
      } else {
        post.push(top.node);
        stack.pop();
      }
    }
  }
  return post.reverse();
}

/** The nodes (in `order`) from which one of `targets` can be reached: only these run for grad(). */
function nodesLeadingTo(order: GradNode[], targets: Set<GradNode>): Set<GradNode> {
  const needed = new Set<GradNode>();
  for (let i = order.length - 1; i >= 0; i--) {
    const node = order[i];
    if (targets.has(node) || node.next.some((e) => e !== null && needed.has(e.node))) needed.add(node);
  }
  return needed;
}
