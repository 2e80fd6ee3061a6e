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

/** The people on a case as the case page has read them: in the order added, with details. */
export interface PersonRead {
  id: string;
  role: string;
  person_id: string | null;
  organisation_name: string | null;
  dateOfBirth: string | null;
}

/** What the duties are worked out from that the case page has read already. */
export interface DutyRecordsRead {
  people: readonly PersonRead[];
  offers: readonly { participant_id: string; offered_on: string }[];
}

/** Each named person harmed (not an organisation), in the order added, with their evidence. */
async function harmedWithEvidence(tx: Tx, caseId: string, read: DutyRecordsRead) {
  const harmed = read.people.filter((p) => p.role === 'harmed' && p.organisation_name === null);
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
      ...read.offers
        .filter((o) => o.participant_id === person.id)
        .map((o): Evidence => ({ by: 'offer', on: o.offered_on })),
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

/** The first person who caused harm with a person record (not an organisation). */
const harmerDateOfBirth = (people: readonly PersonRead[]): string | null =>
  people.find((p) => p.role === 'harmer' && p.person_id !== null)?.dateOfBirth ?? null;

/** The case's duties; none for a case with no referral (one received by transfer). */
export async function caseDuties(
  tx: Tx,
  row: CaseRow,
  holidays: Holidays,
  read: DutyRecordsRead,
): Promise<Duty[]> {
  if (!row.receivedOn || !row.cjsStage) return [];
  const victims = await harmedWithEvidence(tx, row.id, read);
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
        offenderDateOfBirth: harmerDateOfBirth(read.people),
        rjInformationGivenOn: row.rjInformationGivenOn,
        supportReferralMadeOn: row.supportReferralMadeOn,
      },
      victims.map((victim) => ({ evidence: victim.evidence })),
      holidays,
    ),
  );
}
