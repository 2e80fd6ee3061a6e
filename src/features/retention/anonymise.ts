// Applies the plan (plan.ts) to a batch of closed cases or declined referrals, inside the
// caller's transaction, and says which stored files to remove once that transaction commits.
import { sql } from 'kysely';
import type { Tx } from '../../db/actor-context.js';
import { CASE_PLAN, REFERRAL_PLAN, type TablePlan } from './plan.js';

async function applyPlan(tx: Tx, plan: Record<string, TablePlan>, ids: string[]) {
  const idList = sql.join(ids.map((id) => sql`${id}::uuid`));
  for (const [table, rule] of Object.entries(plan)) {
    const where = sql`${sql.ref(rule.key)} in (${idList})`;
    if (rule.delete) {
      await sql`delete from ${sql.table(table)} where ${where}`.execute(tx);
      continue;
    }
    const assignments = Object.entries(rule.clear ?? {}).map(
      ([column, expression]) => sql`${sql.ref(column)} = ${sql.raw(expression)}`,
    );
    if (assignments.length === 0) continue;
    await sql`update ${sql.table(table)} set ${sql.join(assignments)} where ${where}`.execute(tx);
  }
}

/** Deletes the people the anonymised records named, unless another record still names them. */
async function removeUnreferencedPersons(tx: Tx, personIds: string[]) {
  if (personIds.length === 0) return;
  await sql`delete from persons p
    where p.id in (${sql.join(personIds.map((id) => sql`${id}::uuid`))})
      and not exists (select 1 from case_participants c where c.person_id = p.id)
      and not exists (select 1 from referral_parties r where r.person_id = p.id)`.execute(tx);
}

export interface AnonymisedCases {
  /** Keys of the case documents to remove from the document store after commit. */
  storageKeys: string[];
}

export async function anonymiseCases(
  tx: Tx,
  caseIds: string[],
  at: Date,
): Promise<AnonymisedCases> {
  if (caseIds.length === 0) return { storageKeys: [] };
  const ids = sql.join(caseIds.map((id) => sql`${id}::uuid`));
  const documents = await sql<{ storage_key: string }>`
    select storage_key from case_documents where case_id in (${ids})`.execute(tx);
  const persons = await sql<{ person_id: string }>`
    select distinct person_id from case_participants where case_id in (${ids}) and person_id is not null
    union
    select distinct rp.person_id from referral_parties rp join cases c on c.referral_id = rp.referral_id
      where c.id in (${ids}) and rp.person_id is not null`.execute(tx);
  const referrals = await sql<{ referral_id: string }>`
    select referral_id from cases where id in (${ids}) and referral_id is not null`.execute(tx);
  await applyPlan(tx, CASE_PLAN, caseIds);
  await sql`update cases set anonymised_at = ${at} where id in (${ids})`.execute(tx);
  const referralIds = referrals.rows.map((r) => r.referral_id);
  if (referralIds.length > 0) {
    await applyPlan(tx, REFERRAL_PLAN, referralIds);
    await sql`update referrals set anonymised_at = ${at}
      where id in (${sql.join(referralIds.map((id) => sql`${id}::uuid`))})`.execute(tx);
  }
  await removeUnreferencedPersons(
    tx,
    persons.rows.map((p) => p.person_id),
  );
  return { storageKeys: documents.rows.map((d) => d.storage_key) };
}

export async function anonymiseReferrals(tx: Tx, referralIds: string[], at: Date): Promise<void> {
  if (referralIds.length === 0) return;
  const ids = sql.join(referralIds.map((id) => sql`${id}::uuid`));
  const persons = await sql<{ person_id: string }>`
    select distinct person_id from referral_parties where referral_id in (${ids}) and person_id is not null`.execute(
    tx,
  );
  await applyPlan(tx, REFERRAL_PLAN, referralIds);
  await sql`update referrals set anonymised_at = ${at} where id in (${ids})`.execute(tx);
  await removeUnreferencedPersons(
    tx,
    persons.rows.map((p) => p.person_id),
  );
}
