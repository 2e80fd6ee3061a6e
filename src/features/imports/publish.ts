// Publishing a job's staged rows as referrals: set-based statements inside the one transaction
// that also marks the job done and writes the audit event, so an import is all or nothing.
import { sql, type RawBuilder } from 'kysely';
import type { Tx } from '../../db/actor-context.js';
import { newReference } from '../../domain/referrals.js';

const COLUMN = /^[a-z_][a-z0-9_]*$/;

/** The columns a JSON row fills (referralRows writes complete rows), as identifiers. */
export function columnsOf(row: unknown): string[] {
  return Object.keys(row as Record<string, unknown>).filter((name) => COLUMN.test(name));
}

/** Columns as a list of identifiers (qualified by `alias` if given). */
export const list = (columns: string[], alias?: string): RawBuilder<unknown> =>
  sql.join(columns.map((c) => sql.ref(alias ? `${alias}.${c}` : c)));

/** Takes the service's import lock, so two imports into one service publish one at a time. */
export async function lockServiceImports(tx: Tx, serviceId: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext(${`waymark.import.${serviceId}`}))`.execute(tx);
}

/**
 * Staged rows that now repeat a referral of the service (one sent through another door, or
 * another import, since the row was staged) are dropped: they count as duplicates.
 */
export async function dropLateDuplicates(tx: Tx, jobId: string): Promise<number> {
  const result = await sql`
    delete from import_staging s
    where s.job_id = ${jobId}
      and exists (
        select 1 from referrals r
        where r.org_id = s.org_id and r.duplicate_key = s.duplicate_key
      )`.execute(tx);
  return Number(result.numAffectedRows ?? 0);
}

export async function countStaged(tx: Tx, jobId: string): Promise<number> {
  const row = await tx
    .selectFrom('import_staging')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('job_id', '=', jobId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Inserts every staged referral and its parties; returns how many referrals were written. */
export async function publishStaged(tx: Tx, jobId: string): Promise<number> {
  const sample = await tx
    .selectFrom('import_staging')
    .select(['referral', 'parties'])
    .where('job_id', '=', jobId)
    .limit(1)
    .executeTakeFirst();
  if (!sample) return 0;
  const referralColumns = columnsOf(sample.referral);
  const partyColumns = columnsOf((sample.parties as unknown[])[0] ?? {});

  const insertReferrals = (rowNumbers?: number[]) => sql`
    insert into referrals (${list(referralColumns)})
    select ${list(referralColumns, 'r')}
    from import_staging s
    cross join lateral jsonb_populate_record(null::referrals, s.referral) r
    where s.job_id = ${jobId}
      ${rowNumbers ? sql`and s.row_number = any(${rowNumbers})` : sql``}
    order by s.row_number
    on conflict (reference) do nothing`;

  let written = Number((await insertReferrals().execute(tx)).numAffectedRows ?? 0);
  const staged = await countStaged(tx, jobId);
  // A reference is random; the rare one already taken is drawn again.
  for (let attempt = 0; written < staged; attempt++) {
    if (attempt === 5) throw new Error('could not give every imported referral a new reference');
    const clashes = await sql<{ row_number: number }>`
      select s.row_number from import_staging s
      where s.job_id = ${jobId}
        and not exists (select 1 from referrals r where r.id = (s.referral->>'id')::uuid)`.execute(
      tx,
    );
    const rowNumbers = clashes.rows.map((r) => r.row_number);
    for (const rowNumber of rowNumbers) {
      await sql`
        update import_staging
        set referral = jsonb_set(referral, '{reference}', to_jsonb(${newReference('RF')}::text))
        where job_id = ${jobId} and row_number = ${rowNumber}`.execute(tx);
    }
    written += Number((await insertReferrals(rowNumbers).execute(tx)).numAffectedRows ?? 0);
  }

  if (partyColumns.length > 0) {
    await sql`
      insert into referral_parties (${list(partyColumns)})
      select ${list(partyColumns, 'p')}
      from import_staging s
      cross join lateral jsonb_populate_recordset(null::referral_parties, s.parties) p
      where s.job_id = ${jobId}`.execute(tx);
  }
  return written;
}
