// Graph nodes (PyTorch's grad_fn objects). A node maps the gradients of its outputs to gradients of its inputs;
// `next` points at the nodes that produced those inputs (or at a leaf's AccumulateGrad).
//
// Lifetime: PyTorch's graph is owned by shared pointers (each output's grad_fn, each consumer's next edge), so a node
// and its saved tensors go with the last reference to it. Here a FunctionNode counts the same holders: the live
// tensors whose gradFn it is, saved handles of tensors it produced for other nodes, and the edges of nodes not yet
// freed. When the count reaches zero no live tensor can reach the node for backward any more: it releases its saved
// tensors and drops its own edges, which may free the nodes upstream in turn.
import type { DType } from '../dtype';
import { AutogradError } from '../errors';
import { keep } from '../lifetime';
import type { Tensor } from '../tensor';
import type { GradFn } from './grad-fn';

export interface Edge {
  node: GradNode;
  /** Which output of `node` the input was. */
  outputNr: number;
}

export interface OutputMeta {
  shape: number[];
  dtype: DType;
}

export abstract class GradNode implements GradFn {
  /** Non-leaf tensors that asked for retainGrad(), by output number. */
  retained: Map<number, Tensor> | null = null;

  retain(outputNr: number, tensor: object): void {
    (this.retained ??= new Map()).set(outputNr, tensor as Tensor);
  }

  constructor(
    /** Edges to the producers of this node's inputs; null for inputs that do not require grad. */
    readonly next: (Edge | null)[],
    readonly outputs: OutputMeta[],
  ) {}

  /** PyTorch's class name, e.g. 'MulBackward0'. */
  abstract name(): string;

  /** Gradients w.r.t. the inputs, one per `next` edge (null where there is none). Missing output grads are null. */
  abstract apply(gradOutputs: (Tensor | null)[]): (Tensor | null)[];

  /** Drops saved tensors (after a backward without retainGraph). */
  release(): void {}

  /** A tensor or node now holds this node (see the top of this file). A leaf's AccumulateGrad holds nothing to free. */
  _addHolder(): void {}

  /** A holder is gone: a tensor was disposed or a node downstream was freed. */
  _dropHolder(): void {}

  toString(): string {
    return `<${this.name()}>`;
  }
}

/** Nodes found unreachable, freed one at a time: freeing a long chain recursively would overflow the stack. */
const unreachable: FunctionNode[] = [];
let freeing = false;

function freeUnreachable(node: FunctionNode): void {
  unreachable.push(node);
  if (freeing) return;
  freeing = true;
  try {
    for (let n = unreachable.pop(); n !== undefined; n = unreachable.pop()) n.free();
  } finally {
    freeing = false;
  }
}

/** A value saved for backward: its own handle on the storage, and the version it had when saved. */
export class SavedTensor {
  private handle: Tensor | null;
  private readonly version: number;

  constructor(
    tensor: Tensor,
    /** The node that saved it. */
    private readonly owner: GradNode,
    private readonly outputNr: number | null,
  ) {
    // The handle is owned by the graph, not by any tidy scope: release() or the finalizer drops it.
    // A saved leaf shares its gradient sink with the handle, so that a double backward through the handle
    // accumulates into the leaf's .grad.
    if (tensor.gradFn === null && tensor._requiresGrad) leafAccumulator(tensor);
    const handle = keep(tensor._alias());
    // A handle on one of the owner's own outputs does not hold the owner: that cycle would keep the node forever
    // (PyTorch's saved outputs keep their grad_fn weakly for the same reason). Any other handle holds its producer.
    if (handle.gradFn !== null && handle.gradFn !== owner) (handle.gradFn as GradNode)._addHolder();
    this.handle = handle;
    this.version = tensor._storage.version;
  }

  unpack(): Tensor {
    const t = this.handle;
    if (t === null) return SavedTensor.throwFreed();
    if (t._storage.version !== this.version) {
      const role = this.outputNr === null ? '' : `, which is output ${this.outputNr} of ${this.owner.name()},`;
      throw new AutogradError(
        `one of the variables needed for gradient computation has been modified by an inplace operation: ` +
          `[${t._torchTypeName()} [${t.shape.join(', ')}]]${role} is at version ${t._storage.version}; expected version ${this.version} instead.`,
      );
    }
    return t;
  }

