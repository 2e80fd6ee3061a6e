// Each kind of record: how to count what is due, and how to handle a batch of it, inside a
// transaction acting as the system for one organisation (row-level security keeps each batch
// to that organisation) or, for records that belong to no organisation, for none.
import { sql } from 'kysely';
import type { Tx } from '../../db/actor-context.js';
import type { RecordKind } from '../../domain/retention.js';
import type { SystemActor } from '../../domain/roles.js';
import { recordAudit } from '../../platform/audit.js';
import type { CaseKernel } from '../cases/index.js';
import { anonymiseCases, anonymiseReferrals } from './anonymise.js';

export interface Due {
  /** Records whose clock started before this moment are due. */
  before: Date;
  /** The same as a calendar date, for date columns: on or before it is due. */
  onOrBefore: string;
  now: Date;
}

export interface Batch {
  handled: number;
  /** Stored files to remove once the batch's transaction has committed. */
  storageKeys?: string[];
}

export interface KindWork {
  scope: 'organisation' | 'system';
  count(tx: Tx, due: Due): Promise<number>;
  /** Handles up to `limit` due records; 0 handled means none are left. */
  handle(tx: Tx, actor: SystemActor, due: Due, limit: number, kernel: CaseKernel): Promise<Batch>;
}

const count = async (tx: Tx, query: ReturnType<typeof sql<{ n: number }>>) =>
  Number((await query.execute(tx)).rows[0]?.n ?? 0);

type DueWhere = (due: Due) => ReturnType<typeof sql>;

/** The due rows of `table`: how many, and the ids of the first `limit` of them in `order`. */
function dueRows(table: string, dueWhere: DueWhere, order = 'id') {
  const from = (due: Due) => sql`from ${sql.table(table)} where ${dueWhere(due)}`;
  return {
    count: (tx: Tx, due: Due) => count(tx, sql<{ n: number }>`select count(*) as n ${from(due)}`),
    async ids(tx: Tx, due: Due, limit: number) {
      const rows = await sql<{ id: string }>`select id ${from(due)}
        order by ${sql.raw(order)} limit ${limit}`.execute(tx);
      return rows.rows.map((r) => r.id);
    },
  };
}

/**
 * A kind whose due rows are simply deleted, all at once, with one audit event for the lot: rows
 * of `table` (the kind's own, unless named) where `dueWhere`.
 */
function deletion(options: {
  kind: RecordKind;
  scope: KindWork['scope'];
  table?: string;
  dueWhere: DueWhere;
}): KindWork {
  const { kind, scope, table = kind, dueWhere } = options;
  return {
    scope,
    count: dueRows(table, dueWhere).count,
    async handle(tx, actor, due) {
      const result = await sql`delete from ${sql.table(table)} where ${dueWhere(due)}`.execute(tx);
      const handled = Number(result.numAffectedRows ?? 0);
      if (handled > 0)
        await recordAudit(tx, actor, {
          action: 'retention.deleted',
          entityType: table,
          details: { kind, count: handled, before: due.before.toISOString() },
        });
      return { handled };
    },
  };
}

const dueCases = dueRows(
  'cases',
  (due) => sql`stage = 'closed' and anonymised_at is null and closed_on <= ${due.onOrBefore}`,
  'closed_on, id',
);

const closedCases: KindWork = {
  scope: 'organisation',
  count: dueCases.count,
  async handle(tx, actor, due, limit, kernel) {
    const ids = await dueCases.ids(tx, due, limit);
    const { storageKeys } = await anonymiseCases(tx, ids, due.now);
    // Each case is marked changed, with a line on its timeline and its audit event, by the case
    // kernel like any other change (the anonymising itself is set-based, above, for speed).
    for (const caseId of ids)
      await kernel.changeCaseIn(
        tx,
        { actor, caseId, action: 'case.anonymised', allowClosed: true },
        async () => ({
          event: { kind: 'anonymised', params: { closedOnOrBefore: due.onOrBefore } },
        }),
      );
    return { handled: ids.length, storageKeys };
  },
};

const dueReferrals = dueRows(
  'referrals',
  (due) => sql`status = 'declined' and anonymised_at is null and decided_at < ${due.before}`,
  'decided_at, id',
);

