// How long `waymark start` takes to answer, and how much memory it holds idle: on a new embedded
// data folder (loaded from the kept snapshot of a migrated database), on the same folder again,
// and on a PostgreSQL server when BENCH_DATABASE_URL or TEST_DATABASE_URL names one. Each start
// is its own process, timed from spawning it to its first answer to the sign-in page; its
// resident memory is read from /proc after it has been idle for BENCH_IDLE_SECONDS (5).
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { scratchDatabase, seconds, type Benchmark } from './support.js';

const IDLE_MS = Number(process.env.BENCH_IDLE_SECONDS ?? 5) * 1000;
const PORT = 3_970;

/** Resident memory of a process, in MB (Linux). */
function residentMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return kb / 1024;
}

async function answers(url: string): Promise<boolean> {
  try {
    return (await fetch(url)).status === 200;
  } catch {
    return false;
  }
}

async function stopped(child: ChildProcess) {
  if (child.exitCode !== null) return;
  const exit = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exit;
}

/** One start: seconds until the sign-in page answers, then resident memory once idle. */
async function measureStart(env: Record<string, string>) {
  const started = performance.now();
  const child = spawn('./waymark', ['start', '--port', String(PORT)], {
    env: { ...process.env, ...env },
    stdio: 'ignore',
  });
  try {
    while (!(await answers(`http://127.0.0.1:${PORT}/sign-in`))) {
      if (child.exitCode !== null) throw new Error(`waymark start exited (${child.exitCode})`);
      await sleep(50);
    }
    const ready = performance.now() - started;
    await sleep(IDLE_MS);
    return { ready, rss: residentMb(child.pid!) };
  } finally {
    await stopped(child);
  }
}

export const start: Benchmark = {
  name: 'start',
  summary: 'time to the first answer and resident memory idle, per database',
  async run(log) {
    const rows = [['start', 'ready after', 'resident memory, idle']];
    const dir = mkdtempSync(path.join(tmpdir(), 'waymark-bench-start-'));
    const env = { WAYMARK_DATA_DIR: path.join(dir, 'data') };
    try {
      for (const label of ['embedded, new data folder', 'embedded, same folder again']) {
        log(label);
        const { ready, rss } = await measureStart(env);
        rows.push([label, seconds(ready), `${rss.toFixed(0)} MB`]);
      }
      const serverUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
      if (serverUrl) {
        const scratch = await scratchDatabase(serverUrl);
        try {
          if (scratch.location.kind !== 'server') throw new Error('expected a server database');
          const serverEnv = { ...env, DATABASE_URL: scratch.location.url };
          for (const label of ['PostgreSQL server, new database', 'PostgreSQL server, again']) {
            log(label);
            const { ready, rss } = await measureStart(serverEnv);
            rows.push([label, seconds(ready), `${rss.toFixed(0)} MB`]);
          }
        } finally {
          await scratch.dispose();
        }
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    return {
      title: `waymark start, idle ${IDLE_MS / 1000} s before memory is read`,
      table: rows,
      notes: [
        'A new embedded folder is loaded from the snapshot kept by the first migration on this ' +
          'checkout (src/db/snapshot.ts); the first ever start also builds that snapshot.',
      ],
    };
  },
};
