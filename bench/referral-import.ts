// The referral import on 100,000 rows (BENCH_ROWS to change), through the service
// `waymark import referrals` uses, into a fresh database: rows per second, elapsed time and
// memory. The baseline, measured in the same run on the same database, is a raw COPY of the
// same rows (the same columns, all as text, no checks, no indexes) into a plain table.
//
// The embedded database (a temporary data folder) by default; BENCH_DATABASE_URL=postgres://…
// (a role that may create databases) runs both on a PostgreSQL server instead.
import { createReadStream, readFileSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import type { Kysely } from 'kysely';
import { connectDatabase, type Database } from '../src/db/connect.js';
import type { DB } from '../src/db/schema.js';
import { migrate } from '../src/db/migrate.js';
import type { SystemActor } from '../src/domain/roles.js';
import { measureImportFloor } from './import-floor.js';
import { CSV_COLUMNS, writeReferralCsv } from './referral-csv.js';
import {
  addOrganisation,
  BENCH_SERVICE,
  benchServices,
  number,
  scratchDatabase,
  seconds,
  type Benchmark,
  type ScratchDatabase,
} from './support.js';

const ROWS = Number(process.env.BENCH_ROWS ?? 100_000);
const SOURCES = [
  ['bench-police', 'police'],
  ['bench-probation', 'probation'],
  ['bench-yot', 'youth_offending'],
] as const;

const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const perSecond = (ms: number) => number(ROWS / (ms / 1000));

/** The resident set size and JavaScript heap before `work`, and their highest while it runs. */
async function peakMemory<T>(work: () => Promise<T>) {
  const before = process.memoryUsage();
  let rss = 0;
  let heap = 0;
  const sample = () => {
    const usage = process.memoryUsage();
    rss = Math.max(rss, usage.rss);
    heap = Math.max(heap, usage.heapUsed);
  };
  sample();
  const timer = setInterval(sample, 50);
  try {
    const result = await work();
    sample();
    return { result, rss, heap, before };
  } finally {
    clearInterval(timer);
  }
}

/**
 * Records how long each transaction on `db` takes: the import's last one is the publish, which
 * is worth seeing apart (on the embedded database, other requests wait for it).
 */
function timeTransactions(db: Kysely<DB>): [number, number][] {
  const spans: [number, number][] = [];
  const transaction = db.transaction.bind(db);
  db.transaction = () => {
    const builder = transaction();
    const execute = builder.execute.bind(builder);
    builder.execute = async (work) => {
      const started = Date.now();
      try {
        return await execute(work);
      } finally {
        spans.push([started, Date.now()]);
      }
    };
    return builder;
  };
  return spans;
}

/** COPY of the CSV into bench_copy, on its own connection; returns the milliseconds it took. */
async function copyInto(scratch: ScratchDatabase, csv: string): Promise<number> {
  const { location } = scratch;
  if (location.kind === 'embedded') {
    // PGlite reads COPY input from a Blob given as /dev/blob; the file is read before timing.
    const db = new PGlite(location.dataDir);
    try {
      await db.query(COUNT); // warm: the first query of a new instance loads the catalogue
      const blob = new Blob([readFileSync(csv)]);
      const started = performance.now();
      await db.query(`copy bench_copy from '/dev/blob' with (format csv, header true)`, [], {
        blob,
      });
      const elapsed = performance.now() - started;
      await expectRows(async () => (await db.query<{ n: number }>(COUNT)).rows[0]!.n);
      return elapsed;
    } finally {
      await db.close();
    }
  }
  const client = new pg.Client({ connectionString: location.url });
  await client.connect();
  try {
    await client.query(COUNT);
    const started = performance.now();
    await copyFrom(client, `copy bench_copy from stdin with (format csv, header true)`, csv);
    const elapsed = performance.now() - started;
    await expectRows(async () => Number((await client.query(COUNT)).rows[0].n));
    return elapsed;
  } finally {
    await client.end();
  }
}

const COUNT = 'select count(*) as n from bench_copy';

async function expectRows(count: () => Promise<number>) {
  const n = Number(await count());
  if (n !== ROWS) throw new Error(`COPY loaded ${n} rows, not ${ROWS}`);
}

interface CopyConnection {
  query(text: string): void;
  sendCopyFromChunk(chunk: Buffer): void;
  endCopyFrom(): void;
  sendCopyFail(message: string): void;
}

/** COPY … FROM STDIN with the pg driver alone: the file is streamed to the server. */
function copyFrom(client: pg.Client, text: string, file: string): Promise<void> {
  return new Promise((resolve, reject) => {
    let failure: Error | undefined;
    const submittable = {
      submit: (connection: CopyConnection) => connection.query(text),
      handleCopyInResponse: (connection: CopyConnection) => {
        const stream = createReadStream(file);
        stream.on('data', (chunk) => connection.sendCopyFromChunk(chunk as Buffer));
        stream.on('end', () => connection.endCopyFrom());
        stream.on('error', (error) => connection.sendCopyFail(error.message));
      },
      handleError: (error: Error) => {
        failure = error;
      },
      handleReadyForQuery: () => (failure ? reject(failure) : resolve()),
      handleCommandComplete: () => undefined,
      handleRowDescription: () => undefined,
      handleDataRow: () => undefined,
      handleEmptyQuery: () => undefined,
      handlePortalSuspended: () => undefined,
    };
    void client.query(submittable as unknown as pg.QueryConfig);
  });
}

/**
 * How long the embedded import published, from the moment its job records
 * (src/features/imports/batches.ts) to the end of its last transaction, and its transactions
 * in that time.
 */
async function publishingOf(database: Database, jobId: string, spans: [number, number][]) {
  const [job] = await database.withOwner((owner) =>
    owner.query<{ since: Date | null }>(
      'select publishing_since as since from import_jobs where id = $1',
      [jobId],
    ),
  );
  const since = job?.since ? new Date(job.since).getTime() : Infinity;
  const publish = spans.filter(([start]) => start >= since).map(([start, end]) => end - start);
  const ms = Math.max(0, ...spans.map(([, end]) => end)) - since;
  return { ms: Math.max(0, ms), transactions: publish.length, longestMs: Math.max(0, ...publish) };
}

export const referralImport: Benchmark = {
  name: 'referral-import',
  summary: `import ${number(ROWS)} referrals from a CSV file, against a raw COPY of the same rows`,
  async run(log) {
    const target = await scratchDatabase();
    try {
      const database = await connectDatabase(target.options);
      await migrate(database);
      const transactions = timeTransactions(database.db);
      const services = benchServices(database.db, database.kind, database.waiting);
      const service = await addOrganisation(services, BENCH_SERVICE);
      for (const [slug, kind] of SOURCES)
        await addOrganisation(services, { name: slug, kind, slug });

      const csv = path.join(target.dir, 'referrals.csv');
      const bytes = await writeReferralCsv(csv, ROWS, [...SOURCES.map(([slug]) => slug), 'self']);
      log(`generated ${csv}: ${number(ROWS)} rows, ${megabytes(bytes)}`);

      // Each measured phase starts from a checkpoint (the floor too: import-floor.ts).
      await database.withOwner((owner) => owner.script('checkpoint'));
      log(`importing into the ${target.description}…`);
      const actor: SystemActor = { kind: 'system', orgId: service.id, name: 'benchmark' };
      const importStarted = performance.now();
      const {
        result: summary,
        rss,
        heap,
        before,
      } = await peakMemory(async () => {
        const started = await services.imports.start(actor, {
          name: 'referrals.csv',
          size: bytes,
          open: () => createReadStream(csv),
        });
        return started.run();
      });
      const importMs = performance.now() - importStarted;
      const publishing = await publishingOf(database, summary.jobId, transactions);
      if (summary.imported !== ROWS)
        throw new Error(
          `imported ${summary.imported} of ${ROWS} rows (${JSON.stringify(summary)})`,
        );

      log('the floor: the same checked rows written again with INSERT … SELECT…');
      const floor = await measureImportFloor(database, actor, ROWS);
      await database.withOwner((owner) =>
        owner.script(`create table bench_copy (${CSV_COLUMNS.map((c) => `${c} text`).join(', ')})`),
      );
      await database.close();
      log('COPY of the same rows into a plain table…');
      const copyMs = await copyInto(target, csv);

      const floorMs = copyMs + floor.referralsMs + floor.partiesMs;
      const times = (ms: number) => `${(ms / copyMs).toFixed(1)}×`;
      return {
        title: `${number(ROWS)} referrals (${megabytes(bytes)} of CSV), ${target.description}, Node ${process.version}`,
        table: [
          ['', 'elapsed', 'rows per second', '÷ raw COPY', '÷ floor'],
          ['raw COPY into a text table (baseline)', seconds(copyMs), perSecond(copyMs), '1.0×', ''],
          [
            'floor: raw COPY + INSERT … SELECT of checked rows',
            seconds(floorMs),
            perSecond(floorMs),
            times(floorMs),
            '1.00×',
          ],
          ['  of which inserting referrals', seconds(floor.referralsMs), '', '', ''],
          ['  of which inserting parties', seconds(floor.partiesMs), '', '', ''],
          [
            'import (waymark import referrals)',
            seconds(importMs),
            perSecond(importMs),
            times(importMs),
            `${(importMs / floorMs).toFixed(2)}×`,
          ],
          ...(database.kind === 'embedded'
            ? [
                ['  of which checking and staging', seconds(importMs - publishing.ms), '', '', ''],
                [
                  `  of which publishing (${publishing.transactions} transactions, the longest ${seconds(publishing.longestMs)})`,
                  seconds(publishing.ms),
                  '',
                  '',
                  '',
                ],
              ]
            : []),
          [
            'RSS (whole process): before, peak',
            `${megabytes(before.rss)}, ${megabytes(rss)}`,
            '',
            '',
            '',
          ],
          [
            'JavaScript heap: before, peak',
            `${megabytes(before.heapUsed)}, ${megabytes(heap)}`,
            '',
            '',
            '',
          ],
        ],
        notes: [
          'The import checks every row and finds duplicates. On a PostgreSQL server it copies each ' +
            'checked chunk in (COPY into a temporary table, then INSERT … SELECT) inside one ' +
            'transaction, while the next chunk is checked; on the embedded database, where every ' +
            'request shares one connection, it stages each chunk in a short transaction of its ' +
            'own, then publishes them in batches, hidden until the last (5,000 referrals a batch ' +
            'while no request waits for the connection, as here; 500 while requests do). ' +
            'Referrals and parties are indexed, with ' +
            'foreign keys, triggers and row-level security. The floor is what no import can ' +
            'avoid: reading the file (the raw COPY) and writing the rows the import wrote back ' +
            'into the emptied tables, one INSERT … SELECT each, as the service, in one ' +
            'transaction. RSS includes the database engine when it is embedded. The file is ' +
            'streamed: memory does not grow with its length ' +
            '(compare BENCH_ROWS=10000).',
        ],
      };
    } finally {
      await target.dispose();
    }
  },
};
