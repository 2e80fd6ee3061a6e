// Importing referrals from CSV through the service the command line uses, and through the upload
// page a service manager uses: awkward files, duplicates, a re-run, a dry run, an import left
// behind by a stopped process, and who may upload and download.
import { randomBytes } from 'node:crypto';
import { createReadStream, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SystemActor, UserActor } from '../../src/domain/roles.js';
import { repoDir } from '../../src/platform/paths.js';
import { CSRF_COOKIE } from '../../src/platform/csrf.js';
import type { ImportFile } from '../../src/features/imports/service.js';
import { SESSION_COOKIE } from '../../src/platform/web-session.js';
import { FakeClock } from '../support/clock.js';
import { inMemory, stageAbandonedReferral } from '../support/imports.js';
import { createHarness, makeUser, operator, type Harness } from '../support/harness.js';
import type { WebClient } from '../support/web-client.js';
import { expectPage } from '../support/web-client.js';
import { signedInTo } from '../support/web-client.js';

const FIXTURES = path.join(repoDir, 'test/fixtures/imports');

let h: Harness;
let rj: { id: string; slug: string };
let otherRj: { id: string; slug: string };
let system: SystemActor;
let manager: UserActor & { email: string; password: string };
let practitioner: UserActor & { email: string; password: string };
let otherManager: UserActor & { email: string; password: string };

beforeAll(async () => {
  h = await createHarness({ clock: new FakeClock('2026-04-01T10:00:00Z') });
  const add = (name: string, kind: string, slug: string) =>
    h.services.organisations.add(operator, { name, kind, area: 'avon-and-somerset', slug });
  rj = await add('Fixture RJ service', 'rj_service', 'fixture-rj');
  otherRj = await add('Another RJ service', 'rj_service', 'another-rj');
  await add('Fixture Police', 'police', 'fixture-police');
  await add('Fixture Probation', 'probation', 'fixture-probation');
  system = { kind: 'system', orgId: rj.id, name: 'test' };
  manager = await makeUser(h.services, { role: 'service_manager', org: rj });
  practitioner = await makeUser(h.services, { role: 'practitioner', org: rj });
  otherManager = await makeUser(h.services, { role: 'service_manager', org: otherRj });
});
afterAll(() => h.close());

function fixture(name: string): ImportFile {
  const file = path.join(FIXTURES, name);
  return { name, size: statSync(file).size, open: () => createReadStream(file) };
}

async function importFile(file: ImportFile, options: { dryRun?: boolean } = {}) {
  const started = await h.services.imports.start(system, file, options);
  return started.run();
}

async function owner<R>(sql: string, params: unknown[] = []): Promise<R[]> {
  return h.database.withOwner((session) => session.query<R>(sql, params));
}

const countReferrals = async () =>
  Number(
    (
      await owner<{ n: number }>('select count(*) as n from referrals where org_id = $1', [rj.id])
    )[0]!.n,
  );

const HEADER =
  'source_org,initiated_by,received_on,crime_reference,offence_group,cjs_stage,victim_surname';
const row = (crimeReference: string, surname: string) =>
  `fixture-police,victim,2026-03-20,${crimeReference},robbery,pre_charge,${surname}`;

