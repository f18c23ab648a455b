import type { CaseListFilters } from '@escalations/db';
import type { CaseListQuery } from './cases.dto';

/** A list or CSV query as repository filters: `from`/`to` are whole UTC days, both inclusive. */
export function caseListFilters(query: Omit<CaseListQuery, 'cursor' | 'limit'>): CaseListFilters {
  return {
    ...(query.policy ? { policy: query.policy } : {}),
    ...(query.status ? { status: query.status } : {}),
    ...(query.stage ? { stage: query.stage } : {}),
    ...(query.overdue !== undefined ? { overdue: query.overdue } : {}),
    ...(query.agency ? { agency: query.agency } : {}),
    ...(query.category ? { category: query.category } : {}),
    ...(query.from ? { from: new Date(`${query.from}T00:00:00Z`) } : {}),
    ...(query.to ? { to: new Date(`${query.to}T23:59:59.999Z`) } : {}),
  };
}
