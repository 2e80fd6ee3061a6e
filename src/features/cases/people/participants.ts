// The people of a case, as every use case about them finds them: in this case or "not found",
// and refused for work once they withdrew their consent.
import type { Tx } from '../../../db/actor-context.js';
import { canWorkWith } from '../../../domain/case-lifecycle.js';
import { AppError } from '../../../platform/errors.js';
import { recordOfCase } from '../kernel/index.js';
import type { ParticipantInput } from './schemas.js';

export const participantOf = (tx: Tx, caseId: string, participantId: string) =>
  recordOfCase(tx, 'case_participants', { caseId, id: participantId });

export type Participant = Awaited<ReturnType<typeof participantOf>>;

/** Work with someone who withdrew consent stops: refuse it, saying so. */
export function requireCanWorkWith(participant: { consent_status: string; display_name: string }) {
  if (!canWorkWith({ consent: participant.consent_status as 'withdrawn' })) {
    throw new AppError('conflict', 'cases.people.errors.withdrawn', {
      params: { name: participant.display_name },
    });
  }
}

/** The days until RJ is offered again after "not now", as the service set it. */
export async function reofferIntervalDays(tx: Tx, orgId: string): Promise<number> {
  const settings = await tx
    .selectFrom('service_settings')
    .select('reoffer_interval_days')
    .where('org_id', '=', orgId)
    .executeTakeFirst();
  return settings?.reoffer_interval_days ?? 90;
}

/** The columns someone's details and safe-contact instructions set. */
export function participantColumns(data: ParticipantInput) {
  return {
    display_name: data.display_name,
    organisation_name: data.is_organisation ? data.display_name : null,
    role: data.role,
    connection: data.role === 'connected' ? (data.connection ?? null) : null,
    safe_phone: data.safe_phone ?? null,
    may_leave_message: data.may_leave_message ?? null,
    preferred_contact: data.preferred_contact ?? null,
    preferred_times: data.preferred_times ?? null,
    do_not_contact_via: data.do_not_contact_via ?? null,
    unsafe_to_contact: data.unsafe_to_contact,
    interpreter_language: data.interpreter_language ?? null,
    accessibility_needs: data.accessibility_needs ?? null,
  };
}

/** Every offer of RJ and every consent in the case, newest first. */
export async function offersAndConsents(tx: Tx, caseId: string) {
  const offers = await tx
    .selectFrom('case_offers')
    .leftJoin('users', 'users.id', 'case_offers.recorded_by')
    .select([
      'case_offers.id',
      'case_offers.participant_id as participantId',
      'case_offers.offered_on as offeredOn',
      'case_offers.method',
      'case_offers.answer',
      'case_offers.reoffer_on as reofferOn',
      'case_offers.notes',
      'users.name as recordedBy',
    ])
    .where('case_offers.case_id', '=', caseId)
    .orderBy('case_offers.offered_on', 'desc')
    .orderBy('case_offers.created_at', 'desc')
    .execute();
  const consents = await tx
    .selectFrom('case_consents')
    .leftJoin('users', 'users.id', 'case_consents.recorded_by')
    .select([
      'case_consents.id',
      'case_consents.participant_id as participantId',
      'case_consents.given_on as givenOn',
      'case_consents.how',
      'case_consents.witness',
      'case_consents.explained',
      'case_consents.withdrawn_on as withdrawnOn',
      'case_consents.withdrawal_note as withdrawalNote',
      'users.name as recordedBy',
    ])
    .where('case_consents.case_id', '=', caseId)
    .orderBy('case_consents.given_on', 'desc')
    .execute();
  return { offers, consents };
}
