// Reading a CSV as a stream: UTF-8 (with or without a byte order mark), CRLF or LF, quoted
// values holding commas, quotes and line breaks. Only the current row is held in memory. Each
// import (referrals, wellbeing measures, questionnaire responses) brings its own columns.
//
// Rows are numbered as a spreadsheet numbers them: every record counts, blank ones included,
// and a quoted value with line breaks stays in its row, so the header is usually row 1.
import { Transform, type Readable, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parse } from 'csv-parse';
import { stringify } from 'csv-stringify/sync';
import { neutraliseFormula, restoreNeutralised } from './formula-cells.js';
import { DATE_FIELDS, REFERRAL_FIELD_NAMES, REQUIRED_FIELDS } from '../referrals/index.js';
import { fileProblem } from './problems.js';

export type FieldName = (typeof REFERRAL_FIELD_NAMES)[number];

/** A column the import reads past: the rejects file's own column, so a fixed one re-imports. */
export const REASON_COLUMN = 'reason';

/** Longest row accepted, in characters: a quote left open must not swallow the whole file. */
const MAX_ROW_CHARACTERS = 100_000;

export interface CsvHeader {
  /** The header's cells as written, for the rejects file. */
  cells: string[];
  /** For each column, the referral field it fills, or null for a column read past. */
  fields: (FieldName | null)[];
}

export interface CsvRow {
  /** The row's number as a spreadsheet shows it. */
  number: number;
  values: string[];
}

export interface CsvFile<H = CsvHeader> {
  header: H;
  /** The data rows after the header, blank ones left out. */
  rows: AsyncIterable<CsvRow>;
  /** Bytes of the file read so far, for progress. */
  bytesRead(): number;
  /** Stops reading (the file is closed). */
  close(): void;
}

/** UTF-8 bytes to text, refusing what is not UTF-8 text at all (a spreadsheet, say). */
class Utf8Text extends Transform {
  bytes = 0;
  private readonly decoder = new TextDecoder('utf-8', { fatal: true });
  private first = true;

  constructor() {
    super({ readableObjectMode: false, decodeStrings: true });
    this.setEncoding('utf8');
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback) {
    // A .xlsx or .ods file is a zip archive; other binary files hold NUL bytes, which no text
    // holds and PostgreSQL cannot store in one, wherever in the file they are.
    const zip = this.first && chunk.subarray(0, 4).equals(Buffer.from('PK\x03\x04', 'latin1'));
    if (chunk.length > 0) this.first = false;
    if (zip || chunk.includes(0)) return done(fileProblem('imports.errors.notCsv'));
    this.bytes += chunk.length;
    try {
      // The decoder drops a leading byte order mark.
      done(null, this.decoder.decode(chunk, { stream: true }));
    } catch {
      done(fileProblem('imports.errors.notUtf8'));
    }
  }

  override _flush(done: TransformCallback) {
    try {
      done(null, this.decoder.decode());
    } catch {
      done(fileProblem('imports.errors.notUtf8'));
    }
  }
}

/** Rows read a chunk at a time (CHUNK_ROWS unless said): the last chunk may be shorter. */
export async function* chunksOf(
  rows: AsyncIterable<CsvRow>,
  size: number = CHUNK_ROWS,
): AsyncGenerator<CsvRow[]> {
  let chunk: CsvRow[] = [];
  for await (const row of rows) {
    chunk.push(row);
    if (chunk.length === size) {
      yield chunk;
      chunk = [];
    }
  }
  if (chunk.length > 0) yield chunk;
}

/** Rows per chunk an import checks and writes at once: its transactions stay short. */
export const CHUNK_ROWS = 500;

/** How an import reads its header row, and what it says about a file with no rows at all. */
export interface HeaderReader<H> {
  read(cells: string[]): H;
  emptyKey: string;
}

/** Opens a CSV and reads up to its header, checking the header names the columns we know. */
export async function openCsv<H>(input: Readable, columns: HeaderReader<H>): Promise<CsvFile<H>> {
  const text = new Utf8Text();
  const parser = parse({
    relax_column_count: true, // a row with the wrong number of values is rejected, not fatal
    relax_quotes: true, // a quote inside an unquoted value is kept, as spreadsheets do
    skip_empty_lines: false, // blank rows still count when numbering rows
    record_delimiter: ['\r\n', '\n', '\r'],
    max_record_size: MAX_ROW_CHARACTERS,
  });
  let failure: unknown;
  const flowing = pipeline(input, text, parser).catch((error: unknown) => {
    failure = error;
  });
  const records = parser[Symbol.asyncIterator]() as AsyncIterator<string[]>;
  let number = 0;

  async function next(): Promise<CsvRow | undefined> {
    let result: IteratorResult<string[]>;
    try {
      result = await records.next();
    } catch (error) {
      await flowing;
      throw describeReadError(failure ?? error, number + 1);
    }
    if (result.done) {
      await flowing;
      if (failure) throw describeReadError(failure, number + 1);
      return undefined;
    }
    number += 1;
    return { number, values: result.value.map(restoreNeutralised) };
  }

  async function nextNonBlank(): Promise<CsvRow | undefined> {
    for (let row = await next(); row; row = await next()) if (!isBlank(row.values)) return row;
    return undefined;
  }

  const close = () => {
    input.destroy();
    parser.destroy();
  };

  try {
    const first = await nextNonBlank();
    if (!first) throw fileProblem(columns.emptyKey);
    const header = columns.read(first.values);
    return {
      header,
      rows: {
        async *[Symbol.asyncIterator]() {
          for (let row = await nextNonBlank(); row; row = await nextNonBlank()) yield row;
        },
      },
      bytesRead: () => text.bytes,
      close,
    };
  } catch (error) {
    close();
    throw error;
  }
}

