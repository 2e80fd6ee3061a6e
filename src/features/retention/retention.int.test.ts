// Seeded retention: records of every kind, some a day past their period and some a day short
// of it. The dry run counts exactly the due ones and changes nothing; the run handles 100% of
// them and none early; anonymised cases leave no name, note or file anywhere in the database,
// and the figures computed from them (outcomes) are the same before and after.
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeClock } from '../../../test/support/clock.js';
import { giveAddress, makeService, openCase } from '../../../test/support/cases.js';
import { createHarness, operator, type Harness } from '../../../test/support/harness.js';
import { RECORD_KINDS, type RecordKind } from '../../domain/retention.js';
import { documentStore } from '../cases/index.js';
import { verifyAuditChains } from '../audit-integrity/index.js';
import { retentionService, type RetentionReport } from './service.js';

const NOW = '2032-06-15T12:00:00.000Z';
const DAY = 86_400_000;
const ago = (days: number) => new Date(Date.parse(NOW) - days * DAY).toISOString();

let h: Harness;
let folder: string;
let service: Awaited<ReturnType<typeof makeService>>;
let retention: ReturnType<typeof retentionService>;
const due: Record<RecordKind, number> = Object.fromEntries(
  RECORD_KINDS.map((k) => [k, 0]),
) as never;
const dueCases: { caseId: string; name: string; storageKey: string }[] = [];
const keptCases: { caseId: string; name: string; storageKey: string }[] = [];
const keptMarkers: string[] = [];

const owner = <R = Record<string, unknown>>(text: string, params: unknown[] = []) =>
  h.database.withOwner((o) => o.query<R>(text, params));

let searchAll: string | undefined;

/** Every text, JSON and array column in the public schema that mentions `marker`, in one query. */
async function findEverywhere(marker: string): Promise<string[]> {
  if (!searchAll) {
    const columns = await owner<{ table_name: string; column_name: string }>(
      `select c.table_name, c.column_name from information_schema.columns c
         join information_schema.tables t
           on t.table_name = c.table_name and t.table_schema = c.table_schema
       where c.table_schema = 'public' and t.table_type = 'BASE TABLE'
         and c.data_type in ('text', 'jsonb', 'ARRAY', 'character varying')`,
    );
    searchAll = columns
      .map(
        ({ table_name: table, column_name: column }) =>
          `(select '${table}.${column}' as found from "${table}" where "${column}"::text like $1 limit 1)`,
      )
      .join(' union all ');
  }
  const rows = await owner<{ found: string }>(searchAll, [`%${marker}%`]);
  return rows.map((row) => row.found);
}

async function closedCase(closedOn: string, list: typeof dueCases) {
  const name = `Canary${randomBytes(4).toString('hex')}`;
  const opened = await openCase(h.services, service.practitioner, { victim: name });
  // A postal address that names the canary in every line, so a line left behind is found.
  const lines = { address_line_1: `1 ${name} Road`, address_line_2: `${name} House` };
  const person = { caseId: opened.caseId, participantId: opened.harmedId };
  await giveAddress(h.services, service.practitioner, person, {
    ...lines,
    address_town: `${name}ton`,
  });
  const store = documentStore(folder);
  const file = await store.keepBytes(Buffer.from(`letter to ${name}`));
  await owner(
    `update cases set stage = 'closed', closure_outcome = 'victim_declined', closed_on = $2,
       closure_note = $3 where id = $1`,
    [opened.caseId, closedOn, `${name} moved away`],
  );
  await owner(`insert into case_notes (org_id, case_id, body) values ($1, $2, $3)`, [
    service.org.id,
    opened.caseId,
    `Spoke to ${name}`,
  ]);
  await owner(
    `insert into case_contacts (org_id, case_id, participant_id, contacted_at, method, outcome, notes)
       values ($1, $2, $4, now(), 'phone', 'spoke', $3)`,
    [service.org.id, opened.caseId, `Spoke to ${name}`, opened.harmedId],
  );
  await owner(
    `insert into case_documents (org_id, case_id, file_name, content_type, size_bytes, storage_key, sha256)
       values ($1, $2, $3, 'text/plain', $4, $5, $6)`,
    [service.org.id, opened.caseId, `${name}.txt`, file.size, file.key, file.sha256],
  );
  list.push({ caseId: opened.caseId, name, storageKey: file.key });
}

