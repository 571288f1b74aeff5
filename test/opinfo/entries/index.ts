// Every entry of the op database, by family.
import type { OpEntry } from '../types';
import { creationEntries } from './creation';
import { elementwiseEntries } from './elementwise';
import { matmulEntries } from './matmul';
import { nnEntries } from './nn';
import { reduceEntries } from './reduce';
import { viewEntries } from './views';

export const OP_ENTRIES: readonly OpEntry[] = [
  ...elementwiseEntries, ...reduceEntries, ...viewEntries, ...creationEntries, ...matmulEntries, ...nnEntries,
];
