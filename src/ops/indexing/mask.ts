// Selection by value: nonzero / argwhere (coordinates of nonzero elements) and masked_select.
// The nonzero kernels count first (SIMD compare + popcount), then write positions, so outputs are sized exactly.
import type { BackwardFn } from '../../autograd/node';
import { needsGrad, record } from '../../autograd/record';
import { countNonzero, indexSelectInto, nonzeroPositionsInto, unravelIndicesInto } from '../../backend/indexing';
import { full } from '../../creation/factories';
import { DTYPES } from '../../dtype';
import { DTypeError } from '../../errors';
import { checkOptionKeys } from '../../options';
import { broadcastShapes, numelOf, sameShape } from '../../shape';
import { Tensor } from '../../tensor';
import { defineOp } from '../define';
import { sumToSize } from '../reduce';
import { broadcastView, checkKernelDims, copyOf, packed, releaseTemp } from './common';
import { indexAddToZeros } from './index-select';

/** Ascending flat positions (int32 [count]) of the nonzero elements of x read in row-major order. */
function nonzeroPositions(x: Tensor): Tensor {
  const src = packed(x);
  const positions = Tensor._empty([countNonzero(src)], 'int32');
  nonzeroPositionsInto(src, positions);
  releaseTemp(src, x);
  return positions;
}

const NONZERO_OPTION_KEYS = ['asTuple'] as const;

export interface NonzeroOptions {
  /** Return one 1-D index tensor per dim instead of one [n, ndim] tensor. */
  asTuple?: boolean;
}

/**
 * torch.nonzero(x): int32 [n, ndim] coordinates of the n nonzero elements, in row-major order (NaN counts as
 * nonzero). With { asTuple: true }: one int32 [n] tensor per dim (a 0-d x counts as 1-D).
 */
function nonzeroOp(x: Tensor): Tensor;
function nonzeroOp(x: Tensor, options: NonzeroOptions & { asTuple: true }): Tensor[];
function nonzeroOp(x: Tensor, options?: NonzeroOptions): Tensor | Tensor[];
function nonzeroOp(x: Tensor, options: NonzeroOptions = {}): Tensor | Tensor[] {
  x._check();
  checkOptionKeys('nonzero', options, NONZERO_OPTION_KEYS);
  const positions = nonzeroPositions(x);
  const count = positions.numel();
  if (options.asTuple && x.ndim === 0) {
    const zerosAt = full([count], 0, { dtype: 'int32' });
    positions.dispose();
    return [zerosAt];
  }
  const ndim = x.ndim;
  const coords = Tensor._empty([count, ndim], 'int32');
  if (count > 0 && ndim > 0) {
    checkKernelDims('nonzero', ndim, 2);
    unravelIndicesInto(positions, x.shape, coords);
  }
  positions.dispose();
  if (!options.asTuple) return coords;
  const columns = x.shape.map((_, d) => {
    const column = coords._view([count], [ndim], d);
    const owned = copyOf(column);
    column.dispose();
    return owned;
  });
  coords.dispose();
  return columns;
}
export const nonzero = defineOp('nonzero', nonzeroOp);

/** torch.argwhere(x): the same as nonzero(x). */
function argwhereOp(x: Tensor): Tensor {
  return nonzero(x);
}
export const argwhere = defineOp('argwhere', argwhereOp);

/** The mask's positions get the gradient (summed back to x's shape where x was broadcast). */
const maskedSelectBackward: BackwardFn<{ total: number; shape: number[]; inShape: number[] }> = ([g], [at], { total, shape, inShape }) => {
  const spread = indexAddToZeros([total], 0, at, g).reshape(shape);
  return [sameShape(shape, inShape) ? spread : sumToSize(spread, inShape)];
};

/**
 * torch.masked_select(x, mask): the elements of x where the bool mask is true, as a 1-D tensor (x and mask
 * broadcast together first).
 */
function maskedSelectOp(x: Tensor, mask: Tensor): Tensor {
  x._check();
  mask._check();
  if (mask.dtype !== 'bool') throw new DTypeError(`masked_select: expected BoolTensor for mask, got ${DTYPES[mask.dtype].torchName}`);
  const shape = broadcastShapes(x.shape, mask.shape);
  const total = numelOf(shape);
  const maskView = broadcastView(mask, shape);
  const positions = nonzeroPositions(maskView);
  maskView.dispose();
  const count = positions.numel();
  const xView = broadcastView(x, shape);
  const src = packed(xView);
  const out = Tensor._empty([count], x.dtype);
  indexSelectInto(src, out, positions, 1, total, 1);
  releaseTemp(src, xView);
  xView.dispose();
  if (needsGrad(x)) record('MaskedSelectBackward0', [x], [out], maskedSelectBackward, [positions], { total, shape, inShape: x.shape });
  positions.dispose();
  return out;
}
export const maskedSelect = defineOp('maskedSelect', maskedSelectOp);
