// One Waymark process against two on the same PostgreSQL database (ADR 0023). Loads
// BENCH_CASES (20,000) cases set-based into a scratch database on the server that
// BENCH_DATABASE_URL or TEST_DATABASE_URL names, starts two `waymark start` processes on it
// with the same session secret, signs in through the first, and measures the case page and a
// queue at 10 and 50 connections: first against the first process alone, then with the same
// connections shared between both (the load generator, in its own process, sends each
// connection to one of the two ports, with the session from the first). ratio = two ÷ one in
// requests/s, measured one after the other, BENCH_ROUNDS (2) times.
//
// Each figure also says where the CPU went (bench/cpu.ts): the Waymark processes, the
// PostgreSQL backends serving the database, the load generator, and the machine as a whole.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { connectDatabase } from '../src/db/connect.js';
import { migrate } from '../src/db/migrate.js';
import { QUEUES } from '../src/features/cases/queues.js';
import { loadService, PASSWORD } from './case-data.js';
import { countCpu, postgresBackendsOf, type CpuSplit } from './cpu.js';
import type { Measured } from './load-generator.js';
import { signInThroughForms } from './sign-in.js';
import {
  benchServices,
  number,
  scratchDatabase,
  seconds,
  Refusal,
  type Benchmark,
  type ScratchDatabase,
  SERVER_URL,
  millis,
} from './support.js';

const CASES = Number(process.env.BENCH_CASES ?? 20_000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const MIN_REQUESTS = Number(process.env.BENCH_MIN_REQUESTS ?? 200);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const CONNECTIONS = [10, 50];
const FIRST_PORT = 3_981;

const perSecond = (load: Measured) => load.requests / load.seconds;

interface Server {
  base: string;
  child: ChildProcess;
}

/** `waymark start` as a process of its own on the database, answering on `port`. */
async function startServer(url: string, secret: string, dir: string, port: number) {
  const dataDir = path.join(dir, `process-${port}`);
  mkdirSync(dataDir, { recursive: true });
  const child = spawn('./waymark', ['start'], {
    env: {
      ...process.env,
      DATABASE_URL: url,
      WAYMARK_SESSION_SECRET: secret,
      WAYMARK_DATA_DIR: dataDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      WAYMARK_BASE_URL: `http://127.0.0.1:${port}`,
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`waymark start exited (${child.exitCode})`);
    const status = await fetch(`${base}/sign-in`).then(
      (response) => response.status,
      () => 0,
    );
    if (status === 200) return { base, child } satisfies Server;
    await sleep(200);
  }
}

async function stop(server: Server) {
  if (server.child.exitCode !== null) return;
  const exit = new Promise((resolve) => server.child.once('exit', resolve));
  server.child.kill('SIGTERM');
  await exit;
}

/** The load generator in its own process, on the servers given; its pid while it runs. */
function loadGenerator(job: Record<string, unknown>, running: Set<number>): Promise<Measured> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'bench/load-generator.ts', JSON.stringify(job)],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    running.add(child.pid!);
    let text = '';
    child.stdout.on('data', (chunk: Buffer) => (text += chunk.toString()));
    child.on('exit', (code) => {
      running.delete(child.pid!);
      if (code !== 0) return reject(new Error('the load generator failed'));
      resolve(JSON.parse(text) as Measured);
    });
  });
}

/** Every path answers 200 with `expect` on every server, with the session from the first. */
async function check(servers: Server[], paths: string[], cookie: string, expect: string) {
  for (const server of servers)
    for (const page of paths.slice(0, 3)) {
      const response = await fetch(`${server.base}${page}`, {
        headers: { cookie },
        redirect: 'manual',
      });
      const body = await response.text();
      if (response.status !== 200 || !body.includes(expect))
        throw new Error(`GET ${page} answered ${response.status} on ${server.base}`);
    }
}

interface Figure {
  page: string;
  connections: number;
  round: number;
  processes: number;
  load: Measured;
  cpu: CpuSplit;
}

const describeCpu = (figure: Figure) => {
  const perRequest = (s: number) => `${((s * 1000) / figure.load.requests).toFixed(1)}`;
  const { groups, machine, wallSeconds } = figure.cpu;
  return {
    waymark: perRequest(groups.waymark!),
    postgres: perRequest(groups.postgres!),
    generator: perRequest(groups.generator!),
    busy: `${(machine / wallSeconds).toFixed(2)} of ${figure.cpu.cpus}`,
  };
};

/** The service and its cases, loaded set-based; the benchmark's own connection closed after. */
async function loadCases(target: ScratchDatabase, log: (line: string) => void) {
  const database = await connectDatabase(target.options);
  try {
    await migrate(database);
    const services = benchServices(database.db);
    log(`loading ${number(CASES)} cases into the ${target.description}…`);
    const loaded = await loadService(database, services, log, CASES);
    log(`loaded in ${seconds(loaded.loadMs)}`);
    return loaded;
  } finally {
    await database.close();
  }
}