function isBlank(values: string[]): boolean {
  return values.every((value) => value.trim() === '');
}

function describeReadError(error: unknown, nextRow: number) {
  const { code, records } = (error ?? {}) as { code?: string; records?: number };
  // The parser counts the records it had read (blank ones too) when it failed.
  const row = typeof records === 'number' ? records + 1 : nextRow;
  if (code === 'CSV_QUOTE_NOT_CLOSED') return fileProblem('imports.errors.quoteNotClosed', { row });
  if (code === 'CSV_MAX_RECORD_SIZE')
    return fileProblem('imports.errors.rowTooLong', { row, max: MAX_ROW_CHARACTERS });
  if (code?.startsWith('CSV_')) return fileProblem('imports.errors.unreadableCsv', { row });
  if (code === 'ENOENT' || code === 'EACCES' || code === 'EISDIR' || code === 'EPERM')
    return fileProblem(`imports.errors.file.${code}`);
  return error;
}

/** What an import's header must hold. */
export interface ColumnRules {
  known: (name: string) => boolean;
  required: readonly string[];
  /** The message naming unknown columns, which may list the import's own. */
  unknownKey?: string;
}

/**
 * Column names count up to case and surrounding spaces, in any order. An unknown, repeated
 * or missing column stops the import before anything is read. Empty names and `reason` (the
 * rejects file's own column, which a file rejected twice holds twice) are read past. Answers
 * each column's name, trimmed and in lower case.
 */
export function checkColumns(cells: string[], rules: ColumnRules): string[] {
  const names = cells.map((cell) => cell.trim().toLowerCase());
  const readPast = (name: string) => name === '' || name === REASON_COLUMN;
  const unknown = cells.filter((_, i) => !readPast(names[i]!) && !rules.known(names[i]!));
  if (unknown.length > 0) {
    throw fileProblem(rules.unknownKey ?? 'imports.errors.unknownColumns', {
      columns: unknown.map((cell) => `"${cell.trim()}"`).join(', '),
    });
  }
  const repeated = names.filter((name, i) => !readPast(name) && names.indexOf(name) !== i);
  if (repeated.length > 0)
    throw fileProblem('imports.errors.repeatedColumn', { column: repeated[0]! });
  const missing = rules.required.filter((name) => !names.includes(name));
  if (missing.length > 0)
    throw fileProblem('imports.errors.missingColumns', { columns: missing.join(', ') });
  return names;
}

const KNOWN = new Set<string>(REFERRAL_FIELD_NAMES);

/** The referral import's header: the referral's fields, and a last name for someone. */
export function readHeader(cells: string[]): CsvHeader {
  const names = checkColumns(cells, {
    known: (name) => KNOWN.has(name),
    required: REQUIRED_FIELDS,
  });
  if (!names.includes('victim_surname') && !names.includes('offender_surname'))
    throw fileProblem('imports.errors.noSurnameColumn');
  return {
    cells,
    fields: names.map((name) => (KNOWN.has(name) ? (name as FieldName) : null)),
  };
}

export const REFERRAL_COLUMNS: HeaderReader<CsvHeader> = {
  read: readHeader,
  emptyKey: 'imports.errors.empty',
};

/** Something wrong with a row as a whole or one of its values, before the referral checks. */
export interface RowProblem {
  field?: string;
  key: string;
  params?: Record<string, string | number>;
}

const DATE_NAMES = new Set<string>(DATE_FIELDS);
const UK_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;

/** DD/MM/YYYY as YYYY-MM-DD (not yet checked to be a real date); anything else as it is. */
export function isoFromUkDate(value: string): string {
  const match = UK_DATE.exec(value.trim());
  if (!match) return value;
  const [, day, month, year] = match as unknown as [string, string, string, string];
  return `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
}

/**
 * A row's values by field name, ready for the referral checks (and as written, for messages);
 * or why the row's shape is wrong.
 */
export function rowFields(
  header: CsvHeader,
  row: CsvRow,
):
  | { ok: true; fields: Record<string, string>; written: Record<string, string> }
  | { ok: false; problems: RowProblem[] } {
  const columns = header.fields.length;
  if (row.values.length !== columns) {
    const key =
      row.values.length > columns
        ? 'imports.reasons.tooManyValues'
        : 'imports.reasons.tooFewValues';
    return { ok: false, problems: [{ key, params: { count: row.values.length, columns } }] };
  }
  const fields: Record<string, string> = {};
  const written: Record<string, string> = {};
  const problems: RowProblem[] = [];
  header.fields.forEach((field, i) => {
    const value = row.values[i]!;
    if (field) {
      fields[field] = DATE_NAMES.has(field) ? isoFromUkDate(value) : value;
      written[field] = value;
    } else if (header.cells[i]!.trim() === '' && value.trim() !== '')
      problems.push({ key: 'imports.reasons.unnamedColumn', params: { column: i + 1 } });
  });
  return problems.length > 0 ? { ok: false, problems } : { ok: true, fields, written };
}

/** One CSV line (CRLF-terminated), quoting as needed. */
export function csvLine(values: string[]): string {
  return stringify([values.map(neutraliseFormula)], {
    record_delimiter: '\r\n',
    quoted_match: /[\r\n]/,
  });
}

/** A byte order mark, so spreadsheet programs read the rejects file as UTF-8. */
export const BOM = '\uFEFF';
