// The four dtypes and PyTorch's type promotion between them.
import { DT_F32, DT_F64, DT_I32, DT_U8 } from '../abi/dtype-codes';
import { DTypeError } from './errors';

export type DType = 'float32' | 'float64' | 'int32' | 'bool';

export interface DTypeInfo {
  /** Bytes per element. */
  bytes: number;
  /** The kernels' code for this dtype (abi/dtype-codes.ts). */
  code: number;
  isFloat: boolean;
  /** PyTorch's name, for messages and printing: torch.float32 ... */
  torchName: string;
}

export const DTYPES: Record<DType, DTypeInfo> = {
  float32: { bytes: 4, code: DT_F32, isFloat: true, torchName: 'torch.float32' },
  float64: { bytes: 8, code: DT_F64, isFloat: true, torchName: 'torch.float64' },
  int32: { bytes: 4, code: DT_I32, isFloat: false, torchName: 'torch.int32' },
  bool: { bytes: 1, code: DT_U8, isFloat: false, torchName: 'torch.bool' },
};

/** The default floating dtype (torch.get_default_dtype()). */
export const DEFAULT_FLOAT: DType = 'float32';

const RANK: Record<DType, number> = { bool: 0, int32: 1, float32: 2, float64: 3 };

export function checkDType(dtype: unknown): DType {
  if (typeof dtype === 'string' && dtype in DTYPES) return dtype as DType;
  throw new DTypeError(`unsupported dtype ${String(dtype)}: expected one of 'float32', 'float64', 'int32', 'bool'`);
}

export function isFloat(dtype: DType): boolean {
  return DTYPES[dtype].isFloat;
}

/** torch.promote_types for two tensors of the same category of dimension. */
export function promoteTypes(a: DType, b: DType): DType {
  return RANK[a] >= RANK[b] ? a : b;
}

/** The category of a JavaScript scalar, as PyTorch sees Python scalars. */
export function scalarKind(value: number | boolean): DType {
  if (typeof value === 'boolean') return 'bool';
  return Number.isInteger(value) ? 'int32' : 'float32';
}

/**
 * torch.result_type for a tensor and a Python scalar: a scalar only promotes across categories
 * (bool < integer < floating); within the same category the tensor's dtype wins.
 */
export function promoteWithScalar(tensorType: DType, value: number | boolean): DType {
  const kind = scalarKind(value);
  const tensorCategory = category(tensorType);
  const scalarCategory = category(kind);
  if (scalarCategory <= tensorCategory) return tensorType;
  return kind === 'float32' ? DEFAULT_FLOAT : kind;
}

/**
 * torch.result_type over tensors: zero-dimensional tensors (like scalars) only promote across categories
 * when dimensioned tensors are present.
 */
export function resultType(operands: { dtype: DType; dimensioned: boolean }[]): DType {
  let dimResult: DType | null = null;
  let zeroDimResult: DType | null = null;
  for (const op of operands) {
    if (op.dimensioned) dimResult = dimResult === null ? op.dtype : promoteTypes(dimResult, op.dtype);
    else zeroDimResult = zeroDimResult === null ? op.dtype : promoteTypes(zeroDimResult, op.dtype);
  }
  if (dimResult === null) return zeroDimResult!;
  if (zeroDimResult === null) return dimResult;
  return category(zeroDimResult) > category(dimResult) ? zeroDimResult : dimResult;
}

function category(dtype: DType): number {
  return dtype === 'bool' ? 0 : dtype === 'int32' ? 1 : 2;
}
