// str(tensor) / print(tensor) as PyTorch writes it: 'tensor(' + body + suffixes + ')'
// (torch._tensor_str._str_intern for dense CPU tensors).
import { DTypeError, ShapeError } from '../errors';
import type { PrintDType } from './elementFormatter';
import { getPrintOptions } from './printOptions';
import { tensorContents } from './tensorLayout';

export interface TensorPrintInfo {
  shape: readonly number[];
  dtype: PrintDType;
  /** Flat row-major values; bools as 0 / 1. */
  values: ArrayLike<number>;
  /** Prints requires_grad=True when there is no gradFnName. */
  requiresGrad?: boolean;
  /** The backward node's name, e.g. 'MulBackward0' prints grad_fn=<MulBackward0>. */
  gradFnName?: string | null;
}

const PRINT_DTYPES: readonly PrintDType[] = ['float32', 'float64', 'int32', 'int64', 'bool'];
const PREFIX = 'tensor(';

/** Python's str(tuple(shape)): (2, 0), (5,), (). */
function pythonTuple(shape: readonly number[]): string {
  return '(' + shape.join(', ') + (shape.length === 1 ? ',' : '') + ')';
}

/**
 * Appends ', suffix' to the last line, or ',\n' + indent + suffix when the line would pass
 * linewidth (torch._tensor_str._add_suffixes, including its count of the last line's length,
 * which is two more than the characters after the last line break).
 */
function addSuffixes(text: string, suffixes: readonly string[], indent: number, linewidth: number): string {
  let out = text;
  let lastLineLength = text.length - text.lastIndexOf('\n') + 1;
  for (const suffix of suffixes) {
    if (lastLineLength + suffix.length + 2 > linewidth) {
      out += ',\n' + ' '.repeat(indent) + suffix;
      lastLineLength = indent + suffix.length;
    } else {
      out += ', ' + suffix;
      lastLineLength += suffix.length + 2;
    }
  }
  return out + ')';
}

/** Exactly what PyTorch's print(t) writes for a tensor of this shape, dtype, values and grad state. */
export function formatTensor(info: TensorPrintInfo): string {
  const { shape, dtype, values } = info;
  if (!PRINT_DTYPES.includes(dtype)) {
    throw new DTypeError(`cannot print a tensor of dtype ${String(dtype)}: expected one of ${PRINT_DTYPES.join(', ')}`);
  }
  let numel = 1;
  for (const size of shape) {
    if (!Number.isInteger(size) || size < 0) {
      throw new ShapeError(`cannot print a tensor of shape [${shape.join(', ')}]: sizes must be non-negative integers`);
    }
    numel *= size;
  }
  if (values.length !== numel) {
    throw new ShapeError(
      `cannot print a tensor of shape [${shape.join(', ')}] from ${values.length} values: expected ${numel}`,
    );
  }
  const options = getPrintOptions();
  const suffixes: string[] = [];
  let body: string;
  if (numel === 0) {
    // NumPy's convention: the shape is shown unless it is (0,), and the dtype is always shown
    // unless it is the default float dtype, since no element hints at it.
    if (shape.length !== 1) suffixes.push('size=' + pythonTuple(shape));
    if (dtype !== 'float32') suffixes.push(`dtype=torch.${dtype}`);
    body = '[]';
  } else {
    if (options.edgeitems === 0) suffixes.push('size=' + pythonTuple(shape));
    // Default dtypes go unnamed: float32, bool, and the default integer dtype (int64 in
    // PyTorch, int32 in wasmgrad, so both).
    if (dtype === 'float64') suffixes.push('dtype=torch.float64');
    body = tensorContents(shape, dtype, values, PREFIX.length, options);
  }
  if (info.gradFnName) suffixes.push(`grad_fn=<${info.gradFnName}>`);
  else if (info.requiresGrad) suffixes.push('requires_grad=True');
  return addSuffixes(PREFIX + body, suffixes, PREFIX.length, options.linewidth);
}
