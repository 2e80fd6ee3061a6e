// The work queues of a service: each a filter over its open cases, sortable and paged, with a
// count for the home page. Every query here is bounded by the indexes of migrations 0004,
// 0009, 0010, 0011 and 0042 (bench/case-pages.ts measures them with 100,000 cases).
import { sql, type ExpressionBuilder, type Kysely, type SelectQueryBuilder } from 'kysely';
import { withActor, type Tx } from '../../db/actor-context.js';
import { CASE_LIST_COLUMNS, leadNameOf, peopleOf } from './list-columns.js';
import type { DB } from '../../db/schema.js';
import { can, type Actor } from '../../domain/roles.js';
import { addWorkingDays, subtractWorkingDays, type Holidays } from '../../domain/working-days.js';
import { authorize } from '../../platform/authorize.js';
import type { Clock } from '../../platform/clock.js';
import { londonDate } from '../../platform/format.js';
import { loadHolidays } from '../bank-holidays/index.js';
import type { WHEN } from './queue-query.js';
import { facilitatorsOf } from './staff.js';
import { transfersWaitingFor } from './transfers/list-transfers.js';
import {
  DEFAULT_INACTIVE_DAYS,
  FIRST_CONTACT_WORKING_DAYS,
  QUEUE_PAGE_SIZE,
  QUEUES,
  queueQuerySchema,
  type Queue,
} from './queue-query.js';

export { QUEUES, type Queue, type QueueQuery } from './queue-query.js';

interface QueueContext {
  actor: Actor;
  when: (typeof WHEN)[number];
  today: string;
  now: Date;
  firstContactCutoff: string;
  inactiveDays: number;
  holidays: Holidays;
}

type CaseQuery = SelectQueryBuilder<DB, 'cases', object>;

function open(eb: ExpressionBuilder<DB, 'cases'>) {
  return eb('cases.stage', '<>', 'closed');
}

/** The date each dated queue is about, as an expression over the case. */
export const DUE_DATES = {
  reoffers_due: sql<string | null>`cases.reoffer_due_on`,
  agreements_overdue: sql<string | null>`cases.agreement_due_on`,
  follow_ups_due: sql<string | null>`cases.follow_up_due_on`,
  reoffending_due: sql<string | null>`cases.reoffending_due_on`,
  // When someone kept informed is next due an update: src/domain/keeping-informed.ts, kept on
  // the case by triggers (migration 0042); the case's "Keeping informed" tab computes the same
  // from the same rows (updates.int.test.ts holds the two together).
  updates_due: sql<string | null>`cases.update_due_on`,
} as const;
export type DatedQueue = keyof typeof DUE_DATES;
export const isDated = (queue: Queue): queue is DatedQueue => queue in DUE_DATES;

/** Due now (on or before today; an agreement item only once past it), or due later. */
function dueWhen(queue: DatedQueue, c: QueueContext) {
  const due = DUE_DATES[queue];
  if (c.when === 'later') return sql<boolean>`${due} > ${c.today}::date`;
  return queue === 'agreements_overdue'
    ? sql<boolean>`${due} < ${c.today}::date`
    : sql<boolean>`${due} <= ${c.today}::date`;
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
  reoffers_due: (q, c) => q.where(open).where(dueWhen('reoffers_due', c)),
  agreements_overdue: (q, c) => q.where(open).where(dueWhen('agreements_overdue', c)),
  follow_ups_due: (q, c) => q.where(open).where(dueWhen('follow_ups_due', c)),
  // Closed cases too: the check comes a year after closure.
  reoffending_due: (q, c) => q.where(dueWhen('reoffending_due', c)),
  updates_due: (q, c) => q.where(open).where(dueWhen('updates_due', c)),
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
  due: 'page.dueOn',
} as const;

export function queueService({ db, clock }: { db: Kysely<DB>; clock: Clock }) {
  async function context(
    actor: Actor,
    inactiveDays = DEFAULT_INACTIVE_DAYS,
    when: QueueContext['when'] = 'now',
  ): Promise<QueueContext> {
    const today = londonDate(clock.now());
    const holidays = await loadHolidays(db);
    return {
      actor,
      when,
      today,
      now: clock.now(),
      firstContactCutoff: subtractWorkingDays(today, FIRST_CONTACT_WORKING_DAYS, holidays),
      inactiveDays,
      holidays,
    };
  }

  function base(tx: Tx, orgId: string): CaseQuery {
    return tx.selectFrom('cases').where('cases.org_id', '=', orgId) as CaseQuery;
  }

  /**
   * Every queue's count in one statement (a scalar subquery a queue): one round trip instead of
   * one a queue. Each count is still bounded by its queue's own indexes.
   */
  async function counts(tx: Tx, c: QueueContext): Promise<Record<Queue, number>> {
    const row = await tx
      .selectNoFrom(
        QUEUES.map((queue) =>
          CONDITIONS[queue](base(tx, c.actor.orgId!), c)
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .as(queue),
        ),
      )
      .executeTakeFirstOrThrow();
    return Object.fromEntries(
      QUEUES.map((queue) => [queue, Number((row as Record<Queue, unknown>)[queue])]),
    ) as Record<Queue, number>;
  }

  return {
    async list(actor: Actor, raw: unknown) {
      await authorize(db, actor, 'work_cases', 'case.queue_viewed');
      const query = queueQuerySchema.parse(raw ?? {});
      const c = await context(actor, query.days, query.when);
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
        const due = isDated(query.queue) ? DUE_DATES[query.queue] : sql<string | null>`null::date`;
        const page = q
          .select([
            ...CASE_LIST_COLUMNS,
            'cases.last_activity_at as lastActivityAt',
            due.as('dueOn'),
          ])
          .orderBy(query.sort === 'due' ? due : SORT_COLUMNS[query.sort], query.order)
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
            'page.dueOn',
            leadNameOf(sql.ref('page.id')).as('leadName'),
            eb
              .selectFrom('referrals')
              .select('referrals.received_on')
              .whereRef('referrals.id', '=', 'page.referralId')
              .as('receivedOn'),
            peopleOf(sql.ref('page.id')).as('people'),
          ])
          .orderBy(PAGE_SORT_COLUMNS[query.sort], query.order)
          .orderBy('page.id')
          .execute();
        return {
          query,
          rows: rows.slice(0, QUEUE_PAGE_SIZE).map((row) => ({
            ...row,
            // When someone should first have been spoken to: the date the queue is about.
            firstContactDueOn: row.receivedOn
              ? addWorkingDays(row.receivedOn, FIRST_CONTACT_WORKING_DAYS, c.holidays)
              : null,
          })),
          hasNextPage: rows.length > QUEUE_PAGE_SIZE,
          // The tabs count what is due now, whichever list is shown.
          counts: await counts(tx, { ...c, when: 'now' }),
          // What the page shows beside the list, read in the same transaction: the staff for
          // the facilitator filter, and (for those who decide on them) transfers waiting.
          facilitators: await facilitatorsOf(tx, actor.orgId!),
          incomingTransfers: can(actor, 'triage_referrals')
            ? await transfersWaitingFor(tx, actor.orgId!)
            : 0,
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
