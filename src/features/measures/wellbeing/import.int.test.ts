// waymark import wellbeing, through the function the command runs: a spreadsheet's CSV (byte
// order mark, CRLF, quoted values, DD/MM/YYYY, columns in any order and case), rejected rows
// with their reasons in FILE.rejects.csv, duplicates on a second run, a dry run, and files that
// cannot be imported at all (nothing written).
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UsageError } from '../../../cli/runtime.js';
import { openCase } from '../../../../test/support/cases.js';
import { importWellbeingFile } from './cli.js';
import { teamTestbed } from '../../../../test/support/testbed.js';
import { CATEGORY_KEYS } from '../../../../test/support/wellbeing.js';

const { h, team } = teamTestbed();
let dir: string;
let a: Awaited<ReturnType<typeof openCase>>;
let b: Awaited<ReturnType<typeof openCase>>;

const CATEGORIES = CATEGORY_KEYS;

/** Writes a CSV as Excel's "CSV UTF-8" does: a byte order mark and CRLF line ends. */
function csvFile(name: string, lines: string[]): string {
  const file = path.join(dir, name);
  writeFileSync(file, `\uFEFF${lines.join('\r\n')}\r\n`);
  return file;
}

async function run(file: string, options: { dryRun?: boolean; service?: string } = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await importWellbeingFile(
    h.services,
    { out: (line) => out.push(line), err: (line) => err.push(line) },
    { file, service: options.service ?? team.org.slug, dryRun: options.dryRun ?? false },
  );
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const measureCount = async () =>
  (
    await h.database.withOwner((o) =>
      o.query<{ n: number }>(
        'select count(*)::int as n from wellbeing_measures where org_id = $1',
        [team.org.id],
      ),
    )
  )[0]!.n;

const scores = (values: (number | string)[]) => values.join(',');
const threes = scores(CATEGORIES.map(() => 3));

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'waymark-wellbeing-'));
  a = await openCase(h.services, team.practitioner);
  b = await openCase(h.services, team.practitioner);
});
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await h.close();
});

