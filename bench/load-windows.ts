// Measuring pages while heavy work runs (bench/busy.ts): the load generator kept running in its
// own process for as long as the work takes, the requests under way in a window of it, and the
// transactions a piece of work began, to find an import's phases.
import { AsyncLocalStorage } from 'node:async_hooks';
import { spawn } from 'node:child_process';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Kysely } from 'kysely';
import type { Database } from '../src/db/connect.js';
import type { DB } from '../src/db/schema.js';
import type { Samples } from './load-generator.js';

export interface Window {
  requests: number;
  perSecond: number;
  p50: number;
  p99: number;
  max: number;
  failed: number;
}

/**
 * The requests under way at any time between `from` and `to` (ms since the epoch), or with
 * `whole`, only those that began and ended between them.
 */
export function windowOf(
  samples: Samples['samples'],
  from: number,
  to: number,
  whole = false,
): Window {
  const within = samples.filter(([start, ms]) =>
    whole ? start >= from && start + ms <= to : start <= to && start + ms >= from,
  );
  const times = within.map(([, ms]) => ms).sort((a, b) => a - b);
  const at = (part: number) =>
    times[Math.min(times.length - 1, Math.floor(times.length * part))] ?? 0;
  return {
    requests: within.length,
    perSecond: within.length / Math.max(0.001, (to - from) / 1000),
    p50: at(0.5),
    p99: at(0.99),
    max: times.at(-1) ?? 0,
    failed: within.filter(([, , status]) => status !== 200).length,
  };
}

/**
 * Keeps the pages under load at `connections` connections while `work` runs; every request
 * that started in that time, each with its start and time.
 */
export async function underLoad<T>(
  load: { base: string; paths: string[]; cookie: string; connections: number },
  work: () => Promise<T>,
) {
  const { base, paths, cookie, connections } = load;
  const job = { url: base, cookie, paths, connections, seconds: 0, until: 'stopped' };
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'bench/load-generator.ts', JSON.stringify(job)],
    { stdio: ['pipe', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  await new Promise<void>((resolve, reject) => {
    child.stderr.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('load generator started')) resolve();
      else process.stderr.write(chunk);
    });
    void exited.then(() => reject(new Error('the load generator stopped before it started')));
  });
  // A moment for every connection to be open and busy before the work begins.
  await sleep(1000);
  // How long the app's event loop (this process's) was kept from answering at a time.
  const eventLoop = monitorEventLoopDelay({ resolution: 10 });
  eventLoop.enable();
  const from = Date.now();
  let result: T;
  try {
    result = await work();
  } finally {
    child.stdin.end();
    eventLoop.disable();
  }
  const to = Date.now();
  if ((await exited) !== 0) throw new Error('the load generator failed');
  const { samples } = JSON.parse(output) as Samples;
  return { result, samples, from, to, blockedMs: eventLoop.max / 1e6 };
}

/** Which transactions a piece of work began (by async context), with when each ran. */
export function timeTransactionsOf(db: Kysely<DB>) {
  const tracked = new AsyncLocalStorage<{ spans: [number, number][] }>();
  const transaction = db.transaction.bind(db);
  db.transaction = () => {
    const builder = transaction();
    const execute = builder.execute.bind(builder);
    builder.execute = async (work) => {
      const spans = tracked.getStore()?.spans;
      // From when the transaction has begun (its connection in hand) to when it has ended.
      let started = 0;
      try {
        return await execute((tx) => {
          started = Date.now();
          return work(tx);
        });
      } finally {
        if (started) spans?.push([started, Date.now()]);
      }
    };
    return builder;
  };
  return async <T>(work: () => Promise<T>) => {
    const spans: [number, number][] = [];
    const result = await tracked.run({ spans }, work);
    return { result, spans };
  };
}

export type Span = [number, number];

/** On a PostgreSQL server the import's one transaction is its longest, beside short progress ones. */
export function oneTransactionPhases(spans: Span[]) {
  const publish = spans.reduce((a, b) => (b[1] - b[0] > a[1] - a[0] ? b : a));
  return { publish, staging: spans.filter((span) => span !== publish), publishing: [publish] };
}

/**
 * On the embedded database the import stages in short transactions, then publishes in batches
 * from the moment its job records (src/features/imports/batches.ts) to its last transaction.
 */
export function batchPhases(spans: Span[], since: number) {
  const staging = spans.filter(([, end]) => end <= since);
  const publishing = spans.filter(([start]) => start >= since);
  const publish: Span = [since, Math.max(since, ...publishing.map(([, end]) => end))];
  return { publish, staging, publishing };
}

export async function publishingSince(database: Database, jobId: string): Promise<number> {
  const [job] = await database.withOwner((owner) =>
    owner.query<{ since: Date | null }>(
      'select publishing_since as since from import_jobs where id = $1',
      [jobId],
    ),
  );
  if (!job?.since) throw new Error('the import recorded no start of publishing');
  return new Date(job.since).getTime();
}
