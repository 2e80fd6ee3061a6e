// Reading a satisfaction CSV as a stream, the way the referral import reads its files (UTF-8 with
// or without a byte order mark, CRLF or LF, quoted values, rows numbered as a spreadsheet shows
// them), with this import's columns: the fixed ones, and one per question id.
//
// The referral import's openCsv() checks its header against the referral columns, so it cannot
// be pointed at another set; this reader uses the same parser settings, messages and helpers.
import { Transform, type Readable, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parse } from 'csv-parse';
import { isoFromUkDate, REASON_COLUMN, type CsvRow } from '../../../imports/csv.js';
import { fileProblem } from '../../../imports/problems.js';

export const REQUIRED_COLUMNS = ['case_reference', 'participant_id', 'responded_on'] as const;
export const OPTIONAL_COLUMNS = ['audience', 'questionnaire_version'] as const;
const FIXED = new Set<string>([...REQUIRED_COLUMNS, ...OPTIONAL_COLUMNS]);

/** A column that is not a question's answer. */
export const isFixedColumn = (name: string) => FIXED.has(name);

const MAX_ROW_CHARACTERS = 100_000;

export interface SatisfactionHeader {
  cells: string[];
  /** Per column: a fixed column's name, a question's id, or null for a column read past. */
  names: (string | null)[];
}

/** UTF-8 bytes to text; a spreadsheet or other binary file is refused. */
class Utf8Text extends Transform {
  private readonly decoder = new TextDecoder('utf-8', { fatal: true });
  private first = true;

  constructor() {
    super({ decodeStrings: true });
    this.setEncoding('utf8');
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback) {
    if (this.first && chunk.length > 0) {
      this.first = false;
      if (chunk.subarray(0, 4).equals(Buffer.from('PK\x03\x04', 'latin1')) || chunk.includes(0))
        return done(fileProblem('imports.errors.notCsv'));
    }
    try {
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

function describeReadError(error: unknown, nextRow: number) {
  const { code, records } = (error ?? {}) as { code?: string; records?: number };
  const row = typeof records === 'number' ? records + 1 : nextRow;
  if (code === 'CSV_QUOTE_NOT_CLOSED') return fileProblem('imports.errors.quoteNotClosed', { row });
  if (code === 'CSV_MAX_RECORD_SIZE')
    return fileProblem('imports.errors.rowTooLong', { row, max: MAX_ROW_CHARACTERS });
  if (code?.startsWith('CSV_')) return fileProblem('imports.errors.unreadableCsv', { row });
  return error;
}

/**
 * The header: names count up to case and surrounding spaces, in any order. An unknown, repeated
 * or missing column stops the import before any row is read. Question ids are the ones any
 * version of the service's questionnaires has had.
 */
export function readSatisfactionHeader(
  cells: string[],
  questionIds: ReadonlySet<string>,
): SatisfactionHeader {
  const names = cells.map((cell) => cell.trim().toLowerCase());
  const known = (name: string) => FIXED.has(name) || questionIds.has(name);
  const unknown = cells.filter(
    (_, i) => names[i] !== '' && names[i] !== REASON_COLUMN && !known(names[i]!),
  );
  if (unknown.length > 0)
    throw fileProblem('feedback.import.errors.unknownColumns', {
      columns: unknown.map((c) => `"${c.trim()}"`).join(', '),
    });
  const repeated = names.filter(
    (name, i) => name !== '' && name !== REASON_COLUMN && names.indexOf(name) !== i,
  );
  if (repeated.length > 0)
    throw fileProblem('imports.errors.repeatedColumn', { column: repeated[0]! });
  const missing = REQUIRED_COLUMNS.filter((name) => !names.includes(name));
  if (missing.length > 0)
    throw fileProblem('imports.errors.missingColumns', { columns: missing.join(', ') });
  return { cells, names: names.map((name) => (known(name) ? name : null)) };
}

/** Opens the file and reads up to its header; the rows follow as they are read. */
export async function openSatisfactionCsv(input: Readable, questionIds: ReadonlySet<string>) {
  const text = new Utf8Text();
  const parser = parse({
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: false,
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
    for (;;) {
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
      if (!result.value.every((value) => value.trim() === ''))
        return { number, values: result.value };
    }
  }

  const close = () => {
    input.destroy();
    parser.destroy();
  };
  try {
    const first = await next();
    if (!first) throw fileProblem('feedback.import.errors.empty');
    const header = readSatisfactionHeader(first.values, questionIds);
    return {
      header,
      rows: {
        async *[Symbol.asyncIterator]() {
          for (let row = await next(); row; row = await next()) yield row;
        },
      } as AsyncIterable<CsvRow>,
      close,
    };
  } catch (error) {
    close();
    throw error;
  }
}

/** A row's values by column name (dates as YYYY-MM-DD; as written, for messages), or why its shape is wrong. */
export function rowValues(header: SatisfactionHeader, row: CsvRow) {
  const columns = header.names.length;
  if (row.values.length !== columns) {
    const key =
      row.values.length > columns
        ? 'imports.reasons.tooManyValues'
        : 'imports.reasons.tooFewValues';
    return {
      ok: false as const,
      problems: [{ key, params: { count: row.values.length, columns } }],
    };
  }
  const values: Record<string, string> = {};
  const written: Record<string, string> = {};
  const problems: { key: string; params: Record<string, number> }[] = [];
  header.names.forEach((name, i) => {
    const value = row.values[i]!;
    if (name) {
      values[name] = name === 'responded_on' ? isoFromUkDate(value) : value;
      written[name] = value;
    } else if (header.cells[i]!.trim() === '' && value.trim() !== '')
      problems.push({ key: 'imports.reasons.unnamedColumn', params: { column: i + 1 } });
  });
  return problems.length > 0
    ? { ok: false as const, problems }
    : { ok: true as const, values, written };
}
