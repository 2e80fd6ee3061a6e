// Signing someone out everywhere: every session they have ends at once (a lost phone, a shared
// computer left signed in), without changing their account. Asked of the administration rule
// first, like every account change, and recorded where the organisation's managers see it.
import { withActor } from '../../db/actor-context.js';
import { mayChangeUser } from '../../domain/administration.js';
import type { Actor } from '../../domain/roles.js';
import { recordStaffEvent, type AccountChangeDeps } from './staff-events.js';

export function sessionsEnder({ db, decided }: AccountChangeDeps) {
  return async (actor: Actor, id: string): Promise<number> => {
    // The same standing as deactivating them: someone who may stop the account may sign it out.
    const account = await decided(actor, id, 'user.sessions_ended', (a) =>
      mayChangeUser(actor, a, 'deactivate'),
    );
    return withActor(db, actor, async (tx) => {
      const ended = await tx.deleteFrom('sessions').where('user_id', '=', id).executeTakeFirst();
      await recordStaffEvent(tx, actor, account.orgId, {
        action: 'user.sessions_ended',
        entityType: 'user',
        entityId: id,
      });
      return Number(ended.numDeletedRows);
    });
  };
}
