// nn.Parameter: a leaf tensor that a Module registers as one of its parameters.
import { DTYPES, type DType } from '../dtype';
import { AutogradError } from '../errors';
import { keep } from '../lifetime';
import { Tensor } from '../tensor';

/**
 * A Tensor subclass marking module parameters (torch.nn.Parameter). It shares the storage of the tensor it is made
 * from and is always a leaf; requiresGrad defaults to true. Parameters live outside tidy() scopes (they are kept):
 * a model built inside a scope survives it, and its parameters are released by dispose() or when unreachable.
 */
export class Parameter extends Tensor {
  constructor(data?: Tensor, requiresGrad = true) {
    data?._check();
    if (requiresGrad && data !== undefined && !DTYPES[data.dtype].isFloat) {
      throw new AutogradError(`Only Tensors of floating point dtype can require gradients (got ${DTYPES[data.dtype].torchName})`);
    }
    const source = data ?? Tensor._empty([0], 'float32');
    super(source._storage, source.shape.slice(), source._strides.slice(), source._offset, source.dtype);
    if (data === undefined) source.dispose();
    keep(this);
    this._requiresGrad = requiresGrad;
  }

  /** @internal A parameter over a new uninitialised contiguous tensor. */
  static _uninitialised(shape: number[], dtype: DType, requiresGrad = true): Parameter {
    const data = Tensor._empty(shape, dtype);
    try {
      return new Parameter(data, requiresGrad);
    } finally {
      data.dispose();
    }
  }

  /** What print(param) prints in PyTorch. */
  override toString(): string {
    return `Parameter containing:\n${super.toString()}`;
  }
}

/** True for tensors registered as parameters. */
export function isParameter(value: unknown): value is Parameter {
  return value instanceof Parameter;
}
