// Everything the service holds about one person, gathered in the caller's transaction (acting
// for the person's service, so row-level security keeps it to what that service holds): the
// person's own record, the referrals that named them, and in each of their cases their
// participant record and every record about them. Rows are kept whole, so nothing is left out
// by a list of fields going stale; secrets (link token hashes) are the only columns dropped.
import { sql } from 'kysely';
import type { Tx } from '../../db/actor-context.js';

type Row = Record<string, unknown>;

/** Tables with records about one participant, and the columns that name them. */
export const PARTICIPANT_RECORDS: Record<string, string[]> = {
  case_offers: ['participant_id'],
  case_consents: ['participant_id'],
  case_contacts: ['participant_id'],
  case_assessments: ['participant_id'],
  case_intervention_attendees: ['participant_id'],
  case_shuttle_messages: ['from_participant_id', 'to_participant_id'],
  case_letters: ['writer_participant_id', 'recipient_participant_id'],
  case_agreement_items: ['owed_by_participant_id', 'owed_to_participant_id'],
  case_follow_ups: ['participant_id'],
  wellbeing_measures: ['participant_id'],
  coping_goals: ['participant_id'],
  questionnaire_responses: ['participant_id'],
  questionnaire_links: ['participant_id'],
  testimonials: ['participant_id'],
  reoffending_checks: ['participant_id'],
};

/** Records about the case as a whole: they may mention other people, so they are marked for review. */
export const CASE_WIDE_RECORDS = ['case_notes', 'case_documents', 'case_interventions'] as const;

const SECRET_COLUMNS = new Set(['token_hash', 'storage_key', 'password_hash']);

function withoutSecrets(rows: Row[]): Row[] {
  return rows.map((row) =>
    Object.fromEntries(Object.entries(row).filter(([key]) => !SECRET_COLUMNS.has(key))),
  );
}

const ids = (values: string[]) => sql.join(values.map((id) => sql`${id}::uuid`));

async function rowsWhere(tx: Tx, table: string, columns: string[], values: string[]) {
  if (values.length === 0) return [];
  const conditions = sql.join(
    columns.map((column) => sql`${sql.ref(column)} in (${ids(values)})`),
    sql` or `,
  );
  const result = await sql<Row>`select * from ${sql.table(table)} where ${conditions}`.execute(tx);
  return withoutSecrets(result.rows);
}

export interface Subject {
  personId: string | null;
  /** The participant records that are this person, one per case. */
  participantIds: string[];
}

/** A person id, or a participant id (a participant added without a person record). */
export async function findSubject(tx: Tx, id: string): Promise<Subject | undefined> {
  const person = await tx
    .selectFrom('persons')
    .select('id')
    .where('id', '=', id)
    .executeTakeFirst();
  if (person) {
    const participants = await tx
      .selectFrom('case_participants')
      .select('id')
      .where('person_id', '=', id)
      .execute();
    return { personId: id, participantIds: participants.map((p) => p.id) };
  }
  const participant = await tx
    .selectFrom('case_participants')
    .select(['id', 'person_id'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!participant) return undefined;
  return participant.person_id
    ? findSubject(tx, participant.person_id)
    : { personId: null, participantIds: [id] };
}

export async function gatherRecords(tx: Tx, subject: Subject) {
  const person = subject.personId ? await rowsWhere(tx, 'persons', ['id'], [subject.personId]) : [];
  const referralParties = subject.personId
    ? await rowsWhere(tx, 'referral_parties', ['person_id'], [subject.personId])
    : [];
  const referrals = await sql<Row>`
    select r.reference, r.received_on, r.source_kind, r.initiated_by, o.name as offence_group,
      r.cjs_stage, r.status, r.decline_reason, r.decided_at, r.created_at, r.id
    from referrals r left join offence_groups o on o.id = r.offence_group_id
    where r.id in (${ids(referralParties.map((p) => String(p.referral_id)).concat('00000000-0000-0000-0000-000000000000'))})
    order by r.received_on`.execute(tx);
  const participants = await rowsWhere(tx, 'case_participants', ['id'], subject.participantIds);
  const cases = [];
  for (const participant of participants) {
    const caseId = String(participant.case_id);
    const [summary] = (
      await sql<Row>`select c.reference, c.stage, c.created_at as opened_at, c.closed_on,
          c.closure_outcome, c.anonymised_at, c.id
        from cases c where c.id = ${caseId}::uuid`.execute(tx)
    ).rows;
    const records: Record<string, Row[]> = {};
    for (const [table, columns] of Object.entries(PARTICIPANT_RECORDS)) {
      const rows = (await rowsWhere(tx, table, columns, [String(participant.id)])).filter(
        (row) => !('case_id' in row) || row.case_id === caseId,
      );
      if (rows.length > 0) records[table] = rows;
    }
    const measures = (records.wellbeing_measures ?? []).map((m) => String(m.id));
    const scores = await rowsWhere(tx, 'wellbeing_scores', ['measure_id'], measures);
    if (scores.length > 0) records.wellbeing_scores = scores;
    const caseWide: Record<string, Row[]> = {};
    for (const table of CASE_WIDE_RECORDS) {
      const rows = await rowsWhere(tx, table, ['case_id'], [caseId]);
      if (rows.length > 0) caseWide[table] = rows;
    }
    cases.push({ case: summary ?? { id: caseId }, participant, records, caseWide });
  }
  return { person: person[0] ?? null, referralParties, referrals: referrals.rows, cases };
}

/** Who opened, changed or was refused the person's cases and records, from the audit trail. */
export async function gatherAccess(
  tx: Tx,
  caseIds: string[],
  participantIds: string[],
  personId: string | null,
) {
  const subjects = [...caseIds, ...participantIds, ...(personId ? [personId] : [])];
  if (subjects.length === 0) return [];
  const result = await sql<Row>`
    select e.occurred_at, u.name as user_name, u.role as user_role, o.name as organisation,
      e.action, e.entity_type, e.entity_id, e.outcome, e.address, e.request_id, e.details ->> 'via' as via
    from audit_events e
      left join users u on u.id = e.user_id
      left join organisations o on o.id = e.org_id
    where e.entity_id in (${sql.join(subjects)})
       or (e.details ? 'case' and e.details ->> 'case' in (${sql.join(caseIds.length ? caseIds : [''])}))
    order by e.occurred_at, e.id`.execute(tx);
  return result.rows;
}
