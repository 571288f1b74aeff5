/**
 * Formatting of values the way Python prints them, so that error messages read exactly as einops writes them
 * (einops builds its messages with f-strings over tuples, dicts, sets and lists).
 */

/** repr() of a Python str: single quotes unless the text has a single quote and no double quote. */
export function pyStr(text: string): string {
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'";
  let body = '';
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (char === '\\' || char === quote) body += '\\' + char;
    else if (char === '\n') body += '\\n';
    else if (char === '\r') body += '\\r';
    else if (char === '\t') body += '\\t';
    else if (code < 0x20 || (code >= 0x7f && code <= 0xa0)) body += '\\x' + code.toString(16).padStart(2, '0');
    else if (char !== ' ' && /[\p{C}\p{Z}]/u.test(char)) {
      body += code <= 0xffff ? '\\u' + code.toString(16).padStart(4, '0') : '\\U' + code.toString(16).padStart(8, '0');
    } else body += char;
  }
  return quote + body + quote;
}

/** repr() of a number as Python prints an int, or a float (with a trailing '.0' when integral). */
export function pyNumber(value: number, isFloat = false): string {
  if (Number.isNaN(value)) return 'nan';
  if (!Number.isFinite(value)) return value > 0 ? 'inf' : '-inf';
  if (isFloat && Number.isInteger(value) && Math.abs(value) < 1e16) return value.toFixed(1);
  return String(value);
}

/** A tuple of ints: `()`, `(2,)`, `(2, 3)`. This is how a NumPy shape prints. */
export function pyTuple(values: readonly number[]): string {
  if (values.length === 1) return `(${pyNumber(values[0]!)},)`;
  return `(${values.map((v) => pyNumber(v)).join(', ')})`;
}

/** A list of tuples, as einops prints packed shapes: `[(3,), ()]`. */
export function pyListOfTuples(shapes: readonly (readonly number[])[]): string {
  return `[${shapes.map(pyTuple).join(', ')}]`;
}

/** A dict from axis names to lengths: `{}`, `{'p1': 8, 'p2': 8}`. */
export function pyDict(entries: ReadonlyArray<readonly [string, number]>): string {
  return `{${entries.map(([key, value]) => `${pyStr(key)}: ${pyNumber(value)}`).join(', ')}}`;
}

/**
 * A set of already-formatted items: `{'a', 'b'}`. Python's own order for a set of strings depends on
 * the process's hash seed, so the items are printed in the order given (order of appearance in the pattern).
 */
export function pySet(formattedItems: readonly string[]): string {
  return formattedItems.length === 0 ? 'set()' : `{${formattedItems.join(', ')}}`;
}