describe('importing a CSV file', () => {
  it('imports every row of a valid file, reading both date forms', async () => {
    const summary = await importFile(fixture('valid.csv'));
    expect(summary).toMatchObject({ imported: 3, rejected: 0, duplicates: 0, rowsRead: 3 });
    const rows = await owner<Record<string, unknown>>(
      `select r.crime_reference, r.received_on::text, r.source_kind, r.channel, r.import_job_id,
              r.sv_da, p.role, p.surname, p.establishment
       from referrals r join referral_parties p on p.referral_id = r.id
       where r.org_id = $1 order by r.received_on, p.role`,
      [rj.id],
    );
    expect(rows).toEqual([
      expect.objectContaining({
        crime_reference: 'CR-1001',
        received_on: '2026-03-01',
        role: 'offender',
        surname: 'Bell',
      }),
      expect.objectContaining({
        crime_reference: 'CR-1001',
        role: 'victim',
        surname: 'Khan',
        channel: 'import',
      }),
      expect.objectContaining({
        crime_reference: 'CR-1002',
        received_on: '2026-03-02',
        surname: 'Morgan',
        establishment: 'HMP Bristol',
      }),
      expect.objectContaining({ crime_reference: 'CR-1002', role: 'victim', surname: 'Okafor' }),
      expect.objectContaining({
        crime_reference: null,
        received_on: '2026-03-03',
        source_kind: 'self',
        surname: 'Shah',
      }),
    ]);
    expect(rows.every((r) => r.import_job_id === summary.jobId)).toBe(true);
    const audit = await owner<{ action: string }>(
      'select action from audit_events where entity_id = $1 order by id',
      [summary.jobId],
    );
    expect(audit.map((a) => a.action)).toEqual([
      'referral_import.started',
      'referral_import.published',
    ]);
  });

  it('imports nothing new when the same file is imported again', async () => {
    const before = await countReferrals();
    expect(await importFile(fixture('valid.csv'))).toMatchObject({
      imported: 0,
      rejected: 0,
      duplicates: 3,
    });
    expect(await countReferrals()).toBe(before);
  });

  it('reads a file saved by Excel: byte order mark, CRLF, accents, quoted commas, quotes and line breaks', async () => {
    const summary = await importFile(fixture('excel-bom-crlf.csv'));
    expect(summary).toMatchObject({ imported: 2, rejected: 0, duplicates: 0 });
    const parties = await owner<{ forename: string; surname: string; notes: string; dob: string }>(
      `select p.forename, p.surname, r.notes, p.date_of_birth::text as dob
       from referrals r join referral_parties p on p.referral_id = r.id
       where r.import_job_id = $1 and p.role = 'victim' order by r.crime_reference`,
      [summary.jobId],
    );
    expect(parties).toEqual([
      {
        forename: 'Siân',
        surname: 'Pryce-Jônes',
        notes: 'Prefers Welsh, by phone',
        dob: '1979-07-14',
      },
      {
        forename: 'Zoë',
        surname: "O'Brien-Núñez",
        notes: 'Line one\r\nLine two, with "quotes"\r\nLine three',
        dob: null,
      },
    ]);
  });

  it('rejects each bad row with its row number and every reason, and counts repeated rows as duplicates', async () => {
    const summary = await importFile(fixture('awkward.csv'));
    expect(summary).toMatchObject({ imported: 2, rejected: 7, duplicates: 1 });
    const { lines } = await h.services.imports.rejects(system, summary.jobId);
    const text = [];
    for await (const line of lines) text.push(line);
    expect(text[0]).toBe(
      'reason,source_org,initiated_by,received_on,crime_reference,offence_group,cjs_stage,victim_surname,offender_surname,notes\r\n',
    );
    expect(text.slice(1).map((line) => /^"?row (\d+):/.exec(line)?.[1])).toEqual([
      '2',
      '3',
      '4',
      '6',
      '7',
      '8',
      '13',
    ]);
    expect(text[1]).toContain(
      'row 2: received_on: Enter a real date as YYYY-MM-DD or DD/MM/YYYY (not ""31/02/2026"")',
    );
    expect(text[2]).toContain('row 3: cjs_stage: Enter one of not_reported, pre_charge');
    expect(text[2]).toContain('(not ""later"")');
    expect(text[3]).toMatch(/row 4: initiated_by: .*; offence_group: .*burglary/);
    expect(text[4]).toBe(
      'row 6: The row has 10 values but the first row names 9 columns: put a value that holds a comma in double quotes,fixture-police,victim,2026-03-01,CR-3004,robbery,pre_charge,Evans,,too many,values\r\n',
    );
    expect(text[5]).toContain('nobody-we-know');
    expect(text[6]).toMatch(
      /^row 8: received_on: Enter a value; offence_group: Enter a value; cjs_stage: Enter a value,/,
    );
    expect(text[7]).toContain(
      'row 13: received_on: The date received must be today or in the past',
    );
  });

  it('counts a row repeating a referral sent through another door as a duplicate', async () => {
    await h.services.referrals.create(
      manager,
      {
        source_org: 'fixture-police',
        initiated_by: 'victim',
        received_on: '2026-03-10',
        crime_reference: 'CR-4001',
        offence_group: 'robbery',
        cjs_stage: 'pre_charge',
        victim_surname: 'Thomas',
      },
      { channel: 'web' },
    );
    const file = inMemory(
      'web-twin.csv',
      `${HEADER}\n${row('cr4001', 'THOMAS')}\n${row('CR-4002', 'Thomas')}\n`,
    );
    expect(await importFile(file)).toMatchObject({ imported: 1, rejected: 0, duplicates: 1 });
  });

  it('checks without importing on a dry run', async () => {
    const before = await countReferrals();
    const file = inMemory(
      'dry.csv',
      `${HEADER}\n${row('CR-5001', 'Price')}\n${row('CR-5001', 'Price')}\nx\n`,
    );
    expect(await importFile(file, { dryRun: true })).toMatchObject({
      dryRun: true,
      imported: 1,
      rejected: 1,
      duplicates: 1,
    });
    expect(await countReferrals()).toBe(before);
    expect(await owner('select 1 from import_staged_referrals')).toEqual([]);
    expect(await owner('select 1 from import_staged_parties')).toEqual([]);
    expect(await importFile(file)).toMatchObject({ imported: 1, duplicates: 1 });
  });

  it('refuses a file it cannot read before creating a job, naming the problem', async () => {
    const jobs = async () => (await owner('select id from import_jobs')).length;
    const before = await jobs();
    for (const [name, key] of [
      ['unknown-column.csv', 'imports.errors.unknownColumns'],
      ['missing-columns.csv', 'imports.errors.missingColumns'],
      ['no-header.csv', 'imports.errors.empty'],
      ['not-utf8.csv', 'imports.errors.notUtf8'],
    ] as const) {
      const refused = await h.services.imports
        .start(system, fixture(name))
        .catch((e: unknown) => e);
      expect(refused).toMatchObject({ messageKey: key });
    }
    const unknown = await h.services.imports
      .start(system, fixture('unknown-column.csv'))
      .catch((e: unknown) => e);
    expect(unknown).toMatchObject({ params: { columns: '"victim_nickname", "Favourite_Colour"' } });
    expect(await jobs()).toBe(before);
  });

  it('marks an import left running by a stopped process failed, and sweeps up what it staged', async () => {
    const abandoned = await h.services.imports.start(
      system,
      inMemory('left.csv', `${HEADER}\n${row('CR-6001', 'Ward')}\n`),
    );
    // A referral and its party as staged rows of the abandoned job, under new ids.
    await stageAbandonedReferral(h, abandoned.jobId, rj.id);
    await owner(`update import_jobs set updated_at = now() - interval '10 minutes' where id = $1`, [
      abandoned.jobId,
    ]);
    await importFile(inMemory('next.csv', `${HEADER}\n${row('CR-6002', 'Ward')}\n`));
    expect(
      await owner('select status, error from import_jobs where id = $1', [abandoned.jobId]),
    ).toEqual([{ status: 'failed', error: 'imports.errors.interrupted' }]);
    expect(
      await owner(
        `select 1 from import_staged_referrals where job_id = $1
         union all select 1 from import_staged_parties where job_id = $1`,
        [abandoned.jobId],
      ),
    ).toEqual([]);
    const page = await (await signedIn(manager)).get(`/referrals/import/${abandoned.jobId}`);
    expect(page.body).toContain('The import failed');
    expect(page.body).toContain('because Waymark was stopped or restarted');
  });
});

