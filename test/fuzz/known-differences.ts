// Documented differences between wasmgrad and the PyTorch 1.13 reference of the fuzz corpus, with the cases that
// show them; README.md ("Known differences from PyTorch") explains each. Where PyTorch 1.13 and current PyTorch
// differ, wasmgrad follows current PyTorch.
import type { ExpectedDisagreement } from './expected';

export const KNOWN_DIFFERENCES: readonly ExpectedDisagreement[] = [
  {
    reason: 'integer matrix products are not supported (NotSupportedError): products compute in float32 or float64',
    cases: [735, 749, 859, 1005, 1152, 1191, 1521, 1744, 2135, 2173, 2230, 2855],
  },
  { reason: 'addcmul / addcdiv of integer tensors are not supported (DTypeError)', cases: [334] },
  {
    reason: 'floorDivide backward: PyTorch 1.13 has no derivative; wasmgrad gives zeros, as current PyTorch (div with rounding)',
    cases: [46, 177, 348, 397, 398, 738, 913, 1063, 1723, 1831, 1843, 2002, 2010, 2035, 2171, 2348, 2444, 2620, 2991],
  },
  {
    reason: 'var / varMean over a whole tensor without degrees of freedom: gradient by PyTorch 2\'s rule (NaN where x equals the mean)',
    cases: [223, 479, 1395],
  },
  { reason: 'logaddexp of integers: PyTorch 1.13 has no integer kernel; wasmgrad computes in the default float dtype', cases: [255] },
  { reason: 'PyTorch 1.13 fails in backward: logaddexp with a bool operand', cases: [2772] },
  { reason: 'PyTorch 1.13 fails in backward: group_norm with a bias and no weight ("tensor does not have a device")', cases: [2287, 2396] },
  { reason: 'PyTorch 1.13 fails in backward: clamp with a tensor bound that broadcasts the result larger than the input', cases: [1122] },
  { reason: 'PyTorch 1.13 refuses constant padding whose (backward) result has an empty dim', cases: [2268] },
  { reason: 'circular padding with one non-padded dim: refused by PyTorch 1.13, accepted by current PyTorch', cases: [524, 1726, 2700] },
  { reason: 'losses with an input and a target of different dtypes: wasmgrad promotes or refuses, PyTorch 1.13 fails in backward', cases: [454, 696, 2248] },
  { reason: 'binaryCrossEntropy checks that targets lie in [0, 1], as current PyTorch does; PyTorch 1.13 does not', cases: [1290] },
  { reason: "PyTorch 1.13's batch_norm gradient reads strided operands wrongly (stridesMatter in the case)", cases: [2754] },
  { reason: "log1p of float32 values above 1e38: PyTorch's vectorised kernel gives inf, wasmgrad the finite logarithm", cases: [110] },
  {
    reason: 'values near the largest float: where an intermediate overflows depends on the order of operations (normalisation statistics, products)',
    cases: [222, 315, 473, 774, 1208, 1400, 1872],
  },
  { reason: 'addmm with a row near the largest float32: fused multiply-add overflows in another place', cases: [2088], binaries: ['relaxed-simd'] },
];
