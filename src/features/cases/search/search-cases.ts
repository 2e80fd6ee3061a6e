// The "all cases" list: every case of the service, closed ones too, found by a reference, a
// crime reference or a person's name, and narrowed by stage, intervention kind and date. A
// search by name reads who is in which case, so every search with a term is audited (the
// cases it found, never the term, which may be a name).
import { sql, type ExpressionBuilder, type SelectQueryBuilder } from 'kysely';
import { withActor, type Tx } from '../../../db/actor-context.js';
import { escapeLike } from '../../../db/like.js';
import { CASE_LIST_COLUMNS, leadNameOf, peopleOf } from '../list-columns.js';
import type { DB } from '../../../db/schema.js';
import type { Actor } from '../../../domain/roles.js';
import { recordAudit } from '../../../platform/audit.js';
import { authorize } from '../../../platform/authorize.js';
import type { CaseDeps } from '../kernel/index.js';
import { SEARCH_PAGE_SIZE, type CaseSearch } from './schemas.js';

type CaseQuery = SelectQueryBuilder<DB, 'cases', object>;

/** How a case matched the term, in the order a person would expect to be told. */
export const MATCHED_BY = [
  'case_reference',
  'referral_reference',
  'crime_reference',
  'name',
] as const;
export type MatchedBy = (typeof MATCHED_BY)[number];

function termMatches(eb: ExpressionBuilder<DB, 'cases'>, term: string) {
  const prefix = `${escapeLike(term)}%`;
  const anywhere = `%${escapeLike(term)}%`;
  return eb.or([
    eb('cases.reference', 'ilike', prefix),
    eb.exists(
      eb
        .selectFrom('referrals as r')
        .select('r.id')
        .whereRef('r.id', '=', 'cases.referral_id')
        .where((w) =>
          w.or([w('r.reference', 'ilike', prefix), w('r.crime_reference', 'ilike', anywhere)]),
        ),
    ),
    eb.exists(
      eb
        .selectFrom('case_participants as p')
        .select('p.id')
        .whereRef('p.case_id', '=', 'cases.id')
        .where('p.display_name', 'ilike', anywhere),
    ),
  ]);
}

function filtered(query: CaseQuery, search: CaseSearch): CaseQuery {
  let q = query;
  if (search.term) q = q.where((eb) => termMatches(eb, search.term!));
  if (search.stages.length) q = q.where('cases.stage', 'in', search.stages);
  if (search.kinds.length) {
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('case_interventions as i')
          .select('i.id')
          .whereRef('i.case_id', '=', 'cases.id')
          .where('i.kind', 'in', search.kinds),
      ),
    );
  }
  if (search.dateOf === 'closed') {
    if (search.from) q = q.where('cases.closed_on', '>=', search.from);
    if (search.to) q = q.where('cases.closed_on', '<=', search.to);
  } else {
    // Opened is a moment; the range is of London days, as the page shows them.
    if (search.from)
      q = q.where(
        sql<string>`(cases.created_at at time zone 'Europe/London')::date`,
        '>=',
        search.from,
      );
    if (search.to)
      q = q.where(
        sql<string>`(cases.created_at at time zone 'Europe/London')::date`,
        '<=',
        search.to,
      );
  }
  return q;
}

async function pageOf(tx: Tx, orgId: string, search: CaseSearch) {
  const page = filtered(
    tx.selectFrom('cases').where('cases.org_id', '=', orgId) as CaseQuery,
    search,
  )
    .select([
      ...CASE_LIST_COLUMNS,
      'cases.closed_on as closedOn',
      'cases.closure_outcome as closureOutcome',
    ])
    .orderBy('cases.created_at', 'desc')
    .orderBy('cases.id')
    .limit(SEARCH_PAGE_SIZE + 1)
    .offset((search.page - 1) * SEARCH_PAGE_SIZE)
    .as('page');
  const term = search.term ?? '';
  return tx
    .selectFrom(page)
    .leftJoin('referrals as r', 'r.id', 'page.referralId')
    .select([
      'page.id',
      'page.reference',
      'page.stage',
      'page.svDa',
      'page.openedAt',
      'page.closedOn',
      'page.closureOutcome',
      'r.reference as referralReference',
      'r.crime_reference as crimeReference',
      leadNameOf(sql.ref('page.id')).as('leadName'),
      peopleOf(sql.ref('page.id')).as('people'),
      sql<string[] | null>`(select array_agg(distinct i.kind order by i.kind)
        from case_interventions i where i.case_id = page.id)`.as('kinds'),
      sql<boolean>`exists (select 1 from case_participants p where p.case_id = page.id
        and p.display_name ilike ${`%${escapeLike(term)}%`})`.as('nameMatched'),
    ])
    .orderBy('page.openedAt', 'desc')
    .orderBy('page.id')
    .execute();
}

/** Why a row is in the results, so a person can tell a name match from a reference match. */
function matchedBy(
  term: string | undefined,
  row: {
    reference: string;
    referralReference: string | null;
    crimeReference: string | null;
    nameMatched: boolean;
  },
): MatchedBy[] {
  if (!term) return [];
  const lower = term.toLowerCase();
  const found: MatchedBy[] = [];
  if (row.reference.toLowerCase().startsWith(lower)) found.push('case_reference');
  if (row.referralReference?.toLowerCase().startsWith(lower)) found.push('referral_reference');
  if (row.crimeReference?.toLowerCase().includes(lower)) found.push('crime_reference');
  if (row.nameMatched) found.push('name');
  return found;
}

export const searchCases =
  ({ db }: CaseDeps) =>
  async (actor: Actor, search: CaseSearch) => {
    await authorize(db, actor, 'work_cases', 'case.search');
    return withActor(db, actor, async (tx) => {
      const rows = await pageOf(tx, actor.orgId!, search);
      const shown = rows.slice(0, SEARCH_PAGE_SIZE).map(({ nameMatched, ...row }) => ({
        ...row,
        kinds: row.kinds ?? [],
        matchedBy: matchedBy(search.term, { ...row, nameMatched }),
      }));
      if (search.term) {
        await recordAudit(tx, actor, {
          action: 'case.searched',
          details: {
            byName: shown.some((r) => r.matchedBy.includes('name')),
            caseIds: shown.map((r) => r.id),
            page: search.page,
          },
        });
      }
      return { rows: shown, hasNextPage: rows.length > SEARCH_PAGE_SIZE };
    });
  };
