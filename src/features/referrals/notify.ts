// Telling a referrer that a referral they sent has changed. The email holds the reference and
// a link to sign in, never anything about the people involved.
import type { Kysely } from 'kysely';
import { withActor } from '../../db/actor-context.js';
import type { DB } from '../../db/schema.js';
import type { Actor } from '../../domain/roles.js';
import type { Notifier } from '../../platform/notifications.js';
import { translator } from '../../platform/i18n/index.js';

const t = translator('en');

export async function notifyReferrer(
  deps: { db: Kysely<DB>; notifier: Notifier; baseUrl: string },
  actor: Actor,
  referralId: string,
  referrerStatus: string,
): Promise<void> {
  const { db, notifier, baseUrl } = deps;
  const row = await withActor(db, actor, (tx) =>
    tx
      .selectFrom('referrals')
      .innerJoin('users', 'users.id', 'referrals.submitted_by')
      .innerJoin('organisations as service', 'service.id', 'referrals.org_id')
      .select([
        'referrals.reference',
        'referrals.source_org_id',
        'users.email',
        'users.active',
        'users.org_id',
        'service.name as serviceName',
      ])
      .where('referrals.id', '=', referralId)
      .executeTakeFirst(),
  );
  // Only the person who sent it, while they still work for the organisation that sent it.
  if (!row || !row.active || row.org_id !== row.source_org_id) return;
  const status = t(`referrals.referrerStatus.${referrerStatus}`);
  await notifier.send({
    to: row.email,
    subject: t('referrals.email.subject', { reference: row.reference }),
    body: t('referrals.email.body', {
      reference: row.reference,
      service: row.serviceName,
      status,
      link: `${baseUrl}/referrals/sent/${referralId}`,
    }),
  });
}
