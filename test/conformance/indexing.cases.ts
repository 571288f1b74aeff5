import type { CaseTable } from './types';

export const indexingCases: CaseTable = {};