/** Inserts a row of a simply-deleted kind; `isDue` rows are one day past, others one day short. */
async function seedDeletions(kind: RecordKind, days: number) {
  for (const isDue of [true, true, false]) {
    const when = ago(isDue ? days + 1 : days - 1);
    const marker = `marker-${kind}-${randomUUID()}`;
    if (isDue) due[kind] += 1;
    else keptMarkers.push(marker);
    const statements: Record<string, [string, unknown[]]> = {
      sessions: [
        `insert into sessions (token_hash, user_id, created_at, last_seen_at) values ($1, $2, $3, $3)`,
        [marker, service.practitioner.userId, when],
      ],
      sign_in_attempts: [
        `insert into sign_in_attempts (account_key, address, attempted_at, succeeded) values ($1, 'x', $2, false)`,
        [marker, when],
      ],
      outbox: [
        `insert into notifications (to_address, subject, body, created_at) values ('a…@b', $1, 'x', $2)`,
        [marker, when],
      ],
      one_time_links: [
        `insert into password_tokens (token_hash, user_id, created_at, expires_at) values ($1, $2, $3, $3)`,
        [marker, service.practitioner.userId, when],
      ],
      referral_drafts: [
        `insert into referral_drafts (org_id, owner_user_id, data, expires_at) values ($1, $2, $3, $4)`,
        [service.org.id, service.practitioner.userId, JSON.stringify({ marker }), when],
      ],
      import_rejects: [
        `with job as (insert into import_jobs (org_id, file_name, status, rejects_csv, finished_at)
           values ($1, 'f.csv', 'done', $2, $3) returning id)
         insert into import_rejects (job_id, org_id, row_number, line) select id, $1, 2, $2 from job`,
        [service.org.id, marker, when],
      ],
    };
    if (kind === 'questionnaire_links') {
      const opened = await openCase(h.services, service.practitioner);
      await owner(
        `insert into questionnaire_links (token_hash, org_id, case_id, participant_id, questionnaire_id, delivery, expires_at)
         select $1, $2, $3, $4, q.id, 'handed_over', $5 from questionnaires q
          where q.org_id is null and q.audience = 'harmed' order by version desc limit 1`,
        [marker, service.org.id, opened.caseId, opened.harmedId, when],
      );
    } else await owner(...statements[kind]!);
  }
}

async function declinedReferral(decidedAt: string, isDue: boolean) {
  const name = `Declined${randomBytes(4).toString('hex')}`;
  const referral = await h.services.referrals.create(
    service.practitioner,
    {
      source_org: 'self',
      initiated_by: 'victim',
      received_on: '2029-01-10',
      offence_group: 'criminal-damage-and-arson',
      cjs_stage: 'pre_sentence',
      victim_forename: name,
      victim_surname: 'Person',
      notes: `About ${name}`,
    },
    { channel: 'web' },
  );
  await h.services.triage.decline(service.practitioner, referral.id, {
    version: 1,
    reason: 'not_suitable',
    note: `${name} is not suitable`,
  });
  await owner(`update referrals set decided_at = $2 where id = $1`, [referral.id, decidedAt]);
  if (isDue) due.declined_referrals += 1;
  return name;
}

let outboxFile: string;
let declinedDue: string;
let declinedKept: string;
let outcomesBefore: unknown;

beforeAll(async () => {
  h = await createHarness({ clock: new FakeClock('2029-01-15T10:00:00Z') });
  folder = mkdtempSync(path.join(tmpdir(), 'waymark-retention-'));
  outboxFile = path.join(folder, 'outbox.jsonl');
  service = await makeService(h.services);
  // Closed cases: six years to the day is due (closed on or before 2026-06-15), a day less is not.
  await closedCase('2026-06-15', dueCases);
  await closedCase('2024-01-31', dueCases);
  await closedCase('2026-06-16', keptCases);
  await closedCase('2031-12-01', keptCases);
  due.closed_cases = dueCases.length;
  declinedDue = await declinedReferral(ago(2 * 366), true);
  declinedKept = await declinedReferral(ago(2 * 365 - 2), false);
  for (const [kind, days] of [
    ['sessions', 30],
    ['sign_in_attempts', 90],
    ['outbox', 90],
    ['one_time_links', 30],
    ['referral_drafts', 30],
    ['import_rejects', 30],
    ['questionnaire_links', 90],
  ] as const)
    await seedDeletions(kind, days);
  writeFileSync(
    outboxFile,
    [ago(91), ago(95), ago(89)]
      .map((at) => `${JSON.stringify({ at, to: 'someone@example.org', body: 'link' })}\n`)
      .join(''),
  );
  due.outbox += 2;
  h.clock.set(NOW);
  retention = retentionService({
    db: h.database.db,
    clock: h.clock,
    documentsDir: folder,
    outboxFile,
  });
  outcomesBefore = await serviceFigures();
});
/** The service's report, from the aggregate store brought up to date first. */
async function serviceFigures() {
  await h.services.aggregates.refresh();
  // Ten years at most in one report: the two decades that hold every record, one by one.
  return Promise.all(
    [
      ['2013-01-01', '2022-12-31'],
      ['2023-01-01', '2032-12-31'],
    ].map(async ([from, to]) => {
      // When the store was last refreshed is not a figure.
      const { figuresAsAt: _refreshed, ...figures } = await h.services.reports.serviceReport(
        service.manager,
        { from, to },
      );
      return figures;
    }),
  );
}

