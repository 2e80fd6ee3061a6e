// Staging one chunk of rows in two steps: checking every row (the referral checks every door
// shares), then, in the chunk's own short transaction, writing the valid rows to import_staging
// and the rejected ones to import_rejects. Nothing here is a referral yet (see publish.ts).
import { sql, type Kysely } from 'kysely';
import type { Tx } from '../../db/actor-context.js';
import type { DB } from '../../db/schema.js';
import { referralChecker, referralRows, type ReferralRows } from '../referrals/index.js';
import { csvLine, rowFields, type CsvHeader, type CsvRow, type RowProblem } from './csv.js';
import { rejectReason } from './reasons.js';

export interface ImportContext {
  jobId: string;
  serviceId: string;
  header: CsvHeader;
  submittedBy: string | null;
}

export interface CheckedChunk {
  valid: { number: number; rows: ReferralRows }[];
  rejects: { n: number; line: string }[];
}

export interface ChunkCounts {
  staged: number;
  rejected: number;
  duplicates: number;
}

/**
 * The referral checks for a whole import. They read only reference data (organisations and
 * offence groups, which row-level security does not restrict), cached across every row, so
 * they run outside the chunks' transactions: the next chunk is checked while the database
 * writes the last one.
 */
export function importChecker(db: Kysely<DB>) {
  // referralChecker only reads through selectFrom, which a Kysely and a transaction share.
  return referralChecker(db as unknown as Tx);
}

export async function checkChunk(
  checker: ReturnType<typeof importChecker>,
  context: ImportContext & { today: string; now: Date },
  chunk: CsvRow[],
): Promise<CheckedChunk> {
  const result: CheckedChunk = { valid: [], rejects: [] };
  const reject = (row: CsvRow, problems: RowProblem[], fields?: Record<string, string>) =>
    result.rejects.push({
      n: row.number,
      line: csvLine([rejectReason(row.number, problems, fields), ...row.values]),
    });

  for (const row of chunk) {
    const shape = rowFields(context.header, row);
    if (!shape.ok) {
      reject(row, shape.problems);
      continue;
    }
    const checked = await checker.check(shape.fields, context.today);
    if (!checked.ok) {
      reject(row, checked.errors, shape.written);
      continue;
    }
    result.valid.push({
      number: row.number,
      rows: referralRows({
        input: checked.input,
        serviceId: context.serviceId,
        sourceOrgId: checked.sourceOrgId,
        channel: 'import',
        submittedBy: context.submittedBy,
        importJobId: context.jobId,
        now: context.now,
      }),
    });
  }
  return result;
}

/** Writes a checked chunk inside the caller's transaction. */
export async function writeChunk(
  tx: Tx,
  context: ImportContext,
  { valid, rejects }: CheckedChunk,
): Promise<ChunkCounts> {
  // A duplicate repeats a referral the service already has, or an earlier row of the file:
  // earlier chunks are found by the unique (job, key) index, this chunk's rows here.
  const keys = [...new Set(valid.map((v) => v.rows.referral.duplicate_key))];
  const existing = new Set(
    keys.length === 0
      ? []
      : (
          await tx
            .selectFrom('referrals')
            .select('duplicate_key')
            .where('org_id', '=', context.serviceId)
            .where('duplicate_key', 'in', keys)
            .execute()
        ).map((r) => r.duplicate_key),
  );
  const seen = new Set<string>();
  const fresh = valid.filter(({ rows }) => {
    const key = rows.referral.duplicate_key;
    if (existing.has(key) || seen.has(key)) return false;
    seen.add(key);
    return true;
  });

  // Each chunk goes to the database as one JSON value, unpacked there.
  let staged = 0;
  if (fresh.length > 0) {
    const rows = JSON.stringify(
      fresh.map(({ number, rows }) => ({
        n: number,
        k: rows.referral.duplicate_key,
        r: rows.referral,
        p: rows.parties,
      })),
    );
    const inserted = await sql`
      insert into import_staging (job_id, org_id, row_number, duplicate_key, referral, parties)
      select ${context.jobId}, ${context.serviceId}, (e->>'n')::int, e->>'k', e->'r', e->'p'
      from jsonb_array_elements(${rows}::jsonb) e
      on conflict (job_id, duplicate_key) do nothing`.execute(tx);
    staged = Number(inserted.numAffectedRows ?? 0);
  }
  if (rejects.length > 0) {
    await sql`
      insert into import_rejects (job_id, org_id, row_number, line)
      select ${context.jobId}, ${context.serviceId}, (e->>'n')::int, e->>'line'
      from jsonb_array_elements(${JSON.stringify(rejects)}::jsonb) e`.execute(tx);
  }
  return { staged, rejected: rejects.length, duplicates: valid.length - staged };
}
