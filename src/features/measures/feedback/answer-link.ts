// Answering through a one-time link: the link works once, for 14 days, with no account, and its
// pages show the service's name and the questions only. An unknown, used or expired link is
// answered the same way, so nobody can learn whether a token existed.
import { randomUUID } from 'node:crypto';
import { withActor } from '../../../db/actor-context.js';
import type { RespondentActor } from '../../../domain/roles.js';
import { validationFailed } from '../../../platform/errors.js';
import { londonDate } from '../../../platform/format.js';
import { hashToken } from '../../../platform/secure-tokens.js';
import type { CaseDeps } from '../../cases/index.js';
import { readEqualityAnswers } from '../../../domain/equality.js';
import { equalityErrors, saveEquality } from '../../equality/index.js';
import { questionnaireById } from './queries.js';
import { activeItems, readAnswers } from './questionnaire.js';
import { answerField } from './responses.js';

const TOKEN_SHAPE = /^[A-Za-z0-9_-]{32,128}$/;

export function linkAnswers({ db, clock, kernel }: CaseDeps) {
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
        await kernel.answeredFromOutside(
          tx,
          { actor, caseId: link.case_id, orgId: link.org_id },
          {
            kind: 'feedback.answered_online',
            params: { role: questionnaire.audience, version: questionnaire.version },
            entity: { type: 'questionnaire_response', id },
          },
        );
        return true;
      });
    },
  };
}