afterAll(async () => {
  await h.close();
  rmSync(folder, { recursive: true, force: true });
});

const counts = (report: RetentionReport, field: 'due' | 'handled') =>
  Object.fromEntries(report.kinds.map((k) => [k.kind, k[field]]));

describe('retention', () => {
  it('counts exactly what is due in a dry run, and changes nothing', async () => {
    const report = await retention.run(operator, { dryRun: true });
    expect(counts(report, 'due')).toEqual(due);
    expect(counts(report, 'handled')).toEqual(Object.fromEntries(RECORD_KINDS.map((k) => [k, 0])));
    for (const c of dueCases) expect(await findEverywhere(c.name)).not.toEqual([]);
    expect(readFileSync(outboxFile, 'utf8').trim().split('\n')).toHaveLength(3);
  });

  it('handles 100% of what is due and nothing early', async () => {
    const report = await retention.run(operator);
    expect(counts(report, 'handled')).toEqual(due);
    expect(counts(report, 'due')).toEqual(due);

    for (const c of dueCases) {
      expect(await findEverywhere(c.name)).toEqual([]);
      expect(existsSync(path.join(folder, c.storageKey.slice(0, 2), c.storageKey))).toBe(false);
      const [row] = await owner<{
        stage: string;
        anonymised_at: Date | null;
        closure_outcome: string;
      }>('select stage, anonymised_at, closure_outcome from cases where id = $1', [c.caseId]);
      expect(row).toMatchObject({ stage: 'closed', closure_outcome: 'victim_declined' });
      expect(row!.anonymised_at).not.toBeNull();
      const address = `select concat(address_line_1, address_line_2, address_town,
        address_postcode) as a from case_participants where case_id = $1`;
      expect((await owner<{ a: string }>(address, [c.caseId])).every((r) => r.a === '')).toBe(true);
    }
    for (const c of keptCases) {
      expect((await findEverywhere(c.name)).length).toBeGreaterThan(3);
      expect(existsSync(path.join(folder, c.storageKey.slice(0, 2), c.storageKey))).toBe(true);
    }
    expect(await findEverywhere(declinedDue)).toEqual([]);
    expect(await findEverywhere(declinedKept)).not.toEqual([]);
    for (const marker of keptMarkers) expect(await findEverywhere(marker)).not.toEqual([]);
    expect(readFileSync(outboxFile, 'utf8').trim().split('\n')).toHaveLength(1);
  });

  it('keeps every figure computed from the anonymised records', async () => {
    const after = await serviceFigures();
    expect(after).toEqual(outcomesBefore);
  });

  it('finds nothing more to do the second time, and audits what it did', async () => {
    const report = await retention.run(operator);
    expect(report.kinds.every((k) => k.due === 0 && k.handled === 0)).toBe(true);
    const events = await owner<{ entity_id: string; org_id: string }>(
      `select entity_id, org_id from audit_events where action = 'case.anonymised'`,
    );
    expect(events.map((e) => e.entity_id).sort()).toEqual(dueCases.map((c) => c.caseId).sort());
    expect(new Set(events.map((e) => e.org_id))).toEqual(new Set([service.org.id]));
    expect((await verifyAuditChains(h.database)).ok).toBe(true);
  });

  it('follows a changed policy, and refuses a period it cannot read', async () => {
    await expect(retention.setPolicy(operator, 'closed_cases', 'six years')).rejects.toThrow();
    await expect(retention.setPolicy(operator, 'everything', '1d')).rejects.toThrow();
    await retention.setPolicy(operator, 'closed_cases', '6m');
    const report = await retention.run(operator, { dryRun: true });
    expect(report.kinds.find((k) => k.kind === 'closed_cases')!.due).toBe(keptCases.length);
    await retention.setPolicy(operator, 'closed_cases', '6y');
  });
});
