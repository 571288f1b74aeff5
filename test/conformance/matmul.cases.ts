import type { CaseTable } from './types';

export const matmulCases: CaseTable = {};
