// Reading questionnaires and the people who answer them. A service's versions carry its
// organisation and follow on from the shipped default (version 1, no organisation), so a version
// number means one thing within a service.
import type { Tx } from '../../../db/actor-context.js';
import { isUuid } from '../../../domain/ids.js';
import { notFound } from '../../../platform/errors.js';
import { readItems, type Audience, type QuestionnaireItem } from './questionnaire.js';

export interface Questionnaire {
  id: string;
  orgId: string | null;
  audience: Audience;
  version: number;
  items: QuestionnaireItem[];
}

const columns = ['id', 'org_id', 'audience', 'version', 'items'] as const;

function toQuestionnaire(row: {
  id: string;
  org_id: string | null;
  audience: Audience;
  version: number;
  items: unknown;
}): Questionnaire {
  return {
    id: row.id,
    orgId: row.org_id,
    audience: row.audience,
    version: row.version,
    items: readItems(row.items),
  };
}

/** The version a service asks now: its own latest, or the shipped default. */
export async function latestQuestionnaire(
  tx: Tx,
  orgId: string,
  audience: Audience,
): Promise<Questionnaire> {
  const row = await tx
    .selectFrom('questionnaires')
    .select(columns)
    .where('audience', '=', audience)
    .where((eb) => eb.or([eb('org_id', '=', orgId), eb('org_id', 'is', null)]))
    .orderBy('version', 'desc')
    .orderBy('org_id', (ob) => ob.asc().nullsLast())
    .limit(1)
    .executeTakeFirstOrThrow();
  return toQuestionnaire(row);
}

/** A given version of the service's questionnaire (its own, or the shipped one). */
export async function questionnaireVersion(
  tx: Tx,
  orgId: string,
  audience: Audience,
  version: number,
): Promise<Questionnaire | undefined> {
  const row = await tx
    .selectFrom('questionnaires')
    .select(columns)
    .where('audience', '=', audience)
    .where('version', '=', version)
    .where((eb) => eb.or([eb('org_id', '=', orgId), eb('org_id', 'is', null)]))
    .orderBy('org_id', (ob) => ob.asc().nullsLast())
    .limit(1)
    .executeTakeFirst();
  return row ? toQuestionnaire(row) : undefined;
}

export async function questionnaireById(tx: Tx, id: string): Promise<Questionnaire> {
  const row = await tx
    .selectFrom('questionnaires')
    .select(columns)
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  return toQuestionnaire(row);
}

/** Every item id a service's questionnaire has ever had, so a new question never reuses one. */
export async function itemIdsEverUsed(tx: Tx, orgId: string, audience: Audience) {
  const rows = await tx
    .selectFrom('questionnaires')
    .select('items')
    .where('audience', '=', audience)
    .where((eb) => eb.or([eb('org_id', '=', orgId), eb('org_id', 'is', null)]))
    .execute();
  return new Set(rows.flatMap((r) => readItems(r.items).map((i) => i.id)));
}

/** A case's responses, each with who recorded it (no one, for one answered online). */
export const responsesOfCase = (tx: Tx, caseId: string) =>
  tx
    .selectFrom('questionnaire_responses as r')
    .leftJoin('users as u', 'u.id', 'r.recorded_by')
    .select('u.name as recordedBy')
    .where('r.case_id', '=', caseId);

/** A case's testimonials, each with the person it is from (`p`) and who approved it (`a`). */
export const testimonialsOfCase = (tx: Tx, caseId: string) =>
  tx
    .selectFrom('testimonials as t')
    .innerJoin('case_participants as p', 'p.id', 't.participant_id')
    .leftJoin('users as a', 'a.id', 't.approved_by')
    .where('t.case_id', '=', caseId);

/** What the Feedback pages need to know of a person: who they are, and whether and how to ask them. */
export const contactColumns = [
  'display_name',
  'role',
  'consent_status',
  'unsafe_to_contact',
  'online_contact_agreed',
  'contact_email',
] as const;

/** A participant of the case (row-level security hides other services' and unallocated cases). */
export async function participantIn(tx: Tx, caseId: string, participantId: string) {
  if (!isUuid(participantId)) throw notFound();
  return tx
    .selectFrom('case_participants')
    .select([
      'id',
      'org_id',
      'case_id',
      ...contactColumns,
      'may_leave_message',
      'preferred_contact',
      'do_not_contact_via',
      'safe_phone',
    ])
    .where('id', '=', participantId)
    .where('case_id', '=', caseId)
    .executeTakeFirstOrThrow(notFound);
}

export type Participant = Awaited<ReturnType<typeof participantIn>>;

/** A case's id from its reference, for the API and the import ("not found": not one the actor sees). */
export async function caseIdByReference(tx: Tx, reference: unknown): Promise<string> {
  if (typeof reference !== 'string' || reference.trim() === '') throw notFound();
  const row = await tx
    .selectFrom('cases')
    .select('id')
    .where('reference', '=', reference.trim().toUpperCase())
    .executeTakeFirstOrThrow(notFound);
  return row.id;
}
