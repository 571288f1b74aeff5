// Parsing of torch.einsum equations: single-letter subscripts (a-z, A-Z), '...' for broadcast dims, an optional
// '->' output. Subscripts are numbered as PyTorch numbers them (A-Z: 0-25, a-z: 26-51), which fixes the order of
// the implicit output and of the contraction dims. Messages are PyTorch's.
import { ShapeError } from '../../errors';

export const TOTAL_LABELS = 52;
/** Marks the position of '...' in an operand's subscripts. */
export const ELLIPSIS = TOTAL_LABELS;

function isLetter(ch: string): boolean {
  return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z');
}

export function labelIndex(ch: string): number {
  return ch >= 'a' ? 26 + ch.charCodeAt(0) - 97 : ch.charCodeAt(0) - 65;
}

export function labelChar(index: number): string {
  return String.fromCharCode(index < 26 ? 65 + index : 97 + index - 26);
}

export interface EinsumEquation {
  /** Per operand: subscripts as label indices, ELLIPSIS where '...' stands. */
  operands: number[][];
  /** The explicit output (label indices and ELLIPSIS), or null when the equation has no '->'. */
  output: number[] | null;
  /** Length of the text left of '->' (PyTorch counts output positions from there in its messages). */
  lhsLength: number;
}

export function parseEinsumEquation(equation: string, numOperands: number): EinsumEquation {
  const arrow = equation.indexOf('->');
  const lhs = arrow >= 0 ? equation.slice(0, arrow) : equation;
  const operands: number[][] = [[]];
  let ellipsisSeen = false;
  for (let i = 0; i < lhs.length; i++) {
    const ch = lhs[i];
    const current = operands.length - 1;
    if (ch === ' ') continue;
    if (ch === '.') {
      if (ellipsisSeen) throw new ShapeError(`einsum(): found '.' for operand ${current} for which an ellipsis was already found`);
      if (!(i + 2 < lhs.length && lhs[i + 1] === '.' && lhs[i + 2] === '.')) {
        throw new ShapeError(`einsum(): found '.' for operand ${current} that is not part of any ellipsis`);
      }
      i += 2;
      operands[current].push(ELLIPSIS);
      ellipsisSeen = true;
    } else if (ch === ',') {
      if (operands.length >= numOperands) {
        throw new ShapeError(`einsum(): fewer operands were provided than specified in the equation (the equation has ${lhs.split(',').length}, got ${numOperands})`);
      }
      operands.push([]);
      ellipsisSeen = false;
    } else if (isLetter(ch)) {
      operands[current].push(labelIndex(ch));
    } else {
      throw new ShapeError(`einsum(): invalid subscript given at index ${i} in the equation string, subscripts must be in [a-zA-Z]`);
    }
  }
  if (operands.length !== numOperands) {
    throw new ShapeError(`einsum(): more operands were provided than specified in the equation (the equation has ${operands.length}, got ${numOperands})`);
  }
  if (arrow < 0) return { operands, output: null, lhsLength: lhs.length };

  const rhs = equation.slice(arrow + 2);
  const output: number[] = [];
  let outputEllipsis = false;
  for (let i = 0; i < rhs.length; i++) {
    const ch = rhs[i];
    if (ch === ' ') continue;
    if (ch === '.') {
      if (outputEllipsis) throw new ShapeError("einsum(): found '.' for output but an ellipsis (...) was already found");
      if (!(i + 2 < rhs.length && rhs[i + 1] === '.' && rhs[i + 2] === '.')) {
        throw new ShapeError("einsum(): found '.' for output that is not part of any ellipsis (...)");
      }
      i += 2;
      output.push(ELLIPSIS);
      outputEllipsis = true;
    } else if (isLetter(ch)) {
      output.push(labelIndex(ch));
    } else {
      throw new ShapeError(`einsum(): invalid subscript given at index ${lhs.length + 2 + i} in the equation string, subscripts must be in [a-zA-Z]`);
    }
  }
  return { operands, output, lhsLength: lhs.length };
}
