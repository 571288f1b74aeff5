// Every entry of the op database, by family.
import type { OpEntry } from '../types';
import { elementwiseEntries } from './elementwise';

export const OP_ENTRIES: readonly OpEntry[] = [...elementwiseEntries];
