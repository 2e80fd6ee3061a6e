// Checking one chunk of an import's rows (the referral checks every door shares), and writing
// the rejected ones to import_rejects. The valid rows are then written by copy-chunks.ts.
import { setImmediate } from 'node:timers/promises';
import { sql, type Kysely } from 'kysely';
import type { Tx } from '../../db/actor-context.js';
import type { DB } from '../../db/schema.js';
import { type Actor, userIdOf } from '../../domain/roles.js';
import type { Clock } from '../../platform/clock.js';
import { londonDate } from '../../platform/format.js';
import { referralChecker, referralRows, type ReferralRows } from '../referrals/index.js';
import { csvLine, rowFields, type CsvHeader, type CsvRow, type RowProblem } from './csv.js';
import { rejectReason } from './reasons.js';

export interface ImportContext {
  jobId: string;
  serviceId: string;
  header: CsvHeader;
  submittedBy: string | null;
}

/** What every chunk of `job` is checked and written with. */
export function importContext(
  actor: Actor,
  job: { id: string; serviceId: string },
  csv: { header: CsvHeader },
): ImportContext {
  return {
    jobId: job.id,
    serviceId: job.serviceId,
    header: csv.header,
    submittedBy: userIdOf(actor),
  };
}

/** The moment a chunk is checked at, and its date in England (received dates are checked against it). */
export function today(clock: Clock) {
  const now = clock.now();
  return { now, today: londonDate(now) };
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

const YIELD_EVERY_ROWS = 20;

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

  for (const [index, row] of chunk.entries()) {
    // Checking is all JavaScript (the look-ups are cached), so it would hold the event loop
    // for the whole chunk; it yields now and then, so the database's replies about the chunk
    // being written are read, and that chunk's next statement sent, while this one is checked.
    if (index % YIELD_EVERY_ROWS === YIELD_EVERY_ROWS - 1) await setImmediate();
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

export async function writeRejects(
  tx: Tx,
  context: ImportContext,
  rejects: CheckedChunk['rejects'],
) {
  if (rejects.length === 0) return;
  await sql`
    insert into import_rejects (job_id, org_id, row_number, line)
    select ${context.jobId}, ${context.serviceId}, (e->>'n')::int, e->>'line'
    from jsonb_array_elements(${JSON.stringify(rejects)}::jsonb) e`.execute(tx);
}