describe('waymark import wellbeing', () => {
  let file: string;

  it('imports good rows and rejects the others with every reason, row numbers as a spreadsheet shows', async () => {
    file = csvFile('measures.csv', [
      ` Kind ,Case_Reference,participant,TAKEN_ON,notes,${CATEGORIES.join(',')}`,
      `entry,${a.caseReference},harmed,02/02/2026,,${threes}`,
      `exit,${a.caseReference},harmed,2026-06-01,"Went well, mostly\r\nbetter at home",${scores([4, 4, 3, 3, 3, 3, 5, 4])}`,
      '',
      `Follow-up,${b.caseReference.toLowerCase()},harmer,2026-07-01,,${threes}`,
      `entry,${a.caseReference},harmed,2026-02-02,,${threes}`,
      `entry,RJ-NOPE-NOPE,harmed,31/02/2026,,${scores([7, 'x', 3, 3, 3, 3, 3, 3])}`,
      `exit,${a.caseReference},someone,2026-06-01,,${threes}`,
      `exit,${a.caseReference},harmer,2026-05-01,,${scores([3, 3, 3, 3, 3, 3, 3, ''])}`,
    ]);
    const result = await run(file);
    expect(result).toEqual({ code: 0, out: 'imported 3, rejected 3, duplicates 1', err: '' });
    expect(await measureCount()).toBe(3);

    const rejects = readFileSync(`${file}.rejects.csv`, 'utf8');
    expect(
      rejects.startsWith('\uFEFFreason, Kind ,Case_Reference,participant,TAKEN_ON,notes,'),
    ).toBe(true);
    const lines = rejects.slice(1).split('\r\n');
    expect(lines).toHaveLength(5); // the header, three rows and the final line end
    expect(lines[1]).toBe(
      `"row 7: case_reference: There is no case with the reference ""RJ-NOPE-NOPE"" in this service; taken_on: Enter a real date as YYYY-MM-DD or DD/MM/YYYY (not ""31/02/2026""); mental-and-physical-health: Enter a score from 1 to 5 (not ""7""); shelter-and-accommodation: Enter a score from 1 to 5 (not ""x"")",entry,RJ-NOPE-NOPE,harmed,31/02/2026,,${scores([7, 'x', 3, 3, 3, 3, 3, 3])}`,
    );
    expect(lines[2]).toContain(
      'row 8: participant: Enter harmed, harmer or the id of a person in the case (not ""someone"")',
    );
    expect(lines[3]).toContain('row 9: social-interaction: Enter a value,exit,');

    const [exit] = await h.database.withOwner((o) =>
      o.query<{ notes: string; source: string; taken_on: string }>(
        `select notes, source, taken_on from wellbeing_measures where participant_id = $1 and kind = 'exit'`,
        [a.harmedId],
      ),
    );
    expect(exit).toEqual({
      notes: 'Went well, mostly\r\nbetter at home',
      source: 'import',
      taken_on: '2026-06-01',
    });
    const events = await h.database.withOwner((o) =>
      o.query<{ n: number }>(
        `select count(*)::int as n from case_events where kind like 'wellbeing_%_recorded' and org_id = $1`,
        [team.org.id],
      ),
    );
    expect(events[0]!.n).toBe(3);
    const audit = await h.database.withOwner((o) =>
      o.query<{ details: Record<string, unknown> }>(
        `select details from audit_events where action = 'wellbeing_import.completed' and org_id = $1`,
        [team.org.id],
      ),
    );
    expect(audit[0]!.details).toMatchObject({
      imported: 3,
      rejected: 3,
      duplicates: 1,
      via: 'command line',
    });
  });

  it('imports nothing new when the same file is imported again', async () => {
    const result = await run(file);
    expect(result.out).toBe('imported 0, rejected 3, duplicates 4');
    expect(await measureCount()).toBe(3);
  });

  it('checks everything and imports nothing on a dry run, and leaves no rejects file without rejects', async () => {
    const dry = csvFile('dry.csv', [
      `case_reference,participant,kind,taken_on,${CATEGORIES.join(',')}`,
      `${b.caseReference},harmed,entry,2026-03-03,${threes}`,
    ]);
    writeFileSync(`${dry}.rejects.csv`, 'left from before');
    const result = await run(dry, { dryRun: true });
    expect(result.out).toBe(
      'would import 1, rejected 0, duplicates 0 (dry run: nothing was imported)',
    );
    expect(await measureCount()).toBe(3);
    expect(existsSync(`${dry}.rejects.csv`)).toBe(false);
  });

  it('refuses a file it cannot read to the end, or whose columns it does not know, writing nothing', async () => {
    const unclosed = csvFile('unclosed.csv', [
      `case_reference,participant,kind,taken_on,notes,${CATEGORIES.join(',')}`,
      `${b.caseReference},harmed,entry,2026-03-03,,${threes}`,
      `${b.caseReference},harmer,entry,2026-03-03,"never closed,${threes}`,
    ]);
    const broken = await run(unclosed);
    expect(broken.code).toBe(1);
    expect(broken.err).toBe(
      `waymark import wellbeing: ${unclosed}: Row 3 opens a quoted value that is never closed. A quote inside a quoted value must be doubled ("")`,
    );
    expect(await measureCount()).toBe(3);
    expect(existsSync(`${unclosed}.rejects.csv`)).toBe(false);

    const unknown = await run(
      csvFile('unknown.csv', [
        `case_reference,participant,kind,taken_on,colour,${CATEGORIES.join(',')}`,
      ]),
    );
    expect(unknown.err).toContain('Waymark does not know these columns: "colour"');
    const missing = await run(
      csvFile('missing.csv', [
        `case_reference,participant,kind,taken_on,${CATEGORIES.slice(0, -1).join(',')}`,
      ]),
    );
    expect(missing.err).toContain('The file must have these columns: social-interaction');
    const empty = await run(csvFile('empty.csv', ['']));
    expect(empty.err).toContain('The file is empty');
    expect((await run(path.join(dir, 'nowhere.csv'))).err).toContain('There is no such file');
    await expect(run(unclosed, { service: 'no-such-service' })).rejects.toBeInstanceOf(UsageError);
  });
});
