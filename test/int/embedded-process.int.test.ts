// The embedded database as a real user meets it: a server process holding the data folder, a
// second command refused with a clear message, a clean stop, and writes that survive kill -9.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { connectDatabase } from '../../src/db/connect.js';
import { LOCK_FILE } from '../../src/db/data-dir-lock.js';
import { repoDir } from '../../src/platform/paths.js';
import { testBackend } from '../support/backend.js';

const folders: string[] = [];
function tempDir() {
  const dir = mkdtempSync(path.join(tmpdir(), 'waymark-process-'));
  folders.push(dir);
  return dir;
}
afterAll(() => folders.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function waymark(args: string[], dataDir: string) {
  return spawn(process.execPath, [path.join(repoDir, 'waymark'), ...args], {
    env: {
      ...process.env,
      WAYMARK_DATA_DIR: dataDir,
      DATABASE_URL: '',
      NODE_ENV: 'development',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

function waitFor(child: ChildProcess, pattern: RegExp, timeoutMs = 240_000): Promise<string> {
  return new Promise((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(
      () => reject(new Error(`timed out waiting for ${pattern}; saw:\n${seen}`)),
      timeoutMs,
    );
    const onData = (chunk: Buffer) => {
      seen += chunk.toString();
      if (pattern.test(seen)) {
        clearTimeout(timer);
        resolve(seen);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.on('exit', () => {
      clearTimeout(timer);
      if (!pattern.test(seen)) reject(new Error(`exited before ${pattern}; saw:\n${seen}`));
    });
  });
}

function exitOf(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) resolve(child.exitCode);
    else child.on('exit', (code) => resolve(code));
  });
}

describe.skipIf(testBackend().kind !== 'pglite')('the embedded database in a data folder', () => {
  it('serves, refuses a second process plainly, and stops cleanly on SIGTERM', async () => {
    const dataDir = tempDir();
    const port = await freePort();
    const server = waymark(['start', '--port', String(port)], dataDir);
    const banner = await waitFor(server, /Press Ctrl\+C to stop/);
    expect(banner).toContain(`is running at http://localhost:${port}`);
    expect(banner).toMatch(
      /open this link[^\n]*\n\s+http:\/\/localhost:\d+\/setup\/[A-Za-z0-9_-]+/,
    );

    const health = await fetch(`http://localhost:${port}/health`);
    expect(health.status).toBe(200);
    const signIn = await fetch(`http://localhost:${port}/sign-in`);
    expect(await signIn.text()).toContain('Sign in to Waymark');

    const second = waymark(['orgs', 'list'], dataDir);
    const message = await waitFor(second, /PostgreSQL server/);
    expect(await exitOf(second)).toBe(3);
    expect(message).toContain(
      `The embedded database in ${dataDir} is in use by another Waymark process`,
    );
    expect(message).toContain('Stop the server (Ctrl+C in its terminal)');

    server.kill('SIGTERM');
    expect(await exitOf(server)).toBe(0);
    expect(existsSync(path.join(dataDir, LOCK_FILE))).toBe(false);

    const after = waymark(['orgs', 'list'], dataDir);
    await waitFor(after, /No organisations/);
    expect(await exitOf(after)).toBe(0);
  }, 300_000);

  it('keeps every acknowledged write when the process is killed with SIGKILL', async () => {
    const dataDir = tempDir();
    const writer = spawn(
      process.execPath,
      ['--import', 'tsx', path.join(repoDir, 'test/support/durability-writer.ts'), dataDir],
      {
        cwd: repoDir,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    const output = await waitFor(writer, /committed 200\n/);
    writer.kill('SIGKILL');
    await exitOf(writer);
    const acknowledged = Math.max(
      ...[...output.matchAll(/committed (\d+)/g)].map((m) => Number(m[1])),
    );

    const database = await connectDatabase({ kind: 'embedded', dataDir });
    try {
      const result = await sql<{
        n: number;
        top: number;
      }>`select count(*) as n, max(n) as top from durability`.execute(database.db);
      expect(result.rows[0]!.n).toBeGreaterThanOrEqual(acknowledged);
      expect(result.rows[0]!.top).toBe(result.rows[0]!.n);
    } finally {
      await database.close();
    }
  }, 300_000);
});
