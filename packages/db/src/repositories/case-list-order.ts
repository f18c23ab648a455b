import { and, asc, eq, gt, isNull, lt, or, sql, type SQL } from 'drizzle-orm';
import { cases } from '../schema';

/** The case list's orders: a column, descending when it starts with a minus. */
export const CASE_LIST_SORTS = [
  'raisedAt',
  '-raisedAt',
  'dueAt',
  '-dueAt',
  'stage',
  '-stage',
  'reference',
  '-reference',
] as const;
export type CaseListSort = (typeof CASE_LIST_SORTS)[number];

/** Where a sorted page ended: its last row's sort value and reference. */
export interface CaseListSortedCursor {
  sort: CaseListSort;
  value: string | number | null;
  ref: string;
}

interface SortableRow {
  ref: string;
  raisedAt: Date;
  currentDueAt: Date | null;
  currentStage: number;
}

const columns = {
  raisedAt: cases.raisedAt,
  dueAt: cases.currentDueAt,
  stage: cases.currentStage,
  reference: cases.ref,
} as const;

function parts(sort: CaseListSort) {
  const descending = sort.startsWith('-');
  const key = (descending ? sort.slice(1) : sort) as keyof typeof columns;
  return { key, descending, column: columns[key] };
}

/**
 * ORDER BY for a sort: a case with no due instant last either way (a closed case keeps
 * that of the stage it closed at), and equal values
 * in reference order, so that a page boundary never splits or repeats a tie.
 */
export function caseListOrder(sort: CaseListSort): SQL[] {
  const { key, descending, column } = parts(sort);
  const direction = descending ? sql`desc` : sql`asc`;
  if (key === 'reference') return [sql`${cases.ref} ${direction}`];
  return [sql`${column} ${direction} nulls last`, asc(cases.ref)];
}

/** The cursor a page ending at this row hands out. */
export function caseListCursorAfter(sort: CaseListSort, row: SortableRow): CaseListSortedCursor {
  const { key } = parts(sort);
  const value =
    key === 'raisedAt'
      ? row.raisedAt.toISOString()
      : key === 'dueAt'
        ? (row.currentDueAt?.toISOString() ?? null)
        : key === 'stage'
          ? row.currentStage
          : row.ref;
  return { sort, value, ref: row.ref };
}

/** The rows after a cursor in its sort's order (the keyset condition of caseListOrder). */
export function caseListAfter(cursor: CaseListSortedCursor): SQL {
  const { key, descending, column } = parts(cursor.sort);
  const laterRef = gt(cases.ref, cursor.ref);
  if (key === 'reference') return descending ? lt(cases.ref, cursor.ref) : laterRef;
  if (cursor.value === null) return and(isNull(column), laterRef)!;
  const value = key === 'stage' ? Number(cursor.value) : new Date(String(cursor.value));
  return or(
    descending ? lt(column, value) : gt(column, value),
    and(eq(column, value), laterRef),
    ...(key === 'dueAt' ? [isNull(column)] : []),
  )!;
}
