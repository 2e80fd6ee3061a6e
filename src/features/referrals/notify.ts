// Telling a referrer that a referral they sent has changed. The email holds the reference and
// a link to sign in, never anything about the people involved.
import type { Kysely } from 'kysely';
import { withActor } from '../../db/actor-context.js';
import type { DB } from '../../db/schema.js';
import type { Actor } from '../../domain/roles.js';
import type { Notifier } from '../../platform/notifications.js';
import { translator } from '../../platform/i18n/index.js';
import { referralById } from './queries.js';

const t = translator('en');

export async function notifyReferrer(
  deps: { db: Kysely<DB>; notifier: Notifier; baseUrl: string },
  actor: Actor,
  referralId: string,
  referrerStatus: string,
): Promise<void> {
  const { db, notifier, baseUrl } = deps;
  const row = await withActor(db, actor, (tx) => referralById(tx, referralId));
  // Only the person who sent it, while they still work for the organisation that sent it.
  if (!row?.submitterEmail || !row.submitterActive || row.submitterOrgId !== row.source_org_id)
    return;
  const status = t(`referrals.referrerStatus.${referrerStatus}`);
  await notifier.send({
    to: row.submitterEmail,
    subject: t('referrals.email.subject', { reference: row.reference }),
    body: t('referrals.email.body', {
      reference: row.reference,
      service: row.serviceName,
      status,
      link: `${baseUrl}/referrals/sent/${referralId}`,
    }),
  });
}
