// The text of each shown element and their common width: torch._tensor_str._Formatter.
import { formatFixed, formatScientific } from './pythonFloatFormat';
import type { PrintOptions } from './printOptions';

export type PrintDType = 'float32' | 'float64' | 'int32' | 'int64' | 'bool';

export interface FormattedElements {
  /** Each element right-aligned to width (longer texts, such as -0. among positives, are not cut). */
  texts: string[];
  /** The width every element is aligned to; sets how many elements fit on a line. */
  width: number;
}

function padStart(text: string, width: number): string {
  return text.length >= width ? text : ' '.repeat(width - text.length) + text;
}

/**
 * Integers print as Python's str(int), bools as True / False; the width is the longest text
 * (at least 1).
 */
function formatIntegers(values: Float64Array, isBool: boolean): FormattedElements {
  const texts = new Array<string>(values.length);
  let width = 1;
  for (let i = 0; i < values.length; i++) {
    const text = isBool ? (values[i] !== 0 ? 'True' : 'False') : String(values[i]);
    texts[i] = text;
    if (text.length > width) width = text.length;
  }
  for (let i = 0; i < values.length; i++) texts[i] = padStart(texts[i], width);
  return { texts, width };
}

/**
 * PyTorch's choice of notation for floating tensors, over the nonzero finite elements shown:
 *  - none (all zero, nan or inf): integer mode, width 1, and sciMode is not consulted;
 *  - sciMode option true / false forces the notation; when null, scientific is chosen if
 *    max|x| / min|x| > 1000, max|x| > 1e8 or min|x| < 1e-4 (compared as doubles, so float32 1e-4,
 *    which is 9.99999974e-5, counts as below 1e-4);
 *  - integer mode (every value an integer, fixed notation): '{:.0f}' plus '.', as in '3.';
 *  - otherwise '{:.<precision>f}' or '{:.<precision>e}'.
 * The width is the longest text of a nonzero finite element (at least 1); zeros, nan and inf are
 * padded to it but do not widen it.
 */
function formatFloats(values: Float64Array, options: PrintOptions): FormattedElements {
  let count = 0;
  let minAbs = Infinity;
  let maxAbs = 0;
  let allIntegers = true;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === 0 || !Number.isFinite(v)) continue;
    const abs = Math.abs(v);
    count++;
    if (abs < minAbs) minAbs = abs;
    if (abs > maxAbs) maxAbs = abs;
    if (allIntegers && v !== Math.ceil(v)) allIntegers = false;
  }
  let intMode = true;
  let sciMode = false;
  if (count > 0) {
    intMode = allIntegers;
    const autoSci = maxAbs / minAbs > 1000 || maxAbs > 1e8 || minAbs < 1e-4;
    sciMode = options.sciMode ?? autoSci;
  }
  const texts = new Array<string>(values.length);
  let width = 1;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    let text: string;
    if (sciMode) text = formatScientific(v, options.precision);
    else if (intMode) text = Number.isFinite(v) ? formatFixed(v, 0) + '.' : formatFixed(v, 0);
    else text = formatFixed(v, options.precision);
    texts[i] = text;
    if (v !== 0 && Number.isFinite(v) && text.length > width) width = text.length;
  }
  for (let i = 0; i < values.length; i++) texts[i] = padStart(texts[i], width);
  return { texts, width };
}

/** Texts for the elements that will be shown (values as doubles; float32 values already rounded). */
export function formatElements(values: Float64Array, dtype: PrintDType, options: PrintOptions): FormattedElements {
  if (dtype === 'float32' || dtype === 'float64') return formatFloats(values, options);
  return formatIntegers(values, dtype === 'bool');
}
