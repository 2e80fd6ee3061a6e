// The daily job: claimed in the database, so it runs once a day however many processes ask,
// and its audit events say they came from the job.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeClock } from '../../../test/support/clock.js';
import { createHarness, type Harness } from '../../../test/support/harness.js';
import { runRetentionIfDue, type RetentionScheduleOptions } from './schedule.js';

let h: Harness;
let options: RetentionScheduleOptions;

beforeAll(async () => {
  h = await createHarness({ clock: new FakeClock('2030-03-01T02:00:00Z') });
  options = { db: h.database.db, clock: h.clock, retention: h.services.retention };
});
afterAll(() => h.close());

describe('the retention job', () => {
  it('runs once when several ask at the same moment, then not again until a day has passed', async () => {
    const runs = await Promise.all([1, 2, 3, 4].map(() => runRetentionIfDue(options)));
    expect(runs.filter((r) => r !== undefined)).toHaveLength(1);
    h.clock.advanceMinutes(23 * 60);
    expect(await runRetentionIfDue(options)).toBeUndefined();
    h.clock.advanceMinutes(60);
    expect(await runRetentionIfDue(options)).toBeDefined();
    const [job] = await h.database.withOwner((o) =>
      o.query<{ last_outcome: string; last_report: { kinds: unknown[] } }>(
        `select last_outcome, last_report from scheduled_jobs where name = 'retention'`,
      ),
    );
    expect(job!.last_outcome).toBe('done');
    expect(job!.last_report.kinds).toHaveLength(9);
  });

  it('audits its runs as the job', async () => {
    const events = await h.database.withOwner((o) =>
      o.query<{ address: string; request_id: string }>(
        `select address, request_id from audit_events where action = 'retention.run'`,
      ),
    );
    expect(events).toHaveLength(2);
    for (const event of events) {
      expect(event.address).toBe('job:retention');
      expect(event.request_id).toMatch(/^job-/);
    }
  });
});
