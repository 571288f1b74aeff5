// nn.Embedding (torch/nn/modules/sparse.py).
import { checkOptionKeys } from '../../options';
import { noGrad } from '../../autograd/grad-mode';
import { DTypeError, ShapeError } from '../../errors';
import { Tensor } from '../../tensor';
import { embedding } from '../functional';
import { normal_ } from '../init';
import { Module } from '../module';
import { Parameter } from '../parameter';
import { fillInPlace } from '../tensor-writes';
import { emptyParameter, layerDType, type FactoryOptions } from './common';

export interface EmbeddingOptions extends FactoryOptions {
  /** A row that reads as zeros at initialisation and receives no gradient. Negative counts from the end. */
  paddingIdx?: number | null;
  /** @internal Use this tensor as the weight (sharing its storage) instead of a fresh random one. */
  _weight?: Tensor;
  /** @internal With _weight: the weight does not require grad. */
  _freeze?: boolean;
}

/** A lookup table [numEmbeddings, embeddingDim] indexed by int32 tensors; initialised from N(0, 1). */
export class Embedding extends Module {
  static readonly moduleName = 'Embedding';
  readonly numEmbeddings: number;
  readonly embeddingDim: number;
  readonly paddingIdx: number | null;
  weight: Parameter;

  constructor(numEmbeddings: number, embeddingDim: number, options: EmbeddingOptions = {}) {
    super();
    checkOptionKeys('Embedding', options, ['paddingIdx', 'dtype', '_weight', '_freeze']);
    this.numEmbeddings = numEmbeddings;
    this.embeddingDim = embeddingDim;
    let paddingIdx = options.paddingIdx ?? null;
    if (paddingIdx !== null) {
      if (!Number.isInteger(paddingIdx) || paddingIdx >= numEmbeddings || paddingIdx < -numEmbeddings) {
        throw new RangeError('Padding_idx must be within num_embeddings');
      }
      if (paddingIdx < 0) paddingIdx += numEmbeddings;
    }
    this.paddingIdx = paddingIdx;
    const given = options._weight;
    if (given === undefined) {
      this.weight = emptyParameter([numEmbeddings, embeddingDim], layerDType('Embedding', options.dtype));
      this.resetParameters();
    } else {
      if (given.ndim !== 2 || given.shape[0] !== numEmbeddings || given.shape[1] !== embeddingDim) {
        throw new ShapeError('Shape of weight does not match num_embeddings and embedding_dim');
      }
      this.weight = new Parameter(given, !(options._freeze ?? false));
    }
  }

  /** PyTorch's reset_parameters: N(0, 1), then the padding row zeroed. */
  resetParameters(): void {
    normal_(this.weight);
    const idx = this.paddingIdx;
    if (idx !== null) {
      noGrad(() => {
        const row = this.weight.select(0, idx);
        fillInPlace(row, 0);
        row.dispose();
      });
    }
  }

  /**
   * An Embedding whose weight is `embeddings` [num, dim] (sharing its storage, as torch.nn.Embedding.from_pretrained);
   * frozen (no gradient) unless freeze is false. No random numbers are drawn.
   */
  static fromPretrained(embeddings: Tensor, options: { freeze?: boolean; paddingIdx?: number | null } = {}): Embedding {
    if (!(embeddings instanceof Tensor) || embeddings.ndim !== 2) {
      throw new ShapeError('Embeddings parameter is expected to be 2-dimensional');
    }
    if (!embeddings.isFloatingPoint()) throw new DTypeError(`Embedding.fromPretrained: expected floating point embeddings, got ${embeddings.dtype}`);
    const [rows, cols] = embeddings.shape;
    return new Embedding(rows, cols, { paddingIdx: options.paddingIdx, _weight: embeddings, _freeze: options.freeze ?? true });
  }

  override forward(input: Tensor): Tensor {
    return embedding(input, this.weight, this.paddingIdx);
  }

  override extraRepr(): string {
    let s = `${this.numEmbeddings}, ${this.embeddingDim}`;
    if (this.paddingIdx !== null) s += `, padding_idx=${this.paddingIdx}`;
    return s;
  }
}

