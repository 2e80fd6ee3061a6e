// Staff changes: what was done to an organisation's accounts and API tokens, read from its audit
// trail, for its administrators and service managers. Whatever was done from outside the
// organisation (the system administrator of another, or the command line) is marked so: an
// account added from outside is how someone outside could reach the organisation's cases.
import { sql, type Kysely } from 'kysely';
import { z } from 'zod';
import { withActor, type Tx } from '../../db/actor-context.js';
import type { DB } from '../../db/schema.js';
import { can, type Actor } from '../../domain/roles.js';
import { authorize } from '../../platform/authorize.js';
import type { Clock } from '../../platform/clock.js';

export const STAFF_CHANGES_SHOWN = 100;
/** The home page counts changes from outside over this many days. */
export const OUTSIDE_NOTICE_DAYS = 90;

export const staffFilterSchema = z.object({
  outside: z
    .enum(['yes'])
    .optional()
    .catch(undefined)
    .transform((v) => v === 'yes'),
});

export interface StaffChange {
  id: number;
  occurredAt: Date;
  action: string;
  entityType: string | null;
  outcome: 'success' | 'denied' | 'failed';
  subjectName: string | null;
  actorName: string | null;
  fromOutside: boolean;
  byOrgName: string | null;
  via: string | null;
  details: Record<string, unknown>;
}

/** Administrators and service managers see their organisation's staff changes. */
export const maySeeStaffChanges = (actor: Actor) =>
  can(actor, 'administer_organisation') || can(actor, 'manage_service');

function staffEvents(tx: Tx, orgId: string) {
  return tx
    .selectFrom('audit_events')
    .where('audit_events.org_id', '=', orgId)
    .where('audit_events.entity_type', 'in', ['user', 'api_token'])
    .where((eb) =>
      eb.or([
        eb('audit_events.action', 'like', 'user.%'),
        eb('audit_events.action', 'like', 'api_token.%'),
      ]),
    )
    .where('audit_events.action', 'not in', [
      'user.viewed',
      'user.password_set',
      'user.password_changed',
    ]);
}

export function staffChangeService({ db, clock }: { db: Kysely<DB>; clock: Clock }) {
  async function allow(actor: Actor) {
    // One capability is audited if neither is held; either one lets the actor in.
    if (!maySeeStaffChanges(actor))
      await authorize(db, actor, 'manage_service', 'staff_changes.listed');
  }

  return {
    async list(
      actor: Actor,
      query: unknown,
    ): Promise<{ outside: boolean; changes: StaffChange[] }> {
      await allow(actor);
      const { outside } = staffFilterSchema.parse(query ?? {});
      return withActor(db, actor, async (tx) => {
        let q = staffEvents(tx, actor.orgId!)
          .leftJoin('users as subject', (join) =>
            join.on(sql`subject.id::text`, '=', sql.ref('audit_events.entity_id')),
          )
          .leftJoin('users as doer', 'doer.id', 'audit_events.user_id')
          .leftJoin('organisations as by_org', (join) =>
            join.on(sql`by_org.id::text`, '=', sql`audit_events.details ->> 'by_org'`),
          )
          .select([
            'audit_events.id',
            'audit_events.occurred_at as occurredAt',
            'audit_events.action',
            'audit_events.entity_type as entityType',
            'audit_events.outcome',
            'audit_events.details',
            'subject.name as subjectName',
            'doer.name as actorName',
            'by_org.name as byOrgName',
            sql<boolean>`coalesce((audit_events.details ->> 'from_outside')::boolean, false)`.as(
              'fromOutside',
            ),
            sql<string | null>`audit_events.details ->> 'via'`.as('via'),
          ]);
        if (outside) q = q.where(sql`audit_events.details ->> 'from_outside'`, '=', 'true');
        const rows = await q
          .orderBy('audit_events.occurred_at', 'desc')
          .orderBy('audit_events.id', 'desc')
          .limit(STAFF_CHANGES_SHOWN)
          .execute();
        return { outside, changes: rows as unknown as StaffChange[] };
      });
    },

    /** How many changes came from outside the organisation lately (for the home page). */
    async countFromOutside(actor: Actor): Promise<number> {
      if (!maySeeStaffChanges(actor) || !actor.orgId) return 0;
      const since = new Date(clock.now().getTime() - OUTSIDE_NOTICE_DAYS * 86_400_000);
      return withActor(db, actor, async (tx) => {
        const row = await staffEvents(tx, actor.orgId!)
          .where(sql`audit_events.details ->> 'from_outside'`, '=', 'true')
          .where('audit_events.occurred_at', '>=', since)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow();
        return row.n;
      });
    },
  };
}

export type StaffChangeService = ReturnType<typeof staffChangeService>;
