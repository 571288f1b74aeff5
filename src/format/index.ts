// Tensor printing, identical to PyTorch's str(tensor).
export { formatTensor, type TensorPrintInfo } from './formatTensor';
export type { PrintDType } from './elementFormatter';
export { getPrintOptions, setPrintOptions, type PrintOptions, type PrintProfile } from './printOptions';
export { formatFixed, formatScientific } from './pythonFloatFormat';
