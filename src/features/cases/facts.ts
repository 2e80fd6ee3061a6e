// Gathers what the case lifecycle rules need to know about a case, from the database.
import type { Tx } from '../../db/actor-context.js';
import {
  suitabilityStanding,
  type CaseFacts,
  type CaseStage,
  type InterventionFacts,
  type ParticipantFacts,
  type ParticipantRole,
} from '../../domain/case-lifecycle.js';

/** Everyone on the case, in the order they were added. */
export const participantsOf = (tx: Tx, caseId: string) =>
  tx
    .selectFrom('case_participants')
    .selectAll()
    .where('case_id', '=', caseId)
    .orderBy('created_at')
    .execute();

/**
 * Everyone on the case with the details of their person record (none for an organisation), in
 * the order they were added; a caller may narrow it (`case_participants.id`) before running it.
 */
export const peopleWithDetails = (tx: Tx, caseId: string) =>
  tx
    .selectFrom('case_participants')
    .leftJoin('persons', 'persons.id', 'case_participants.person_id')
    .selectAll('case_participants')
    .select([
      'persons.forename',
      'persons.surname',
      'persons.date_of_birth as dateOfBirth',
      'persons.phone',
      'persons.email',
      'persons.postcode',
      'persons.establishment',
    ])
    .where('case_participants.case_id', '=', caseId)
    .orderBy('case_participants.created_at');

/** Every offer of RJ on the case, in the order they were made (the last is a person's answer). */
export const offersOf = (tx: Tx, caseId: string) =>
  tx
    .selectFrom('case_offers')
    .select(['participant_id', 'answer', 'offered_on'])
    .where('case_id', '=', caseId)
    .orderBy('offered_on')
    .orderBy('created_at')
    .execute();

type ParticipantRow = Awaited<ReturnType<typeof participantsOf>>[number];
type OfferRow = Awaited<ReturnType<typeof offersOf>>[number];

/**
 * Rows the facts are made of that a page has read already for what it shows (the case page
 * reads every person with their details, the offers and the allocations): given, they are not
 * read again.
 */
export interface RecordsRead {
  participants?: readonly ParticipantRow[];
  offers?: readonly OfferRow[];
  hasLead?: boolean;
}

export async function participantFacts(
  tx: Tx,
  caseId: string,
  svDa: boolean,
  read: RecordsRead = {},
): Promise<ParticipantFacts[]> {
  const participants = read.participants ?? (await participantsOf(tx, caseId));
  const offers = read.offers ?? (await offersOf(tx, caseId));
  const suitability = await tx
    .selectFrom('case_assessments')
    .leftJoin('users as signer', 'signer.id', 'case_assessments.signed_off_by')
    .select([
      'case_assessments.participant_id',
      'case_assessments.decision',
      'case_assessments.needs_second_sign_off',
      'case_assessments.second_signed_off_at',
      'signer.trained_sv_da',
    ])
    .where('case_assessments.case_id', '=', caseId)
    .where('case_assessments.kind', '=', 'suitability')
    .orderBy('case_assessments.created_at')
    .execute();
  const latestOffer = new Map(offers.map((o) => [o.participant_id, o.answer]));
  const latestSuitability = new Map(suitability.map((a) => [a.participant_id, a]));
  return participants.map((p) => {
    const assessment = latestSuitability.get(p.id);
    return {
      id: p.id,
      name: p.display_name,
      role: p.role as ParticipantRole,
      offerAnswer: latestOffer.get(p.id) ?? null,
      consent: p.consent_status as ParticipantFacts['consent'],
      suitability: suitabilityStanding(
        assessment
          ? {
              decision: assessment.decision as 'suitable' | 'not_suitable' | null,
              signedOffByTrained: assessment.trained_sv_da === true,
              needsSecondSignOff: assessment.needs_second_sign_off,
              secondSignedOff: assessment.second_signed_off_at !== null,
            }
          : null,
        svDa,
      ),
    };
  });
}

export async function interventionFacts(tx: Tx, caseId: string): Promise<InterventionFacts[]> {
  const rows = await tx
    .selectFrom('case_interventions')
    .leftJoin(
      'case_intervention_attendees',
      'case_intervention_attendees.intervention_id',
      'case_interventions.id',
    )
    .select([
      'case_interventions.id',
      'case_interventions.kind',
      'case_interventions.status',
      'case_intervention_attendees.participant_id',
    ])
    .where('case_interventions.case_id', '=', caseId)
    .execute();
  const byId = new Map<string, InterventionFacts>();
  for (const row of rows) {
    const entry = byId.get(row.id) ?? {
      id: row.id,
      kind: row.kind,
      status: row.status as InterventionFacts['status'],
      attendeeIds: [],
    };
    if (row.participant_id) entry.attendeeIds.push(row.participant_id);
    byId.set(row.id, entry);
  }
  return [...byId.values()];
}

async function hasLead(tx: Tx, caseId: string): Promise<boolean> {
  const lead = await tx
    .selectFrom('case_allocations')
    .select('user_id')
    .where('case_id', '=', caseId)
    .where('lead', '=', true)
    .executeTakeFirst();
  return lead !== undefined;
}

export async function caseFacts(
  tx: Tx,
  row: { id: string; stage: string; previous_stage: string | null; sv_da: boolean },
  read: RecordsRead = {},
): Promise<CaseFacts> {
  return {
    stage: row.stage as CaseStage,
    previousStage: (row.previous_stage as CaseStage | null) ?? null,
    hasLead: read.hasLead ?? (await hasLead(tx, row.id)),
    participants: await participantFacts(tx, row.id, row.sv_da, read),
    interventions: await interventionFacts(tx, row.id),
  };
}
