// A PCC office's survey answers in progress: saved after every question page, owned by their
// writer (the database shows a draft to nobody else), for the writer's own area, forgotten
// after a week. A draft holds each answer as the CSV would write it ("hub;other", "none", "").
import type { Kysely } from 'kysely';
import { withActor } from '../../../db/actor-context.js';
import type { DB } from '../../../db/schema.js';
import { isUuid } from '../../../domain/ids.js';
import { answerText, isSurveyYear, QUESTION_IDS } from '../../../domain/provision-survey.js';
import type { Actor } from '../../../domain/roles.js';
import { recordAudit } from '../../../platform/audit.js';
import { authorize } from '../../../platform/authorize.js';
import type { Clock } from '../../../platform/clock.js';
import { notFound } from '../../../platform/errors.js';
import { areaResponses } from './store.js';
import { ownArea } from './service.js';

const DRAFT_DAYS = 7;

export interface SurveyDraft {
  id: string;
  areaId: string;
  year: number;
  answers: Record<string, string>;
}

export function surveyDraftService({ db, clock }: { db: Kysely<DB>; clock: Clock }) {
  return {
    /** A draft for a year, starting from the area's current answers for it, if any. */
    async start(actor: Actor, year: number): Promise<string> {
      await authorize(db, actor, 'report_area', 'provision_draft.created');
      if (actor.kind !== 'user' || !isSurveyYear(year)) throw notFound();
      const now = clock.now();
      return withActor(db, actor, async (tx) => {
        const areaId = await ownArea(tx, actor.orgId);
        const current = (await areaResponses(tx, areaId)).find((r) => r.year === year && r.current);
        const answers = Object.fromEntries(
          QUESTION_IDS.map((id) => [id, current ? answerText(current.answers[id]) : '']),
        );
        await tx
          .deleteFrom('provision_drafts')
          .where('owner_user_id', '=', actor.userId)
          .where('expires_at', '<=', now)
          .execute();
        const row = await tx
          .insertInto('provision_drafts')
          .values({
            org_id: actor.orgId,
            owner_user_id: actor.userId,
            area_id: areaId,
            year,
            data: JSON.stringify(answers),
            expires_at: new Date(now.getTime() + DRAFT_DAYS * 86_400_000),
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        await recordAudit(tx, actor, {
          action: 'provision_draft.created',
          entityType: 'provision_draft',
          entityId: row.id,
          details: { area: areaId, year },
        });
        return row.id;
      });
    },

    async get(actor: Actor, id: string): Promise<SurveyDraft> {
      await authorize(db, actor, 'report_area', 'provision_draft.viewed');
      if (!isUuid(id) || actor.kind !== 'user') throw notFound();
      const draft = await withActor(db, actor, (tx) =>
        tx
          .selectFrom('provision_drafts')
          .select(['id', 'area_id', 'year', 'data', 'expires_at'])
          .where('id', '=', id)
          .where('owner_user_id', '=', actor.userId)
          .executeTakeFirst(),
      );
      if (!draft || draft.expires_at <= clock.now()) throw notFound();
      return {
        id: draft.id,
        areaId: draft.area_id,
        year: draft.year,
        answers: draft.data as Record<string, string>,
      };
    },

    /** Merges a page's answers into the draft. */
    async save(actor: Actor, id: string, answers: Record<string, string>) {
      const draft = await this.get(actor, id);
      await withActor(db, actor, (tx) =>
        tx
          .updateTable('provision_drafts')
          .set({ data: JSON.stringify({ ...draft.answers, ...answers }), updated_at: clock.now() })
          .where('id', '=', id)
          .execute(),
      );
    },

    async discard(actor: Actor, id: string) {
      await this.get(actor, id);
      await withActor(db, actor, (tx) =>
        tx.deleteFrom('provision_drafts').where('id', '=', id).execute(),
      );
    },
  };
}
