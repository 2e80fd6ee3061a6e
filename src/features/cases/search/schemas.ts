// What the "all cases" page can be asked: a search term, filters by stage, intervention kind
// and a date range, and a page. Dates come from GOV.UK date inputs or from ISO dates in a link
// (the pagination keeps them), and a date that is not real is the user's mistake, shown at
// its field, never silently dropped.
import { z } from 'zod';
import type { IsoDate } from '../../../domain/calendar-dates.js';
import { CASE_STAGES, type CaseStage } from '../../../domain/case-lifecycle.js';
import type { FieldError } from '../../../platform/errors.js';
import { dateInQuery } from '../../../platform/date-input.js';
import { INTERVENTION_KINDS, type InterventionKind } from '../interventions/schemas.js';

export const SEARCH_PAGE_SIZE = 25;
export const SEARCH_DATES_OF = ['opened', 'closed'] as const;
export type SearchDateOf = (typeof SEARCH_DATES_OF)[number];

export interface CaseSearch {
  /** A case or referral reference, a crime reference, or part of a person's name. */
  term?: string;
  stages: CaseStage[];
  kinds: InterventionKind[];
  dateOf: SearchDateOf;
  from?: IsoDate;
  to?: IsoDate;
  page: number;
}

const many = <T extends string>(values: readonly T[], given: unknown): T[] =>
  ([] as unknown[])
    .concat(given ?? [])
    .filter((v): v is T => typeof v === 'string' && (values as readonly string[]).includes(v));

const simple = z.object({
  term: z
    .string()
    .transform((s) => s.trim().replace(/\s+/g, ' '))
    .optional()
    .catch(undefined),
  dateOf: z.enum(SEARCH_DATES_OF).catch('opened'),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});

/** The search a query string asks for, and what is wrong with it. */
export function readCaseSearch(raw: unknown): { search: CaseSearch; errors: FieldError[] } {
  const query = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const base = simple.parse(query);
  const errors: FieldError[] = [];
  const term = base.term || undefined;
  if (term && term.length > 100) errors.push({ field: 'term', key: 'cases.search.errors.term' });
  const from = dateInQuery(query, 'from');
  const to = dateInQuery(query, 'to');
  if (from === null) errors.push({ field: 'from', key: 'cases.search.errors.from' });
  if (to === null) errors.push({ field: 'to', key: 'cases.search.errors.to' });
  if (from && to && to < from) errors.push({ field: 'to', key: 'cases.search.errors.order' });
  return {
    search: {
      term: term && term.length <= 100 ? term : undefined,
      stages: many(CASE_STAGES, query.stage),
      kinds: many(INTERVENTION_KINDS, query.kind),
      dateOf: base.dateOf,
      from: from ?? undefined,
      to: to ?? undefined,
      page: base.page,
    },
    errors,
  };
}

/** The search as a query string (for pagination and "remove this filter" links). */
export function searchHref(search: CaseSearch, changes: Partial<CaseSearch> = {}): string {
  const s = { ...search, ...changes };
  const params = new URLSearchParams();
  if (s.term) params.set('term', s.term);
  for (const stage of s.stages) params.append('stage', stage);
  for (const kind of s.kinds) params.append('kind', kind);
  if (s.from || s.to) params.set('dateOf', s.dateOf);
  if (s.from) params.set('from', s.from);
  if (s.to) params.set('to', s.to);
  if (s.page > 1) params.set('page', String(s.page));
  const text = params.toString();
  return text ? `/cases/all?${text}` : '/cases/all';
}
