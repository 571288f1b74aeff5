import type { CaseTable } from './types';

export const elementwiseCases: CaseTable = {};
