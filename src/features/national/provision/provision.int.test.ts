// The provision survey through its service: a file of 34 areas' responses counted as by hand,
// the same file again changing nothing, a later response replacing one and keeping the history,
// and every kind of bad row named with its row number.
import { createReadStream } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoDir } from '../../../platform/paths.js';
import { createHarness, operator, type Harness } from '../../../../test/support/harness.js';
import { provisionCsv } from './report.js';

const FIXTURE = path.join(repoDir, 'test/fixtures/provision/survey-2018-34-areas.csv');
const NOT_RESPONDING = [
  'city-of-london',
  'cleveland',
  'cumbria',
  'dorset',
  'gwent',
  'lincolnshire',
  'norfolk',
  'surrey',
  'wiltshire',
];
const HEADER =
  'area,year,respondent,provider,delivery_model,agencies,offender_initiated,sv_da,measures,challenges,expanding,rsqm,rj_spend_gbp,victims_budget_gbp,beyond_rj';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
  h.clock.set('2019-02-01T10:00:00Z');
});
afterAll(() => h.close());

const importFile = (file: string, dryRun = false) =>
  h.services.provision.importCsv(operator, () => createReadStream(file), {
    fileName: path.basename(file),
    dryRun,
  });
const importText = (text: string) =>
  h.services.provision.importCsv(operator, () => Readable.from([text]), { fileName: 'test.csv' });

/** A question's options as [option, count, percent], and its answered and skipped. */
async function counted(question: string) {
  const { results } = await h.services.provision.results(operator, 2018);
  const q = results.questions.find((r) => r.question === question)!;
  return {
    answered: q.answered,
    skipped: q.skipped,
    options: q.options.map((o) => [o.option, o.count, o.percent]),
  };
}

describe('a provision file for 34 of the 43 areas', () => {
  it('checks without importing on a dry run', async () => {
    const summary = await importFile(FIXTURE, true);
    expect(summary).toMatchObject({ dryRun: true, rowsRead: 34, created: 34, rejected: 0 });
    const { results } = await h.services.provision.results(operator, 2018);
    expect(results.responded).toEqual([]);
  });

  it('creates a response for each area, and lists the other 9 as not responding', async () => {
    expect(await importFile(FIXTURE)).toMatchObject({ created: 34, replaced: 0, rejected: 0 });
    const { results } = await h.services.provision.results(operator, 2018);
    expect(results.responded).toHaveLength(34);
    expect([...results.notResponding].sort()).toEqual(NOT_RESPONDING);
  });

  // The expected figures were counted by hand from the fixture file.
  it('counts single answers, with a skip', async () => {
    expect(await counted('respondent')).toEqual({
      answered: 33,
      skipped: 1,
      options: [
        ['pcc_office', 25, 76],
        ['rj_service', 8, 24],
      ],
    });
    expect(await counted('provider')).toEqual({
      answered: 34,
      skipped: 0,
      options: [
        ['third_sector', 23, 68],
        ['pcc_office', 4, 12],
        ['victim_service', 3, 9],
        ['police', 3, 9],
        ['other', 1, 3],
      ],
    });
    expect(await counted('rsqm')).toEqual({
      answered: 32,
      skipped: 2,
      options: [
        ['awarded', 12, 38],
        ['working_towards', 9, 28],
        ['none', 11, 34],
      ],
    });
    expect((await counted('offender_initiated')).options).toEqual([
      ['yes', 30, 91],
      ['no', 3, 9],
    ]);
    expect((await counted('expanding')).options).toEqual([
      ['yes', 27, 79],
      ['no', 7, 21],
    ]);
  });

  it('counts list cells, `none` and blanks', async () => {
    expect(await counted('agencies')).toEqual({
      answered: 34,
      skipped: 0,
      options: [
        ['police', 33, 97],
        ['prisons', 33, 97],
        ['crc', 32, 94],
        ['nps', 28, 82],
        ['yot', 30, 88],
        ['magistrates_court', 14, 41],
        ['crown_court', 14, 41],
        ['schools', 17, 50],
        ['secure_hospitals', 3, 9],
        ['housing', 5, 15],
        ['retail_crime', 2, 6],
        ['care_homes', 1, 3],
        ['health', 4, 12],
        ['other', 2, 6],
        ['none', 0, 0],
      ],
    });
    expect(await counted('delivery_model')).toEqual({
      answered: 32,
      skipped: 2,
      options: [
        ['hub', 16, 50],
        ['victim_service', 10, 31],
        ['steering_group', 6, 19],
        ['other', 3, 9],
        ['none', 2, 6],
      ],
    });
    expect(await counted('measures')).toEqual({
      answered: 31,
      skipped: 3,
      options: [
        ['satisfaction', 30, 97],
        ['volume', 25, 81],
        ['distance_travelled', 12, 39],
        ['testimonials', 18, 58],
        ['reoffending', 9, 29],
        ['training_awareness', 15, 48],
        ['none', 1, 3],
      ],
    });
    expect(await counted('challenges')).toEqual({
      answered: 33,
      skipped: 1,
      options: [
        ['low_referrals', 14, 42],
        ['information_sharing', 8, 24],
        ['partner_resistance', 6, 18],
        ['funding', 10, 30],
        ['awareness', 12, 36],
        ['other', 3, 9],
        ['none', 2, 6],
      ],
    });
  });

  it('totals the amounts given in pounds, written with or without £ and commas', async () => {
    const { results } = await h.services.provision.results(operator, 2018);
    const spend = results.questions.find((q) => q.question === 'rj_spend_gbp')!;
    expect(spend).toMatchObject({
      answered: 30,
      skipped: 4,
      amounts: { total: 4_650_000, median: 155_000 },
    });
  });

  it('reports as CSV with the columns asked for', async () => {
    const { results } = await h.services.provision.results(operator, 2018);
    const lines = provisionCsv(results).trimEnd().split('\r\n');
    expect(lines[0]).toBe('question,option,count,answered,skipped,percent');
    expect(lines).toContain('agencies,crc,32,34,0,94');
    expect(lines).toContain('challenges,none,2,33,1,6');
    expect(lines.some((line) => line.startsWith('rj_spend_gbp'))).toBe(false);
  });

  it('changes nothing when the same file is imported again', async () => {
    const before = await h.database.db
      .selectFrom('provision_responses')
      .select(['id', 'superseded_at'])
      .orderBy('id')
      .execute();
    expect(await importFile(FIXTURE)).toMatchObject({ created: 0, replaced: 0, unchanged: 34 });
    const after = await h.database.db
      .selectFrom('provision_responses')
      .select(['id', 'superseded_at'])
      .orderBy('id')
      .execute();
    expect(after).toEqual(before);
  });

  it('replaces an area’s response with a later one for the same year, keeping the history', async () => {
    const summary = await importText(
      `${HEADER}\r\nkent,2018,rj_service,police,none,police,no,no,none,funding,no,none,,,no\r\n`,
    );
    expect(summary).toMatchObject({ created: 0, replaced: 1, unchanged: 0, rejected: 0 });
    const history = await h.services.provision.areaHistory(operator, 'kent');
    expect(history).toHaveLength(2);
    expect(history.filter((r) => r.current)).toHaveLength(1);
    expect(history.find((r) => r.current)!.answers).toMatchObject({
      respondent: 'rj_service',
      delivery_model: [],
      agencies: ['police'],
      rj_spend_gbp: null,
    });
    // Kent's delivery model was a steering group (counted by hand: 6 of 32); now it is none.
    const delivery = (await counted('delivery_model')).options;
    expect(delivery).toContainEqual(['steering_group', 5, 16]);
    expect(delivery).toContainEqual(['none', 3, 9]);
    const { results } = await h.services.provision.results(operator, 2018);
    expect(results.responded).toHaveLength(34);
  });
});

