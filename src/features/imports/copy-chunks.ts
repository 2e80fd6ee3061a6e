// Writing an import's checked chunks: straight into referrals and referral_parties inside the
// import's one transaction (one-transaction.ts, on a PostgreSQL server), or into the staged
// tables, a transaction a chunk, to be published together (service.ts, where every request
// shares one connection). Each chunk travels by COPY into two temporary tables, and plain
// INSERT … SELECT statements move it on: the writes no import can avoid, plus a COPY and a
// look-up of the chunk's duplicate keys (`npm run bench -- referral-import` measures both
// against that floor).
import { sql } from 'kysely';
import type { Tx } from '../../db/actor-context.js';
import { copyData, copyInto, type CopyData } from '../../db/copy-rows.js';
import { columnsOf, insertReferralsFrom, list } from './publish.js';
import {
  writeRejects,
  type CheckedChunk,
  type ChunkCounts,
  type ImportContext,
} from './staging.js';

const REFERRALS = 'import_chunk_referrals';
const PARTIES = 'import_chunk_parties';

/** The temporary tables each chunk is copied into, dropped when the import's transaction ends. */
export async function createChunkTables(tx: Tx): Promise<void> {
  await sql`create temporary table import_chunk_referrals (like referrals) on commit drop`.execute(
    tx,
  );
  await sql`create temporary table import_chunk_parties (like referral_parties) on commit drop`.execute(
    tx,
  );
}

/** A checked chunk made ready to copy (built while the database writes the chunk before). */
export interface CopyChunk {
  referrals: CopyData;
  parties: CopyData;
  referralColumns: string[];
  partyColumns: string[];
  /** Valid rows, repeats of an earlier row of the chunk included. */
  valid: number;
  rejects: CheckedChunk['rejects'];
}

export function readyToCopy({ valid, rejects }: CheckedChunk): CopyChunk {
  const fresh = firstOfEachKey(valid).map((v) => v.rows);
  const referrals = fresh.map((rows) => rows.referral);
  const parties = fresh.flatMap((rows) => rows.parties);
  const referralColumns = columnsOf(referrals[0] ?? {});
  const partyColumns = columnsOf(parties[0] ?? {});
  return {
    referrals: copyData(REFERRALS, referralColumns, referrals),
    parties: copyData(PARTIES, partyColumns, parties),
    referralColumns,
    partyColumns,
    valid: valid.length,
    rejects,
  };
}

/** The chunk's rows but those repeating an earlier row of the chunk (earlier chunks: below). */
function firstOfEachKey(valid: CheckedChunk['valid']) {
  const seen = new Set<string>();
  return valid.filter(({ rows }) => {
    const key = rows.referral.duplicate_key;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * Writes a chunk into referrals and referral_parties: none is seen by anyone else until the
 * import's transaction commits. A row repeating a referral the service already has (written
 * through any door, or by an earlier chunk) is a duplicate and is not written.
 */
export function insertChunk(tx: Tx, context: ImportContext, chunk: CopyChunk) {
  return copyThenMove(tx, context, chunk, {
    // The tables were made once for the import's transaction (createChunkTables).
    prepare: () => sql`truncate import_chunk_referrals, import_chunk_parties`.execute(tx),
    async move(fresh) {
      const written = await insertReferralsFrom(
        tx,
        'import_chunk_referrals',
        chunk.referralColumns,
        {
          expected: fresh,
        },
      );
      if (chunk.parties.rows > 0)
        await sql`
          insert into referral_parties (${list(chunk.partyColumns)})
          select ${list(chunk.partyColumns)} from import_chunk_parties`.execute(tx);
      return written;
    },
  });
}

/**
 * Stages a chunk, in a transaction of its own (the import publishes its staged rows in one
 * transaction at the end: publish.ts). A row repeating a referral the service holds, or one
 * this import staged already, is a duplicate and is not staged.
 */
export function stageChunk(tx: Tx, context: ImportContext, chunk: CopyChunk) {
  const parties =
    chunk.parties.rows === 0
      ? sql``
      : sql`, parties as (
          insert into import_staged_parties (job_id, ${list(chunk.partyColumns)})
          select ${context.jobId}, ${list(chunk.partyColumns)} from import_chunk_parties
          where referral_id in (select id from staged))`;
  return copyThenMove(tx, context, chunk, {
    prepare: () => createChunkTables(tx),
    async move() {
      const { rows } = await sql<{ n: number }>`
        with staged as (
          insert into import_staged_referrals (job_id, ${list(chunk.referralColumns)})
          select ${context.jobId}, ${list(chunk.referralColumns)} from import_chunk_referrals
          on conflict (job_id, duplicate_key) do nothing
          returning id
        )${parties}
        select count(*)::int as n from staged`.execute(tx);
      return rows[0]?.n ?? 0;
    },
  });
}

/**
 * Copies a chunk into the chunk tables (after `prepare`), takes out the rows that repeat a
 * referral of the service, and has `move` write the `fresh` rest, returning how many it wrote.
 */
async function copyThenMove(
  tx: Tx,
  context: ImportContext,
  chunk: CopyChunk,
  steps: { prepare(): Promise<unknown>; move(fresh: number): Promise<number> },
): Promise<ChunkCounts> {
  let written = 0;
  if (chunk.referrals.rows > 0) {
    await steps.prepare();
    await copyInto(tx, chunk.referrals);
    await copyInto(tx, chunk.parties);
    const repeats = await dropRepeats(tx, context.serviceId);
    written = await steps.move(chunk.referrals.rows - repeats);
  }
  await writeRejects(tx, context, chunk.rejects);
  return { staged: written, rejected: chunk.rejects.length, duplicates: chunk.valid - written };
}

/**
 * Takes out of the chunk the rows whose key the service's referrals already hold, and their
 * parties; returns how many. The keys are looked up through the (org_id, duplicate_key) index
 * however large the service's referrals grow.
 */
async function dropRepeats(tx: Tx, serviceId: string): Promise<number> {
  const { rows } = await sql<{ n: number }>`
    with repeats as (
      delete from import_chunk_referrals c
      where c.duplicate_key in (
        select r.duplicate_key from referrals r
        where r.org_id = ${serviceId}
          and r.duplicate_key = any(array(select duplicate_key from import_chunk_referrals)))
      returning c.id
    ), parties as (
      delete from import_chunk_parties p where p.referral_id in (select id from repeats)
    )
    select count(*)::int as n from repeats`.execute(tx);
  return rows[0]?.n ?? 0;
}
