// A service manager marks the service's own staff as trained (or no longer trained) for sexual
// violence and domestic abuse cases, whose suitability sign-off needs such a practitioner.
// Only staff who work cases, only in the manager's own service; audited as the administrators'
// change is. The database lets a service manager change nothing else (migration 0022).
import type { Kysely } from 'kysely';
import { withActor } from '../../db/actor-context.js';
import type { DB } from '../../db/schema.js';
import { isUuid } from '../../domain/ids.js';
import { roleCan, type Actor, type Role } from '../../domain/roles.js';
import { authorize } from '../../platform/authorize.js';
import { notFound, validationFailed } from '../../platform/errors.js';
import { recordStaffEvent } from './staff-events.js';

export const markTrainingByManager =
  ({ db }: { db: Kysely<DB> }) =>
  async (actor: Actor, userId: string, trained: boolean) => {
    await authorize(db, actor, 'manage_service', 'user.training_changed');
    if (!isUuid(userId)) throw notFound();
    await withActor(db, actor, async (tx) => {
      const account = await tx
        .selectFrom('users')
        .select(['id', 'role', 'org_id'])
        .where('id', '=', userId)
        .where('org_id', '=', actor.orgId!)
        .executeTakeFirst();
      if (!account) throw notFound();
      if (!roleCan(account.role as Role, 'work_cases'))
        throw validationFailed([{ field: 'trained', key: 'users.errors.trainingNotForRole' }]);
      await tx
        .updateTable('users')
        .set({ trained_sv_da: trained })
        .where('id', '=', userId)
        .execute();
      await recordStaffEvent(tx, actor, account.org_id!, {
        action: 'user.training_changed',
        entityType: 'user',
        entityId: userId,
        details: { trainedSvDa: trained, by: 'service_manager' },
      });
    });
  };
