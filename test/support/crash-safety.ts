// The crash-safety harness: a Waymark server on an embedded database (or on a PostgreSQL server),
// writers sending referrals through the HTTP API, and the Waymark process killed with SIGKILL at
// a random moment, again and again. After the last kill the database is opened and checked: every
// referral acknowledged with a 201 is there, every referral there is whole (its two parties and
// its audit event, never part of them) and every audit chain verifies. Used by
// test/int/crash-safety.int.test.ts (a few kills) and `npm run bench -- crash-safety` (200).
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { connectDatabase, type Database } from '../../src/db/connect.js';
import { migrate } from '../../src/db/migrate.js';
import { verifyAuditChains } from '../../src/features/audit-integrity/index.js';
import { memoryTransport, notifier } from '../../src/platform/notifications.js';
import { repoDir } from '../../src/platform/paths.js';
import { systemClock } from '../../src/platform/clock.js';
import { createServices } from '../../src/services.js';
import { freePort } from './throwaway-postgres.js';

const OPERATOR = { kind: 'system', orgId: null, name: 'crash harness' } as const;

export interface CrashOptions {
  kills: number;
  /** Concurrent writers (HTTP clients) while the server runs. */
  writers?: number;
  /** Longest run before a kill, after the server is ready; each run is random up to it. */
  maxRunMs?: number;
  /** A migrated embedded data folder (tarball) to start from instead of initdb. */
  template?: string;
  /**
   * An empty or migrated database on a PostgreSQL server to use instead of an embedded data
   * folder (the caller creates and drops it).
   */
  databaseUrl?: string;
  log?: (line: string) => void;
}

export interface CrashReport {
  kills: number;
  /** Requests answered 201. */
  acknowledged: number;
  /** Requests that got no answer (cut off by the kill) or a refusal. */
  unanswered: number;
  /** Referrals stored: acknowledged, plus any committed just before the kill went unanswered. */
  stored: number;
  /** Acknowledged referrals missing after restart: must be 0. */
  lost: number;
  /** Stored referrals without both parties or without their audit event: must be 0. */
  partial: number;
  auditEvents: number;
  auditVerifies: boolean;
  /** How many answers of each HTTP status the writers got. */
  statuses: Record<number, number>;
  elapsedMs: number;
}

/** Where the server keeps its data: a folder of its own, or a database on a server. */
type Target = { kind: 'embedded'; dataDir: string } | { kind: 'server'; url: string };

function open(target: Target, template?: string): Promise<Database> {
  if (target.kind === 'server') return connectDatabase({ kind: 'server', url: target.url });
  return connectDatabase({
    kind: 'embedded',
    dataDir: target.dataDir,
    ...(template ? { loadDataDir: { file: template } } : {}),
  });
}

/** A migrated database with an RJ service and a police API token. */
async function prepare(target: Target, template?: string) {
  const database = await open(target, template);
  try {
    await migrate(database);
    const services = createServices({
      db: database.db,
      clock: systemClock,
      secret: 'crash-harness-secret-0123456789abcdef',
      notifier: notifier(database.db, memoryTransport()),
      baseUrl: 'http://localhost',
    });
    const service = await services.organisations.add(OPERATOR, {
      name: 'Crash Harness RJ',
      kind: 'rj_service',
      area: 'avon-and-somerset',
    });
    const police = await services.organisations.add(OPERATOR, {
      name: 'Crash Harness Police',
      kind: 'police',
      area: 'avon-and-somerset',
    });
    const { id: adminId } = await services.users.add(OPERATOR, {
      org: police.slug,
      email: 'admin@police.example',
      name: 'Police Administrator',
      role: 'org_admin',
      password: 'correct horse battery staple',
    });
    const admin = {
      kind: 'user',
      userId: adminId,
      orgId: police.id,
      role: 'org_admin',
      name: 'Police Administrator',
    } as const;
    const { token } = await services.apiTokens.issue(admin, { name: 'Crash harness' });
    return { token, serviceSlug: service.slug };
  } finally {
    await database.close();
  }
}

