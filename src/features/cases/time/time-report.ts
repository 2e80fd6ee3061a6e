// A manager's totals of time and travel per practitioner for a period (dates inclusive).
import { sql } from 'kysely';
import { withActor } from '../../../db/actor-context.js';
import type { Actor } from '../../../domain/roles.js';
import { recordAudit } from '../../../platform/audit.js';
import { authorize } from '../../../platform/authorize.js';
import { londonDate } from '../../../platform/format.js';
import { monthToDate, requirePeriod } from '../../../platform/period.js';
import type { CaseDeps } from '../kernel/index.js';
import { TIME_KINDS, type TimeKind } from './form.js';
import type { KindTotals } from './records.js';

/** Totals per practitioner for a period (dates inclusive), for a service manager. */
export const timeReport =
  ({ db, clock }: CaseDeps) =>
  async (actor: Actor, query: unknown) => {
    await authorize(db, actor, 'manage_service', 'time.report_viewed');
    const period = requirePeriod(query, monthToDate(londonDate(clock.now())));
    return withActor(db, actor, async (tx) => {
      const rows = await tx
        .selectFrom('case_time_entries as e')
        .innerJoin('users as u', 'u.id', 'e.user_id')
        .select([
          'u.id',
          'u.name',
          'u.role',
          sql<number>`count(distinct e.case_id)`.as('cases'),
          sql<number>`count(*)`.as('entries'),
          sql<number>`sum(e.minutes)`.as('minutes'),
          sql<number>`sum(e.miles)`.as('miles'),
          ...TIME_KINDS.map((kind) =>
            sql<number>`coalesce(sum(e.minutes) filter (where e.kind = ${kind}), 0)`.as(kind),
          ),
        ])
        .where('e.org_id', '=', actor.orgId!)
        .where('e.worked_on', '>=', period.from)
        .where('e.worked_on', '<=', period.to)
        .groupBy(['u.id', 'u.name', 'u.role'])
        .orderBy('u.name')
        .execute();
      await recordAudit(tx, actor, {
        action: 'time.report_viewed',
        details: { from: period.from, to: period.to },
      });
      const people = rows.map((r) => {
        const byKind = r as unknown as Record<TimeKind, number>;
        return {
          id: r.id,
          name: r.name,
          role: r.role,
          cases: Number(r.cases),
          entries: Number(r.entries),
          minutes: Number(r.minutes),
          miles: Number(r.miles),
          byKind: Object.fromEntries(TIME_KINDS.map((k) => [k, Number(byKind[k])])) as KindTotals,
        };
      });
      const total = {
        entries: people.reduce((n, p) => n + p.entries, 0),
        minutes: people.reduce((n, p) => n + p.minutes, 0),
        miles: people.reduce((n, p) => n + Math.round(p.miles * 10), 0) / 10,
        byKind: Object.fromEntries(
          TIME_KINDS.map((k) => [k, people.reduce((n, p) => n + p.byKind[k], 0)]),
        ) as KindTotals,
      };
      return { period, people, total };
    });
  };
