import type { CaseListFilters } from '@escalations/db';
import type { Caller } from '../auth/authenticated-request';
import { scopedPolicies } from '../auth/scope';
import type { CaseListQuery } from './cases.dto';

/**
 * A list or CSV query as repository filters: `from`/`to` are whole UTC days, both inclusive;
 * only the caller's partnerships' cases, another's silently left out.
 */
export function caseListFilters(
  query: Omit<CaseListQuery, 'cursor' | 'limit'>,
  caller: Pick<Caller, 'policies'>,
): CaseListFilters {
  const policies = scopedPolicies(caller);
  return {
    ...(policies ? { policies } : {}),
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
