// Where the CPU went while a benchmark measured something, from Linux's /proc: each process's
// user and system time (utime + stime in /proc/<pid>/stat) and the machine's busy time
// (/proc/stat). Processes are sampled every so often while the measure runs, so one that ends
// before it (a load generator, a database connection closed by its pool) still counts.
import { readdirSync, readFileSync } from 'node:fs';
import { cpus } from 'node:os';

/** Clock ticks a second (getconf CLK_TCK): 100 on every Linux this runs on. */
const TICKS = 100;
const SAMPLE_EVERY_MS = 200;

/** A process's CPU time so far in seconds, or null once it has gone. */
function cpuSeconds(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name may hold spaces; the fields after it are counted from its ")".
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS;
  } catch {
    return null;
  }
}

/** The machine's busy CPU time so far, in seconds (every CPU added up). */
function machineBusySeconds(): number {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0]!;
  // user, nice, system, idle, iowait, irq, softirq, steal: all but idle and iowait are busy.
  const ticks = line.trim().split(/\s+/).slice(1, 9).map(Number);
  const busy = ticks.reduce((sum, n, i) => (i === 3 || i === 4 ? sum : sum + n), 0);
  return busy / TICKS;
}

/** PostgreSQL server processes serving `database` (their title names it), by pid. */
export function postgresBackendsOf(database: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const title = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      if (title.startsWith('postgres: ') && title.split(' ').includes(database))
        pids.push(Number(entry));
    } catch {
      // Gone between listing and reading.
    }
  }
  return pids;
}

export interface CpuSplit {
  wallSeconds: number;
  /** CPU seconds per group of processes. */
  groups: Record<string, number>;
  /** CPU seconds the whole machine was busy, every process of everyone's included. */
  machine: number;
  cpus: number;
}

/**
 * Starts counting the CPU of the processes `groups` names (asked again at every sample, so new
 * ones are counted from when they appear); `stop` gives each group's CPU seconds since.
 */
export function countCpu(groups: Record<string, () => number[]>) {
  const seen = new Map<number, { group: string; first: number; last: number }>();
  let starting = true;
  const sample = () => {
    for (const [group, pids] of Object.entries(groups))
      for (const pid of pids()) {
        const now = cpuSeconds(pid);
        if (now === null) continue;
        const known = seen.get(pid);
        if (known) known.last = now;
        // A process that appears after the start spent nothing of its time before it.
        else seen.set(pid, { group, first: starting ? now : 0, last: now });
      }
  };
  sample();
  starting = false;
  const machineAtStart = machineBusySeconds();
  const startedAt = performance.now();
  const timer = setInterval(sample, SAMPLE_EVERY_MS);
  return {
    stop(): CpuSplit {
      clearInterval(timer);
      sample();
      const totals: Record<string, number> = Object.fromEntries(
        Object.keys(groups).map((group) => [group, 0]),
      );
      for (const { group, first, last } of seen.values()) totals[group]! += last - first;
      return {
        wallSeconds: (performance.now() - startedAt) / 1000,
        groups: totals,
        machine: machineBusySeconds() - machineAtStart,
        cpus: cpus().length,
      };
    },
  };
}
