// F.embedding (a row gather from the weight, EmbeddingBackward0 a row scatter-add) and F.one_hot.
import type { BackwardFn } from '../../autograd/node';
import { needsGrad, record } from '../../autograd/record';
import { minMaxOf, oneHotInto, rowGatherInto, rowRenormInPlace, rowScatterAddInto } from '../../backend/nn-embedding';
import { copyTensorInto } from '../../backend/copy';
import { DTYPES } from '../../dtype';
import { DTypeError, IndexError, NotSupportedError, ShapeError } from '../../errors';
import { defineOp } from '../../ops/define';
import { Tensor } from '../../tensor';
import { namedArgs, type PositionalOrOptions } from './args';
import { contiguousValue } from '../../autograd/forward-value';

function contiguousIndices(fn: string, t: Tensor): Tensor {
  t._check();
  if (t.dtype !== 'int32') {
    throw new DTypeError(`${fn}: expected indices of dtype torch.int32, but got ${DTYPES[t.dtype].torchName}`);
  }
  return contiguousValue(t);
}

/** The gather's args: the table's row count, and the row that gets no gradient (-1 for none). */
interface RowArgs {
  V: number;
  skipIndex: number;
}

/** The scatter's args: the gathered gradient's shape, and the row that was skipped (zeroed by the adjoint gather). */
interface ScatterArgs {
  gShape: number[];
  skipIndex: number;
}

const gatherRowsBackward: BackwardFn<RowArgs> = ([g], [indices], { V, skipIndex }) => [scatterRows(g, indices, V, skipIndex)];
const scatterRowsBackward: BackwardFn<ScatterArgs> = ([g], [indices], { gShape, skipIndex }) => [gatherRows(g, indices, gShape.slice(), skipIndex, skipIndex)];

/**
 * rows [V, D] read at indices [n] -> [n, D], zero rows where the index is zeroIndex; the backward scatters back,
 * skipping skipIndex (the embedding's padding row: read in the forward pass, but given no gradient).
 */
function gatherRows(table: Tensor, indices: Tensor, outShape: number[], zeroIndex: number, skipIndex: number): Tensor {
  const src = contiguousValue(table);
  const out = Tensor._empty(outShape, table.dtype);
  rowGatherInto(src, indices, out, zeroIndex);
  if (src !== table) src.dispose();
  if (needsGrad(table)) record('EmbeddingBackward0', [table], [out], gatherRowsBackward, [indices], { V: table.shape[0], skipIndex });
  return out;
}

/** g [.., D] added into zeros [V, D] at rows indices (rows equal to skipIndex get nothing). */
function scatterRows(g: Tensor, indices: Tensor, V: number, skipIndex: number): Tensor {
  const src = contiguousValue(g);
  const out = Tensor._empty([V, g.shape[g.ndim - 1]], g.dtype);
  rowScatterAddInto(src, indices, out, skipIndex);
  if (src !== g) src.dispose();
  if (needsGrad(g)) record('EmbeddingDenseBackwardBackward0', [g], [out], scatterRowsBackward, [indices], { gShape: g.shape, skipIndex });
  return out;
}

/**
 * max_norm: rescales, in place and outside autograd (as PyTorch's embedding_renorm_ under no_grad), each
 * referenced row whose normType-norm exceeds maxNorm to norm maxNorm. The kernel reads contiguous rows: a strided
 * weight is rescaled in a contiguous copy that is written back.
 */
function renormRows(weight: Tensor, indices: Tensor, maxNorm: number, normType: number): void {
  if (!DTYPES[weight.dtype].isFloat) throw new DTypeError(`embedding: maxNorm needs a floating point weight, got ${DTYPES[weight.dtype].torchName}`);
  if (!(normType > 0)) throw new RangeError(`embedding: normType must be positive, got ${normType}`);
  if (indices.numel() === 0) return;
  const rows = contiguousValue(weight);
  rowRenormInPlace(rows, indices, maxNorm, normType);
  if (rows !== weight) {
    copyTensorInto(rows, weight);
    rows.dispose();
  }
  weight._bumpVersion();
}

export interface EmbeddingOptions {
  paddingIdx?: number | null;
  maxNorm?: number | null;
  normType?: number;
  scaleGradByFreq?: boolean;
  sparse?: boolean;
}

/**
 * F.embedding(input, weight, paddingIdx?): input int32 indices of any shape, weight [numEmbeddings, D] ->
 * [...input.shape, D]. The row at paddingIdx receives no gradient. With maxNorm, the referenced rows are first
 * rescaled in place to norm at most maxNorm. EmbeddingBackward0.
 */
export const embedding = defineOp('embedding', (
  input: Tensor,
  weight: Tensor,
  ...args: PositionalOrOptions<[paddingIdx: number | null, maxNorm: number | null, normType: number, scaleGradByFreq: boolean, sparse: boolean], EmbeddingOptions>
): Tensor => {
  weight._check();
  const a = namedArgs('embedding', ['paddingIdx', 'maxNorm', 'normType', 'scaleGradByFreq', 'sparse'], args);
  if (a.scaleGradByFreq) throw new NotSupportedError('embedding: scaleGradByFreq is not supported');
  if (a.sparse) throw new NotSupportedError('embedding: sparse gradients are not supported');
  if (weight.ndim !== 2) throw new ShapeError(`'weight' must be 2-D, but got weight of size [${weight.shape.join(', ')}]`);
  const V = weight.shape[0];
  let paddingIdx = (a.paddingIdx ?? null) as number | null;
  if (paddingIdx !== null) {
    if (paddingIdx >= V || paddingIdx < -V) throw new RangeError('Padding_idx must be within num_embeddings');
    if (paddingIdx < 0) paddingIdx += V;
  }
  const indices = contiguousIndices('embedding', input);
  if (indices.numel() > 0) {
    const [lo, hi] = minMaxOf(indices);
    if (lo < 0 || hi >= V) {
      if (indices !== input) indices.dispose();
      throw new IndexError('index out of range in self');
    }
  }
  if (a.maxNorm != null) renormRows(weight, indices, a.maxNorm as number, (a.normType ?? 2) as number);
  const out = gatherRows(weight, indices, [...input.shape, weight.shape[1]], -1, paddingIdx ?? -1);
  if (indices !== input) indices.dispose();
  return out;
}, { method: null });

/**
 * F.one_hot(tensor, numClasses=-1): int32 indices -> int32 [...shape, numClasses] with a 1 at each index;
 * numClasses -1 means max + 1.
 */
export const oneHot = defineOp('oneHot', (tensor: Tensor, numClasses = -1): Tensor => {
  const indices = contiguousIndices('one_hot', tensor);
  try {
    const n = indices.numel();
    let classes = numClasses;
    if (n === 0) {
      if (classes === -1) throw new RangeError('Can not infer total number of classes from empty tensor.');
    } else {
      const [lo, hi] = minMaxOf(indices);
      if (lo < 0) throw new RangeError('Class values must be non-negative.');
      if (classes === -1) classes = hi + 1;
      else if (hi >= classes) throw new RangeError('Class values must be smaller than num_classes.');
    }
    if (!Number.isInteger(classes) || classes < 0) throw new RangeError(`num_classes should be -1 or a non-negative integer, but got ${numClasses}`);
    const out = Tensor._empty([...tensor.shape, classes], 'int32');
    oneHotInto(indices, out, classes);
    return out;
  } finally {
    if (indices !== tensor) indices.dispose();
  }
}, { method: null });
