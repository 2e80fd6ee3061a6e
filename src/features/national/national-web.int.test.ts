// The whole-system view through its pages: a PCC office answers the survey page by page and
// gives a monthly return; a national analyst uploads files, sets a year's agencies and reads
// the map, the results, the downloads and an area's page.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { repoDir } from '../../platform/paths.js';
import { makeOrganisation, makeUser } from '../../../test/support/harness.js';
import { WebClient, expectPage } from '../../../test/support/web-client.js';
import { testbed } from '../../../test/support/testbed.js';

const FIXTURE = readFileSync(
  path.join(repoDir, 'test/fixtures/provision/survey-2018-34-areas.csv'),
  'utf8',
);

const { h, signedIn } = testbed();
let analyst: WebClient;
let commissioner: WebClient;

beforeAll(async () => {
  const unit = await makeOrganisation(h.services, { kind: 'other', name: 'Analysis unit' });
  const pcc = await makeOrganisation(h.services, { kind: 'pcc_office', area: 'kent' });
  const analystUser = await makeUser(h.services, { role: 'national_analyst', org: unit });
  const commissionerUser = await makeUser(h.services, { role: 'commissioner', org: pcc });
  analyst = await signedIn(analystUser);
  commissioner = new WebClient(h.app, '203.0.113.11');
  await commissioner.signIn(commissionerUser.email, commissionerUser.password);
});

/** Every data-area and data-value pair in a page's tiles, and in its table. */
function mapData(body: string) {
  const tiles = [...body.matchAll(/<a href="[^"]+" data-area="([^"]+)" data-value="([^"]*)"/g)];
  const table = [
    ...body.matchAll(/<td [^>]*data-area="([^"]+)"[^>]*>[\s\S]*?data-value="([^"]*)"/g),
  ];
  return {
    tiles: new Map(tiles.map((m) => [m[1]!, m[2]!])),
    table: new Map(table.map((m) => [m[1]!, m[2]!])),
  };
}

describe('a national analyst', () => {
  it('uploads the survey file, and a check of it first imports nothing', async () => {
    await analyst.get('/national/import');
    const checked = await analyst.postFile(
      '/national/import',
      { kind: 'provision', dry_run: 'yes' },
      { name: 'survey.csv', content: FIXTURE },
    );
    expectPage(checked, 200, ['File checked']);
    await analyst.get('/national/import');
    const done = await analyst.postFile(
      '/national/import',
      { kind: 'provision' },
      { name: 'survey.csv', content: FIXTURE },
    );
    expect(done.body).toContain('File imported');
    expect(done.body).toMatch(/New\s*<\/dt>\s*<dd[^>]*>\s*34\s*</);
  });

  it('is told what is wrong with an upload: no kind, no file, rejected rows', async () => {
    await analyst.get('/national/import');
    const refused = await analyst.postFile(
      '/national/import',
      {},
      { name: 'x.csv', content: 'area\r\n' },
    );
    expectPage(refused, 400, ['Choose what the file holds']);
    await analyst.get('/national/import');
    const rejected = await analyst.postFile(
      '/national/import',
      { kind: 'victims-informed' },
      { name: 'r.csv', content: 'area,month,victims,told_about_rj\r\nkent,2026-13,10,1\r\n' },
    );
    expect(rejected.body).toContain('row 2: month: Enter the month as YYYY-MM');
  });

  it('sees the results with every question answered and skipped, and downloads them', async () => {
    const page = await analyst.get('/national/survey/2018');
    expectPage(page, 200, [
      '34 of 43 police force areas responded.',
      'Answered: 32; skipped: 2',
      'Areas that did not respond (9)',
    ]);
    const csv = await analyst.get('/national/survey/2018/results.csv');
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body).toContain('agencies,nps,28,34,0,82');
    const json = JSON.parse((await analyst.get('/national/survey/2018/results.json')).body);
    expect(json.notResponding).toHaveLength(9);
    expect((await analyst.get('/national/survey/18')).statusCode).toBe(404);
  });

  it('sees the map with a tile and a table row for each of the 43 areas, the same values', async () => {
    for (const measure of ['spend_share', 'quality_mark', 'agencies_covered', 'victims_offered']) {
      const page = await analyst.get(`/national/map?measure=${measure}&year=2018`);
      expect(page.statusCode).toBe(200);
      const { tiles, table } = mapData(page.body);
      expect(tiles.size, measure).toBe(43);
      expect(table).toEqual(tiles);
    }
    const { tiles } = mapData(
      (await analyst.get('/national/map?measure=agencies_covered&year=2018')).body,
    );
    expect(tiles.get('kent')).toBe('6');
    expect(tiles.get('cumbria')).toBe(''); // did not respond: no data, not zero
  });

  it('sets the agencies a year asks about, but not taking one an answer chose', async () => {
    const refused = await analyst.submitForm('/national/survey/2018/agencies', {
      agencies: ['police'],
    });
    expectPage(refused, 400, ['cannot be taken away']);
    const saved = await analyst.submitForm('/national/survey/2027/agencies', {
      agencies: ['police', 'prisons', 'schools'],
    });
    expect(saved.statusCode).toBe(303);
  });
});

