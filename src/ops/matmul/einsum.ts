// torch.einsum, built from differentiable ops (views, sum, mul, bmm), so gradients of any order flow through it.
// The method is PyTorch's (ATen Linear.cpp): every operand is aligned to one common dim order (output dims first,
// then the contraction dims), with diagonals taken for subscripts repeated within an operand and size-1 dims
// inserted for missing ones; operands are then contracted left to right, each pair by one bmm over
// (batch, left-only, summed) x (batch, summed, right-only) dims; dims only one side still needs are summed first.
import { ShapeError } from '../../errors';
import type { Tensor } from '../../tensor';
import { defineOp, type Op } from '../define';
import { mul } from '../elementwise';
import { sum } from '../reduce';
import { diagonal, permute, reshape, unsqueeze, view } from '../views';
import { bmm } from './products';
import { ELLIPSIS, TOTAL_LABELS, labelChar, parseEinsumEquation } from './einsum-equation';
import { Temporaries } from './temporaries';

type Einsum = (equation: string, ...args: (Tensor | readonly Tensor[])[]) => Tensor;

/** einsum('ij,jk->ik', a, b), or with the operands in one array: einsum('ij,jk->ik', [a, b]). A function only, as torch.einsum. */
export const einsum: Op<Einsum, null, null> = defineOp<Einsum, null>('einsum', (equation, ...args) => {
  const operands: Tensor[] = args.length === 1 && Array.isArray(args[0]) ? [...(args[0] as Tensor[])] : (args as Tensor[]);
  if (operands.length === 0) throw new ShapeError('einsum(): must provide at least one operand');
  for (const op of operands) op._check();
  const parsed = parseEinsumEquation(equation, operands.length);

  // Label frequencies and the number of dims any ellipsis covers.
  const labelCount = new Array<number>(TOTAL_LABELS).fill(0);
  let ellipsisDims = 0;
  parsed.operands.forEach((labels, i) => {
    const ndim = operands[i].ndim;
    let named = labels.length;
    const hasEllipsis = labels.includes(ELLIPSIS);
    for (const label of labels) {
      if (label === ELLIPSIS) named--;
      else labelCount[label]++;
    }
    if (hasEllipsis) ellipsisDims = Math.max(ellipsisDims, ndim - named);
    if (hasEllipsis ? named > ndim : named !== ndim) {
      throw new ShapeError(
        `einsum(): the number of subscripts in the equation (${named}) ${hasEllipsis ? 'is more than' : 'does not match'} the number of dimensions (${ndim}) for operand ${i}${hasEllipsis ? '' : ' and no ellipsis was given'}`,
      );
    }
  });

  // Position of every label in the common dim order: output dims, then the ellipsis (when summed), then contractions.
  const position = new Array<number>(TOTAL_LABELS).fill(-1);
  let next = 0;
  let ellipsisAt = 0;
  let ellipsisInOutput = false;
  if (parsed.output === null) {
    // Implicit output: the ellipsis dims, then the labels seen exactly once, in label order.
    next = ellipsisDims;
    ellipsisInOutput = true;
    for (let label = 0; label < TOTAL_LABELS; label++) if (labelCount[label] === 1) position[label] = next++;
  } else {
    for (const label of parsed.output) {
      if (label === ELLIPSIS) {
        ellipsisAt = next;
        next += ellipsisDims;
        ellipsisInOutput = true;
      } else {
        if (labelCount[label] === 0 || position[label] !== -1) {
          throw new ShapeError(
            `einsum(): output subscript ${labelChar(label)}${position[label] > -1 ? ' appears more than once in the output' : ' does not appear in the equation for any input operand'}`,
          );
        }
        position[label] = next++;
      }
    }
  }
  const outDims = next;
  if (!ellipsisInOutput) {
    ellipsisAt = next;
    next += ellipsisDims;
  }
  for (let label = 0; label < TOTAL_LABELS; label++) if (labelCount[label] > 0 && position[label] === -1) position[label] = next++;
  const totalDims = next;

  // Align every operand to the common order; count for each dim how many operands have it with size != 1.
  const labelSize = new Array<number>(TOTAL_LABELS).fill(1);
  const ellipsisSize = new Array<number>(ellipsisDims).fill(1);
  const nonTrivial = new Array<number>(totalDims).fill(0);
  const aligned: Tensor[] = [];
  // Every view and partial product made below is a temporary, released with the result or with an error.
  return Temporaries.run(operands, (temps) => {
    const track = (t: Tensor): Tensor => temps.add(t);
    parsed.operands.forEach((labels, i) => {
      let op = operands[i];
      const permutation = new Array<number>(totalDims).fill(-1);
      let dim = 0;
      for (const label of labels) {
        if (label === ELLIPSIS) {
          const covered = operands[i].ndim - (labels.length - 1);
          for (let j = ellipsisDims - covered; j < ellipsisDims; j++) {
            const size = op.shape[dim];
            if (size !== 1) {
              if (ellipsisSize[j] !== 1 && ellipsisSize[j] !== size) {
                throw new ShapeError(
                  `einsum(): dimension ${dim} covered by ellipsis in operand ${i} has size ${size} which does not broadcast with previously seen ellipsis with size ${ellipsisSize[j]} for the respective dimension`,
                );
              }
              ellipsisSize[j] = size;
              nonTrivial[ellipsisAt + j]++;
            }
            permutation[ellipsisAt + j] = dim++;
          }
        } else if (permutation[position[label]] === -1) {
          const size = op.shape[dim];
          if (size !== 1) {
            if (labelSize[label] !== 1 && labelSize[label] !== size) {
              throw new ShapeError(
                `einsum(): subscript ${labelChar(label)} has size ${size} for operand ${i} which does not broadcast with previously seen size ${labelSize[label]}`,
              );
            }
            labelSize[label] = size;
            nonTrivial[position[label]]++;
          }
          permutation[position[label]] = dim++;
        } else {
          // A repeated subscript: take the diagonal and put it where the first occurrence was.
          const first = permutation[position[label]];
          if (op.shape[dim] !== op.shape[first]) {
            throw new ShapeError(
              `einsum(): subscript ${labelChar(label)} is repeated for operand ${i} but the sizes don't match, ${op.shape[dim]} != ${op.shape[first]}`,
            );
          }
          op = track(moveLastDim(track(diagonal(op, 0, first, dim)), first));
        }
      }
      for (let d = 0; d < totalDims; d++) {
        if (permutation[d] === -1) {
          op = track(unsqueeze(op, dim));
          permutation[d] = dim++;
        }
      }
      aligned.push(track(permute(op, permutation)));
    });

    // Contract left to right. A contraction dim is summed inside the pair's product once no later operand has it;
    // a dim only one of the pair has (and nothing later needs) is summed out of that side first.
    const ops = aligned.slice();
    while (ops.length > 1) {
      let a = ops.shift()!;
      let b = ops.shift()!;
      const sumDims: number[] = [];
      const aOnly: number[] = [];
      const bOnly: number[] = [];
      for (let d = outDims; d < totalDims; d++) {
        if (a.shape[d] !== 1 && b.shape[d] !== 1) {
          if (--nonTrivial[d] === 1) {
            sumDims.push(d);
            nonTrivial[d] = 0;
          }
        } else if (nonTrivial[d] === 1) {
          if (a.shape[d] !== 1) {
            aOnly.push(d);
            nonTrivial[d] = 0;
          } else if (b.shape[d] !== 1) {
            bOnly.push(d);
            nonTrivial[d] = 0;
          }
        }
      }
      if (aOnly.length > 0) a = track(sum(a, aOnly, true));
      if (bOnly.length > 0) b = track(sum(b, bOnly, true));
      ops.unshift(track(sumProductPair(a, b, sumDims, track)));
    }

    let result = ops[0];
    if (totalDims > outDims) {
      // With several operands every contraction dim has been reduced to size 1 by now: a view drops them.
      result = operands.length > 1 ? view(result, result.shape.slice(0, outDims)) : sum(result, range(outDims, totalDims));
    }
    return result;
  });
}, { method: null });

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from }, (_, i) => from + i);
}