function startServer(target: Target, dataDir: string, port: number): ChildProcess {
  return spawn(process.execPath, [path.join(repoDir, 'waymark'), 'start', '--port', String(port)], {
    env: {
      ...process.env,
      WAYMARK_DATA_DIR: dataDir,
      DATABASE_URL: target.kind === 'server' ? target.url : '',
      NODE_ENV: 'development',
      LOG_LEVEL: 'warn',
      WAYMARK_MAIL: 'file',
      // The writer sends as fast as it can: an allowance it never reaches, so that every kill
      // lands among writes, not among refusals (the limit now outlives a restart).
      WAYMARK_API_REQUESTS_PER_MINUTE: '100000',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** Resolves once the server says it is ready; rejects if it exits first (no time limit). */
function ready(child: ChildProcess): Promise<void> {
  return new Promise((resolve, reject) => {
    let seen = '';
    const onData = (chunk: Buffer) => {
      seen += chunk.toString();
      if (seen.includes('Press Ctrl+C to stop')) resolve();
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.on('exit', (code) =>
      reject(new Error(`the server exited (${code}) before it was ready:\n${seen}`)),
    );
  });
}

const exited = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });

export async function runCrashHarness(options: CrashOptions): Promise<CrashReport> {
  const log = options.log ?? (() => undefined);
  const writers = options.writers ?? 4;
  const maxRunMs = options.maxRunMs ?? 1_500;
  const dataDir = mkdtempSync(path.join(tmpdir(), 'waymark-crash-'));
  const target: Target = options.databaseUrl
    ? { kind: 'server', url: options.databaseUrl }
    : { kind: 'embedded', dataDir };
  const started = Date.now();
  try {
    const { token, serviceSlug } = await prepare(target, options.template);
    const acknowledged: string[] = [];
    let unanswered = 0;
    const statuses = new Map<number, number>();
    let sent = 0;
    const body = () => {
      sent += 1;
      return JSON.stringify({
        service: serviceSlug,
        initiated_by: 'agency',
        received_on: '2026-11-02',
        offence_group: 'theft-offences',
        cjs_stage: 'out_of_court',
        crime_reference: `CRASH/${sent}`,
        victim_surname: `Victim${sent}`,
        offender_surname: `Offender${sent}`,
      });
    };
    for (let kill = 1; kill <= options.kills; kill++) {
      const port = await freePort();
      const server = startServer(target, dataDir, port);
      await ready(server);
      let running = true;
      let firstAnswer: () => void = () => undefined;
      const answered = new Promise<void>((resolve) => (firstAnswer = resolve));
      const writing = Array.from({ length: writers }, async () => {
        while (running) {
          try {
            const response = await fetch(`http://127.0.0.1:${port}/api/v1/referrals`, {
              method: 'POST',
              headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
              body: body(),
            });
            const answer = (await response.json()) as { id?: string };
            statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
            if (response.status === 201 && answer.id) {
              acknowledged.push(answer.id);
              firstAnswer();
            } else unanswered += 1;
          } catch {
            // The connection was cut by the kill: no answer, so nothing was promised.
            unanswered += 1;
          }
        }
      });
      // Writes are under way (the first is acknowledged), then a random moment.
      await Promise.race([answered, exited(server)]);
      await new Promise((resolve) => setTimeout(resolve, Math.random() * maxRunMs));
      server.kill('SIGKILL');
      await exited(server);
      running = false;
      await Promise.all(writing);
      log(`kill ${kill}/${options.kills}: ${acknowledged.length} acknowledged so far`);
      if (server.exitCode !== null && server.signalCode === null)
        throw new Error(`the server stopped by itself (exit code ${server.exitCode})`);
    }
    return {
      ...(await check(target, acknowledged)),
      kills: options.kills,
      unanswered,
      statuses: Object.fromEntries(statuses),
      elapsedMs: Date.now() - started,
    };
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Opens the database after the last kill and checks what is stored against what was promised. */
async function check(target: Target, acknowledged: string[]) {
  const database = await open(target);
  try {
    const rows = await database.withOwner((owner) =>
      owner.query<{ id: string; parties: number; audited: number }>(
        `select r.id::text as id,
           (select count(*)::int from referral_parties p where p.referral_id = r.id) as parties,
           (select count(*)::int from audit_events e
             where e.action = 'referral.created' and e.entity_id = r.id::text) as audited
         from referrals r`,
      ),
    );
    const stored = new Set(rows.map((r) => r.id));
    const verified = await verifyAuditChains(database);
    return {
      acknowledged: acknowledged.length,
      stored: rows.length,
      lost: acknowledged.filter((id) => !stored.has(id)).length,
      partial: rows.filter((r) => r.parties !== 2 || r.audited !== 1).length,
      auditEvents: verified.events,
      auditVerifies: verified.ok,
    };
  } finally {
    await database.close();
  }
}
