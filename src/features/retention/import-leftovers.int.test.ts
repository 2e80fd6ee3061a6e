// What an abandoned import staged (referrals never published: names, offences, notes) is deleted
// by the retention run, for a service that never imports again. An import still making progress
// (in another process, say) keeps its rows; rejected rows are left to their own retention kind.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SystemActor } from '../../domain/roles.js';
import {
  createHarness,
  makeOrganisation,
  operator,
  type Harness,
} from '../../../test/support/harness.js';
import { inMemory, stageAbandonedReferral } from '../../../test/support/imports.js';
import { describeRetentionReport } from './cli.js';

let h: Harness;
let service: { id: string; slug: string };
let importer: SystemActor;

const CSV = (reference: string) =>
  'source_org,initiated_by,received_on,crime_reference,offence_group,cjs_stage,victim_surname\n' +
  `self,victim,2026-03-20,${reference},robbery,pre_charge,Ward\n`;

const owner = <R>(sql: string, params: unknown[] = []) =>
  h.database.withOwner((session) => session.query<R>(sql, params));
const stagedOf = async (jobId: string) =>
  (
    await owner<{ n: number }>(
      `select (select count(*) from import_staged_referrals where job_id = $1)
            + (select count(*) from import_staged_parties where job_id = $1) as n`,
      [jobId],
    )
  ).map((r) => Number(r.n))[0];

beforeAll(async () => {
  h = await createHarness();
  service = await makeOrganisation(h.services);
  importer = { kind: 'system', orgId: service.id, name: 'test' };
  // One referral imported and published, for the abandoned imports' staged copies.
  await (await h.services.imports.start(importer, inMemory('first.csv', CSV('CR-1')))).run();
});
afterAll(() => h.close());

describe('the retention run, for imports that were abandoned', () => {
  it('deletes what they staged, and keeps what a running import staged', async () => {
    // Two imports begun (each start sweeps the service's leftovers, so both begin first).
    const stopped = await h.services.imports.start(importer, inMemory('a.csv', CSV('CR-2')));
    const elsewhere = await h.services.imports.start(importer, inMemory('b.csv', CSV('CR-3')));
    await stageAbandonedReferral(h, stopped.jobId, service.id);
    await stageAbandonedReferral(h, elsewhere.jobId, service.id);
    // One stopped half way by a process that went: running, with no progress for ten minutes.
    // The other is running in another process: progress a moment ago.
    await owner(`update import_jobs set updated_at = now() - interval '10 minutes' where id = $1`, [
      stopped.jobId,
    ]);
    // A row it rejected: rejects are kept by their own retention kind, not by this sweep.
    await owner(
      `insert into import_rejects (job_id, org_id, row_number, line) values ($1, $2, 2, 'x')`,
      [stopped.jobId, service.id],
    );

    const dryRun = await h.services.retention.run(operator, { dryRun: true });
    expect(dryRun.importLeftovers).toEqual({ due: 1, handled: 0 });
    expect(await stagedOf(stopped.jobId)).toBe(2);
    expect(describeRetentionReport(dryRun)).toContain(
      '1 referral staged by abandoned imports would be deleted.',
    );

    const report = await h.services.retention.run(operator);
    expect(report.importLeftovers).toEqual({ due: 1, handled: 1 });
    expect(describeRetentionReport(report)).toContain(
      '1 referral staged by abandoned imports deleted.',
    );
    expect(await stagedOf(stopped.jobId)).toBe(0);
    expect(await stagedOf(elsewhere.jobId)).toBe(2);
    expect(
      await owner('select status, error from import_jobs where id = $1', [stopped.jobId]),
    ).toEqual([{ status: 'failed', error: 'imports.errors.interrupted' }]);
    expect(
      await owner('select row_number from import_rejects where job_id = $1', [stopped.jobId]),
    ).toEqual([{ row_number: 2 }]);
    const [audit] = await owner<{ details: { import_leftovers: unknown } }>(
      `select details from audit_events where action = 'retention.run' order by id desc limit 1`,
    );
    expect(audit!.details.import_leftovers).toEqual({ due: 1, handled: 1 });
  });
});
