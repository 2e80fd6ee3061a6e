// One-time links to answer a satisfaction questionnaire without an account. A practitioner makes
// one only for someone who agreed to be contacted that way; it is sent by email through the
// notification port or handed over (shown once). Only the token's hash is kept. Making a new
// link stops the person's earlier ones not yet used.
import { userIdOf, type Actor } from '../../../domain/roles.js';
import { safeContactBreaches } from '../../../domain/safe-contact.js';
import { AppError, validationFailed } from '../../../platform/errors.js';
import { formatDate } from '../../../platform/format.js';
import { parseInput } from '../../../platform/forms.js';
import { translator } from '../../../platform/i18n/index.js';
import type { Notifier } from '../../../platform/notifications.js';
import { oneTimeLink } from '../../../platform/secure-tokens.js';
import type { CaseDeps } from '../../cases/index.js';
import { latestQuestionnaire, participantIn, type Participant } from './queries.js';
import { audienceForRole } from './questionnaire.js';
import { linkSchema } from './schemas.js';

/** How long a link works. */
export const LINK_DAYS = 14;

const t = translator('en');

export interface LinkDeps extends CaseDeps {
  notifier: Notifier;
  /** The address people reach Waymark on, for the links sent by email. */
  baseUrl: string;
}

export const linkUrl = (baseUrl: string, token: string) =>
  `${baseUrl.replace(/\/$/, '')}/q/${token}`;

/** Why a link may not be made for someone: checked by the service, whatever the page showed. */
function refusal(participant: Participant, delivery: 'email' | 'handed_over'): string | null {
  if (!participant.online_contact_agreed) return 'feedback.links.errors.notAgreed';
  if (participant.consent_status === 'withdrawn') return 'feedback.links.errors.withdrawn';
  if (delivery === 'email' && participant.unsafe_to_contact) return 'feedback.links.errors.unsafe';
  if (delivery === 'email' && !participant.contact_email) return 'feedback.links.errors.noEmail';
  // The safe-contact rule every door asks: an instruction against email rules the email out
  // (the link can still be handed over).
  if (
    delivery === 'email' &&
    safeContactBreaches(
      {
        safePhone: participant.safe_phone,
        mayLeaveMessage: participant.may_leave_message,
        preferredContact: participant.preferred_contact,
        doNotContactVia: participant.do_not_contact_via,
      },
      { method: 'email', leftMessage: false },
    ).length > 0
  )
    return 'feedback.links.errors.safeContact';
  return null;
}

/** Whether a link may be made for someone, and how it could be delivered, for its page. */
export const linkForm =
  ({ kernel }: CaseDeps) =>
  (actor: Actor, caseId: string, participantId: string) =>
    kernel.readCase(
      { actor, caseId, part: 'feedback', capability: 'lead_cases' },
      async (tx, row) => {
        const participant = await participantIn(tx, caseId, participantId);
        return {
          case: row,
          participant,
          refusals: {
            email: refusal(participant, 'email'),
            handed_over: refusal(participant, 'handed_over'),
          },
        };
      },
    );

/**
 * Makes a link for someone who agreed to be contacted this way (refused otherwise). Sent by
 * email after the change is saved, or returned to be handed over: the token is never kept or
 * shown again.
 */
export const createLink =
  ({ kernel, clock, notifier, baseUrl }: LinkDeps) =>
  async (actor: Actor, caseId: string, participantId: string, input: unknown) => {
    const { delivery } = parseInput(linkSchema, input);
    const now = clock.now();
    const { token, row: link } = oneTimeLink(now, LINK_DAYS * 24);
    const created = await kernel.changeCase(
      {
        actor,
        caseId,
        action: 'case.feedback_link_created',
        capability: 'lead_cases',
        allowClosed: true,
      },
      async (tx, row) => {
        const participant = await participantIn(tx, caseId, participantId);
        const audience = audienceForRole(participant.role);
        if (!audience)
          throw validationFailed([
            { field: 'delivery', key: 'feedback.errors.noQuestionnaireForRole' },
          ]);
        const refused = refusal(participant, delivery);
        if (refused) throw new AppError('conflict', refused);
        const questionnaire = await latestQuestionnaire(tx, row.org_id, audience);
        await tx
          .updateTable('questionnaire_links')
          .set({ expires_at: now })
          .where('participant_id', '=', participant.id)
          .where('used_at', 'is', null)
          .where('expires_at', '>', now)
          .execute();
        await tx
          .insertInto('questionnaire_links')
          .values({
            ...link,
            org_id: row.org_id,
            case_id: caseId,
            participant_id: participant.id,
            questionnaire_id: questionnaire.id,
            delivery,
            // Only a person holds lead_cases.
            created_by: userIdOf(actor)!,
          })
          .execute();
        const service = await tx
          .selectFrom('organisations')
          .select('name')
          .where('id', '=', row.org_id)
          .executeTakeFirstOrThrow();
        return {
          event: {
            kind: `feedback.link_${delivery}`,
            params: { name: participant.display_name },
            entity: { type: 'case_participant', id: participant.id },
          },
          result: { email: participant.contact_email, serviceName: service.name },
        };
      },
    );
    const url = linkUrl(baseUrl, token);
    if (delivery === 'email') {
      // After the link is saved; the message names the service only, never the person or case.
      await notifier.send({
        to: created.email!,
        subject: t('feedback.email.subject', { service: created.serviceName }),
        body: t('feedback.email.body', {
          service: created.serviceName,
          link: url,
          date: formatDate(link.expires_at),
        }),
      });
      return { delivery, expiresAt: link.expires_at };
    }
    return { delivery, expiresAt: link.expires_at, url };
  };
