// What a referrer sees of the referrals their organisation sent: the reference, dates, status
// with its coded outcome, and who to contact at the service. Never a party's details, contact
// details or case notes (the database refuses them to a referrer as well).
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { withActor, type Tx } from '../../db/actor-context.js';
import type { DB } from '../../db/schema.js';
import { isUuid } from '../../domain/ids.js';
import { type Actor, userIdOf } from '../../domain/roles.js';
import { recordAudit } from '../../platform/audit.js';
import { authorize } from '../../platform/authorize.js';
import { notFound } from '../../platform/errors.js';
import { parseInput, requiredText } from '../../platform/forms.js';

export const replySchema = z.object({
  message: requiredText('referrals.errors.replyRequired', 2000),
});

export const REFERRER_STATUSES = [
  'received',
  'information_requested',
  'accepted',
  'in_progress',
  'closed',
  'declined',
] as const;
export type ReferrerStatus = (typeof REFERRER_STATUSES)[number];

export function referrerStatus(row: { status: string; progress: string }): ReferrerStatus {
  return row.status === 'information_requested'
    ? 'information_requested'
    : (row.progress as ReferrerStatus);
}

function sentReferrals(tx: Tx, orgId: string) {
  return tx
    .selectFrom('referrals')
    .innerJoin('organisations as service', 'service.id', 'referrals.org_id')
    .leftJoin('service_settings', 'service_settings.org_id', 'referrals.org_id')
    .leftJoin('users as contact', 'contact.id', 'referrals.decided_by')
    .select([
      'referrals.id',
      'referrals.reference',
      'referrals.received_on as receivedOn',
      'referrals.created_at as sentAt',
      'referrals.status',
      'referrals.progress',
      'referrals.decline_reason as declineReason',
      'referrals.closure_code as closureCode',
      'referrals.last_update_on as lastUpdateOn',
      'referrals.decided_at as decidedAt',
      'referrals.channel',
      'service.name as serviceName',
      'contact.name as contactName',
      'contact.email as contactEmail',
      'service_settings.contact_name as serviceContactName',
      'service_settings.contact_email as serviceContactEmail',
      'service_settings.contact_phone as serviceContactPhone',
    ])
    .where('referrals.source_org_id', '=', orgId);
}

export function sentService({ db }: { db: Kysely<DB> }) {
  return {
    async list(actor: Actor, page = 1) {
      await authorize(db, actor, 'refer', 'referral.sent_listed');
      const size = 25;
      return withActor(db, actor, async (tx) => {
        const rows = await sentReferrals(tx, actor.orgId!)
          .orderBy('referrals.created_at', 'desc')
          .limit(size + 1)
          .offset((page - 1) * size)
          .execute();
        return {
          rows: rows.slice(0, size).map((row) => ({ ...row, referrerStatus: referrerStatus(row) })),
          hasNextPage: rows.length > size,
        };
      });
    },

    async get(actor: Actor, id: string) {
      await authorize(db, actor, 'refer', 'referral.sent_viewed');
      if (!isUuid(id)) throw notFound();
      return withActor(db, actor, async (tx) => {
        const row = await sentReferrals(tx, actor.orgId!)
          .where('referrals.id', '=', id)
          .executeTakeFirst();
        if (!row) throw notFound();
        const messages = await tx
          .selectFrom('referral_messages')
          .select(['direction', 'body', 'created_at as createdAt'])
          .where('referral_id', '=', id)
          .orderBy('created_at')
          .execute();
        await recordAudit(tx, actor, {
          action: 'referral.sent_viewed',
          entityType: 'referral',
          entityId: id,
        });
        return { ...row, referrerStatus: referrerStatus(row), messages };
      });
    },

    /** The referrer's answer to the service's request for more information. */
    async reply(actor: Actor, id: string, input: unknown) {
      await authorize(db, actor, 'refer', 'referral.replied');
      const data = parseInput(replySchema, input);
      if (!isUuid(id)) throw notFound();
      await withActor(db, actor, async (tx) => {
        const row = await sentReferrals(tx, actor.orgId!)
          .select('referrals.org_id')
          .where('referrals.id', '=', id)
          .executeTakeFirst();
        if (!row) throw notFound();
        await tx
          .insertInto('referral_messages')
          .values({
            org_id: row.org_id,
            referral_id: id,
            direction: 'from_referrer',
            body: data.message,
            created_by: userIdOf(actor),
          })
          .execute();
        await recordAudit(tx, actor, {
          action: 'referral.replied',
          entityType: 'referral',
          entityId: id,
        });
      });
    },
  };
}

export type SentService = ReturnType<typeof sentService>;
