// Kernels by (family, dtype), looked up once at load. Kernels that exist per dtype carry the dtype as a suffix of
// their export name (F32, F64, I32, U8: the one convention for dtype-specialised kernels); a driver takes the
// table of its family and indexes it by the tensor's dtype, instead of a switch per call.
import type { DType } from '../dtype';
import { DTypeError } from '../errors';
import type { Kernels } from './kernels';
import { kernels } from './wasm';

export const DTYPE_SUFFIX: Readonly<Record<DType, string>> = { float32: 'F32', float64: 'F64', int32: 'I32', bool: 'U8' };

type Family<P extends string> = {
  [K in keyof Kernels as K extends `${P}${'F32' | 'F64' | 'I32' | 'U8'}` ? K : never]: Kernels[K];
};

/** The kernels `prefix + suffix` of each dtype that has one, e.g. byDType('unary').float64 === kernels.unaryF64. */
export function byDType<P extends string>(prefix: P): Readonly<Partial<Record<DType, Family<P>[keyof Family<P>]>>> {
  const table: Partial<Record<DType, unknown>> = {};
  const exports = kernels as unknown as Record<string, unknown>;
  for (const dtype of Object.keys(DTYPE_SUFFIX) as DType[]) {
    const fn = exports[prefix + DTYPE_SUFFIX[dtype]];
    if (typeof fn === 'function') table[dtype] = fn;
  }
  if (Object.keys(table).length === 0) throw new Error(`internal: no kernel ${prefix}F32/F64/I32/U8 in the binary`);
  return table as Readonly<Partial<Record<DType, Family<P>[keyof Family<P>]>>>;
}

/**
 * The table's kernel for dtype, or a DTypeError naming the family (and the opcode, when given) when the dtype has
 * none. The message is built only on failure: this runs on every op call.
 */
export function kernelFor<F>(table: Readonly<Partial<Record<DType, F>>>, dtype: DType, family: string, op?: number): F {
  const fn = table[dtype];
  if (fn === undefined) throw new DTypeError(`internal: ${family}${op === undefined ? '' : ` op ${op}`} has no ${dtype} kernel`);
  return fn;
}
