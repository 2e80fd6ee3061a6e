// One-time links to answer a satisfaction questionnaire without an account. A practitioner makes
// one only for someone who agreed to be contacted that way; it is sent by email through the
// notification port or handed over (shown once). Only the token's hash is kept. The link expires,
// works once, and its pages show no personal data; an unknown, used or expired link is answered
// the same way, so nobody can learn whether a token existed.
import { randomUUID } from 'node:crypto';
import { readEqualityAnswers } from '../../../domain/equality.js';
import { equalityErrors, saveEquality } from '../../equality/service.js';
import type { Kysely } from 'kysely';
import { withActor } from '../../../db/actor-context.js';
import type { DB } from '../../../db/schema.js';
import type { Actor, RespondentActor } from '../../../domain/roles.js';
import { authorize } from '../../../platform/authorize.js';
import type { Clock } from '../../../platform/clock.js';
import { AppError, forbidden, validationFailed } from '../../../platform/errors.js';
import { formatDate, londonDate } from '../../../platform/format.js';
import { translator } from '../../../platform/i18n/index.js';
import type { Notifier } from '../../../platform/notifications.js';
import { hashToken, newToken } from '../../../platform/secure-tokens.js';
import { loadCase, recordCaseEvent, touchCase } from '../../cases/access.js';
import {
  latestQuestionnaire,
  participantIn,
  questionnaireById,
  type Participant,
} from './queries.js';
import { activeItems, audienceForRole, readAnswers } from './questionnaire.js';
import { answerField } from './responses.js';
import { linkSchema, parse } from './schemas.js';

/** How long a link works. */
export const LINK_DAYS = 14;
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{32,128}$/;

const t = translator('en');

export interface LinkDeps {
  db: Kysely<DB>;
  clock: Clock;
  notifier: Notifier;
  baseUrl: string;
}

/** Why a link may not be made for someone: checked by the service, whatever the page showed. */
function refusal(participant: Participant, delivery: 'email' | 'handed_over'): string | null {
  if (!participant.online_contact_agreed) return 'feedback.links.errors.notAgreed';
  if (participant.consent_status === 'withdrawn') return 'feedback.links.errors.withdrawn';
  if (delivery === 'email' && participant.unsafe_to_contact) return 'feedback.links.errors.unsafe';
  if (delivery === 'email' && !participant.contact_email) return 'feedback.links.errors.noEmail';
  return null;
}

