// The data folder's lock: a live holder refuses a second process; a lock left by a process
// that died, even one whose id now belongs to another program, is taken over.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { DataDirBusyError, LOCK_FILE, lockDataDir, processIdentity } from './data-dir-lock.js';

const folder = mkdtempSync(path.join(tmpdir(), 'waymark-lock-'));
const other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 600000)'], {
  stdio: 'ignore',
});
afterAll(() => {
  other.kill();
  rmSync(folder, { recursive: true, force: true });
});

function leaveLock(holder: Record<string, unknown>) {
  writeFileSync(path.join(folder, LOCK_FILE), JSON.stringify(holder));
}

describe('the data folder lock', () => {
  it('refuses while the process that holds it runs', () => {
    leaveLock({
      pid: other.pid,
      command: 'start',
      startedAt: new Date().toISOString(),
      ...processIdentity(other.pid!),
    });
    expect(() => lockDataDir(folder, 'migrate')).toThrow(DataDirBusyError);
  });

  it('takes over a lock whose process id now names another process', () => {
    // The same id, but a process started at another time (or in another boot): a reused id.
    leaveLock({
      pid: other.pid,
      command: 'start',
      startedAt: '2020-01-01T00:00:00.000Z',
      bootId: processIdentity(other.pid!).bootId,
      processStart: '1',
    });
    const lock = lockDataDir(folder, 'migrate');
    const written = JSON.parse(readFileSync(path.join(folder, LOCK_FILE), 'utf8')) as {
      pid: number;
    };
    expect(written.pid).toBe(process.pid);
    lock.release();
  });

  it('takes over a lock left by a process from an earlier boot', () => {
    leaveLock({
      pid: other.pid,
      command: 'start',
      startedAt: '2020-01-01T00:00:00.000Z',
      bootId: 'an-earlier-boot',
      processStart: processIdentity(other.pid!).processStart,
    });
    lockDataDir(folder, 'migrate').release();
  });
});
