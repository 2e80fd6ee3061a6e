// Records the SQL one request runs, for the page benchmark's baseline (bench/case-pages.ts),
// which replays exactly those statements on a bare route. Off unless a recorder is passed to
// connectDatabase: it hangs on Kysely's query log, so a database without one pays nothing.
import type { LogEvent } from 'kysely';

export interface RecordedStatement {
  sql: string;
  parameters: readonly unknown[];
}

/**
 * Between start() and stop(), every statement the application role runs through Kysely, in
 * the order they finished, with the transactions' own begin and commit. Meant for one request
 * at a time: statements are not told apart by request.
 */
export class StatementRecorder {
  private recording: RecordedStatement[] | null = null;

  start(): void {
    this.recording = [];
  }

  stop(): RecordedStatement[] {
    const recorded = this.recording ?? [];
    this.recording = null;
    return recorded;
  }

  /** Kysely's `log` option: a query that failed is recorded too, as it ran. */
  readonly log = (event: LogEvent): void => {
    this.recording?.push({ sql: event.query.sql, parameters: [...event.query.parameters] });
  };
}