/** A multipart form as a browser sends it, with the file field last. */
function multipart(
  fields: Record<string, string>,
  file?: { name: string; content: string; type?: string },
) {
  const boundary = `----waymark${randomBytes(8).toString('hex')}`;
  const parts = Object.entries(fields).map(
    ([name, value]) =>
      `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
  );
  parts.push(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file?.name ?? ''}"\r\n` +
      `Content-Type: ${file?.type ?? (file ? 'text/csv' : 'application/octet-stream')}\r\n\r\n${file?.content ?? ''}\r\n`,
  );
  parts.push(`--${boundary}--\r\n`);
  return {
    payload: Buffer.from(parts.join('')),
    contentType: `multipart/form-data; boundary=${boundary}`,
  };
}

const signedIn = (user: { email: string; password: string }) => signedInTo(h.app, user);

/** Posts the upload form of the last page the browser fetched, as the browser would. */
async function upload(
  browser: WebClient,
  file?: { name: string; content: string; type?: string },
  options: { csrf?: boolean; fields?: Record<string, string> } = {},
) {
  const page = browser.lastResponse?.body ?? '';
  const action = /action="(\/referrals\/import\?_csrf=[^"]+)"/.exec(page)?.[1];
  // Without the upload form (a refused page), the token of the page's sign-out form.
  const token = /name="_csrf" value="([^"]+)"/.exec(page)?.[1] ?? '';
  const url =
    options.csrf === false
      ? '/referrals/import'
      : (action?.replace(/&amp;/g, '&') ?? `/referrals/import?_csrf=${encodeURIComponent(token)}`);
  const body = multipart(options.fields ?? {}, file);
  const cookie = [SESSION_COOKIE, CSRF_COOKIE]
    .map((name) => `${name}=${browser.cookie(name) ?? ''}`)
    .join('; ');
  return h.app.inject({
    method: 'POST',
    url,
    headers: { cookie, 'content-type': body.contentType },
    payload: body.payload,
  });
}