export function linkUseCases({ db, clock, notifier, baseUrl }: LinkDeps) {
  const linkUrl = (token: string) => `${baseUrl.replace(/\/$/, '')}/q/${token}`;

  /** The link's row if it can still be used; otherwise nothing, whatever the reason. */
  async function usableLink(token: unknown) {
    if (typeof token !== 'string' || !TOKEN_SHAPE.test(token)) return undefined;
    const tokenHash = hashToken(token);
    // Only the holder of the token may read its row (migration 0008): the organisation is not
    // known until the row is found.
    const finder: RespondentActor = { kind: 'respondent', orgId: '', linkHash: tokenHash };
    const link = await withActor(db, finder, (tx) =>
      tx
        .selectFrom('questionnaire_links')
        .selectAll()
        .where('token_hash', '=', tokenHash)
        .executeTakeFirst(),
    );
    if (!link || link.used_at || link.expires_at.getTime() <= clock.now().getTime())
      return undefined;
    return link;
  }

  const respondent = (
    link: { org_id: string; token_hash: string },
    requestId?: string,
  ): RespondentActor => ({
    kind: 'respondent',
    orgId: link.org_id,
    linkHash: link.token_hash,
    requestId,
  });

  return {
    /** Whether a link may be made for someone, and how it could be delivered, for its page. */
    async linkForm(actor: Actor, caseId: string, participantId: string) {
      await authorize(db, actor, 'work_cases', 'case.viewed');
      if (actor.kind !== 'user' || actor.role === 'volunteer') throw forbidden();
      return withActor(db, actor, async (tx) => {
        const row = await loadCase(tx, actor, caseId);
        const participant = await participantIn(tx, caseId, participantId);
        return {
          case: row,
          participant,
          refusals: {
            email: refusal(participant, 'email'),
            handed_over: refusal(participant, 'handed_over'),
          },
        };
      });
    },

    /**
     * Makes a link for someone who agreed to be contacted this way (refused otherwise). Earlier
     * links of theirs not yet used stop working. Sent by email after the change is saved, or
     * returned to be handed over: the token is never kept or shown again.
     */
    async createLink(actor: Actor, caseId: string, participantId: string, input: unknown) {
      await authorize(db, actor, 'work_cases', 'case.feedback_link_created');
      if (actor.kind !== 'user' || actor.role === 'volunteer') throw forbidden();
      const { delivery } = parse(linkSchema, input);
      const token = newToken();
      const now = clock.now();
      const expiresAt = new Date(now.getTime() + LINK_DAYS * 24 * 60 * 60 * 1000);
      const created = await withActor(db, actor, async (tx) => {
        const row = await loadCase(tx, actor, caseId);
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
            token_hash: hashToken(token),
            org_id: row.org_id,
            case_id: caseId,
            participant_id: participant.id,
            questionnaire_id: questionnaire.id,
            delivery,
            created_by: actor.userId,
            created_at: now,
            expires_at: expiresAt,
          })
          .execute();
        await touchCase(tx, actor, clock, caseId);
        await recordCaseEvent(
          tx,
          actor,
          caseId,
          row.org_id,
          `feedback.link_${delivery}`,
          { name: participant.display_name },
          { type: 'case_participant', id: participant.id },
        );
        const service = await tx
          .selectFrom('organisations')
          .select('name')
          .where('id', '=', row.org_id)
          .executeTakeFirstOrThrow();
        return { email: participant.contact_email, serviceName: service.name };
      });
      if (delivery === 'email') {
        // After the link is saved; the message names the service only, never the person or case.
        await notifier.send({
          to: created.email!,
          subject: t('feedback.email.subject', { service: created.serviceName }),
          body: t('feedback.email.body', {
            service: created.serviceName,
            link: linkUrl(token),
            date: formatDate(expiresAt),
          }),
        });
        return { delivery, expiresAt };
      }
      return { delivery, expiresAt, url: linkUrl(token) };
    },

    /** The questionnaire behind a usable link: the service's name and the questions, nothing more. */
    async openLink(token: unknown, requestId?: string) {
      const link = await usableLink(token);
      if (!link) return undefined;
      return withActor(db, respondent(link, requestId), async (tx) => {
        const questionnaire = await questionnaireById(tx, link.questionnaire_id);
        const service = await tx
          .selectFrom('organisations')
          .select('name')
          .where('id', '=', link.org_id)
          .executeTakeFirstOrThrow();
        return {
          serviceName: service.name,
          audience: questionnaire.audience,
          items: activeItems(questionnaire.items),
          version: questionnaire.version,
        };
      });
    },

    /**
     * Records the answers given through a link and marks it used, in one transaction, as the
     * respondent (row-level security lets them do only that). Returns false when the link cannot
     * be used, for whatever reason.
     */
    async answerLink(
      token: unknown,
      input: Record<string, unknown>,
      requestId?: string,
    ): Promise<boolean> {
      const link = await usableLink(token);
      if (!link) return false;
      const actor = respondent(link, requestId);
      return withActor(db, actor, async (tx) => {
        const questionnaire = await questionnaireById(tx, link.questionnaire_id);
        const answers = Object.fromEntries(
          Object.entries(input)
            .filter(([key]) => key.startsWith('q_'))
            .map(([key, value]) => [key.slice(2), value]),
        );
        const read = readAnswers(questionnaire.items, answers, {
          field: answerField('form'),
          version: questionnaire.version,
        });
        // The equality questions below the questionnaire, all optional.
        const equality = readEqualityAnswers(input, { prefix: 'eq_', mayClear: false });
        if (!read.ok || equality.problems.length)
          throw validationFailed([
            ...(read.ok ? [] : read.errors),
            ...equalityErrors(equality.problems),
          ]);
        const now = clock.now();
        const used = await tx
          .updateTable('questionnaire_links')
          .set({ used_at: now })
          .where('token_hash', '=', link.token_hash)
          .where('used_at', 'is', null)
          .where('expires_at', '>', now)
          .executeTakeFirst();
        if (Number(used.numUpdatedRows) !== 1) return false;
        // The respondent may write but not read responses, so the id is made here.
        const id = randomUUID();
        await tx
          .insertInto('questionnaire_responses')
          .values({
            id,
            org_id: link.org_id,
            case_id: link.case_id,
            participant_id: link.participant_id,
            questionnaire_id: link.questionnaire_id,
            answers: JSON.stringify(read.answers),
            channel: 'online',
            responded_on: londonDate(now),
            recorded_by: null,
          })
          .execute();
        await saveEquality(
          tx,
          { orgId: link.org_id, caseId: link.case_id, participantId: link.participant_id },
          equality.answers,
          { via: 'questionnaire', by: null },
        );
        await recordCaseEvent(
          tx,
          actor,
          link.case_id,
          link.org_id,
          'feedback.answered_online',
          { role: questionnaire.audience, version: questionnaire.version },
          { type: 'questionnaire_response', id },
        );
        return true;
      });
    },
  };
}