const declinedReferrals: KindWork = {
  scope: 'organisation',
  count: dueReferrals.count,
  async handle(tx, actor, due, limit) {
    const ids = await dueReferrals.ids(tx, due, limit);
    await anonymiseReferrals(tx, ids, due.now);
    for (const id of ids)
      await recordAudit(tx, actor, {
        action: 'retention.referral_anonymised',
        entityType: 'referral',
        entityId: id,
      });
    return { handled: ids.length };
  },
};

const importRejects: KindWork = {
  scope: 'organisation',
  count: (tx, due) =>
    count(
      tx,
      sql<{ n: number }>`select count(*) as n from import_jobs j where j.finished_at < ${due.before}
        and (j.rejects_csv is not null or exists (select 1 from import_rejects r where r.job_id = j.id))`,
    ),
  async handle(tx, actor, due) {
    const jobs = await sql<{ id: string }>`update import_jobs j set rejects_csv = null
      where j.finished_at < ${due.before}
        and (j.rejects_csv is not null or exists (select 1 from import_rejects r where r.job_id = j.id))
      returning id`.execute(tx);
    const ids = jobs.rows.map((j) => j.id);
    if (ids.length > 0) {
      await sql`delete from import_rejects where job_id in (${sql.join(ids.map((id) => sql`${id}::uuid`))})`.execute(
        tx,
      );
      await recordAudit(tx, actor, {
        action: 'retention.deleted',
        entityType: 'import_rejects',
        details: { kind: 'import_rejects', count: ids.length, before: due.before.toISOString() },
      });
    }
    return { handled: ids.length };
  },
};

/**
 * Password links are hidden from the operator by row-level security: counted and deleted by a
 * database function that answers only how many (migration 0026).
 */
async function passwordLinks(tx: Tx, due: Due, remove: boolean): Promise<number> {
  const result = await sql<{
    n: string | number;
  }>`select app_retention_password_links(${due.before}, ${remove}) as n`.execute(tx);
  return Number(result.rows[0]?.n ?? 0);
}

/** One-time links: expired or used before the cutoff (whichever ended them). */
const ended = (due: Due) => sql`coalesce(used_at, expires_at) < ${due.before}`;
/** Rows whose `column` (a time) is before the cutoff. */
const before = (column: string) => (due: Due) => sql`${sql.ref(column)} < ${due.before}`;
/** Account set-up links; password links are hidden from the operator (passwordLinks). */
const setupTokens = deletion({
  kind: 'one_time_links',
  scope: 'system',
  table: 'setup_tokens',
  dueWhere: ended,
});

export const KIND_WORK: Record<RecordKind, KindWork> = {
  closed_cases: closedCases,
  declined_referrals: declinedReferrals,
  import_rejects: importRejects,
  questionnaire_links: deletion({
    kind: 'questionnaire_links',
    scope: 'organisation',
    dueWhere: ended,
  }),
  referral_drafts: deletion({
    kind: 'referral_drafts',
    scope: 'organisation',
    dueWhere: before('expires_at'),
  }),
  sessions: deletion({ kind: 'sessions', scope: 'system', dueWhere: before('last_seen_at') }),
  sign_in_attempts: deletion({
    kind: 'sign_in_attempts',
    scope: 'system',
    dueWhere: before('attempted_at'),
  }),
  outbox: deletion({
    kind: 'outbox',
    scope: 'system',
    table: 'notifications',
    dueWhere: before('created_at'),
  }),
  one_time_links: {
    scope: 'system',
    async count(tx, due) {
      const setup = await setupTokens.count(tx, due);
      return (await passwordLinks(tx, due, false)) + setup;
    },
    async handle(tx, actor, due, limit, kernel) {
      const tokens = await passwordLinks(tx, due, true);
      if (tokens > 0)
        await recordAudit(tx, actor, {
          action: 'retention.deleted',
          entityType: 'password_tokens',
          details: { kind: 'one_time_links', count: tokens, before: due.before.toISOString() },
        });
      const setup = await setupTokens.handle(tx, actor, due, limit, kernel);
      return { handled: tokens + setup.handled };
    },
  },
};
