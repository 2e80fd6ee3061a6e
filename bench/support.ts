// What every benchmark shares: a scratch database to measure in (the embedded database in a
// temporary folder, or a new database on the PostgreSQL server named by BENCH_DATABASE_URL),
// the services on it, and how figures are written.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import type { Kysely } from 'kysely';
import type { DatabaseOptions } from '../src/db/connect.js';
import type { Role, SystemActor, UserActor } from '../src/domain/roles.js';
import type { DB } from '../src/db/schema.js';
import { systemClock } from '../src/platform/clock.js';
import { memoryTransport, notifier } from '../src/platform/notifications.js';
import { buildApp } from '../src/app.js';
import { createServices, type Services } from '../src/services.js';

export interface BenchmarkResult {
  /** One line saying what was measured, and on what. */
  title: string;
  /** The table: a header row, then one row per measure. */
  table: string[][];
  notes?: string[];
}

export interface Benchmark {
  name: string;
  summary: string;
  run(log: (line: string) => void): Promise<BenchmarkResult>;
  /** Left out of `npm run bench` without names: it takes hours, so it runs only when asked. */
  onlyWhenNamed?: boolean;
}

/** A benchmark that cannot run as asked (the wrong database, say): said plainly, no trace. */
export class Refusal extends Error {}

/** The PostgreSQL server to measure on (a role that may create databases), if any. */
export const SERVER_URL = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? null;
/** Which databases to measure on (both by default): BENCH_DATABASES=pglite or =postgres. */
export const DATABASES = (process.env.BENCH_DATABASES ?? 'pglite,postgres').split(',');

export const number = (n: number) => Math.round(n).toLocaleString('en-GB');
/** Milliseconds as a table shows them: 2 decimals under 10, 1 under 1,000, then whole. */
export const millis = (ms: number) =>
  ms < 10 ? ms.toFixed(2) : ms < 1000 ? ms.toFixed(1) : number(ms);
/** "3" or "3–5": the range of a few figures. */
export const span = (values: number[]) => {
  const low = Math.min(...values);
  const high = Math.max(...values);
  return low === high ? String(low) : `${low}–${high}`;
};
export const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

export interface ScratchDatabase {
  options: DatabaseOptions;
  description: string;
  /** A folder for files the benchmark writes; removed by dispose. */
  dir: string;
  /** The embedded database's data folder, or the server database's URL. */
  location: { kind: 'embedded'; dataDir: string } | { kind: 'server'; url: string };
  dispose(): Promise<void>;
}

/**
 * A database that exists only for this run: dispose removes it and its folder. On the server
 * at `serverUrl` if one is given, otherwise embedded.
 */
export async function scratchDatabase(
  serverUrl: string | null = process.env.BENCH_DATABASE_URL ?? null,
): Promise<ScratchDatabase> {
  const dir = mkdtempSync(path.join(tmpdir(), 'waymark-bench-'));
  const removeDir = () => rmSync(dir, { recursive: true, force: true });
  if (!serverUrl) {
    const dataDir = path.join(dir, 'data');
    return {
      options: { kind: 'embedded', dataDir },
      description: 'embedded database (PGlite, temporary data folder)',
      dir,
      location: { kind: 'embedded', dataDir },
      async dispose() {
        removeDir();
      },
    };
  }
  const name = `waymark_bench_${randomBytes(6).toString('hex')}`;
  const admin = async (statement: string) => {
    const client = new pg.Client({ connectionString: serverUrl });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  await admin(`create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    options: { kind: 'server', url: url.toString() },
    description: `PostgreSQL server ${url.host}`,
    dir,
    location: { kind: 'server', url: url.toString() },
    async dispose() {
      await admin(`drop database if exists ${name} with (force)`);
      removeDir();
    },
  };
}

/**
 * The services the web, API and CLI use, with e-mail kept in memory, as they run on a database
 * of `kind` (the embedded database unless said), whose waiting requests `waiting` counts.
 */
export function benchServices(
  db: Kysely<DB>,
  kind: 'embedded' | 'server' = 'embedded',
  waiting?: () => number,
) {
  return createServices({
    db,
    clock: systemClock,
    secret: randomBytes(24).toString('hex'),
    notifier: notifier(db, memoryTransport()),
    baseUrl: 'http://localhost',
    sharedConnection: kind === 'embedded',
    waitingForConnection: waiting,
  });
}

/** Who sets a benchmark's service up: the operator, as `waymark` commands are. */
export const BENCH_OPERATOR: SystemActor = { kind: 'system', orgId: null, name: 'benchmark' };

/** An organisation in the benchmarks' police force area, the RJ service's slug bench-rj. */
export function addOrganisation(
  services: Services,
  organisation: { name: string; kind: string; slug: string },
) {
  return services.organisations.add(BENCH_OPERATOR, { ...organisation, area: 'avon-and-somerset' });
}

export const BENCH_SERVICE = { name: 'Benchmark RJ service', kind: 'rj_service', slug: 'bench-rj' };

/**
 * Someone in an organisation with no administrator yet: the operator gives it its first
 * administrator, who adds them (ADR 0014: from outside, only the first administrator).
 */
export async function addThroughAdministrator(
  services: Services,
  org: { id: string; slug: string },
  person: { email: string; name: string; role: Role; password: string },
): Promise<void> {
  const administrator = await services.users.add(BENCH_OPERATOR, {
    org: org.slug,
    email: `admin.${org.slug}@bench.example.org`,
    name: 'Ada Administrator',
    role: 'org_admin',
    password: person.password,
  });
  const addedBy: UserActor = {
    kind: 'user',
    userId: administrator.id,
    orgId: org.id,
    role: 'org_admin',
    name: 'Ada Administrator',
  };
  await services.users.add(addedBy, { org: org.slug, ...person });
}

/**
 * Waymark's app on `services`, as a server would build it (templates cached, logs off),
 * listening on a free loopback port; the caller closes it.
 */
export async function listeningApp(services: Services, db: Kysely<DB>) {
  const app = await buildApp({
    services,
    db,
    cookieSecret: randomBytes(24).toString('hex'),
    baseUrl: 'http://localhost',
    logLevel: 'silent',
    cacheTemplates: true,
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  return { app, base: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}` };
}
