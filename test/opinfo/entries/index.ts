// Every entry of the op database, by family.
import type { OpEntry } from '../types';
import { elementwiseEntries } from './elementwise';
import { reduceEntries } from './reduce';

export const OP_ENTRIES: readonly OpEntry[] = [...elementwiseEntries, ...reduceEntries];
