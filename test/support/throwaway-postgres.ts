// A PostgreSQL server of a test's own, on a free port, that the test may stop and start (the
// shared development server is never stopped). Uses scripts/postgres-server.sh.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { repoDir } from '../../src/platform/paths.js';

const run = promisify(execFile);
const script = path.join(repoDir, 'scripts/postgres-server.sh');

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

export interface ThrowawayPostgres {
  url: string;
  stop(): Promise<void>;
  start(): Promise<void>;
  /** Stops the server and removes its folder. */
  destroy(): Promise<void>;
}

export async function startThrowawayPostgres(): Promise<ThrowawayPostgres> {
  const dir = mkdtempSync(path.join(tmpdir(), 'waymark-outage-pg-'));
  const port = await freePort();
  const start = async () => {
    await run(script, ['start', dir, String(port)], { timeout: 120_000 });
  };
  const stop = async () => {
    await run(script, ['stop', dir], { timeout: 120_000 });
  };
  await start();
  return {
    url: `postgres://waymark_test@127.0.0.1:${port}/postgres`,
    start,
    stop,
    async destroy() {
      await stop().catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Whether this machine can run a PostgreSQL server of its own (Debian's postgresql package). */
export async function canRunPostgres(): Promise<boolean> {
  try {
    await run('sh', ['-c', 'ls /usr/lib/postgresql/*/bin/initdb']);
    return true;
  } catch {
    return false;
  }
}
