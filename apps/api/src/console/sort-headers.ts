import type { CaseListSort } from '@escalations/db';

/** The case list's sortable columns, by heading, and the key each sorts on. */
const SORTABLE: Readonly<Record<string, string>> = {
  Case: 'reference',
  Raised: 'raisedAt',
  Stage: 'stage',
  Due: 'dueAt',
};

const HEADINGS = ['Case', 'Name', 'Raised', 'Agencies', 'Status', 'Stage', 'Due'] as const;

/**
 * The case table's head for govukTable: a sortable column's heading is a link (so sorting works
 * without JavaScript) to the list sorted by it, ascending first and the other way when it is
 * already so; the sorted column says how in aria-sort. Without a sort the list is newest first,
 * which is Raised, descending. The filters are kept and paging starts again from the top.
 */
export function caseTableHead(filters: Readonly<Record<string, string>>, sort?: CaseListSort) {
  const current = sort ?? '-raisedAt';
  const descending = current.startsWith('-');
  const sortedKey = current.replace(/^-/, '');
  return HEADINGS.map((heading) => {
    const key = SORTABLE[heading];
    if (!key) return { text: heading };
    const sorted = key === sortedKey;
    const next = sorted && !descending ? `-${key}` : key;
    const { cursor: _cursor, ...kept } = filters;
    const href = `/console/cases?${new URLSearchParams({ ...kept, sort: next }).toString()}`;
    const state = sorted ? (descending ? 'descending' : 'ascending') : 'none';
    const hint = sorted ? ` <span class="govuk-visually-hidden">(sorted ${state})</span>` : '';
    return {
      html: `<a class="govuk-link console-sort" href="${escapeHtml(href)}">${heading}</a>${hint}${
        sorted ? `<span aria-hidden="true">${descending ? ' ▼' : ' ▲'}</span>` : ''
      }`,
      attributes: { 'aria-sort': state },
    };
  });
}

/** What the list's order is, in words, above the table. */
export function sortDescription(sort?: CaseListSort): string {
  switch (sort) {
    case undefined:
    case '-raisedAt':
      return 'Newest first.';
    case 'raisedAt':
      return 'Oldest first.';
    case 'dueAt':
      return 'Earliest due date first.';
    case '-dueAt':
      return 'Latest due date first.';
    case 'stage':
      return 'Lowest stage first.';
    case '-stage':
      return 'Highest stage first.';
    case 'reference':
      return 'By reference.';
    case '-reference':
      return 'By reference, last first.';
  }
}

function escapeHtml(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('"', '&quot;').replaceAll('<', '&lt;');
}
