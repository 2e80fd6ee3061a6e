// Resetting someone's second factor (ADR 0019): their authenticator and recovery codes are
// removed and every session they have ends, so at their next sign-in they set up an
// authenticator again. Asked of the administration rule first, like every account change.
import { withActor } from '../../db/actor-context.js';
import { mayResetSecondFactor } from '../../domain/administration.js';
import type { Actor } from '../../domain/roles.js';
import { recordStaffEvent, type AccountChangeDeps } from './staff-events.js';

export function secondFactorReset({ db, decided }: AccountChangeDeps) {
  return async (actor: Actor, id: string): Promise<void> => {
    const account = await decided(actor, id, 'second_factor.reset', (a) =>
      mayResetSecondFactor(actor, a),
    );
    await withActor(db, actor, async (tx) => {
      await tx.deleteFrom('second_factors').where('user_id', '=', id).execute();
      await tx.deleteFrom('recovery_codes').where('user_id', '=', id).execute();
      await tx.deleteFrom('sessions').where('user_id', '=', id).execute();
      await recordStaffEvent(tx, actor, account.orgId, {
        action: 'second_factor.reset',
        entityType: 'user',
        entityId: id,
      });
    });
  };
}
