// Shared pieces of the layer constructors.
import { checkDType, DEFAULT_FLOAT, DTYPES, type DType } from '../../dtype';
import { DTypeError } from '../../errors';
import { checkSizes } from '../../shape';
import { Parameter } from '../parameter';

export interface FactoryOptions {
  /** dtype of the parameters (default float32). */
  dtype?: DType;
}

/** A floating dtype for a layer's parameters. */
export function layerDType(layer: string, dtype: DType | undefined): DType {
  const d = checkDType(dtype ?? DEFAULT_FLOAT);
  if (!DTYPES[d].isFloat) throw new DTypeError(`${layer}: parameters need a floating point dtype, got ${DTYPES[d].torchName}`);
  return d;
}

/** An uninitialised parameter of the given shape (sizes checked), to be filled by the layer's reset. */
export function emptyParameter(shape: number[], dtype: DType): Parameter {
  return Parameter._uninitialised(checkSizes(shape), dtype);
}
