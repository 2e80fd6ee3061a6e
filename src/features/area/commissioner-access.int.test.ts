// Who can see what, for a commissioner: every route the app serves is tried with real case,
// referral and person ids from a service in the commissioner's own area. Every case, referral
// and person URL answers "not found", and no response (pages, downloads, workbooks) holds any
// of the personal values written into that service's cases.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatDate } from '../../platform/format.js';
import { createHarness, type Harness } from '../../../test/support/harness.js';
import { loadReportData, PERSONAL, type ReportData } from '../../../test/support/report-data.js';
import { appRoutes } from '../../../test/support/routes.js';
import { WebClient } from '../../../test/support/web-client.js';

let h: Harness;
let data: ReportData;

beforeAll(async () => {
  h = await createHarness();
  data = await loadReportData(h);
});
afterAll(() => h.close());

const SOMETHING = '00000000-0000-4000-8000-000000000000';

/** A real id for each parameter, from the commissioner's own area. */
function urlFor(path: string): string {
  const c = data.cases.R1!;
  return path.replace(/:(\w+)/g, (_, name: string) => {
    if (name === 'areaId') return data.area;
    if (/participant|person|pid/i.test(name)) return c.harmedId;
    if (/case/i.test(name) || (name === 'id' && path.startsWith('/cases'))) return c.caseId;
    if (/referral/i.test(name) || (name === 'id' && path.startsWith('/referrals')))
      return c.referralId;
    if (name === 'token') return 'not-a-link';
    return SOMETHING;
  });
}

const personal = [
  ...PERSONAL.names,
  ...PERSONAL.datesOfBirth,
  ...PERSONAL.datesOfBirth.map((d) => formatDate(d)),
  ...PERSONAL.phones,
  ...PERSONAL.notes,
];

/** Whether a route is about a case, a referral or a person. */
const aboutPeople = (path: string) =>
  /^\/(cases|referrals|people|persons)\b/.test(path) || /:(participantId|personId)/.test(path);

async function workbookText(body: Buffer): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(body as unknown as ArrayBuffer);
  const texts: string[] = [];
  workbook.eachSheet((sheet) =>
    sheet.eachRow((row) => texts.push((row.values as unknown[]).join(' '))),
  );
  return texts.join('\n');
}

describe('what a commissioner can reach', () => {
  it('finds every case, referral and person URL not found, and no personal value anywhere', async () => {
    // The values are there to be found: the service's own staff see them.
    const staff = new WebClient(h.app);
    await staff.signIn(data.manager.email, data.manager.password);
    const people = await staff.get(urlFor('/cases/:caseId/people/:participantId'));
    expect(people.body).toContain(PERSONAL.names[0]);
    expect((await staff.get(urlFor('/cases/:caseId'))).body).toContain(PERSONAL.notes[0]);

    const browser = new WebClient(h.app);
    await browser.signIn(data.commissioner.email, data.commissioner.password);
    const routes = appRoutes(h.app).filter((r) => !r.path.includes('*'));
    const gets = routes.filter((r) => r.methods.includes('GET'));
    expect(gets.length).toBeGreaterThan(80);
    const aboutCases = gets.filter((r) => aboutPeople(r.path));
    expect(aboutCases.length).toBeGreaterThan(30);
    const seen: { url: string; status: number }[] = [];
    for (const route of gets) {
      if (route.path === '/sign-out') continue;
      const url = urlFor(route.path);
      const response = await browser.get(url);
      seen.push({ url, status: response.statusCode });
      const text = response.headers['content-type']?.toString().includes('spreadsheetml')
        ? await workbookText(response.rawPayload)
        : response.body;
      for (const value of personal) expect(text.includes(value), `${value} in ${url}`).toBe(false);
      if (aboutPeople(route.path)) expect(response.statusCode, url).toBe(404);
      expect(response.statusCode, url).toBeLessThan(500);
    }
    // The commissioner's own pages work, and show the figures.
    expect(seen).toEqual(
      expect.arrayContaining([
        { url: `/areas/${data.area}`, status: 200 },
        { url: `/areas/${data.area}/return.xlsx`, status: 200 },
        { url: `/areas/${data.area}/return.csv`, status: 200 },
        { url: '/definitions', status: 200 },
      ]),
    );
    // The anonymised testimonial a participant let the commissioner see is there; the words
    // they first said, which name the person who harmed them, are not.
    const area = await browser.get(`/areas/${data.area}?period=2026-Q2`);
    expect(area.body).toContain('Meeting him changed everything for me.');
    expect(area.body).toContain('I felt listened to.');
    expect(area.body).not.toContain('It was hard but worth it.');
  });

  it('is told not found when posting to any case or referral', async () => {
    const browser = new WebClient(h.app);
    await browser.signIn(data.commissioner.email, data.commissioner.password);
    await browser.get(`/areas/${data.area}/spend`); // a form, for a CSRF token
    const posts = appRoutes(h.app).filter((r) => r.methods.includes('POST') && aboutPeople(r.path));
    expect(posts.length).toBeGreaterThan(20);
    for (const route of posts) {
      const url = urlFor(route.path);
      expect((await browser.post(url, { version: '1' })).statusCode, url).toBe(404);
    }
    // Nothing was changed by any of it.
    const view = await h.services.cases.get(data.manager, data.cases.R1!.caseId);
    expect(view.case.stage).toBe('closed');
  });

  it('records what the commissioner looked at, and what they were refused', async () => {
    const events = await h.database.withOwner((owner) =>
      owner.query<{ action: string; outcome: string }>(
        `select action, outcome from audit_events where user_id = $1`,
        [data.commissioner.userId],
      ),
    );
    const actions = new Set(events.map((e) => `${e.action}:${e.outcome}`));
    expect(actions.has('report.viewed:success')).toBe(true);
    expect(actions.has('report.downloaded:success')).toBe(true);
    expect([...actions].some((a) => a.endsWith(':denied'))).toBe(true);
  });
});