describe('a PCC office', () => {
  it('answers the survey page by page, checks its answers and sends them', async () => {
    const start = await commissioner.get('/provision');
    expect(start.body).toContain('Kent');
    expect((await commissioner.post('/provision', { year: '26' })).statusCode).toBe(400);
    const started = await commissioner.post('/provision', { year: '2027' });
    expect(started.statusCode).toBe(303);
    const first = started.headers.location as string;
    const draft = first.replace(/\/respondent$/, '');
    expect((await commissioner.get(first)).body).toContain('Who is answering for the area?');
    await commissioner.post(`${draft}/respondent`, { respondent: 'pcc_office' });
    await commissioner.post(`${draft}/provider`, {});
    await commissioner.post(`${draft}/delivery-model`, { delivery_model: ['hub', 'other'] });
    // Agencies the year does not ask about are refused; "none" with an answer too.
    const page = await commissioner.get(`${draft}/agencies`);
    expect(page.body).not.toContain('value="crc"');
    expect(page.body).toContain('value="schools"');
    const both = await commissioner.post(`${draft}/agencies`, { agencies: ['police', 'none'] });
    expectPage(both, 400, ['Write none on its own']);
    await commissioner.post(`${draft}/agencies`, { agencies: ['police', 'schools'] });
    const spend = await commissioner.post(`${draft}/spend`, { rj_spend_gbp: '12.5' });
    expectPage(spend, 400, ['Enter an amount in whole pounds']);
    await commissioner.post(`${draft}/spend`, { rj_spend_gbp: '£40,000', victims_budget_gbp: '' });
    const check = await commissioner.get(`${draft}/check`);
    expect(check.body).toContain('Through a dedicated RJ hub, Another way');
    expect(check.body).toContain('£40,000');
    expect(check.body).toContain('Not answered');
    const sent = await commissioner.post(`${draft}/submit`);
    expect(sent.headers.location).toBe('/provision/answered/2027');
    const history = await h.services.provision.areaHistory(
      { kind: 'system', orgId: null, name: 'test' },
      'kent',
    );
    expect(history.find((r) => r.year === 2027)!.answers).toMatchObject({
      respondent: 'pcc_office',
      provider: null,
      delivery_model: ['hub', 'other'],
      agencies: ['police', 'schools'],
      rj_spend_gbp: 40000,
      victims_budget_gbp: null,
    });
    // The draft is gone once sent.
    expect((await commissioner.get(`${draft}/check`)).statusCode).toBe(404);
  });

  it('gives a monthly return, with a month not yet begun refused', async () => {
    const future = await commissioner.submitForm('/provision/victims-informed', {
      'month-month': '12',
      'month-year': '2026',
      victims: '100',
      told_about_rj: '7',
    });
    expectPage(future, 400, ['The month must not be after this month']);
    const saved = await commissioner.post('/provision/victims-informed', {
      'month-month': '10',
      'month-year': '2026',
      victims: '12,000',
      told_about_rj: '960',
    });
    expect(saved.headers.location).toBe('/provision/victims-informed?saved=2026-10');
    expect((await commissioner.get('/provision/victims-informed?saved=2026-10')).body).toContain(
      'The figures for October 2026 are saved.',
    );
  });

  it("can neither see the national pages nor answer for another area's office", async () => {
    for (const url of [
      '/national/map',
      '/national/survey/2018',
      '/national/areas/essex',
      '/national/import',
    ])
      expect((await commissioner.get(url)).statusCode, url).toBe(404);
  });
});

describe("an area's page", () => {
  it('shows its answers by year, its return month by month, and where it is', async () => {
    const page = await analyst.get('/national/areas/kent');
    expect(page.statusCode).toBe(200);
    expect(page.body).toMatch(/<th scope="col" class="govuk-table__header">\s*2027\s*<\/th>/);
    expect(page.body).toContain('October 2026');
    expect(page.body).toContain('aria-current="page"');
    expect((await analyst.get('/national/areas/atlantis')).statusCode).toBe(404);
  });
});
