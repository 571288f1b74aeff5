// Elementwise ops (src/ops/elementwise): unary maps, binary arithmetic and comparisons, clamps, where, lerp.
import { DTypeError, ShapeError, tensor, add, exp } from '../../../src/index';
import { SPECIAL, INTEGER_PROMOTIONS } from '../samples';
import type { OpEntry } from '../types';
import { binaryEntry, unaryEntry } from './define';

export const elementwiseEntries: OpEntry[] = [
  unaryEntry('exp', { integer: true, special: SPECIAL }),
  unaryEntry('neg', { integer: true, special: SPECIAL }),
  binaryEntry('add', {
    promotions: INTEGER_PROMOTIONS,
    scalars: [2.5, -1],
    errors: [
      { label: 'shapes that do not broadcast', call: () => add(tensor([1, 2, 3]), tensor([1, 2])), error: ShapeError, message: 'size' },
    ],
  }),
];
void exp;
void DTypeError;
