// The Victims' Code duties of a case (src/domain/victims-code.ts): the partner's, read-only,
// and the service's own, met by an offer of RJ, a contact in which RJ was explained, or consent
// recorded for each named person harmed.
import type { Tx } from '../../../db/actor-context.js';
import {
  dutiesInputOf,
  victimsCodeDuties,
  type Duty,
  type Evidence,
} from '../../../domain/victims-code.js';
import type { Holidays } from '../../../domain/working-days.js';
import { londonDate } from '../../../platform/format.js';
import type { CaseRow } from '../kernel/index.js';

async function harmedWithEvidence(tx: Tx, caseId: string) {
  const harmed = await tx
    .selectFrom('case_participants')
    .leftJoin('persons', 'persons.id', 'case_participants.person_id')
    .select(['case_participants.id', 'persons.date_of_birth as dateOfBirth'])
    .where('case_participants.case_id', '=', caseId)
    .where('case_participants.role', '=', 'harmed')
    .where('case_participants.organisation_name', 'is', null)
    .orderBy('case_participants.created_at')
    .execute();
  const offers = await tx
    .selectFrom('case_offers')
    .select(['participant_id as id', 'offered_on as on'])
    .where('case_id', '=', caseId)
    .execute();
  const consents = await tx
    .selectFrom('case_consents')
    .select(['participant_id as id', 'given_on as on'])
    .where('case_id', '=', caseId)
    .execute();
  const contacts = await tx
    .selectFrom('case_contacts')
    .select(['participant_id as id', 'contacted_at as at'])
    .where('case_id', '=', caseId)
    .where('rj_explained', '=', true)
    .execute();
  return harmed.map((person) => ({
    dateOfBirth: person.dateOfBirth,
    evidence: [
      ...offers.filter((o) => o.id === person.id).map((o): Evidence => ({ by: 'offer', on: o.on })),
      ...consents
        .filter((c) => c.id === person.id)
        .map((c): Evidence => ({ by: 'consent', on: c.on })),
      ...contacts
        .filter((c) => c.id === person.id)
        .map((c): Evidence => ({
          by: 'contact_rj_explained',
          on: londonDate(c.at),
        })),
    ],
  }));
}

async function harmerDateOfBirth(tx: Tx, caseId: string): Promise<string | null> {
  const harmer = await tx
    .selectFrom('case_participants')
    .innerJoin('persons', 'persons.id', 'case_participants.person_id')
    .select('persons.date_of_birth as dateOfBirth')
    .where('case_participants.case_id', '=', caseId)
    .where('case_participants.role', '=', 'harmer')
    .orderBy('case_participants.created_at')
    .executeTakeFirst();
  return harmer?.dateOfBirth ?? null;
}

/** The case's duties; none for a case with no referral (one received by transfer). */
export async function caseDuties(tx: Tx, row: CaseRow, holidays: Holidays): Promise<Duty[]> {
  if (!row.receivedOn || !row.cjsStage) return [];
  const victims = await harmedWithEvidence(tx, row.id);
  return victimsCodeDuties(
    dutiesInputOf(
      {
        cjsStage: row.cjsStage,
        reportedOn: row.reportedOn,
        receivedOn: row.receivedOn,
        offenceDate: row.offenceDate,
        sourceKind: row.sourceKind ?? 'organisation',
        enhancedRights: row.enhancedRights ?? false,
        sexualViolence: row.sexual_violence,
        domesticAbuse: row.domestic_abuse,
        hateCrime: row.hate_crime,
        victimDateOfBirth: victims[0]?.dateOfBirth ?? null,
        offenderDateOfBirth: await harmerDateOfBirth(tx, row.id),
        rjInformationGivenOn: row.rjInformationGivenOn,
        supportReferralMadeOn: row.supportReferralMadeOn,
      },
      victims.map((victim) => ({ evidence: victim.evidence })),
      holidays,
    ),
  );
}
