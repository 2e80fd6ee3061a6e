// The whole-system view in a browser: a national analyst uploads the 2018 survey, reads the
// map of all 43 areas (the table below it holding the map's figures), changes its measure,
// follows a tile to an area's page, and reads the results; a PCC office answers the survey page
// by page and gives a monthly return. Every page is checked with axe-core.
import path from 'node:path';
import { Readable } from 'node:stream';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoDir } from '../../src/platform/paths.js';
import { makeOrganisation, makeUser } from '../support/harness.js';
import { expectAccessible, expectPage, startE2E, type E2E } from './support/browser.js';
import { choice, signIn } from './support/pages.js';

const FIXTURE = path.join(repoDir, 'test/fixtures/provision/survey-2018-34-areas.csv');
const TIMEOUT = 240_000;

let e2e: E2E;
let analyst: { email: string; password: string };
let commissioner: { email: string; password: string };

beforeAll(async () => {
  e2e = await startE2E();
  e2e.harness.clock.set('2026-11-20T09:00:00Z');
  const services = e2e.harness.services;
  const unit = await makeOrganisation(services, { kind: 'other' });
  analyst = await makeUser(services, { role: 'national_analyst', org: unit });
  const pcc = await makeOrganisation(services, { kind: 'pcc_office', area: 'cumbria' });
  commissioner = await makeUser(services, { role: 'commissioner', org: pcc });
});
afterAll(() => e2e?.close());

async function signedIn(person: { email: string; password: string }, javaScriptEnabled = true) {
  const page = await (await e2e.newContext({ javaScriptEnabled })).newPage();
  await signIn(page, person.email, person.password);
  await expectPage(page, 'Home');
  return page;
}

/** A link in the service navigation. */
const navigate = (page: Page, name: string) =>
  page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name, exact: true }).click();

/** The map's tiles and its table, each as area → value, from the page as the browser has it. */
async function mapAndTable(page: Page) {
  const html = await page.content();
  const pairs = (pattern: RegExp) =>
    Object.fromEntries([...html.matchAll(pattern)].map((m) => [m[1]!, m[2]!]));
  return {
    tiles: pairs(/<a [^>]*data-area="([^"]+)" data-value="([^"]*)"/g),
    table: pairs(/<td [^>]*data-area="([^"]+)"[^>]*>[\s\S]*?data-value="([^"]*)"/g),
  };
}

describe('a national analyst', () => {
  it(
    'uploads the survey, reads the map of all 43 areas and follows a tile to an area',
    async () => {
      const page = await signedIn(analyst);
      await navigate(page, 'Import');
      await expectPage(page, 'Import national figures');
      await choice(page, 'What the file holds', 'Provision survey responses').check();
      await page.locator('#file').setInputFiles(FIXTURE);
      await page.locator('[data-qa="national-import-submit"]').click();
      await expectPage(page, 'File imported');

      await navigate(page, 'National map');
      await expectPage(page, 'National map');
      const map = page.locator('[data-qa="tile-map"]');
      expect(await map.locator('a').count()).toBe(43);
      expect(await map.getAttribute('role')).toBe('group');
      const { tiles, table } = await mapAndTable(page);
      expect(Object.keys(tiles)).toHaveLength(43);
      expect(table).toEqual(tiles);
      expect(tiles.cumbria).toBe(''); // did not respond: no data
      expect(tiles.metropolitan).toBe('0.9900990099009901'); // £10,000 of £1,010,000

      await choice(page, 'Colour the map by', 'Restorative Service Quality Mark').check();
      await page.locator('[data-qa="show-map"]').click();
      await expectPage(page, 'National map');
      expect(await page.locator('[data-qa="map-heading"]').textContent()).toContain(
        'Restorative Service Quality Mark by police force area, 2018',
      );
      const quality = await mapAndTable(page);
      expect(quality.table).toEqual(quality.tiles);
      expect(quality.tiles.metropolitan).toBe('awarded');

      await map.locator('a[data-area="kent"]').click();
      await expectPage(page, 'Kent');
      expect(await page.locator('[data-qa="area-answers"]').textContent()).toContain('2018');
      expect(await page.locator('[aria-current="page"]').getAttribute('data-area')).toBe('kent');
    },
    TIMEOUT,
  );

  it(
    'reads the survey results and victims offered RJ, and the map without JavaScript',
    async () => {
      const page = await signedIn(analyst);
      await navigate(page, 'Provision survey');
      await expectPage(page, 'Provision survey results, 2018');
      const agencies = page.locator('[data-qa="chart-table-survey-agencies"]');
      expect(await agencies.locator('tbody tr').first().textContent()).toMatch(/Police\s*33\s*97%/);
      await page
        .getByRole('link', { name: 'Change the agencies the 2018 survey asks about' })
        .click();
      await expectPage(page, 'Agencies the 2018 survey asks about');
      await navigate(page, 'Victims offered RJ');
      await expectPage(page, 'Victims offered restorative justice');
      expect(await page.locator('[data-qa="survey-figure"]').textContent()).toContain('7.5%');

      // A service on Waymark in Kent with two referrals: too few to show.
      const services = e2e.harness.services;
      const kentService = await makeOrganisation(services, { kind: 'rj_service', area: 'kent' });
      const staff = await makeUser(services, { role: 'practitioner', org: kentService });
      for (const surname of ['Ashdown', 'Brereton'])
        await services.referrals.create(
          staff,
          {
            source_org: 'self',
            initiated_by: 'victim',
            received_on: '2026-03-10',
            offence_group: 'robbery',
            cjs_stage: 'pre_charge',
            victim_surname: surname,
          },
          { channel: 'web' },
        );
      await services.aggregates.refresh();
      await services.populations.importCsv(
        { kind: 'system', orgId: null, name: 'test' },
        () => Readable.from(['area,year,population,source\r\nkent,2025,1900000,test\r\n']),
        { fileName: 'populations.csv' },
      );
      await page.goto('/national/map?measure=referrals_per_100k&year=2026');
      await expectPage(page, 'National map');
      expect((await mapAndTable(page)).tiles.kent).toBe('[c]');
      await page.goto('/national/areas/kent?year=2026');
      await expectPage(page, 'Kent');
      expect(await page.locator('[data-qa="referrals-total"]').textContent()).toContain('[c]');

      const plain = await signedIn(analyst, false);
      await plain.goto('/national/map?measure=agencies_covered&year=2018');
      await expectPage(plain, 'National map');
      expect(await plain.locator('[data-qa="tile-map"] a').count()).toBe(43);
    },
    TIMEOUT,
  );
});