describe('a provision file with mistakes', () => {
  it('names each row’s problems with its row number, and imports the good rows', async () => {
    const summary = await importText(
      [
        HEADER,
        'KENT,2019,pcc_office,third_sector,hub;hub,police,yes,no,none,none,yes,awarded,"£1,000",2000,yes',
        'atlantis,2019,pcc_office,,,,,,,,,,,,',
        'kent,2019,pcc_office,,,,,,,,,,,,',
        'essex,19,mayor,,hub;none,police;zoo,,,,,,,12.50,,',
        'sussex,2022,,,,crc,,,,,,,,,',
      ].join('\r\n'),
    );
    expect(summary).toMatchObject({ created: 1, rejected: 4 });
    expect(summary.reasons).toEqual([
      'row 3: area: Enter a police force area\'s id, such as kent (there is none called "atlantis"; see waymark areas)',
      'row 4: Row 2 already gives the response of kent for 2019',
      'row 5: year: Enter the survey year as four digits, such as 2018 (not "19"); respondent: Enter one of pcc_office, rj_service (not "mayor"); delivery_model: Write none on its own, or leave it out and list the answers; agencies: These are not among the answers: "zoo". Use police, prisons, nps, yot, magistrates_court, crown_court, schools, secure_hospitals, housing, retail_crime, care_homes, health, other, or none; rj_spend_gbp: Enter an amount in whole pounds, such as 12500 (not "12.50")',
      'row 6: agencies: These are not among the answers: "crc". Use police, prisons, nps, yot, magistrates_court, crown_court, schools, secure_hospitals, housing, retail_crime, care_homes, health, other, or none',
    ]);
    expect(summary.rejects[0]).toBe(`reason,${HEADER}\r\n`);
    expect(summary.rejects).toHaveLength(5);
  });

  it('refuses a file with an unknown or missing column, naming it, and imports nothing', async () => {
    await expect(importText(`${HEADER},colour\r\nkent,2020\r\n`)).rejects.toMatchObject({
      messageKey: 'national.provision.problems.unknownColumns',
      params: { columns: '"colour"' },
    });
    await expect(importText('area,year\r\nkent,2020\r\n')).rejects.toMatchObject({
      messageKey: 'imports.errors.missingColumns',
    });
    expect(await h.services.provision.years(operator)).toEqual([2019, 2018]);
  });
});
