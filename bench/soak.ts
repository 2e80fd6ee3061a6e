// soak: a day's work compressed. BENCH_SOAK_USERS (100) simulated staff, each with a session of
// their own, work for BENCH_SOAK_SECONDS (600) on a service of BENCH_CASES (100,000) cases:
// searching (40%), opening cases (40%), adding notes (15%) and downloading the service report
// (5%), in a process of their own (bench/soak-users.ts). Reports how many of each were done and
// their p50, p95 and p99, every answer's status (a 5xx is a server error: there must be none),
// and the server process's memory after the first tenth of the run and at the end (growth must
// stay under 10%). On the PostgreSQL server at BENCH_DATABASE_URL if set, otherwise embedded.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { loadavg } from 'node:os';
import { buildApp } from '../src/app.js';
import { connectDatabase } from '../src/db/connect.js';
import { migrate } from '../src/db/migrate.js';
import type { UserActor } from '../src/domain/roles.js';
import { CASES, loadService, PASSWORD, SURNAMES } from './case-data.js';
import { signIn } from './case-pages.js';
import {
  BENCH_SERVICE,
  benchServices,
  number,
  scratchDatabase,
  seconds,
  type Benchmark,
} from './support.js';

const USERS = Number(process.env.BENCH_SOAK_USERS ?? 100);
const SECONDS = Number(process.env.BENCH_SOAK_SECONDS ?? 600);
const SAMPLE_EVERY_MS = 5_000;

interface Summary {
  count: number;
  p50: number;
  p95: number;
  p99: number;
}
interface SoakResult {
  kinds: Record<string, Summary>;
  statuses: Record<string, number>;
  failures: string[];
}

function runUsers(job: object): Promise<SoakResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'bench/soak-users.ts', JSON.stringify(job)],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let text = '';
    child.stdout.on('data', (chunk: Buffer) => (text += chunk.toString()));
    child.on('exit', (code) =>
      code === 0 ? resolve(JSON.parse(text) as SoakResult) : reject(new Error('soak users failed')),
    );
  });
}

/** The server's memory every few seconds while the users work. */
function sampleMemory() {
  const samples: { at: number; rss: number; heap: number }[] = [];
  const take = () => {
    const { rss, heapUsed } = process.memoryUsage();
    samples.push({ at: Date.now(), rss, heap: heapUsed });
  };
  take();
  const timer = setInterval(take, SAMPLE_EVERY_MS);
  return {
    stop() {
      clearInterval(timer);
      take();
      return samples;
    },
  };
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const growth = (from: number, to: number) => `${(((to - from) / from) * 100).toFixed(1)}%`;
const millis = (ms: number) => (ms < 1000 ? `${ms.toFixed(0)} ms` : seconds(ms));

export const soak: Benchmark = {
  name: 'soak',
  summary: `${USERS} staff searching, viewing, editing and exporting for ${SECONDS} s`,
  async run(log) {
    const target = await scratchDatabase();
    const database = await connectDatabase(target.options);
    try {
      await migrate(database);
      const services = benchServices(database.db);
      log(`loading ${number(CASES)} cases into the ${target.description}…`);
      const { staff, caseIds } = await loadService(database, services, log);
      const app = await buildApp({
        services,
        db: database.db,
        cookieSecret: randomBytes(24).toString('hex'),
        baseUrl: 'http://localhost',
        logLevel: 'silent',
        cacheTemplates: true,
      });
      try {
        await app.listen({ port: 0, host: '127.0.0.1' });
        const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
        const cookies: string[] = [];
        // Each at a desk of their own, with an account of their own (each sign-in sets up the
        // account's authenticator app; one account signing in a hundred times would wait for a
        // fresh code each time): sign-in is rate limited per address.
        const [admin] = await database.withOwner((owner) =>
          owner.query<{ id: string }>(
            `select id from users where email = 'admin@bench.example.org'`,
          ),
        );
        const addedBy: UserActor = {
          kind: 'user',
          userId: admin!.id,
          orgId: staff.orgId,
          role: 'org_admin',
          name: 'Ada Administrator',
        };
        for (let i = 0; i < USERS; i++) {
          const email = `desk.${i}@bench.example.org`;
          await services.users.add(addedBy, {
            org: BENCH_SERVICE.slug,
            email,
            name: `Desk ${i}`,
            role: 'practitioner',
            password: PASSWORD,
          });
          cookies.push(await signIn(app, email, `10.0.${i >> 8}.${i % 256}`));
        }
        const managerCookie = await signIn(app, staff.manager.email);
        const outcomes = await app.inject({ url: '/outcomes', headers: { cookie: managerCookie } });
        const exportPath = /href="(\/outcomes\/report\.csv[^"]*)"/
          .exec(outcomes.body)?.[1]
          ?.replace(/&amp;/g, '&');
        if (!exportPath) throw new Error('The outcomes page links to no CSV report');
        log(`${USERS} users at work for ${SECONDS} s (load average ${loadavg()[0]!.toFixed(1)})…`);
        const memory = sampleMemory();
        const result = await runUsers({
          base,
          seconds: SECONDS,
          users: USERS,
          cookies,
          managerCookie,
          caseIds,
          terms: SURNAMES.slice(0, 20),
          exportPath,
        });
        const samples = memory.stop();
        const settled = samples.find((s) => s.at - samples[0]!.at >= (SECONDS * 1000) / 10)!;
        const last = samples.at(-1)!;
        const serverErrors = Object.entries(result.statuses)
          .filter(([status]) => status.startsWith('5') || status === 'error')
          .reduce((sum, [, n]) => sum + n, 0);
        return {
          title: `Soak: ${USERS} users for ${SECONDS} s on ${number(CASES)} cases, ${target.description} (load average ${loadavg()[0]!.toFixed(1)} at the end)`,
          table: [
            ['what', 'done', 'p50', 'p95', 'p99'],
            ...Object.entries(result.kinds).map(([kind, s]) => [
              kind,
              number(s.count),
              millis(s.p50),
              millis(s.p95),
              millis(s.p99),
            ]),
            ['server errors (5xx; must be 0)', number(serverErrors), '', '', ''],
            [
              'memory (RSS) after a tenth → end',
              `${mb(settled.rss)} → ${mb(last.rss)}`,
              growth(settled.rss, last.rss),
              '',
              '',
            ],
            [
              'heap after a tenth → end',
              `${mb(settled.heap)} → ${mb(last.heap)}`,
              growth(settled.heap, last.heap),
              '',
              '',
            ],
          ],
          notes: [
            `Answers: ${Object.entries(result.statuses)
              .map(([status, n]) => `${status} × ${number(n)}`)
              .join(', ')}.`,
            ...(result.failures.length
              ? [`Unexpected answers: ${result.failures.join('; ')}`]
              : []),
          ],
        };
      } finally {
        await app.close();
      }
    } finally {
      await database.close();
      await target.dispose();
    }
  },
};
