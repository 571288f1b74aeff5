// nn.Dropout (torch/nn/modules/dropout.py): active in training mode only.
import { checkOptionKeys } from '../../options';
import type { Tensor } from '../../tensor';
import { dropout } from '../functional';
import { Module } from '../module';
import { pyBool, pyFloat } from '../repr';

export class Dropout extends Module {
  static readonly moduleName = 'Dropout';
  readonly p: number;
  readonly inplace: boolean;

  constructor(p: number | { p?: number; inplace?: boolean } = 0.5, inplace = false) {
    super();
    const o = typeof p === 'object' ? checkOptionKeys('Dropout', p, ['p', 'inplace']) : { p, inplace };
    const prob = o.p ?? 0.5;
    if (!(prob >= 0 && prob <= 1)) throw new RangeError(`dropout probability has to be between 0 and 1, but got ${prob}`);
    this.p = prob;
    this.inplace = o.inplace ?? false;
  }

  override forward(input: Tensor): Tensor {
    return dropout(input, this.p, this.training, this.inplace);
  }

  override extraRepr(): string {
    return `p=${pyFloat(this.p)}, inplace=${pyBool(this.inplace)}`;
  }
}
