// Columns every list of cases shows beside each case (the queues and the search results), as
// correlated sub-queries on the page of cases already chosen, so they are read for that page only.
import { sql, type Expression } from 'kysely';

/** What every list shows of the case itself. */
export const CASE_LIST_COLUMNS = [
  'cases.id',
  'cases.reference',
  'cases.stage',
  'cases.sv_da as svDa',
  'cases.created_at as openedAt',
  'cases.referral_id as referralId',
] as const;

/** The lead practitioner's name, or null while no one leads the case. */
export const leadNameOf = (caseId: Expression<string>) =>
  sql<string | null>`(select u.name from case_allocations lead
    join users u on u.id = lead.user_id where lead.case_id = ${caseId} and lead.lead)`;

/** The people harmed, then the people who harmed, in the order they were added. */
export const peopleOf = (caseId: Expression<string>) =>
  sql<string | null>`(select string_agg(p.display_name, ', ' order by p.role desc, p.created_at)
    from case_participants p where p.case_id = ${caseId} and p.role in ('harmed', 'harmer'))`;
