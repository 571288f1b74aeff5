// F.embedding (a row gather from the weight, EmbeddingBackward0 a row scatter-add) and F.one_hot.
import './tensor-ops';
import { needsGrad, record } from '../../autograd/record';
import { packInts } from '../../backend/scratch';
import { heapI32 } from '../../backend/heap';
import { kernels } from '../../backend/wasm';
import { DTYPES } from '../../dtype';
import { DTypeError, IndexError, NotSupportedError, ShapeError } from '../../errors';
import { Tensor } from '../../tensor';
import { namedArgs, type PositionalOrOptions } from './args';
import { forwardValue } from './forward-value';

/** The smallest and largest of a non-empty contiguous int32 tensor. */
function minMax(indices: Tensor): [number, number] {
  const out = packInts([0, 0]);
  kernels.minMaxI32(indices._ptr, indices.numel(), out);
  const heap = heapI32();
  return [heap[out >>> 2], heap[(out >>> 2) + 1]];
}

function contiguousIndices(fn: string, t: Tensor): Tensor {
  t._check();
  if (t.dtype !== 'int32') {
    throw new DTypeError(`${fn}: expected indices of dtype torch.int32, but got ${DTYPES[t.dtype].torchName}`);
  }
  return t._contiguous ? t : forwardValue(() => t.contiguous());
}

/**
 * rows [V, D] read at indices [n] -> [n, D], zero rows where the index is zeroIndex; the backward scatters back,
 * skipping skipIndex (the embedding's padding row: read in the forward pass, but given no gradient).
 */
function gatherRows(table: Tensor, indices: Tensor, outShape: number[], zeroIndex: number, skipIndex: number): Tensor {
  const [V, D] = table.shape;
  const src = table._contiguous ? table : forwardValue(() => table.contiguous());
  const out = Tensor._empty(outShape, table.dtype);
  if (out.numel() > 0) kernels.rowGather(DTYPES[table.dtype].bytes, src._ptr, indices._ptr, out._ptr, indices.numel(), D, zeroIndex);
  if (src !== table) src.dispose();
  if (needsGrad(table)) {
    record('EmbeddingBackward0', [table], [out], ([g], [idx]) => [scatterRows(g, idx, V, D, skipIndex)], [indices]);
  }
  return out;
}

/** g [.., D] added into zeros [V, D] at rows indices (rows equal to skipIndex get nothing). */
function scatterRows(g: Tensor, indices: Tensor, V: number, D: number, skipIndex: number): Tensor {
  const src = g._contiguous ? g : forwardValue(() => g.contiguous());
  const out = Tensor._empty([V, D], g.dtype);
  const run = g.dtype === 'float32' ? kernels.rowScatterAddF32 : kernels.rowScatterAddF64;
  run(src._ptr, indices._ptr, out._ptr, indices.numel(), D, V, skipIndex);
  if (src !== g) src.dispose();
  const gShape = g.shape;
  if (needsGrad(g)) {
    record('EmbeddingDenseBackwardBackward0', [g], [out], ([gg], [idx]) => [gatherRows(gg, idx, gShape.slice(), skipIndex, skipIndex)], [indices]);
  }
  return out;
}

/**
 * max_norm: rescales, in place and outside autograd (as PyTorch's embedding_renorm_ under no_grad), each
 * referenced row whose normType-norm exceeds maxNorm to norm maxNorm.
 */
function renormRows(weight: Tensor, indices: Tensor, maxNorm: number, normType: number): void {
  if (!weight._contiguous) throw new NotSupportedError('embedding: maxNorm needs a contiguous weight (it is rescaled in place)');
  if (!DTYPES[weight.dtype].isFloat) throw new DTypeError(`embedding: maxNorm needs a floating point weight, got ${DTYPES[weight.dtype].torchName}`);
  if (!(normType > 0)) throw new RangeError(`embedding: normType must be positive, got ${normType}`);
  if (indices.numel() === 0) return;
  const run = weight.dtype === 'float32' ? kernels.rowRenormF32 : kernels.rowRenormF64;
  run(weight._ptr, indices._ptr, indices.numel(), weight.shape[1], maxNorm, normType);
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
export function embedding(
  input: Tensor,
  weight: Tensor,
  ...args: PositionalOrOptions<[paddingIdx: number | null, maxNorm: number | null, normType: number, scaleGradByFreq: boolean, sparse: boolean], EmbeddingOptions>
): Tensor {
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
    const [lo, hi] = minMax(indices);
    if (lo < 0 || hi >= V) {
      if (indices !== input) indices.dispose();
      throw new IndexError('index out of range in self');
    }
  }
  if (a.maxNorm != null) renormRows(weight, indices, a.maxNorm as number, (a.normType ?? 2) as number);
  const out = gatherRows(weight, indices, [...input.shape, weight.shape[1]], -1, paddingIdx ?? -1);
  if (indices !== input) indices.dispose();
  return out;
}

/**
 * F.one_hot(tensor, numClasses=-1): int32 indices -> int32 [...shape, numClasses] with a 1 at each index;
 * numClasses -1 means max + 1.
 */
export function oneHot(tensor: Tensor, numClasses = -1): Tensor {
  const indices = contiguousIndices('one_hot', tensor);
  try {
    const n = indices.numel();
    let classes = numClasses;
    if (n === 0) {
      if (classes === -1) throw new RangeError('Can not infer total number of classes from empty tensor.');
    } else {
      const [lo, hi] = minMax(indices);
      if (lo < 0) throw new RangeError('Class values must be non-negative.');
      if (classes === -1) classes = hi + 1;
      else if (hi >= classes) throw new RangeError('Class values must be smaller than num_classes.');
    }
    if (!Number.isInteger(classes) || classes < 0) throw new RangeError(`num_classes should be -1 or a non-negative integer, but got ${numClasses}`);
    const out = Tensor._empty([...tensor.shape, classes], 'int32');
    if (out.numel() > 0) kernels.oneHotI32(indices._ptr, n, classes, out._ptr);
    return out;
  } finally {
    if (indices !== tensor) indices.dispose();
  }
}
