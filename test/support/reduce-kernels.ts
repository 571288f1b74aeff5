// The reduction, scan and softmax kernels with their scalar references, one per dtype each (the name's suffix):
// shared by the kernel tests (test/reduce-kernels.test.ts) and the property tests (test/property/reduce.test.ts).
import { byDType } from '../../src/backend/kernel-table';

export const REDUCE_KERNELS = {
  reduceInner: byDType('reduceInner'),
  reduceOuter: byDType('reduceOuter'),
  reduceInnerReference: byDType('reduceInnerReference'),
  reduceOuterReference: byDType('reduceOuterReference'),
  argReduceInner: byDType('argReduceInner'),
  argReduceOuter: byDType('argReduceOuter'),
  argReduceReference: byDType('argReduceReference'),
  varianceInner: byDType('varianceInner'),
  varianceOuter: byDType('varianceOuter'),
  varianceReference: byDType('varianceReference'),
  softmaxInner: byDType('softmaxInner'),
  softmaxOuter: byDType('softmaxOuter'),
  softmaxReference: byDType('softmaxReference'),
  logsumexpInner: byDType('logsumexpInner'),
  logsumexpOuter: byDType('logsumexpOuter'),
  logsumexpReference: byDType('logsumexpReference'),
  scanInner: byDType('scanInner'),
  scanOuter: byDType('scanOuter'),
  scanReference: byDType('scanReference'),
};
