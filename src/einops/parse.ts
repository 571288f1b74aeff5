/**
 * Parsing of one side of an einops pattern, e.g. `b c (h p1) (w p2)` or `... (h w) 1`.
 *
 * Grammar (einops 0.8): axes are separated by spaces; an axis is a name (a valid identifier that neither
 * starts nor ends with an underscore), a number (an anonymous axis of that length; `1` means a unit axis
 * and is dropped), `...` (an ellipsis, at most once per side) or a parenthesised group of those (one level
 * only; `()` is an empty group, i.e. a unit axis). Validation rules and messages are einops'.
 */
import { EinopsError } from './errors.js';
import { pyNumber, pyStr } from './python-repr.js';

/** Internal stand-in for `...`: one character, so that it can never be confused with an axis name. */
export const ELLIPSIS = '\u2026';

/** An axis given by a number in the pattern. Every occurrence is a distinct axis, even with equal lengths. */
export class AnonymousAxis {
  readonly value: number;

  constructor(value: number) {
    if (value === 1) throw new EinopsError('No need to create anonymous axis of length 1. Report this as an issue');
    if (value < 1) throw new EinopsError(`Anonymous axis should have positive length, not ${pyNumber(value)}`);
    this.value = value;
  }

  /** How einops prints it inside a set of identifiers, e.g. `{2-axis}`. */
  toString(): string {
    return `${this.value}-axis`;
  }
}

/** A named axis (string, or ELLIPSIS) or an anonymous numbered axis. */
export type AxisName = string | AnonymousAxis;

/** One top-level entry of an expression: a group of axes (length 1 for a plain axis, 0 for a unit axis) or `...`. */
export type CompositeAxis = AxisName[] | typeof ELLIPSIS;

export interface ParsedExpression {
  /** The expression after `...` was replaced with ELLIPSIS (this is what einops quotes in some messages). */
  readonly expression: string;
  readonly hasEllipsis: boolean;
  /** Whether the ellipsis sits inside parentheses; null without ellipsis. */
  readonly hasEllipsisParenthesized: boolean | null;
  /** Every axis that occurs, ELLIPSIS included; anonymous axes by identity. Insertion order = order of appearance. */
  readonly identifiers: ReadonlySet<AxisName>;
  readonly hasNonUnitaryAnonymousAxes: boolean;
  readonly composition: readonly CompositeAxis[];
}

export interface ParseOptions {
  /** Accept `_` as an axis name (parse_shape and einsum use it to skip an axis). */
  allowUnderscore?: boolean;
  /** Accept the same name twice (einsum inputs, e.g. a trace `i i`). */
  allowDuplicates?: boolean;
}

/** Python's str.isidentifier(): XID_Start or underscore, then XID_Continue. */
const IDENTIFIER = /^[\p{XID_Start}_]\p{XID_Continue}*$/u;
/** Python's str.isalnum() for one character: letters and numbers of any script. */
const ALPHANUMERIC = /^[\p{L}\p{N}]$/u;
/** Numbers in patterns are read in ASCII digits (Python would also accept other scripts' decimal digits). */
const DECIMAL = /^[0-9]+$/;

/** Whether `name` may name an axis, and if not, why (einops' wording). */
export function checkAxisName(name: string, allowUnderscore = false): { valid: boolean; reason: string } {
  if (!IDENTIFIER.test(name)) return { valid: false, reason: 'not a valid python identifier' };
  if (name.startsWith('_') || name.endsWith('_')) {
    if (name === '_' && allowUnderscore) return { valid: true, reason: '' };
    return { valid: false, reason: 'axis name should should not start or end with underscore' };
  }
  return { valid: true, reason: '' };
}

export function isValidAxisName(name: string): boolean {
  return checkAxisName(name).valid;
}

function countOccurrences(text: string, part: string): number {
  let count = 0;
  for (let at = text.indexOf(part); at !== -1; at = text.indexOf(part, at + part.length)) count++;
  return count;
}

export function parseExpression(rawExpression: string, options: ParseOptions = {}): ParsedExpression {
  const allowUnderscore = options.allowUnderscore ?? false;
  const allowDuplicates = options.allowDuplicates ?? false;

  let expression = rawExpression;
  let hasEllipsis = false;
  if (expression.includes('.')) {
    if (!expression.includes('...')) throw new EinopsError('Expression may contain dots only inside ellipsis (...)');
    if (countOccurrences(expression, '...') !== 1 || countOccurrences(expression, '.') !== 3) {
      throw new EinopsError('Expression may contain dots only inside ellipsis (...); only one ellipsis for tensor ');
    }
    expression = expression.replace('...', ELLIPSIS);
    hasEllipsis = true;
  }

  let hasEllipsisParenthesized: boolean | null = null;
  let hasNonUnitaryAnonymousAxes = false;
  const identifiers = new Set<AxisName>();
  const composition: CompositeAxis[] = [];
  let group: AxisName[] | null = null;

  const addAxis = (token: string): void => {
    if (identifiers.has(token) && !(allowUnderscore && token === '_') && !allowDuplicates) {
      throw new EinopsError(`Indexing expression contains duplicate dimension "${token}"`);
    }
    if (token === ELLIPSIS) {
      identifiers.add(ELLIPSIS);
      if (group === null) {
        composition.push(ELLIPSIS);
        hasEllipsisParenthesized = false;
      } else {
        group.push(ELLIPSIS);
        hasEllipsisParenthesized = true;
      }
      return;
    }
    const isNumber = DECIMAL.test(token);
    if (isNumber && Number(token) === 1) {
      // A unit axis: an empty group at top level, nothing at all inside parentheses.
      if (group === null) composition.push([]);
      return;
    }
    const check = checkAxisName(token, allowUnderscore);
    if (!isNumber && !check.valid) throw new EinopsError(`Invalid axis identifier: ${token}\n${check.reason}`);
    const axis: AxisName = isNumber ? new AnonymousAxis(Number(token)) : token;
    identifiers.add(axis);
    if (isNumber) hasNonUnitaryAnonymousAxes = true;
    if (group === null) composition.push([axis]);
    else group.push(axis);
  };

  let token: string | null = null;
  for (const char of expression) {
    if (char === '(' || char === ')' || char === ' ') {
      if (token !== null) addAxis(token);
      token = null;
      if (char === '(') {
        if (group !== null) throw new EinopsError('Axis composition is one-level (brackets inside brackets not allowed)');
        group = [];
      } else if (char === ')') {
        if (group === null) throw new EinopsError('Brackets are not balanced');
        composition.push(group);
        group = null;
      }
    } else if (char === '_' || (char === ELLIPSIS && hasEllipsis) || ALPHANUMERIC.test(char)) {
      // A literal ELLIPSIS character typed by the user is not accepted; only `...` stands for it.
      token = token === null ? char : token + char;
    } else {
      throw new EinopsError(`Unknown character '${char}'`);
    }
  }
  if (group !== null) throw new EinopsError(`Imbalanced parentheses in expression: "${expression}"`);
  if (token !== null) addAxis(token);

  return { expression, hasEllipsis, hasEllipsisParenthesized, identifiers, hasNonUnitaryAnonymousAxes, composition };
}

/** Whether some group holds more than one axis (unit axes inside parentheses do not count). */
export function hasComposedAxes(parsed: ParsedExpression): boolean {
  return parsed.composition.some((axes) => axes !== ELLIPSIS && axes.length > 1);
}

/** How einops prints an identifier inside a set: quoted names, `N-axis` for anonymous axes. */
export function formatIdentifier(axis: AxisName): string {
  return typeof axis === 'string' ? pyStr(axis) : axis.toString();
}
