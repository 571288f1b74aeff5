// What a tensor knows of the node that produced it (PyTorch's grad_fn): enough for users to walk the graph, and
// nothing that depends on the Tensor class, so that the core does not import the graph's implementation.
export interface GradFn {
  /** PyTorch's class name, e.g. 'MulBackward0'. */
  name(): string;
  /** Edges to the producers of this node's inputs (PyTorch's next_functions); null for inputs without grad. */
  readonly next: readonly (GradFnEdge | null)[];
  /** Keeps the gradient of output `outputNr` on `tensor` after backward (Tensor.retainGrad). */
  retain(outputNr: number, tensor: object): void;
  /** @internal A tensor holding this node was disposed (src/autograd/node.ts counts the holders). */
  _dropHolder(): void;
}

export interface GradFnEdge {
  node: GradFn;
  /** Which output of `node` the input was. */
  outputNr: number;
}
