import type { CaseTable } from './types';

export const reduceCases: CaseTable = {};
