// National figures from the aggregate store: referrals and victims told about restorative
// justice as services on Waymark recorded them, summed by area, per 100,000 people, and every
// count of people below the threshold hidden (with the counts that would give it away) on the
// map, its table, the victims page and the area page alike.
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UserActor } from '../../domain/roles.js';
import {
  createHarness,
  makeOrganisation,
  makeUser,
  operator,
  type Harness,
} from '../../../test/support/harness.js';
import { WebClient } from '../../../test/support/web-client.js';
import { ALL } from './grid.js';
import { HIDDEN } from './figures.js';

let h: Harness;
let analyst: UserActor & { email: string; password: string };
let browser: WebClient;

/** `count` referrals received in March 2026 by a new service in the area; `told` of them told. */
async function referralsIn(area: string, count: number, told: number) {
  const service = await makeOrganisation(h.services, { kind: 'rj_service', area });
  const staff = await makeUser(h.services, { role: 'practitioner', org: service });
  for (let i = 0; i < count; i++) {
    const referral = await h.services.referrals.create(
      staff,
      {
        source_org: 'self',
        initiated_by: i % 2 ? 'victim' : 'agency',
        received_on: '2026-03-10',
        offence_group: 'robbery',
        cjs_stage: 'pre_charge',
        victim_surname: `Person${i}`,
      },
      { channel: 'web' },
    );
    if (i < told)
      await h.services.triage.recordClockDate(staff, referral.id, {
        clock: 'rj_information',
        date: '2026-03-12',
      });
  }
}

beforeAll(async () => {
  h = await createHarness();
  h.clock.set('2026-11-20T10:00:00Z');
  // Four areas, so a small count's complements can be found among the others.
  await referralsIn('kent', 20, 15);
  await referralsIn('essex', 2, 0);
  await referralsIn('sussex', 7, 7);
  await referralsIn('surrey', 30, 6);
  await h.services.aggregates.refresh();
  await h.services.populations.importCsv(
    operator,
    () =>
      Readable.from([
        'area,year,population,source\r\nkent,2025,1900000,test\r\nessex,2025,1850000,test\r\n',
      ]),
    { fileName: 'populations.csv' },
  );
  await h.services.victimsInformed.importCsv(
    operator,
    () =>
      Readable.from([
        'area,month,victims,told_about_rj\r\nkent,2026-03,10000,800\r\nessex,2026-03,12000,900\r\n' +
          'sussex,2026-03,2000,100\r\nsurrey,2026-03,5000,3\r\n',
      ]),
    { fileName: 'returns.csv' },
  );
  analyst = await makeUser(h.services, {
    role: 'national_analyst',
    org: await makeOrganisation(h.services, { kind: 'other' }),
  });
  browser = new WebClient(h.app);
  await browser.signIn(analyst.email, analyst.password);
});
afterAll(() => h.close());

describe('national figures from the aggregate store', () => {
  it('sums referrals and victims told by area, per 100,000 people, hiding small counts', async () => {
    const { areas } = await h.services.nationalFigures.forYear(analyst, 2026);
    const kent = areas.find((a) => a.areaId === 'kent')!;
    const essex = areas.find((a) => a.areaId === 'essex')!;
    const dorset = areas.find((a) => a.areaId === 'dorset')!;
    expect(kent.referrals).toBe(20);
    expect(kent.referralsPer100k).toBeCloseTo((20 * 100_000) / 1_900_000, 6);
    expect(kent.victimsToldWaymark).toEqual({ victims: 20, toldAboutRj: 15, percent: 75 });
    // Two referrals: fewer than 5, hidden, and the rate with them.
    expect(essex.referrals).toBe(HIDDEN);
    expect(essex.referralsPer100k).toBe(HIDDEN);
    expect(essex.victimsToldWaymark!.percent).toBe(HIDDEN);
    // No service on Waymark: no data, not zero.
    expect(dorset.referrals).toBeNull();
    expect(dorset.victimsToldWaymark).toBeNull();
  });

  it('hides a force’s small count of victims told, and its share', async () => {
    const { areas, grid } = await h.services.nationalFigures.forYear(analyst, 2026);
    expect(areas.find((a) => a.areaId === 'kent')!.victimsOffered).toEqual({
      victims: 10_000,
      toldAboutRj: 800,
      percent: 8,
    });
    const surrey = areas.find((a) => a.areaId === 'surrey')!.victimsOffered!;
    expect(surrey.toldAboutRj).toBe(HIDDEN);
    expect(surrey.percent).toBe(HIDDEN);
    // The total across the areas would give Surrey's 3 away: another area's count is hidden too.
    const toldInMarch = ['kent', 'essex', 'sussex', 'surrey'].map(
      (area) => grid.get('rTold', area, '2026-03-01')!.n,
    );
    expect(toldInMarch.filter((n) => n === null).length).toBeGreaterThan(1);
    expect(grid.get('rTold', ALL, '2026-03-01')!.n).not.toBeNull();
  });

  it('shows the hidden marker on the map and its table, distinct from no data', async () => {
    const page = await browser.get('/national/map?measure=referrals_per_100k&year=2026');
    expect(page.statusCode).toBe(200);
    expect(page.body).toMatch(/data-area="essex" data-value="\[c\]"/);
    expect(page.body).toMatch(/data-area="dorset" data-value=""/);
    expect(page.body).toContain('hidden to protect small numbers');
    expect(page.body).toContain('href="/definitions/referrals_per_100k"');
  });

  it('shows an area’s figures from the store on its page, with the same hiding', async () => {
    const kent = await browser.get('/national/areas/kent?year=2026');
    expect(kent.body).toContain('20 referrals received in 2026.');
    expect(kent.body).toMatch(/March 2026\s*<\/td>\s*<td[^>]*>\s*20\s*</);
    const essex = await browser.get('/national/areas/essex?year=2026');
    expect(essex.body).toContain('[c] referrals received in 2026.');
    expect(essex.body).not.toMatch(/>\s*2\s*<\/td>/);
    const victims = await browser.get('/national/victims-offered?year=2026');
    expect(victims.body).toMatch(/data-area="surrey"[\s\S]*?\[c\]/);
  });
});
