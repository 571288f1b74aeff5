// Selection by value: nonzero / argwhere (coordinates of nonzero elements) and masked_select.
// The nonzero kernels count first (SIMD compare + popcount), then write positions, so outputs are sized exactly.
import { needsGrad, record } from '../../autograd/record';
import { full } from '../../creation/factories';
import { packInts } from '../../backend/scratch';
import { kernels } from '../../backend/wasm';
import { DTYPES } from '../../dtype';
import { DTypeError } from '../../errors';
import { broadcastShapes, numelOf, sameShape } from '../../shape';
import { Tensor } from '../../tensor';
import { installMethods } from '../install';
import { sumToSize } from '../reduce';
import { broadcastView, checkKernelDims, copyOf, packed, releaseTemp } from './common';
import { indexAddToZeros } from './index-select';

/** Ascending flat positions (int32 [count]) of the nonzero elements of x read in row-major order. */
function nonzeroPositions(x: Tensor): Tensor {
  const src = packed(x);
  const code = DTYPES[x.dtype].code;
  const n = x.numel();
  const count = kernels.countNonzero(code, src._ptr, n);
  const positions = Tensor._empty([count], 'int32');
  kernels.nonzeroIndices(code, src._ptr, n, positions._ptr);
  releaseTemp(src, x);
  return positions;
}

export interface NonzeroOptions {
  /** Return one 1-D index tensor per dim instead of one [n, ndim] tensor. */
  asTuple?: boolean;
}

/**
 * torch.nonzero(x): int32 [n, ndim] coordinates of the n nonzero elements, in row-major order (NaN counts as
 * nonzero). With { asTuple: true }: one int32 [n] tensor per dim (a 0-d x counts as 1-D).
 */
export function nonzero(x: Tensor): Tensor;
export function nonzero(x: Tensor, options: NonzeroOptions & { asTuple: true }): Tensor[];
export function nonzero(x: Tensor, options?: NonzeroOptions): Tensor | Tensor[];
export function nonzero(x: Tensor, options: NonzeroOptions = {}): Tensor | Tensor[] {
  x._check();
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
    kernels.unravelIndices(positions._ptr, count, ndim, packInts(x.shape), coords._ptr);
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

/** torch.argwhere(x): the same as nonzero(x). */
export function argwhere(x: Tensor): Tensor {
  return nonzero(x);
}

/**
 * torch.masked_select(x, mask): the elements of x where the bool mask is true, as a 1-D tensor (x and mask
 * broadcast together first).
 */
export function maskedSelect(x: Tensor, mask: Tensor): Tensor {
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
  kernels.indexSelect(DTYPES[x.dtype].bytes, src._ptr, out._ptr, positions._ptr, 1, total, 1, count);
  releaseTemp(src, xView);
  xView.dispose();
  if (needsGrad(x)) {
    const inShape = x.shape;
    record(
      'MaskedSelectBackward0',
      [x],
      [out],
      ([g], [at]) => {
        const spread = indexAddToZeros([total], 0, at, g).reshape(shape);
        return [sameShape(shape, inShape) ? spread : sumToSize(spread, inShape)];
      },
      [positions],
    );
  }
  positions.dispose();
  return out;
}

declare module '../../tensor' {
  interface Tensor {
    nonzero(): Tensor;
    nonzero(options: NonzeroOptions & { asTuple: true }): Tensor[];
    nonzero(options?: NonzeroOptions): Tensor | Tensor[];
    argwhere(): Tensor;
    maskedSelect(mask: Tensor): Tensor;
  }
}

installMethods({ nonzero, argwhere, maskedSelect });
