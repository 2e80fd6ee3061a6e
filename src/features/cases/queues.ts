// The work queues of a service: each a filter over its open cases, sortable and paged, with a
// count for the home page. Every query here is bounded by the indexes of migrations 0004,
// 0009, 0010 and 0011 (bench/case-pages.ts measures them with 100,000 cases).
import { sql, type ExpressionBuilder, type Kysely, type SelectQueryBuilder } from 'kysely';
import { z } from 'zod';
import { withActor, type Tx } from '../../db/actor-context.js';
import type { DB } from '../../db/schema.js';
import { CASE_STAGES } from '../../domain/case-lifecycle.js';
import { isUuid } from '../../domain/ids.js';
import type { Actor } from '../../domain/roles.js';
import { subtractWorkingDays } from '../../domain/working-days.js';
import { authorize } from '../../platform/authorize.js';
import type { Clock } from '../../platform/clock.js';
import { londonDate } from '../../platform/format.js';
import { loadHolidays } from '../bank-holidays/index.js';

export const QUEUES = [
  'mine',
  'unallocated',
  'first_contact_overdue',
  'victims_code',
  'reoffers_due',
  'agreements_overdue',
  'follow_ups_due',
  'reoffending_due',
  'inactive',
] as const;
export type Queue = (typeof QUEUES)[number];

/** Working days from the referral within which the first contact should be made. */
export const FIRST_CONTACT_WORKING_DAYS = 5;
export const DEFAULT_INACTIVE_DAYS = 30;
export const QUEUE_PAGE_SIZE = 25;

const SORTS = ['reference', 'opened', 'activity', 'stage'] as const;

export const queueQuerySchema = z.object({
  queue: z.enum(QUEUES).catch('mine'),
  stage: z.enum(CASE_STAGES).optional().catch(undefined),
  facilitator: z.string().refine(isUuid).optional().catch(undefined),
  days: z.coerce.number().int().min(1).max(3650).catch(DEFAULT_INACTIVE_DAYS),
  sort: z.enum(SORTS).catch('activity'),
  order: z.enum(['asc', 'desc']).catch('asc'),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});
export type QueueQuery = z.output<typeof queueQuerySchema>;

interface QueueContext {
  actor: Actor;
  today: string;
  now: Date;
  firstContactCutoff: string;
  inactiveDays: number;
}

type CaseQuery = SelectQueryBuilder<DB, 'cases', object>;

function open(eb: ExpressionBuilder<DB, 'cases'>) {
  return eb('cases.stage', '<>', 'closed');
}

/** The condition that puts a case in each queue. */
const CONDITIONS: Record<Queue, (query: CaseQuery, context: QueueContext) => CaseQuery> = {
  mine: (q, c) =>
    q.where(open).where((eb) =>
      eb.exists(
        eb
          .selectFrom('case_allocations as a')
          .select('a.case_id')
          .whereRef('a.case_id', '=', 'cases.id')
          // Kept in step with the case's stage (migration 0011): the open allocations only.
          .where('a.case_open', '=', true)
          .where(
            'a.user_id',
            '=',
            c.actor.kind === 'user' ? c.actor.userId : '00000000-0000-0000-0000-000000000000',
          ),
      ),
    ),
  // The lead is kept on the case by a trigger on case_allocations (migration 0009).
  unallocated: (q) => q.where(open).where('cases.lead_user_id', 'is', null),
  first_contact_overdue: (q, c) =>
    q
      .where('cases.stage', 'in', ['new', 'contacting'])
      .where('cases.first_contact_on', 'is', null)
      .where((eb) =>
        eb.exists(
          eb
            .selectFrom('referrals as r')
            .select('r.id')
            .whereRef('r.id', '=', 'cases.referral_id')
            .where('r.received_on', '<', c.firstContactCutoff),
        ),
      ),
  // The dates and the flag below are kept on the case by triggers (migration 0010).
  victims_code: (q) => q.where(open).where('cases.victims_code_pending', '=', true),
  reoffers_due: (q, c) => q.where(open).where('cases.reoffer_due_on', '<=', c.today),
  agreements_overdue: (q, c) => q.where(open).where('cases.agreement_due_on', '<', c.today),
  follow_ups_due: (q, c) => q.where(open).where('cases.follow_up_due_on', '<=', c.today),
  // Closed cases too: the check comes a year after closure.
  reoffending_due: (q, c) => q.where('cases.reoffending_due_on', '<=', c.today),
  inactive: (q, c) =>
    q
      .where(open)
      .where(
        'cases.last_activity_at',
        '<',
        new Date(c.now.getTime() - c.inactiveDays * 86_400_000),
      ),
};

