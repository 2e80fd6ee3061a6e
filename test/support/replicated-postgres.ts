// A PostgreSQL primary and a streaming replica of it, of a test's own, on loopback and free
// ports, from Debian's PostgreSQL binaries: initdb for the primary, pg_basebackup -R for the
// replica (which writes its standby settings), pg_ctl for both. PostgreSQL refuses to run as
// root, so as root (CI) the servers run as the postgres user, as scripts/postgres-server.sh does.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { freePort } from './throwaway-postgres.js';

const run = promisify(execFile);
/** Generous: a loaded machine is slow, and readiness is waited for by polling anyway. */
const COMMAND_TIMEOUT_MS = 180_000;
const READY_WITHIN_MS = 180_000;

async function binaries(): Promise<string> {
  const { stdout } = await run('sh', [
    '-c',
    'ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1',
  ]);
  const bin = stdout.trim();
  if (!bin)
    throw new Error('PostgreSQL server binaries not found (install the postgresql package)');
  return bin;
}

const asRoot = process.getuid?.() === 0;

/** Runs a PostgreSQL binary as the account that may own a data folder. */
function asOwner(bin: string, program: string, args: string[]) {
  const file = path.join(bin, program);
  return asRoot
    ? run('runuser', ['-u', 'postgres', '--', file, ...args], { timeout: COMMAND_TIMEOUT_MS })
    : run(file, args, { timeout: COMMAND_TIMEOUT_MS });
}

/** Asks `question` until it answers true, or gives up after READY_WITHIN_MS naming `what`. */
export async function until(what: string, question: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + READY_WITHIN_MS;
  let last: unknown;
  for (;;) {
    try {
      if (await question()) return;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline)
      throw new Error(`gave up waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** One query on a connection of its own, as the superuser the servers were made with. */
export async function ask<R = Record<string, unknown>>(
  url: string,
  sql: string,
  params: unknown[] = [],
): Promise<R[]> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 30_000 });
  client.on('error', () => undefined);
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as R[];
  } finally {
    await client.end();
  }
}

export interface ReplicatedPostgres {
  primaryUrl: string;
  replicaUrl: string;
  /** Waits until the replica has replayed everything the primary has written so far. */
  caughtUp(): Promise<void>;
  /** Stops replaying the primary's log on the replica (it keeps receiving it). */
  pauseReplay(): Promise<void>;
  resumeReplay(): Promise<void>;
  /** Stops both servers and removes their folders. */
  destroy(): Promise<void>;
}

export async function startReplicatedPostgres(): Promise<ReplicatedPostgres> {
  const bin = await binaries();
  const dir = mkdtempSync(path.join(tmpdir(), 'waymark-replica-'));
  const primaryDir = path.join(dir, 'primary');
  const replicaDir = path.join(dir, 'replica');
  if (asRoot) await run('chown', ['postgres:postgres', dir]);
  const primaryPort = await freePort();
  let replicaPort = await freePort();
  while (replicaPort === primaryPort) replicaPort = await freePort();
  const url = (port: number) => `postgres://waymark_test@127.0.0.1:${port}/postgres`;
  const started: string[] = [];
  const server = async (folder: string, port: number) => {
    await asOwner(bin, 'pg_ctl', [
      '-D',
      folder,
      '-l',
      path.join(folder, 'server.log'),
      '-w',
      '-t',
      String(COMMAND_TIMEOUT_MS / 1000),
      '-o',
      `-p ${port} -k ${folder} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=50`,
      'start',
    ]);
    started.push(folder);
  };
  const stopAll = async () => {
    for (const folder of started.splice(0).reverse())
      await asOwner(bin, 'pg_ctl', ['-D', folder, '-m', 'fast', '-w', 'stop']).catch(
        () => undefined,
      );
  };
  try {
    // initdb's access rules let loopback connections replicate (trust, for the test only).
    await asOwner(bin, 'initdb', [
      '-D',
      primaryDir,
      '-U',
      'waymark_test',
      '--auth=trust',
      '--encoding=UTF8',
      '--locale=C.UTF-8',
      '--no-sync',
    ]);
    await server(primaryDir, primaryPort);
    await until(
      'the primary to accept connections',
      async () => (await ask(url(primaryPort), 'select 1 as ok')).length === 1,
    );
    await asOwner(bin, 'pg_basebackup', [
      '-h',
      '127.0.0.1',
      '-p',
      String(primaryPort),
      '-U',
      'waymark_test',
      '-D',
      replicaDir,
      '-R',
      '-X',
      'stream',
      '-c',
      'fast',
      '--no-sync',
    ]);
    await server(replicaDir, replicaPort);
    await until('the replica to accept connections as a standby', async () => {
      const [row] = await ask<{ standby: boolean }>(
        url(replicaPort),
        'select pg_is_in_recovery() as standby',
      );
      return row?.standby === true;
    });
  } catch (error) {
    await stopAll();
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  const primaryUrl = url(primaryPort);
  const replicaUrl = url(replicaPort);
  return {
    primaryUrl,
    replicaUrl,
    async caughtUp() {
      const [primary] = await ask<{ position: string }>(
        primaryUrl,
        'select pg_current_wal_insert_lsn()::text as position',
      );
      const position = primary!.position;
      await until(`the replica to replay the primary's log to ${position}`, async () => {
        const [row] = await ask<{ replayed: boolean }>(
          replicaUrl,
          'select pg_last_wal_replay_lsn() >= $1::pg_lsn as replayed',
          [position],
        );
        return row?.replayed === true;
      });
    },
    async pauseReplay() {
      await ask(replicaUrl, 'select pg_wal_replay_pause()');
      await until('replay to pause', async () => {
        const [row] = await ask<{ state: string }>(
          replicaUrl,
          'select pg_get_wal_replay_pause_state() as state',
        );
        return row?.state === 'paused';
      });
    },
    async resumeReplay() {
      await ask(replicaUrl, 'select pg_wal_replay_resume()');
    },
    async destroy() {
      await stopAll();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
