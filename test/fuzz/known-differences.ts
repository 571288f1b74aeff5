// Documented differences between wasmgrad and the PyTorch 1.13 reference of the fuzz corpus, with the cases that
// show them; README.md ("Known differences from PyTorch") explains each. Where PyTorch 1.13 and current PyTorch
// differ, wasmgrad follows current PyTorch.
import type { ExpectedDisagreement } from './expected';

export const KNOWN_DIFFERENCES: readonly ExpectedDisagreement[] = [
  {
    reason: 'integer matrix products are not supported (NotSupportedError): products compute in float32 or float64',
    cases: [724, 738, 848, 994, 1501, 1724, 2104, 2142, 2199, 2483, 2578, 2875],
  },
  {
    reason: 'floorDivide backward: PyTorch 1.13 has no derivative; wasmgrad gives zeros, as current PyTorch (div with rounding)',
    cases: [46, 177, 348, 397, 398, 727, 902, 1052, 1142, 1703, 1811, 1823, 2140, 2317, 2455, 2586, 2729],
  },
  { reason: 'logaddexp of integers: PyTorch 1.13 has no integer kernel; wasmgrad computes in the default float dtype', cases: [255] },
  { reason: 'addcmul / addcdiv of integer tensors are not supported (DTypeError)', cases: [334] },
  {
    reason: 'PyTorch 1.13 fails in backward: group_norm with a bias and no weight ("tensor does not have a device"), var of one element',
    cases: [607, 1997, 2256, 2365, 2678, 2727, 2746, 2792],
  },
  { reason: 'PyTorch 1.13 fails an internal assertion: sum of a float tensor that requires grad with an integer dtype', cases: [2630] },
  { reason: 'PyTorch 1.13 refuses constant padding whose (backward) result has an empty dim', cases: [1985, 2237] },
  { reason: 'circular padding of an input without batch dim, replicate padding of integers: refused by PyTorch 1.13', cases: [1706, 2404] },
  { reason: 'losses with an input and a target of different dtypes: wasmgrad promotes or refuses, PyTorch 1.13 fails in backward', cases: [454, 685, 2217] },
  { reason: 'binaryCrossEntropy checks that targets lie in [0, 1], as current PyTorch does; PyTorch 1.13 does not', cases: [1270] },
  { reason: "PyTorch 1.13's batch_norm gradient reads strided operands wrongly (stridesMatter in the case)", cases: [2423] },
  { reason: "log1p of float32 values above 1e38: PyTorch's vectorised kernel gives inf, wasmgrad the finite logarithm", cases: [110] },
  {
    reason: 'values near the largest float: where an intermediate overflows depends on the order of operations (normalisation statistics, products)',
    cases: [222, 315, 473, 763, 1188, 1380, 1852, 2042],
  },
  { reason: 'addmm with a row near the largest float32: fused multiply-add overflows in another place', cases: [2057], binaries: ['relaxed-simd'] },
];
