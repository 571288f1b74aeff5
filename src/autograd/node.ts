// Graph nodes (PyTorch's grad_fn objects). A node maps the gradients of its outputs to gradients of its inputs;
// `next` points at the nodes that produced those inputs (or at a leaf's AccumulateGrad).
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

  toString(): string {
    return `<${this.name()}>`;
  }
}

/** A value saved for backward: its own handle on the storage, and the version it had when saved. */
export class SavedTensor {
  private handle: Tensor | null;
  private readonly version: number;

  constructor(
    tensor: Tensor,
    private readonly nodeName: () => string,
    private readonly outputNr: number | null,
  ) {
    // The handle is owned by the graph, not by any tidy scope: release() or the finalizer drops it.
    // A saved leaf shares its gradient sink with the handle, so that a double backward through the handle
    // accumulates into the leaf's .grad.
    if (tensor.gradFn === null && tensor._requiresGrad) leafAccumulator(tensor);
    this.handle = keep(tensor._alias());
    this.version = tensor._storage.version;
  }

  unpack(): Tensor {
    const t = this.handle;
    if (t === null) return SavedTensor.throwFreed();
    if (t._storage.version !== this.version) {
      const role = this.outputNr === null ? '' : `, which is output ${this.outputNr} of ${this.nodeName()},`;
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
    if (this.handle !== null) {
      this.handle.dispose();
      this.handle = null;
    }
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
