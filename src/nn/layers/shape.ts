// nn.Flatten and nn.Unflatten (torch/nn/modules/flatten.py): views through the Tensor methods.
import { checkOptionKeys } from '../../options';
import type { Tensor } from '../../tensor';
import { Module } from '../module';
import { pyIntTuple } from '../repr';

/** Flattens dims startDim..endDim (default: all but the batch dim). */
export class Flatten extends Module {
  static readonly moduleName = 'Flatten';
  readonly startDim: number;
  readonly endDim: number;

  constructor(startDim: number | { startDim?: number; endDim?: number } = 1, endDim = -1) {
    super();
    const o = typeof startDim === 'object' ? checkOptionKeys('Flatten', startDim, ['startDim', 'endDim']) : { startDim, endDim };
    this.startDim = o.startDim ?? 1;
    this.endDim = o.endDim ?? -1;
  }

  override forward(input: Tensor): Tensor {
    return input.flatten(this.startDim, this.endDim);
  }

  override extraRepr(): string {
    return `start_dim=${this.startDim}, end_dim=${this.endDim}`;
  }
}

/** Splits dim into unflattenedSize. */
export class Unflatten extends Module {
  static readonly moduleName = 'Unflatten';
  readonly dim: number;
  readonly unflattenedSize: number[];

  constructor(dim: number, unflattenedSize: readonly number[]) {
    super();
    if (!Number.isInteger(dim)) throw new TypeError(`invalid type of dim argument: ${typeof dim}`);
    if (!Array.isArray(unflattenedSize) || !unflattenedSize.every(Number.isInteger)) {
      throw new TypeError(`unflattened_size must be tuple of ints, but found type ${typeof unflattenedSize}`);
    }
    this.dim = dim;
    this.unflattenedSize = unflattenedSize.slice();
  }

  override forward(input: Tensor): Tensor {
    return input.unflatten(this.dim, this.unflattenedSize);
  }

  override extraRepr(): string {
    return `dim=${this.dim}, unflattened_size=${pyIntTuple(this.unflattenedSize)}`;
  }
}
