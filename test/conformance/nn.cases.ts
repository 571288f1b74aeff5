import type { CaseTable } from './types';

export const nnCases: CaseTable = {};
