// The people of a case, as every use case about them finds them: in this case or "not found",
// and refused for work once they withdrew their consent.
import type { Tx } from '../../../db/actor-context.js';
import { canWorkWith } from '../../../domain/case-lifecycle.js';
import {
  safeContactDecision,
  type Breach,
  type Communication,
} from '../../../domain/safe-contact.js';
import { AppError, validationFailed } from '../../../platform/errors.js';
import { recordOfCase, type CaseEvent } from '../kernel/index.js';
import type { ParticipantInput } from './schemas.js';

export const participantOf = (tx: Tx, caseId: string, participantId: string) =>
  recordOfCase(tx, 'case_participants', { caseId, id: participantId });

export type Participant = Awaited<ReturnType<typeof participantOf>>;

/** Where someone's postal address is added or changed (a refused letter links here). */
export const addressPath = (caseId: string, participantId: string) =>
  `/cases/${caseId}/people/${participantId}/address`;

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

/** The fields of the form that edits someone's details, as the form holds them. */
export const PARTICIPANT_FORM_FIELDS = [
  'display_name',
  'is_organisation',
  'role',
  'connection',
  'unsafe_to_contact',
  'safe_phone',
  'may_leave_message',
  'preferred_contact',
  'preferred_times',
  'do_not_contact_via',
  'interpreter_language',
  'accessibility_needs',
] as const;

/** Someone's saved details as the form shows them ("yes"/"no" for the questions). */
export function participantFormValues(p: Record<string, unknown>): Record<string, unknown> {
  const yesNo = (v: unknown) => (v === true ? 'yes' : v === false ? 'no' : '');
  return {
    ...p,
    may_leave_message: yesNo(p.may_leave_message),
    unsafe_to_contact: p.unsafe_to_contact ? 'yes' : '',
    is_organisation: p.organisation_name ? 'yes' : '',
  };
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

/**
 * A contact, offer or letter checked against the person's safe-contact instructions (the rule in
 * src/domain/safe-contact.ts): refused at the reason field, the instruction quoted, unless the
 * practitioner recorded why it was safe. Returns the instructions that were overridden.
 */
export function requireSafeContact(
  participant: Pick<
    Participant,
    'display_name' | 'may_leave_message' | 'preferred_contact' | 'do_not_contact_via' | 'safe_phone'
  >,
  communication: Communication,
  whySafe: string | undefined,
): Breach[] {
  const decision = safeContactDecision(
    {
      safePhone: participant.safe_phone,
      mayLeaveMessage: participant.may_leave_message,
      preferredContact: participant.preferred_contact,
      doNotContactVia: participant.do_not_contact_via,
    },
    communication,
    whySafe,
  );
  if (decision.allowed) return decision.overridden;
  throw validationFailed(
    decision.breaches.map((breach) => ({
      field: 'safe_contact_reason',
      key: `cases.safeContact.refused.${breach.instruction}`,
      params: {
        name: participant.display_name,
        quote: breach.instruction === 'not_via' ? breach.quote : '',
        method: communication.method,
      },
    })),
  );
}

/** The timeline line for going ahead against safe-contact instructions (the reason is on the record). */
export function safeContactOverrideEvents(name: string, overridden: Breach[]): CaseEvent[] {
  return overridden.length > 0 ? [{ kind: 'safe_contact_overridden', params: { name } }] : [];
}
