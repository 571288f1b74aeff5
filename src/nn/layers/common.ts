// Shared pieces of the layer constructors: parameter dtype, allocation and PyTorch's default initialisation.
import { checkDType, DEFAULT_FLOAT, DTYPES, type DType } from '../../dtype';
import { DTypeError } from '../../errors';
import { checkSizes } from '../../shape';
import { calculateFanInAndFanOut, kaimingUniform_, uniform_ } from '../init';
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

/**
 * PyTorch's reset_parameters of Linear and _ConvNd: weight ~ kaiming_uniform(a = sqrt(5)), then the bias ~
 * U(-1/sqrt(fan_in), 1/sqrt(fan_in)), drawn in that order from the default generator. With fan_in 0 they differ:
 * Linear draws the bias from U(0, 0) ('zero'), _ConvNd leaves it as it is ('keep').
 */
export function resetWeightAndBias(weight: Parameter, bias: Parameter | null, biasWhenNoFanIn: 'zero' | 'keep'): void {
  kaimingUniform_(weight, { a: Math.sqrt(5) });
  if (bias === null) return;
  const [fanIn] = calculateFanInAndFanOut(weight);
  if (fanIn === 0 && biasWhenNoFanIn === 'keep') return;
  const bound = fanIn > 0 ? 1 / Math.sqrt(fanIn) : 0;
  uniform_(bias, -bound, bound);
}