async function untilFinished(browser: WebClient, url: string) {
  for (let i = 0; i < 100; i++) {
    const page = await browser.get(url);
    if (!page.body.includes('data-module="waymark-import-progress"')) return page;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('the import did not finish');
}

describe('the upload page', () => {
  it('lets a service manager upload a file, follow it and download the rejected rows', async () => {
    const browser = await signedIn(manager);
    const page = await browser.get('/referrals/import');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('enctype="multipart/form-data"');
    const content = `\uFEFF${HEADER}\r\n${row('CR-7001', 'Lloyd')}\r\n${row('CR-7002', 'Lloyd')}\r\nfixture-police,victim,32/01/2026,CR-7003,robbery,pre_charge,Lloyd\r\n`;
    const posted = await upload(browser, { name: 'weekly.csv', content });
    expect(posted.statusCode).toBe(303);
    const jobUrl = posted.headers.location as string;
    expect(jobUrl).toMatch(/^\/referrals\/import\/[0-9a-f-]{36}$/);

    const progress = await browser.get(`${jobUrl}/progress`);
    expect(progress.statusCode).toBe(200);
    expect(JSON.parse(progress.body)).toHaveProperty('status');

    const done = await untilFinished(browser, jobUrl);
    expectPage(done, [
      'Referrals imported',
      '2 referrals were imported from weekly.csv',
      'data-qa="download-rejects"',
    ]);

    const rejects = await browser.get(`${jobUrl}/rejects.csv`);
    expect(rejects.statusCode).toBe(200);
    expect(rejects.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(rejects.headers['content-disposition']).toBe(
      'attachment; filename="weekly.rejects.csv"',
    );
    expect(rejects.body).toBe(
      `\uFEFFreason,${HEADER}\r\n"row 4: received_on: Enter a real date as YYYY-MM-DD or DD/MM/YYYY (not ""32/01/2026"")",fixture-police,victim,32/01/2026,CR-7003,robbery,pre_charge,Lloyd\r\n`,
    );
    const jobId = jobUrl.split('/').pop()!;
    expect(
      await owner('select user_id from audit_events where action = $1 and entity_id = $2', [
        'referral_import.rejects_downloaded',
        jobId,
      ]),
    ).toEqual([{ user_id: manager.userId }]);

    // Staff of the same service may download the rejects; another service cannot see the job.
    expect((await (await signedIn(practitioner)).get(`${jobUrl}/rejects.csv`)).statusCode).toBe(
      200,
    );
    const other = await signedIn(otherManager);
    expect((await other.get(jobUrl)).statusCode).toBe(404);
    expect((await other.get(`${jobUrl}/rejects.csv`)).statusCode).toBe(404);
  });

  it('checks a file without importing it when asked', async () => {
    const browser = await signedIn(manager);
    await browser.get('/referrals/import');
    const before = await countReferrals();
    const content = `${HEADER}\n${row('CR-7101', 'Vaughan')}\n`;
    const posted = await upload(
      browser,
      { name: 'check.csv', content },
      { fields: { dry_run: 'yes' } },
    );
    const done = await untilFinished(browser, posted.headers.location as string);
    expect(done.body).toContain('File checked');
    expect(done.body).toContain('1 referral would be imported');
    expect(await countReferrals()).toBe(before);
  });

  it('says what is wrong with a file that cannot be imported, at the file field', async () => {
    const browser = await signedIn(manager);
    const cases: [Parameters<typeof upload>[1], string][] = [
      [undefined, 'Select a CSV file'],
      [
        { name: 'referrals.xlsx', content: 'PK', type: 'application/vnd.ms-excel' },
        'The selected file must be a CSV',
      ],
      [{ name: 'empty.csv', content: '' }, 'The selected file is empty'],
      [
        {
          name: 'odd.csv',
          content: readFileSync(path.join(FIXTURES, 'unknown-column.csv'), 'utf8'),
        },
        'Waymark does not know these columns: &quot;victim_nickname&quot;, &quot;Favourite_Colour&quot;',
      ],
    ];
    for (const [file, message] of cases) {
      await browser.get('/referrals/import');
      const response = await upload(browser, file);
      expectPage(response, 400, ['govuk-error-summary', 'href="#file"', message]);
    }
  });

  it('refuses a practitioner, and an upload without the form token', async () => {
    const staff = await signedIn(practitioner);
    expect((await staff.get('/referrals/import')).statusCode).toBe(403);
    await staff.get('/referrals');
    const file = { name: 'x.csv', content: `${HEADER}\n${row('CR-8001', 'Rees')}\n` };
    expect((await upload(staff, file, { csrf: false })).statusCode).toBe(403);

    const browser = await signedIn(manager);
    await browser.get('/referrals/import');
    const jobs = (await owner('select id from import_jobs')).length;
    const forged = await upload(browser, file, { csrf: false });
    expect(forged.statusCode).toBe(403);
    expect((await owner('select id from import_jobs')).length).toBe(jobs);
  });
});
