import type { Kysely } from 'kysely';
import { z } from 'zod';
import { withActor } from '../../db/actor-context.js';
import type { DB } from '../../db/schema.js';
import { type Actor, userIdOf } from '../../domain/roles.js';
import { AUDIT_EVENT_COLUMNS, recordAudit } from '../../platform/audit.js';
import { authorize } from '../../platform/authorize.js';
import { escapeLike } from '../../db/like.js';
import { isSystemAdministrator } from '../../domain/administration.js';

export const AUDIT_PAGE_SIZE = 50;

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/** Filters from the query string; anything malformed is ignored rather than an error page. */
export const auditFilterSchema = z.object({
  action: z.string().trim().max(80).optional().catch(undefined),
  org: z.string().trim().max(60).optional().catch(undefined),
  user: z.string().trim().max(254).optional().catch(undefined),
  entity: z.string().trim().max(80).optional().catch(undefined),
  outcome: z.enum(['success', 'denied', 'failed']).optional().catch(undefined),
  from: isoDate.optional().catch(undefined),
  to: isoDate.optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
});
export type AuditFilter = z.output<typeof auditFilterSchema>;

export function auditService({ db }: { db: Kysely<DB> }) {
  return {
    /** Sign-out changes nothing but the session, so it is recorded here. */
    async recordSignOut(actor: Actor) {
      await withActor(db, actor, (tx) =>
        recordAudit(tx, actor, {
          action: 'sign_out',
          entityType: 'user',
          entityId: userIdOf(actor) ?? undefined,
        }),
      );
    },

    /**
     * The trail of the actor's own organisation (an administrator's), with, for the system
     * administrator, the events that belong to no organisation (sign-in failures for unknown
     * addresses, the command line's own work). Row-level security draws the same line.
     */
    async list(actor: Actor, query: unknown) {
      await authorize(db, actor, 'administer_organisation', 'audit.listed');
      const filter = auditFilterSchema.parse(query ?? {});
      const systemWide = isSystemAdministrator(actor);
      return withActor(db, actor, async (tx) => {
        let q = tx
          .selectFrom('audit_events')
          .leftJoin('users', 'users.id', 'audit_events.user_id')
          .leftJoin('organisations', 'organisations.id', 'audit_events.org_id')
          .where((eb) =>
            eb.or([
              eb('audit_events.org_id', '=', actor.orgId),
              ...(systemWide ? [eb('audit_events.org_id', 'is', null)] : []),
            ]),
          );
        if (filter.action)
          q = q.where('audit_events.action', 'like', `${escapeLike(filter.action)}%`);
        if (filter.org) q = q.where('organisations.slug', '=', filter.org);
        if (filter.user)
          q = q.where((eb) => eb(eb.fn('lower', ['users.email']), '=', filter.user!.toLowerCase()));
        if (filter.entity) q = q.where('audit_events.entity_id', '=', filter.entity);
        if (filter.outcome) q = q.where('audit_events.outcome', '=', filter.outcome);
        if (filter.from)
          q = q.where('audit_events.occurred_at', '>=', new Date(`${filter.from}T00:00:00Z`));
        if (filter.to) {
          const end = new Date(`${filter.to}T00:00:00Z`);
          end.setUTCDate(end.getUTCDate() + 1);
          q = q.where('audit_events.occurred_at', '<', end);
        }
        const rows = await q
          .select([
            ...AUDIT_EVENT_COLUMNS,
            'audit_events.request_id as requestId',
            'users.name as userName',
            'users.email as userEmail',
            'organisations.name as orgName',
          ])
          .orderBy('audit_events.occurred_at', 'desc')
          .orderBy('audit_events.id', 'desc')
          .limit(AUDIT_PAGE_SIZE + 1)
          .offset((filter.page - 1) * AUDIT_PAGE_SIZE)
          .execute();
        return {
          filter,
          events: rows.slice(0, AUDIT_PAGE_SIZE),
          hasNextPage: rows.length > AUDIT_PAGE_SIZE,
        };
      });
    },
  };
}

export type AuditService = ReturnType<typeof auditService>;
