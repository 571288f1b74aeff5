// Comparisons (bool results, computed in the promoted dtype) and logical ops (operands read as x != 0).
import * as OP from '../../../abi/elementwise-ops';
import type { Tensor } from '../../tensor';
import { defineOp, type Op } from '../define';
import { requireTensor } from './define-binary';
import { runBinary, runLogicalNot } from './dispatch';
import { resultTypeOf, type TensorOrScalar, withOperands } from './operands';

type Binary = (a: TensorOrScalar, b: TensorOrScalar) => Tensor;
// The ops' types are written out: Tensor's method types derive from these exports.
type BinaryOp = Op<Binary, Binary, null>;

function comparison(name: string, op: number): BinaryOp {
  return defineOp(name, (a: TensorOrScalar, b: TensorOrScalar): Tensor => {
    requireTensor(name, a, b);
    const promoted = resultTypeOf(a, b);
    // bool values compare as integers (false < true)
    const dtype = promoted === 'bool' ? 'int32' : promoted;
    return withOperands([a, b], dtype, ([x, y]) => runBinary(true, op, x, y, dtype));
  });
}

/** a == b (bool tensor). */
export const eq = comparison('eq', OP.EQ);
/** a != b; true where either side is NaN. */
export const ne = comparison('ne', OP.NE);
export const lt = comparison('lt', OP.LT);
export const le = comparison('le', OP.LE);
export const gt = comparison('gt', OP.GT);
export const ge = comparison('ge', OP.GE);

/** !x as a bool tensor (x == 0 for numeric dtypes; NaN counts as true, as in PyTorch). */
export const logicalNot: Op<(x: Tensor) => Tensor, (x: Tensor) => Tensor, null> = defineOp('logicalNot', (x: Tensor): Tensor => {
  x._check();
  return x.dtype === 'bool' ? runLogicalNot(x) : eq(x, 0);
});

function logical(name: string, torchName: string, op: number): BinaryOp {
  return defineOp(name, (a: TensorOrScalar, b: TensorOrScalar): Tensor => {
    requireTensor(torchName, a, b);
    return withOperands([a, b], 'bool', ([x, y]) => runBinary(false, op, x, y, 'bool'));
  });
}

export const logicalAnd = logical('logicalAnd', 'logical_and', OP.LOGICAL_AND);
export const logicalOr = logical('logicalOr', 'logical_or', OP.LOGICAL_OR);
export const logicalXor = logical('logicalXor', 'logical_xor', OP.LOGICAL_XOR);
