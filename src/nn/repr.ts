// Python's repr() of the values that modules print in their extra_repr (floats, bools, tuples, strings), and the
// indentation helper of torch/nn/modules/module.py, so that String(module) reads exactly as print(module) in PyTorch.
import { pyStr } from '../einops/python-repr';

export { pyStr };

/**
 * repr() of a Python float: the shortest round-trip digits (as JavaScript), in positional notation when the decimal
 * exponent is in [-4, 16), otherwise scientific with a two-digit exponent (1e-05, 1e+16); integral values get '.0'.
 */
export function pyFloat(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  const [mantissa, exponentText] = x.toExponential().split('e');
  const exponent = Number(exponentText);
  const sign = mantissa.startsWith('-') ? '-' : '';
  const digits = mantissa.replace('-', '').replace('.', '');
  if (exponent < -4 || exponent >= 16) {
    const body = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    const e = Math.abs(exponent).toString().padStart(2, '0');
    return `${sign}${body}e${exponent < 0 ? '-' : '+'}${e}`;
  }
  if (exponent < 0) return `${sign}0.${'0'.repeat(-exponent - 1)}${digits}`;
  const intPart = digits.slice(0, exponent + 1).padEnd(exponent + 1, '0');
  const fraction = digits.slice(exponent + 1);
  return `${sign}${intPart}.${fraction.length > 0 ? fraction : '0'}`;
}

/** repr() of a Python bool. */
export function pyBool(b: boolean): string {
  return b ? 'True' : 'False';
}

/** repr() of a tuple of ints: (3,), (3, 3). */
export function pyIntTuple(values: readonly number[]): string {
  return values.length === 1 ? `(${values[0]},)` : `(${values.join(', ')})`;
}

/** An int, or a tuple of ints as PyTorch stores sizes given as a tuple. */
export function pyIntOrTuple(value: number | readonly number[]): string {
  return typeof value === 'number' ? String(value) : pyIntTuple(value);
}

/** torch.nn.modules.module._addindent: indents every line but the first. */
export function addIndent(text: string, spaces: number): string {
  const lines = text.split('\n');
  if (lines.length === 1) return text;
  const pad = ' '.repeat(spaces);
  return [lines[0], ...lines.slice(1).map((line) => pad + line)].join('\n');
}