  static throwFreed(): never {
    throw new AutogradError(
      'Trying to backward through the graph a second time (or directly access saved tensors after they have already been freed). ' +
        'Saved intermediate values of the graph are freed when you call .backward() or autograd.grad(). ' +
        'Specify retain_graph=True if you need to backward through the graph a second time or if you need to access saved tensors after calling backward.',
    );
  }

  release(): void {
    const handle = this.handle;
    if (handle === null) return;
    this.handle = null;
    // A handle on the owner's own output never held it (see the constructor), so it must not let go of it.
    if (handle.gradFn === this.owner) handle.gradFn = null;
    handle.dispose();
  }
}

/**
 * A backward formula: the inputs' gradients (null where none) from the outputs' gradients, the saved tensors and the
 * op's non-tensor arguments. Declared once per op (static), so recording makes no closure.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type BackwardFn<A = any> = (gradOutputs: Tensor[], saved: Tensor[], args: A) => (Tensor | null)[];

/** The node every op records: a backward formula written with differentiable ops, and its saved tensors. */
export class FunctionNode extends GradNode {
  private saved: SavedTensor[];

  constructor(
    private readonly nodeName: string,
    next: (Edge | null)[],
    outputs: OutputMeta[],
    private readonly backward: BackwardFn,
    private readonly args: unknown,
  ) {
    super(next, outputs);
    this.saved = [];
  }

  /** Saved after the outputs are linked to this node, so that a saved output keeps its grad_fn for double backward. */
  setSaved(saved: SavedTensor[]): void {
    this.saved = saved;
  }

  name(): string {
    return this.nodeName;
  }

  private released = false;
  /** See the top of this file. Starts at zero: record() adds the outputs and the edges' producers add themselves. */
  private holders = 0;

  apply(gradOutputs: (Tensor | null)[]): (Tensor | null)[] {
    if (this.released) SavedTensor.throwFreed();
    const saved = this.saved.map((s) => s.unpack());
    const grads = gradOutputs.map((g, i) => g ?? this.zeroGrad(i));
    return this.backward(grads, saved, this.args);
  }

  private zeroGrad(i: number): Tensor {
    const meta = this.outputs[i];
    return zerosFactory(meta.shape, meta.dtype);
  }

  release(): void {
    // Nodes without saved values (add, views ...) can run again, as in PyTorch.
    if (this.saved.length === 0) return;
    for (const s of this.saved) s.release();
    this.saved = [];
    this.released = true;
  }

  _addHolder(): void {
    this.holders++;
  }

  _dropHolder(): void {
    if (--this.holders === 0) freeUnreachable(this);
  }

  /** Called once nothing holds the node: releases its saved tensors and lets go of the nodes its edges point at. */
  free(): void {
    this.release();
    this.released = true;
    this.retained = null;
    for (const edge of this.next) if (edge !== null) edge.node._dropHolder();
  }
}

/** Set by the factories module (avoids a dependency cycle): creates a zero tensor. */
let zerosFactory: (shape: number[], dtype: DType) => Tensor = () => {
  throw new Error('zeros factory not registered');
};
export function registerZerosFactory(fn: (shape: number[], dtype: DType) => Tensor): void {
  zerosFactory = fn;
}

/** The sink of a leaf tensor: adds incoming gradients into `leaf.grad`. */
export class AccumulateGrad extends GradNode {
  constructor(readonly variable: Tensor) {
    super([], [{ shape: variable.shape, dtype: variable.dtype }]);
  }

  name(): string {
    return 'AccumulateGrad';
  }

  apply(): (Tensor | null)[] {
    return [];
  }
}

/** The gradient sink of a leaf that requires grad, created on first use and shared by its aliases. */
export function leafAccumulator(t: Tensor): AccumulateGrad {
  return (t._accumulator ??= new AccumulateGrad(t)) as AccumulateGrad;
}
