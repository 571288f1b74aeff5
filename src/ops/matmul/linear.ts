// torch.nn.functional.linear: input @ weight^T + bias. The transpose is a view (weight's strides swapped), which
// the GEMM packing reads directly, so the weight is never copied. The dispatch follows ATen's linear: addmm for
// 2-D input with bias, addmm over the flattened leading dims for contiguous input with bias, matmul otherwise.
import { ShapeError } from '../../errors';
import type { Tensor } from '../../tensor';
import { defineOp, type Op } from '../define';
import { add } from '../elementwise';
import { reshape, t, view } from '../views';
import { matmul } from './matmul';
import { addmm } from './products';
import { Temporaries } from './temporaries';

type Linear = (input: Tensor, weight: Tensor, bias?: Tensor | null) => Tensor;

/** torch.nn.functional.linear (a function only: PyTorch's Tensor has no linear method). */
export const linear: Op<Linear, null, null> = defineOp<Linear, null>('linear', (input, weight, bias) => {
  input._check();
  weight._check();
  if (input.ndim === 0 || weight.ndim === 0) {
    throw new ShapeError(`both arguments to linear need to be at least 1D, but they are ${input.ndim}D and ${weight.ndim}D`);
  }
  return Temporaries.run([input, weight], (temps) => {
    const weightT = temps.add(t(weight));
    if (bias == null) return matmul(input, weightT);
    if (input.ndim === 2) return addmm(bias, input, weightT);
    if (input.isContiguous() && (input.ndim === 3 || bias.ndim === 1)) {
      // Flatten the leading dims into rows, one addmm, then view the rows back.
      const k = input.shape[input.ndim - 1];
      const lead = input.shape.slice(0, -1);
      const rows = lead.reduce((x, y) => x * y, 1);
      const out = temps.add(addmm(bias, temps.add(reshape(input, [rows, k])), weightT));
      return view(out, [...lead, out.shape[1]]);
    }
    return add(temps.add(matmul(input, weightT)), bias);
  });
}, { method: null });
