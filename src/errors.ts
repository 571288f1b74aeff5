// Error classes. Messages say what was given and what was expected, in PyTorch's words where PyTorch has words.

/** Shapes that do not fit together (broadcasting, matmul, reshape, cat ...). */
export class ShapeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ShapeError';
  }
}

/** A dtype an operation does not accept. */
export class DTypeError extends TypeError {
  constructor(message: string) {
    super(message);
    this.name = 'DTypeError';
  }
}

/** A dimension or index out of range. */
export class IndexError extends RangeError {
  constructor(message: string) {
    super(message);
    this.name = 'IndexError';
  }
}

/** Misuse of autograd: backward through a freed graph, in-place change of a saved tensor, grad of a non-grad tensor ... */
export class AutogradError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AutogradError';
  }
}

/** Use of a tensor after dispose(). */
export class DisposedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DisposedError';
  }
}

/** A valid request that wasmgrad does not implement. */
export class NotSupportedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NotSupportedError';
  }
}
