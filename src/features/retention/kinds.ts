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

/** A kind whose due rows are simply deleted, all at once, with one audit event for the lot. */
function deletion(
  kind: RecordKind,
  scope: KindWork['scope'],
  table: string,
  dueWhere: (due: Due) => ReturnType<typeof sql>,
): KindWork {
  return {
    scope,
    count: (tx, due) =>
      count(
        tx,
        sql<{ n: number }>`select count(*) as n from ${sql.table(table)} where ${dueWhere(due)}`,
      ),
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

const closedCases: KindWork = {
  scope: 'organisation',
  count: (tx, due) =>
    count(
      tx,
      sql<{ n: number }>`select count(*) as n from cases
        where stage = 'closed' and anonymised_at is null and closed_on <= ${due.onOrBefore}`,
    ),
  async handle(tx, actor, due, limit, kernel) {
    const rows = await sql<{ id: string }>`select id from cases
      where stage = 'closed' and anonymised_at is null and closed_on <= ${due.onOrBefore}
      order by closed_on, id limit ${limit}`.execute(tx);
    const ids = rows.rows.map((r) => r.id);
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

const declinedReferrals: KindWork = {
  scope: 'organisation',
  count: (tx, due) =>
    count(
      tx,
      sql<{ n: number }>`select count(*) as n from referrals
        where status = 'declined' and anonymised_at is null and decided_at < ${due.before}`,
    ),
  async handle(tx, actor, due, limit) {
    const rows = await sql<{ id: string }>`select id from referrals
      where status = 'declined' and anonymised_at is null and decided_at < ${due.before}
      order by decided_at, id limit ${limit}`.execute(tx);
    const ids = rows.rows.map((r) => r.id);
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

export const KIND_WORK: Record<RecordKind, KindWork> = {
  closed_cases: closedCases,
  declined_referrals: declinedReferrals,
  import_rejects: importRejects,
  questionnaire_links: deletion(
    'questionnaire_links',
    'organisation',
    'questionnaire_links',
    ended,
  ),
  referral_drafts: deletion(
    'referral_drafts',
    'organisation',
    'referral_drafts',
    (due) => sql`expires_at < ${due.before}`,
  ),
  sessions: deletion('sessions', 'system', 'sessions', (due) => sql`last_seen_at < ${due.before}`),
  sign_in_attempts: deletion(
    'sign_in_attempts',
    'system',
    'sign_in_attempts',
    (due) => sql`attempted_at < ${due.before}`,
  ),
  outbox: deletion('outbox', 'system', 'notifications', (due) => sql`created_at < ${due.before}`),
  one_time_links: {
    scope: 'system',
    async count(tx, due) {
      const setup = await deletion('one_time_links', 'system', 'setup_tokens', ended).count(
        tx,
        due,
      );
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
      const setup = await deletion('one_time_links', 'system', 'setup_tokens', ended).handle(
        tx,
        actor,
        due,
        limit,
        kernel,
      );
      return { handled: tokens + setup.handled };
    },
  },
};
