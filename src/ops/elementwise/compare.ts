// Comparisons (bool results, computed in the promoted dtype) and logical ops (operands read as x != 0).
import type { Tensor } from '../../tensor';
import { runBinary, runLogicalNot } from './dispatch';
import * as OP from '../../../abi/elementwise-ops';
import { isTensor, resultTypeOf, type TensorOrScalar, withOperands } from './operands';

function comparison(name: string, op: number, a: TensorOrScalar, b: TensorOrScalar): Tensor {
  if (!isTensor(a) && !isTensor(b)) throw new TypeError(`${name}(): expected at least one Tensor argument, got two scalars`);
  const promoted = resultTypeOf(a, b);
  // bool values compare as integers (false < true)
  const dtype = promoted === 'bool' ? 'int32' : promoted;
  return withOperands([a, b], dtype, ([x, y]) => runBinary('compare', op, x, y, dtype));
}

/** a == b (bool tensor). */
export const eq = (a: TensorOrScalar, b: TensorOrScalar): Tensor => comparison('eq', OP.EQ, a, b);
/** a != b; true where either side is NaN. */
export const ne = (a: TensorOrScalar, b: TensorOrScalar): Tensor => comparison('ne', OP.NE, a, b);
export const lt = (a: TensorOrScalar, b: TensorOrScalar): Tensor => comparison('lt', OP.LT, a, b);
export const le = (a: TensorOrScalar, b: TensorOrScalar): Tensor => comparison('le', OP.LE, a, b);
export const gt = (a: TensorOrScalar, b: TensorOrScalar): Tensor => comparison('gt', OP.GT, a, b);
export const ge = (a: TensorOrScalar, b: TensorOrScalar): Tensor => comparison('ge', OP.GE, a, b);

/** !x as a bool tensor (x == 0 for numeric dtypes; NaN counts as true, as in PyTorch). */
export function logicalNot(x: Tensor): Tensor {
  x._check();
  return x.dtype === 'bool' ? runLogicalNot(x) : eq(x, 0);
}

function logical(name: string, op: number, a: TensorOrScalar, b: TensorOrScalar): Tensor {
  if (!isTensor(a) && !isTensor(b)) throw new TypeError(`${name}(): expected at least one Tensor argument, got two scalars`);
  return withOperands([a, b], 'bool', ([x, y]) => runBinary('binary', op, x, y, 'bool'));
}

export const logicalAnd = (a: TensorOrScalar, b: TensorOrScalar): Tensor => logical('logical_and', OP.LOGICAL_AND, a, b);
export const logicalOr = (a: TensorOrScalar, b: TensorOrScalar): Tensor => logical('logical_or', OP.LOGICAL_OR, a, b);
export const logicalXor = (a: TensorOrScalar, b: TensorOrScalar): Tensor => logical('logical_xor', OP.LOGICAL_XOR, a, b);
