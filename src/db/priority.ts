// Background work (an import, the aggregate store's refresh) and people's requests share the
// embedded database's one connection. Work started inside `inBackground` waits while people's
// requests are waiting, for at most BACKGROUND_PATIENCE_MS at a time, so that a page is not
// queued behind every chunk of an import; on a PostgreSQL server the pool serves both at once
// and the mark changes nothing (ADR 0025).
import { AsyncLocalStorage } from 'node:async_hooks';

/** The longest background work waits for its turn while people keep the database busy. */
export const BACKGROUND_PATIENCE_MS = 2_000;

const background = new AsyncLocalStorage<true>();

/** Runs `work`, and everything it starts, as background work. */
export function inBackground<T>(work: () => Promise<T>): Promise<T> {
  return background.run(true, work);
}

export const isBackground = (): boolean => background.getStore() === true;

/**
 * One holder at a time. When it lets go, the longest-waiting request goes next, unless only
 * background work waits, or background work has waited `patienceMs` or more: then it does.
 * Each kind goes in the order it asked.
 */
export class PriorityLock {
  private held = false;
  private readonly people: (() => void)[] = [];
  private readonly jobs: { grant: () => void; since: number }[] = [];

  constructor(
    private readonly patienceMs = BACKGROUND_PATIENCE_MS,
    private readonly now = () => performance.now(),
  ) {}

  /** Resolves with the function that lets go, once it is this caller's turn. */
  lock(backgroundWork = isBackground()): Promise<() => void> {
    return new Promise((resolve) => {
      let released = false;
      const grant = () =>
        resolve(() => {
          if (released) return;
          released = true;
          this.handOver();
        });
      if (!this.held) {
        this.held = true;
        grant();
      } else if (backgroundWork) this.jobs.push({ grant, since: this.now() });
      else this.people.push(grant);
    });
  }

  private handOver(): void {
    const job = this.jobs[0];
    const jobsTurn =
      job !== undefined && (this.people.length === 0 || this.now() - job.since >= this.patienceMs);
    const next = jobsTurn ? this.jobs.shift()!.grant : this.people.shift();
    if (next) next();
    else this.held = false;
  }
}