describe('a PCC office', () => {
  it(
    'answers the survey page by page, and gives a monthly return',
    async () => {
      const page = await signedIn(commissioner);
      await navigate(page, 'Provision survey');
      await expectPage(page, 'Provision survey');
      await page.getByLabel('Which survey year are you answering for?').fill('2026');
      await page.locator('[data-qa="start"]').click();
      await expectPage(page, 'Who is answering for the area?');
      expect(await page.locator('legend').first().textContent()).toContain(
        'Cumbria, 2026: question 1 of 12',
      );
      await page.getByLabel('The PCC office').check();
      await page.locator('[data-qa="continue"]').click();
      // Every later page: answer some, skip others, checked by axe-core on arrival.
      const answers: [string, string[]][] = [
        ['Who mainly delivers restorative justice in the area?', ['A third sector organisation']],
        ['How is restorative justice delivered in the area?', ['Through a dedicated RJ hub']],
        [
          'Which agencies, organisations and settings does restorative justice work in?',
          ['Police', 'Schools'],
        ],
        [
          'Does the service accept restorative justice asked for by the person who harmed?',
          ['Yes'],
        ],
        [
          'Does the service offer restorative justice in sexual violence and domestic abuse cases, with a specialist assessment?',
          [],
        ],
        ['How does the area measure the success of restorative justice?', ['None of these']],
        ['What are the main challenges for restorative justice in the area?', ['Funding']],
        ['Does the area intend to expand restorative justice into new settings?', ['No']],
        ['Does the service hold the Restorative Service Quality Mark?', ['Working towards it']],
      ];
      for (const [question, chosen] of answers) {
        await expectPage(page, question);
        for (const label of chosen) await page.getByLabel(label, { exact: true }).check();
        await page.locator('[data-qa="continue"]').click();
      }
      await expectPage(page, 'Spending on restorative justice');
      await page
        .getByLabel('How much did the area spend on restorative justice in the year?')
        .fill('45,000');
      await page.locator('[data-qa="continue"]').click();
      await expectPage(page, 'Does the area use restorative practices beyond conferencing?');
      await page.locator('[data-qa="continue"]').click();
      await expectPage(page, 'Check your answers');
      const summary = (await page.locator('[data-qa="survey-answers"]').textContent()) ?? '';
      expect(summary).toContain('Police, Schools');
      expect(summary).toContain('£45,000');
      expect(summary).toContain('Not answered');
      await page.locator('[data-qa="send-survey"]').click();
      await expectPage(page, 'Survey answers for 2026 saved');

      await page.goto('/provision/victims-informed');
      await expectPage(page, 'Victims told about restorative justice');
      await page.getByLabel('Month', { exact: true }).fill('10');
      await page.getByLabel('Year', { exact: true }).fill('2026');
      await page.getByLabel('Victims of recorded crime in the month').fill('3,000');
      await page.getByLabel('How many of them were told about restorative justice').fill('4,000');
      await page.locator('[data-qa="save-return"]').click();
      await expectPage(page, 'Victims told about restorative justice');
      await expectAccessible(page);
      expect(await page.locator('.govuk-error-summary').textContent()).toContain(
        'cannot be more than the number of victims',
      );
      await page.getByLabel('How many of them were told about restorative justice').fill('240');
      await page.locator('[data-qa="save-return"]').click();
      expect(await page.locator('[data-qa="returns-given"]').textContent()).toContain(
        'October 2026',
      );
    },
    TIMEOUT,
  );
});