/** movedim(-1, to) as a permutation (a view). */
function moveLastDim(x: Tensor, to: number): Tensor {
  const order = range(0, x.ndim - 1);
  order.splice(to, 0, x.ndim - 1);
  return permute(x, order);
}

/**
 * Multiplies two aligned operands and sums over sumDims, keeping those dims with size 1 (PyTorch's sumproduct_pair):
 * dims both sides have are batch dims, dims only one side has become the rows or the columns, and the summed dims
 * the inner dimension of one bmm.
 */
function sumProductPair(left: Tensor, right: Tensor, sumDims: number[], track: (t: Tensor) => Tensor): Tensor {
  if (sumDims.length === 0) return mul(left, right);
  const ndim = left.ndim;
  const summed = new Set(sumDims);
  const both: number[] = [];
  const leftOnly: number[] = [];
  const rightOnly: number[] = [];
  let bothSize = 1;
  let leftSize = 1;
  let rightSize = 1;
  let sumSize = 1;
  for (let d = 0; d < ndim; d++) {
    const sl = left.shape[d] !== 1;
    const sr = right.shape[d] !== 1;
    if (summed.has(d)) {
      if (sl && sr) {
        if (left.shape[d] !== right.shape[d]) throw new ShapeError('non-broadcast dimensions must match');
        sumSize *= left.shape[d];
      } else if (sl) {
        left = track(sum(left, d, true));
      } else if (sr) {
        right = track(sum(right, d, true));
      }
    } else if (sl && sr) {
      if (left.shape[d] !== right.shape[d]) throw new ShapeError('non-broadcast dimensions must match');
      both.push(d);
      bothSize *= left.shape[d];
    } else if (sl) {
      leftOnly.push(d);
      leftSize *= left.shape[d];
    } else {
      rightOnly.push(d);
      rightSize *= right.shape[d];
    }
  }
  const outSize = [...both.map((d) => left.shape[d]), ...leftOnly.map((d) => left.shape[d]), ...sumDims.map(() => 1), ...rightOnly.map((d) => right.shape[d])];
  const leftOrder = [...both, ...leftOnly, ...sumDims, ...rightOnly];
  const rightOrder = [...both, ...sumDims, ...rightOnly, ...leftOnly];
  const outOrder = new Array<number>(ndim);
  leftOrder.forEach((d, i) => (outOrder[d] = i));
  const l3 = track(reshape(track(permute(left, leftOrder)), [bothSize, leftSize, sumSize]));
  const r3 = track(reshape(track(permute(right, rightOrder)), [bothSize, sumSize, rightSize]));
  return permute(track(view(track(bmm(l3, r3)), outSize)), outOrder);
}
