// Server-side drafts of the referral form: saved after every page, owned by their writer (the
// database shows a draft to nobody else), and forgotten after a week. A timed-out session does
// not lose a draft: sign in again and carry on from the same address.
import type { Kysely } from 'kysely';
import { withActor } from '../../../db/actor-context.js';
import type { DB } from '../../../db/schema.js';
import { isUuid } from '../../../domain/ids.js';
import type { Actor } from '../../../domain/roles.js';
import { recordAudit } from '../../../platform/audit.js';
import { authorize } from '../../../platform/authorize.js';
import type { Clock } from '../../../platform/clock.js';
import { notFound } from '../../../platform/errors.js';

export const DRAFT_DAYS = 7;

export type DraftData = Record<string, string>;

export function draftService({ db, clock }: { db: Kysely<DB>; clock: Clock }) {
  async function load(actor: Actor, id: string) {
    if (!isUuid(id) || actor.kind !== 'user') throw notFound();
    return withActor(db, actor, async (tx) => {
      const draft = await tx
        .selectFrom('referral_drafts')
        .select(['id', 'data', 'expires_at'])
        .where('id', '=', id)
        .where('owner_user_id', '=', actor.userId)
        .executeTakeFirst();
      if (!draft || draft.expires_at <= clock.now()) throw notFound();
      return draft;
    });
  }

  return {
    async create(actor: Actor, initial: DraftData = {}): Promise<string> {
      await authorize(db, actor, 'refer', 'referral_draft.created');
      if (actor.kind !== 'user') throw notFound();
      const now = clock.now();
      return withActor(db, actor, async (tx) => {
        await tx
          .deleteFrom('referral_drafts')
          .where('owner_user_id', '=', actor.userId)
          .where('expires_at', '<=', now)
          .execute();
        const row = await tx
          .insertInto('referral_drafts')
          .values({
            org_id: actor.orgId,
            owner_user_id: actor.userId,
            data: JSON.stringify(initial),
            expires_at: new Date(now.getTime() + DRAFT_DAYS * 86_400_000),
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        await recordAudit(tx, actor, {
          action: 'referral_draft.created',
          entityType: 'referral_draft',
          entityId: row.id,
        });
        return row.id;
      });
    },

    async get(actor: Actor, id: string): Promise<DraftData> {
      return (await load(actor, id)).data as DraftData;
    },

    /** Merges a page's answers into the draft. */
    async save(actor: Actor, id: string, answers: DraftData): Promise<DraftData> {
      const current = (await load(actor, id)).data as DraftData;
      const data = { ...current, ...answers };
      await withActor(db, actor, (tx) =>
        tx
          .updateTable('referral_drafts')
          .set({ data: JSON.stringify(data), updated_at: clock.now() })
          .where('id', '=', id)
          .execute(),
      );
      return data;
    },

    async discard(actor: Actor, id: string): Promise<void> {
      await load(actor, id);
      await withActor(db, actor, (tx) =>
        tx.deleteFrom('referral_drafts').where('id', '=', id).execute(),
      );
    },

    /** The writer's unfinished drafts, newest first. */
    async mine(actor: Actor) {
      if (actor.kind !== 'user') return [];
      return withActor(db, actor, (tx) =>
        tx
          .selectFrom('referral_drafts')
          .select(['id', 'updated_at as updatedAt', 'data'])
          .where('owner_user_id', '=', actor.userId)
          .where('expires_at', '>', clock.now())
          .orderBy('updated_at', 'desc')
          .limit(10)
          .execute(),
      );
    },
  };
}

export type DraftService = ReturnType<typeof draftService>;
