// The bracketed body of a printed tensor: which elements are shown when it is summarised, and how
// rows, lines and nested brackets are laid out (torch._tensor_str._tensor_str and its helpers).
import { formatElements, type PrintDType } from './elementFormatter';
import type { PrintOptions } from './printOptions';

/** Marks the place of the left-out rows in a list of shown indices. */
const ELLIPSIS = -1;

/**
 * Indices shown along a dimension of the given size: all of them, or, when the tensor is
 * summarised and the dimension is longer than 2 * edgeitems, the first and last edgeitems
 * around an ELLIPSIS.
 */
function shownIndices(size: number, summarize: boolean, edgeitems: number): number[] {
  const indices: number[] = [];
  if (summarize && size > 2 * edgeitems) {
    for (let i = 0; i < edgeitems; i++) indices.push(i);
    indices.push(ELLIPSIS);
    for (let i = size - edgeitems; i < size; i++) indices.push(i);
  } else {
    for (let i = 0; i < size; i++) indices.push(i);
  }
  return indices;
}

/**
 * The shown elements, in printing order, as doubles. float32 values are rounded to float32 first,
 * so that an array of doubles prints as the float32 tensor it stands for.
 */
function gatherShown(
  values: ArrayLike<number>,
  dtype: PrintDType,
  strides: readonly number[],
  shown: readonly number[][],
): Float64Array {
  let count = 1;
  for (const indices of shown) count *= indices.length - (indices.includes(ELLIPSIS) ? 1 : 0);
  const out = new Float64Array(count);
  const roundToFloat32 = dtype === 'float32';
  let next = 0;
  const visit = (dim: number, offset: number): void => {
    if (dim === shown.length) {
      const v = values[offset];
      out[next++] = roundToFloat32 ? Math.fround(v) : v;
      return;
    }
    for (const i of shown[dim]) if (i !== ELLIPSIS) visit(dim + 1, offset + i * strides[dim]);
  };
  visit(0, 0);
  return out;
}

/**
 * The body of a non-empty tensor, from its opening bracket to its closing one (a scalar has none).
 * indent is the column where the body starts (the length of 'tensor(').
 */
export function tensorContents(
  shape: readonly number[],
  dtype: PrintDType,
  values: ArrayLike<number>,
  indent: number,
  options: PrintOptions,
): string {
  let numel = 1;
  for (const size of shape) numel *= size;
  const summarize = numel > options.threshold;
  const ndim = shape.length;
  // With edgeitems 0 a summarised tensor shows no element at all.
  if (summarize && options.edgeitems === 0 && ndim > 0) return '[...]';

  const strides = new Array<number>(ndim);
  let stride = 1;
  for (let d = ndim - 1; d >= 0; d--) {
    strides[d] = stride;
    stride *= shape[d];
  }
  const shown = shape.map((size) => shownIndices(size, summarize, options.edgeitems));
  const { texts, width } = formatElements(gatherShown(values, dtype, strides, shown), dtype, options);
  if (ndim === 0) return texts[0];

  // The last dimension is wrapped: each element takes its width plus ', '.
  const vectorIndent = indent + ndim - 1;
  const perLine = Math.max(1, Math.floor((options.linewidth - vectorIndent) / (width + 2)));
  let next = 0;
  const render = (dim: number, dimIndent: number): string => {
    if (dim === ndim - 1) {
      const lines: string[] = [];
      let line: string[] = [];
      for (const i of shown[dim]) {
        line.push(i === ELLIPSIS ? ' ...' : texts[next++]);
        if (line.length === perLine) {
          lines.push(line.join(', '));
          line = [];
        }
      }
      if (line.length > 0) lines.push(line.join(', '));
      return '[' + lines.join(',\n' + ' '.repeat(dimIndent + 1)) + ']';
    }
    const parts: string[] = [];
    for (const i of shown[dim]) parts.push(i === ELLIPSIS ? '...' : render(dim + 1, dimIndent + 1));
    // Sub-tensors of a k-dimensional tensor are separated by k - 1 line breaks.
    return '[' + parts.join(',' + '\n'.repeat(ndim - dim - 1) + ' '.repeat(dimIndent + 1)) + ']';
  };
  return render(0, indent);
}
