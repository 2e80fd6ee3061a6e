// The case kernel on its own: what every case use case relies on it for.
import { beforeAll, describe, expect, it } from 'vitest';
import { caseVersion, makeService, openCase } from '../../../../test/support/cases.js';
import { isAppError } from '../../../platform/errors.js';
import { caseKernel, expectedVersion, type CaseKernel } from './index.js';
import { testbed, serviceFor } from '../../../../test/support/testbed.js';

const { h, owner } = testbed();
const team = serviceFor(h);
let kernel: CaseKernel;

beforeAll(async () => {
  kernel = caseKernel({ db: h.database.db, clock: h.clock });
});

const count = async (sql: string, params: unknown[]) =>
  (await owner<{ n: number }>(sql, params))[0]!.n;
const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error('expected a refusal');
    },
    (error: unknown) => (isAppError(error) ? `${error.kind}: ${error.messageKey}` : error),
  );

const noted = (actor = team.practitioner, caseId: string, options = {}) =>
  kernel.changeCase({ actor, caseId, action: 'case.test_noted', ...options }, async () => ({
    event: { kind: 'test_noted', params: { n: 1 } },
    result: 'done',
  }));

describe('changeCase', () => {
  it('bumps the version and writes the timeline line and its audit event once, together', async () => {
    const { caseId } = await openCase(h.services, team.practitioner);
    expect(await noted(team.practitioner, caseId, { expectedVersion: 1 })).toBe('done');
    const [row] = await owner<{ version: number; updated_by: string }>(
      'select version, updated_by from cases where id = $1',
      [caseId],
    );
    expect(row).toEqual({ version: 2, updated_by: team.practitioner.userId });
    const lines = `select count(*)::int as n from case_events where case_id = $1 and kind = 'test_noted'`;
    const audits = `select count(*)::int as n from audit_events where entity_id = $1 and action = 'case.test_noted'`;
    expect(await count(lines, [caseId])).toBe(1);
    expect(await count(audits, [caseId])).toBe(1);
  });

  it('refuses a form built from an older version, and writes nothing', async () => {
    const { caseId } = await openCase(h.services, team.practitioner);
    await noted(team.practitioner, caseId);
    expect(await refusal(noted(team.manager, caseId, { expectedVersion: 1 }))).toBe(
      'conflict: cases.errors.changedSince',
    );
    expect(
      await count(
        `select count(*)::int as n from case_events where case_id = $1 and kind = 'test_noted'`,
        [caseId],
      ),
    ).toBe(1);
  });

  it('refuses a change of something existing whose form sent no version, and writes nothing', async () => {
    const { caseId } = await openCase(h.services, team.practitioner);
    for (const input of [{}, { version: '' }, { version: 'abc' }, { version: '0' }]) {
      expect(
        await refusal(noted(team.manager, caseId, { expectedVersion: expectedVersion(input) })),
      ).toBe('validation: cases.errors.versionMissing');
    }
    const [row] = await owner<{ version: number }>('select version from cases where id = $1', [
      caseId,
    ]);
    expect(row!.version).toBe(1);
  });

  it('refuses a closed case unless the change allows it', async () => {
    const { caseId } = await openCase(h.services, team.practitioner);
    await h.services.cases.transition(team.practitioner, caseId, {
      action: 'close',
      outcome: 'withdrew_consent',
      version: await caseVersion(h.services, team.practitioner, caseId),
    });
    expect(await refusal(noted(team.practitioner, caseId))).toBe('conflict: cases.errors.closed');
    expect(await noted(team.practitioner, caseId, { allowClosed: true })).toBe('done');
  });

  it('answers not found for another service, and forbidden without the capability (audited)', async () => {
    const { caseId } = await openCase(h.services, team.practitioner);
    const other = await makeService(h.services);
    expect(await refusal(noted(other.practitioner, caseId))).toBe(
      'not_found: errors.notFound.title',
    );
    expect(await refusal(noted(team.practitioner, caseId, { capability: 'manage_service' }))).toBe(
      'forbidden: errors.forbidden.title',
    );
    expect(
      await count(
        `select count(*)::int as n from audit_events where user_id = $1 and action = 'case.test_noted' and outcome = 'denied'`,
        [team.practitioner.userId],
      ),
    ).toBe(1);
  });
});

describe('readCase', () => {
  it('audits each read with the part read, and writes nothing else', async () => {
    const { caseId } = await openCase(h.services, team.practitioner);
    const read = await kernel
      .readCase({ actor: team.volunteer, caseId, part: 'test' }, async (_tx, row) => row.reference)
      .catch((error: unknown) => error);
    // A volunteer not allocated to the case does not see it.
    expect(isAppError(read) && read.kind).toBe('not_found');
    const reference = await kernel.readCase(
      { actor: team.practitioner, caseId, part: 'test' },
      async (_tx, row) => row.reference,
    );
    expect(reference).toMatch(/^CS-/);
    expect(
      await count(
        `select count(*)::int as n from audit_events where entity_id = $1 and action = 'case.viewed' and details->>'part' = 'test'`,
        [caseId],
      ),
    ).toBe(1);
  });
});
