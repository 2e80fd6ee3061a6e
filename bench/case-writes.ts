// What a change to a case costs in the database: BENCH_WRITES changes to a person's details in a
// service of BENCH_CASES cases (bench/case-data.ts's loader), each in its own transaction as the
// practitioner, under row-level security, with the statement triggers that keep the case's dates
// and Victims' Code flag (migrations 0020, 0032, 0042, 0043) and mark the aggregate store.
// Beside it, the same UPDATE of the same rows as the owner with triggers switched off
// (session_replication_role = replica): the write no design avoids. The ratio is what the rules
// kept in the database cost on top of it.
import { cpus, loadavg } from 'node:os';
import { connectDatabase, type Database } from '../src/db/connect.js';
import { withActor } from '../src/db/actor-context.js';
import { migrate } from '../src/db/migrate.js';
import { CASES, loadService, type Staff } from './case-data.js';
import {
  benchServices,
  DATABASES,
  millis,
  number,
  scratchDatabase,
  seconds,
  SERVER_URL,
  type Benchmark,
} from './support.js';

const WRITES = Number(process.env.BENCH_WRITES ?? 300);

interface Timing {
  median: number;
  p90: number;
}

function timing(times: number[]): Timing {
  const sorted = [...times].sort((a, b) => a - b);
  return {
    median: sorted[Math.floor(sorted.length / 2)]!,
    p90: sorted[Math.floor(sorted.length * 0.9)]!,
  };
}

/** The people changed: harmed people of the service's cases, in no particular order. */
async function people(database: Database, orgId: string): Promise<string[]> {
  const rows = await database.withOwner((owner) =>
    owner.query<{ id: string }>(
      `select id from case_participants where org_id = $1 and role = 'harmed'
       order by md5(id::text) limit ${WRITES}`,
      [orgId],
    ),
  );
  return rows.map((row) => row.id);
}

/** Each change as the practitioner makes it: its own transaction, policies and triggers. */
async function asPractitioner(database: Database, staff: Staff, ids: string[]) {
  const times: number[] = [];
  for (const [n, id] of ids.entries()) {
    const started = performance.now();
    await withActor(database.db, staff.practitioner, (tx) =>
      tx
        .updateTable('case_participants')
        .set({ display_name: `Person ${n}` })
        .where('id', '=', id)
        .execute(),
    );
    times.push(performance.now() - started);
  }
  return timing(times);
}

/** The same rows written by the owner with triggers off, each in its own transaction. */
async function bareWrites(database: Database, ids: string[]) {
  return database.withOwner(async (owner) => {
    // On the embedded database the owner shares the one connection: set back before returning.
    await owner.query('set session_replication_role = replica');
    try {
      const times: number[] = [];
      for (const [n, id] of ids.entries()) {
        const started = performance.now();
        await owner.query('begin');
        await owner.query('update case_participants set display_name = $1 where id = $2', [
          `Bare ${n}`,
          id,
        ]);
        await owner.query('commit');
        times.push(performance.now() - started);
      }
      return timing(times);
    } finally {
      await owner.query('reset session_replication_role');
    }
  });
}

async function measure(serverUrl: string | null, log: (line: string) => void) {
  const target = await scratchDatabase(serverUrl);
  try {
    const database = await connectDatabase(target.options);
    try {
      await migrate(database);
      const services = benchServices(database.db);
      log(`loading ${number(CASES)} cases on the ${target.description}…`);
      const { staff, loadMs } = await loadService(database, services, log);
      log(`loaded in ${seconds(loadMs)}; ${WRITES} changes to a person, twice each way…`);
      const ids = await people(database, staff.orgId);
      // The first pass warms the connections and their plans; the second is reported.
      await asPractitioner(database, staff, ids);
      const real = await asPractitioner(database, staff, ids);
      await bareWrites(database, ids);
      const bare = await bareWrites(database, ids);
      return { description: target.description, real, bare };
    } finally {
      await database.close();
    }
  } finally {
    await target.dispose();
  }
}

export const caseWrites: Benchmark = {
  name: 'case-writes',
  summary: `a change to a person's details in a service of ${number(CASES)} cases, with the rules the database keeps and without`,
  async run(log) {
    const loadAtStart = loadavg()[0]!.toFixed(1);
    const targets = [
      ...(DATABASES.includes('pglite') ? [null] : []),
      ...(SERVER_URL && DATABASES.includes('postgres') ? [SERVER_URL] : []),
    ];
    const rows: string[][] = [];
    for (const serverUrl of targets) {
      const { description, real, bare } = await measure(serverUrl, log);
      rows.push([
        description,
        `${millis(real.median)} / ${millis(real.p90)}`,
        `${millis(bare.median)} / ${millis(bare.p90)}`,
        `${(real.median / bare.median).toFixed(1)}×`,
      ]);
    }
    return {
      title: `${WRITES} changes to a person's details, ${number(CASES)} cases in the service, Node ${process.version}`,
      table: [
        [
          'database',
          'as the practitioner, median / p90 ms',
          'bare write, median / p90 ms',
          'ratio of medians',
        ],
        ...rows,
      ],
      notes: [
        "As the practitioner: a transaction with the acting user's settings, the UPDATE under row-level security, and its statement triggers (the case's updates-due date, queue dates and Victims' Code flag, and the aggregate store's mark). Bare: the same UPDATE of the same rows as the owner with session_replication_role = replica (no triggers, no policies), each in its own transaction. Each measured twice; the second pass is reported.",
        `Machine: ${cpus().length} CPUs, load average ${loadAtStart} at the start and ${loadavg()[0]!.toFixed(1)} at the end.`,
      ],
    };
  },
};
