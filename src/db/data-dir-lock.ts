// The embedded database admits one process at a time: two PGlite instances writing one folder
// would corrupt it. Each process that opens the folder holds a lock file naming itself, and a
// second process is told plainly who holds it and what to do. A process id alone does not name
// a process: after a restart (or enough processes) the id in a stale lock can belong to some
// other program, which would keep the folder locked for ever. So the lock also records the
// machine's boot and the process's start time, and a holder is live only if both still match.
import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import path from 'node:path';
import { makePrivateFolder } from '../platform/private-files.js';

export const LOCK_FILE = 'waymark.lock';

export interface LockHolder {
  pid: number;
  command: string;
  startedAt: string;
  url?: string;
  /** Which boot of the machine and which start of the process: see processIdentity(). */
  bootId?: string;
  processStart?: string;
  /** The running server's control socket (see platform/control-channel.ts). */
  control?: string;
}

export class DataDirBusyError extends Error {
  constructor(
    readonly dataDir: string,
    readonly holder: LockHolder,
  ) {
    super(
      [
        `The embedded database in ${dataDir} is in use by another Waymark process`,
        `(process ${holder.pid}, "waymark ${holder.command}", since ${holder.startedAt}${holder.url ? `, serving ${holder.url}` : ''}).`,
        'Only one process can use the embedded database at a time.',
        holder.command === 'start'
          ? 'Stop the server (Ctrl+C in its terminal), run this command, then start it again;'
          : 'Wait for that command to finish, then run this one again;',
        'or run Waymark against a PostgreSQL server (set DATABASE_URL), which many processes can share.',
      ].join('\n'),
    );
    this.name = 'DataDirBusyError';
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readText(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8').trim();
  } catch {
    return undefined;
  }
}

/**
 * The machine's boot and the start time of process `pid` in it (Linux's /proc; elsewhere
 * nothing, and the lock falls back to the process id alone).
 */
export function processIdentity(pid: number): { bootId?: string; processStart?: string } {
  const bootId = readText('/proc/sys/kernel/random/boot_id');
  const stat = readText(`/proc/${pid}/stat`);
  // Field 22, counted after the command name in parentheses, which may itself hold spaces.
  const processStart = stat?.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  return { bootId, processStart };
}

/** Whether the process that wrote the lock still runs: its id alive, and the same process. */
export function holderRuns(holder: LockHolder): boolean {
  if (!alive(holder.pid)) return false;
  if (!holder.bootId || !holder.processStart) return true;
  const now = processIdentity(holder.pid);
  if (!now.bootId || !now.processStart) return true;
  return now.bootId === holder.bootId && now.processStart === holder.processStart;
}

export interface DataDirLock {
  update(details: Partial<LockHolder>): void;
  release(): void;
}

export function lockDataDir(dataDir: string, command: string): DataDirLock {
  makePrivateFolder(dataDir);
  const file = path.join(dataDir, LOCK_FILE);
  let holder: LockHolder = {
    pid: process.pid,
    command,
    startedAt: new Date().toISOString(),
    ...processIdentity(process.pid),
  };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, 'wx', 0o600);
      writeSync(fd, JSON.stringify(holder));
      closeSync(fd);
      let released = false;
      return {
        update(details) {
          holder = { ...holder, ...details };
          if (!released) writeLock(file, holder);
        },
        release() {
          if (released) return;
          released = true;
          try {
            unlinkSync(file);
          } catch {
            // Already gone: nothing to release.
          }
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const existing = readHolder(file);
      if (existing && existing.pid !== process.pid && holderRuns(existing)) {
        throw new DataDirBusyError(dataDir, existing);
      }
      // The holder died without cleaning up (kill -9, power cut), or its id now names another
      // process: the lock is stale.
      unlinkSync(file);
    }
  }
  throw new Error(`Could not lock ${dataDir}`);
}

function readHolder(file: string): LockHolder | undefined {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as LockHolder;
  } catch {
    return undefined;
  }
}

function writeLock(file: string, holder: LockHolder) {
  const fd = openSync(file, 'w', 0o600);
  writeSync(fd, JSON.stringify(holder));
  closeSync(fd);
}