export const processes: Benchmark = {
  name: 'processes',
  summary: `one Waymark process against two on one PostgreSQL database, ${number(CASES)} cases, the case page and a queue`,
  async run(log) {
    if (!SERVER_URL)
      throw new Refusal(
        'processes needs a PostgreSQL server: set BENCH_DATABASE_URL or TEST_DATABASE_URL',
      );
    const loadAtStart = loadavg()[0]!.toFixed(1);
    const target = await scratchDatabase(SERVER_URL);
    if (target.location.kind !== 'server') throw new Error('expected a server database');
    const url = target.location.url;
    const servers: Server[] = [];
    try {
      const { staff, caseIds } = await loadCases(target, log);
      const secret = randomBytes(32).toString('hex');
      for (const port of [FIRST_PORT, FIRST_PORT + 1]) {
        log(`starting waymark on port ${port}…`);
        servers.push(await startServer(url, secret, target.dir, port));
      }
      // Signed in through the first process; the second is given the same session.
      const cookie = await signInThroughForms(servers[0]!.base, staff.practitioner.email, PASSWORD);
      const databaseName = new URL(url).pathname.slice(1);
      const generators = new Set<number>();
      const cpuGroups = {
        waymark: () => servers.map((server) => server.child.pid!),
        postgres: () => postgresBackendsOf(databaseName),
        generator: () => [...generators],
      };
      const pages = [
        {
          name: `case page (${Math.min(100, caseIds.length)} cases in turn)`,
          paths: caseIds.slice(0, 100).map((id) => `/cases/${id}`),
          expect: 'CS-',
        },
        { name: `queue ${QUEUES[0]}`, paths: [`/cases?queue=${QUEUES[0]}`], expect: 'CS-' },
      ];
      const figures: Figure[] = [];
      for (const page of pages) {
        await check(servers, page.paths, cookie, page.expect);
        for (const connections of CONNECTIONS) {
          const job = { url: servers[0]!.base, cookie, paths: page.paths, connections, seconds: 0 };
          // A warm-up on one process gives the rate; each figure is SECONDS' worth of it, and at
          // least five requests a connection.
          const warm = await loadGenerator({ ...job, amount: 2 * connections }, generators);
          const amount = Math.max(
            MIN_REQUESTS,
            5 * connections,
            Math.ceil(perSecond(warm) * SECONDS),
          );
          for (let round = 1; round <= ROUNDS; round++)
            for (const processes of [1, 2]) {
              log(
                `${page.name}, ${connections} connections, ${processes} process(es), round ${round}…`,
              );
              const counting = countCpu(cpuGroups);
              const load = await loadGenerator(
                { ...job, amount, ...(processes === 2 && { alsoUrls: [servers[1]!.base] }) },
                generators,
              );
              const cpu = counting.stop();
              if (load.failed > 0) throw new Error(`${load.failed} of ${load.requests} failed`);
              const figure = { page: page.name, connections, round, processes, load, cpu };
              figures.push(figure);
              const split = describeCpu(figure);
              log(
                `  ${perSecond(load).toFixed(1)}/s p50 ${millis(load.p50)} p99 ${millis(load.p99)} ` +
                  `(${load.requests}); CPU ms a request: Waymark ${split.waymark}, PostgreSQL ${split.postgres}, ` +
                  `load generator ${split.generator}; machine busy ${split.busy} CPUs`,
              );
            }
        }
      }
      return report(figures, loadAtStart);
    } finally {
      for (const server of servers) await stop(server).catch(() => undefined);
      await target.dispose();
    }
  },
};

function report(figures: Figure[], loadAtStart: string) {
  const table = [
    [
      'page',
      'conns',
      'round',
      'processes',
      'req/s',
      'p50 / p99 ms',
      'errors',
      'two ÷ one',
      'CPU ms a request: Waymark / PostgreSQL / load generator',
      'machine busy (CPUs)',
    ],
  ];
  for (const figure of figures) {
    const one = figures.find(
      (f) =>
        f.page === figure.page &&
        f.connections === figure.connections &&
        f.round === figure.round &&
        f.processes === 1,
    )!;
    const split = describeCpu(figure);
    table.push([
      figure.page,
      String(figure.connections),
      String(figure.round),
      String(figure.processes),
      perSecond(figure.load).toFixed(1),
      `${millis(figure.load.p50)} / ${millis(figure.load.p99)}`,
      String(figure.load.failed),
      figure.processes === 2 ? `${(perSecond(figure.load) / perSecond(one.load)).toFixed(2)}×` : '',
      `${split.waymark} / ${split.postgres} / ${split.generator}`,
      split.busy,
    ]);
  }
  return {
    title: `${number(CASES)} cases on a PostgreSQL server, one Waymark process and then two on the same database, Node ${process.version}`,
    table,
    notes: [
      'Both processes are `waymark start` with the same DATABASE_URL and WAYMARK_SESSION_SECRET; the ' +
        'session was made by signing in through the first. "One" sends every connection to the first; ' +
        '"two" shares the same connections between both ports. Each pair is measured one after the other, ' +
        'on the same number of requests.',
      'CPU: user + system time from /proc/<pid>/stat of the two Waymark processes, the PostgreSQL ' +
        "backends serving the benchmark's database and the load generator, per request; machine busy is " +
        'all CPU time used on the machine (everyone’s) ÷ the seconds measured.',
      `Machine: ${cpus().length} CPUs, load average ${loadAtStart} at the start and ${loadavg()[0]!.toFixed(1)} at the end.`,
    ],
  };
}