const SORT_COLUMNS = {
  reference: 'cases.reference',
  opened: 'cases.created_at',
  activity: 'cases.last_activity_at',
  stage: 'cases.stage',
} as const;

/** The same orders, on the page of cases once chosen. */
const PAGE_SORT_COLUMNS = {
  reference: 'page.reference',
  opened: 'page.openedAt',
  activity: 'page.lastActivityAt',
  stage: 'page.stage',
} as const;

export function queueService({ db, clock }: { db: Kysely<DB>; clock: Clock }) {
  async function context(
    actor: Actor,
    inactiveDays = DEFAULT_INACTIVE_DAYS,
  ): Promise<QueueContext> {
    const today = londonDate(clock.now());
    const holidays = await loadHolidays(db);
    return {
      actor,
      today,
      now: clock.now(),
      firstContactCutoff: subtractWorkingDays(today, FIRST_CONTACT_WORKING_DAYS, holidays),
      inactiveDays,
    };
  }

  function base(tx: Tx, orgId: string): CaseQuery {
    return tx.selectFrom('cases').where('cases.org_id', '=', orgId) as CaseQuery;
  }

  async function counts(tx: Tx, c: QueueContext): Promise<Record<Queue, number>> {
    const entries = await Promise.all(
      QUEUES.map(async (queue) => {
        const row = await CONDITIONS[queue](base(tx, c.actor.orgId!), c)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow();
        return [queue, (row as { n: number }).n] as const;
      }),
    );
    return Object.fromEntries(entries) as Record<Queue, number>;
  }

  return {
    async list(actor: Actor, raw: unknown) {
      await authorize(db, actor, 'work_cases', 'case.queue_viewed');
      const query = queueQuerySchema.parse(raw ?? {});
      const c = await context(actor, query.days);
      return withActor(db, actor, async (tx) => {
        let q = CONDITIONS[query.queue](base(tx, actor.orgId!), c);
        if (query.stage) q = q.where('cases.stage', '=', query.stage);
        if (query.facilitator) {
          q = q.where((eb) =>
            eb.exists(
              eb
                .selectFrom('case_allocations as f')
                .select('f.case_id')
                .whereRef('f.case_id', '=', 'cases.id')
                .where('f.user_id', '=', query.facilitator!),
            ),
          );
        }
        // The page of cases is chosen first, from the cases' own columns; what is shown besides
        // (the lead, the referral's date, the people) is then read for that page only. Joined
        // or selected alongside, it was read for every case in the queue, or every case skipped.
        const page = q
          .select([
            'cases.id',
            'cases.reference',
            'cases.stage',
            'cases.sv_da as svDa',
            'cases.created_at as openedAt',
            'cases.last_activity_at as lastActivityAt',
            'cases.referral_id as referralId',
          ])
          .orderBy(SORT_COLUMNS[query.sort], query.order)
          .orderBy('cases.id')
          .limit(QUEUE_PAGE_SIZE + 1)
          .offset((query.page - 1) * QUEUE_PAGE_SIZE)
          .as('page');
        const rows = await tx
          .selectFrom(page)
          .select((eb) => [
            'page.id',
            'page.reference',
            'page.stage',
            'page.svDa',
            'page.openedAt',
            'page.lastActivityAt',
            eb
              .selectFrom('case_allocations as lead')
              .innerJoin('users', 'users.id', 'lead.user_id')
              .select('users.name')
              .whereRef('lead.case_id', '=', 'page.id')
              .where('lead.lead', '=', true)
              .as('leadName'),
            eb
              .selectFrom('referrals')
              .select('referrals.received_on')
              .whereRef('referrals.id', '=', 'page.referralId')
              .as('receivedOn'),
            sql<
              string | null
            >`(select string_agg(p.display_name, ', ' order by p.role desc, p.created_at)
              from case_participants p where p.case_id = page.id and p.role in ('harmed', 'harmer'))`.as(
              'people',
            ),
          ])
          .orderBy(PAGE_SORT_COLUMNS[query.sort], query.order)
          .orderBy('page.id')
          .execute();
        return {
          query,
          rows: rows.slice(0, QUEUE_PAGE_SIZE),
          hasNextPage: rows.length > QUEUE_PAGE_SIZE,
          counts: await counts(tx, c),
        };
      });
    },

    /** How many cases are in each queue, for the home page. */
    async counts(actor: Actor) {
      await authorize(db, actor, 'work_cases', 'case.queue_viewed');
      const c = await context(actor);
      return withActor(db, actor, (tx) => counts(tx, c));
    },
  };
}

export type QueueService = ReturnType<typeof queueService>;
