// "Who has seen this case": the case's own audit trail for its service managers, newest first
// and paged, with the people who opened or changed it summed up above. Every event about the
// case itself, or about a record inside it (details.case), within the service's own trail.
import { sql } from 'kysely';
import type { Tx } from '../../db/actor-context.js';
import type { Actor } from '../../domain/roles.js';
import { AUDIT_EVENT_COLUMNS } from '../../platform/audit.js';
import type { CaseDeps } from '../cases/index.js';

export const ACCESS_LOG_PAGE_SIZE = 50;

function aboutCase(caseId: string) {
  return sql<boolean>`((audit_events.entity_type = 'case' and audit_events.entity_id = ${caseId})
    or audit_events.details ->> 'case' = ${caseId})`;
}

async function caseEvents(tx: Tx, caseId: string, page: number) {
  return tx
    .selectFrom('audit_events')
    .leftJoin('users', 'users.id', 'audit_events.user_id')
    .where(aboutCase(caseId))
    .select([
      ...AUDIT_EVENT_COLUMNS,
      'audit_events.address',
      'users.name as userName',
      'users.role as userRole',
    ])
    .orderBy('audit_events.occurred_at', 'desc')
    .orderBy('audit_events.id', 'desc')
    .limit(ACCESS_LOG_PAGE_SIZE + 1)
    .offset((page - 1) * ACCESS_LOG_PAGE_SIZE)
    .execute();
}

/** Each person (or system) once: how often, and when they first and last touched the case. */
async function people(tx: Tx, caseId: string) {
  return tx
    .selectFrom('audit_events')
    .leftJoin('users', 'users.id', 'audit_events.user_id')
    .where(aboutCase(caseId))
    .groupBy([
      'audit_events.user_id',
      'users.name',
      'users.role',
      sql`audit_events.details ->> 'via'`,
    ])
    .select([
      'users.name as userName',
      'users.role as userRole',
      sql<string | null>`audit_events.details ->> 'via'`.as('via'),
      sql<number>`count(*)`.as('events'),
      sql<number>`count(*) filter (where audit_events.action like '%viewed' or audit_events.action like '%downloaded')`.as(
        'views',
      ),
      sql<Date>`min(audit_events.occurred_at)`.as('first'),
      sql<Date>`max(audit_events.occurred_at)`.as('last'),
    ])
    .orderBy(sql`max(audit_events.occurred_at)`, 'desc')
    .execute();
}

export function caseAccessLogService({ kernel }: CaseDeps) {
  return {
    list(actor: Actor, caseId: string, query: unknown) {
      const raw = Number((query as Record<string, unknown> | null)?.page ?? 1);
      const page = Number.isInteger(raw) && raw >= 1 && raw <= 10_000 ? raw : 1;
      return kernel.readCase(
        {
          actor,
          caseId,
          part: 'seen-by',
          capability: 'manage_service',
          refusedAs: 'case.access_log_refused',
          audit: () => ({
            action: 'case.access_log_viewed',
            entityType: 'case',
            entityId: caseId,
            details: { page },
          }),
        },
        async (tx, row) => {
          const rows = await caseEvents(tx, caseId, page);
          const summary = page === 1 ? await people(tx, caseId) : [];
          return {
            caseId,
            reference: row.reference,
            page,
            people: summary,
            events: rows.slice(0, ACCESS_LOG_PAGE_SIZE),
            hasNextPage: rows.length > ACCESS_LOG_PAGE_SIZE,
          };
        },
      );
    },
  };
}

export type CaseAccessLogService = ReturnType<typeof caseAccessLogService>;
