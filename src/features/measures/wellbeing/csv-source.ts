// Reads a wellbeing CSV with the referral import's streaming reader (src/features/imports/csv.ts:
// UTF-8 with or without a byte order mark, CRLF or LF, quoted values, spreadsheet row numbers,
// blank rows skipped, a quote never closed refused). That reader checks the first row as a
// referrals header, so until openCsv takes a header check of its own, the file is read behind a
// stand-in referrals header: the file's own header comes back as the first row, and every row
// number is given back as the file has it.
import { pipeline, Transform, type Readable, type TransformCallback } from 'node:stream';
import { isAppError } from '../../../platform/errors.js';
import { openCsv, type CsvRow } from '../../imports/csv.js';
import { fileProblem } from '../../imports/problems.js';
import { REQUIRED_FIELDS } from '../../referrals/schema.js';

const STAND_IN = Buffer.from(`${[...REQUIRED_FIELDS, 'victim_surname'].join(',')}\n`);
const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const ZIP = Buffer.from('PK\x03\x04', 'latin1');

/** Puts the stand-in header before the file, checking the file's first bytes as the reader would. */
class StandInHeader extends Transform {
  private first = true;

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback) {
    if (!this.first || chunk.length === 0) return done(null, chunk);
    this.first = false;
    // A .xlsx or .ods file is a zip archive; other binary files hold NUL bytes.
    if (chunk.subarray(0, 4).equals(ZIP) || chunk.includes(0))
      return done(fileProblem('imports.errors.notCsv'));
    const body = chunk.subarray(0, 3).equals(UTF8_BOM) ? chunk.subarray(3) : chunk;
    done(null, Buffer.concat([STAND_IN, body]));
  }

  override _flush(done: TransformCallback) {
    done(null, this.first ? STAND_IN : undefined);
  }
}

/** A read error's row number as the file has it (the stand-in took row 1). */
function asFileRow(error: unknown): unknown {
  if (!isAppError(error) || typeof error.params?.row !== 'number') return error;
  return fileProblem(error.messageKey, { ...error.params, row: error.params.row - 1 });
}

export interface WellbeingCsv {
  /** The first row that is not blank, as written. */
  header: CsvRow | undefined;
  rows: AsyncIterable<CsvRow>;
  close(): void;
}

export async function openWellbeingCsv(input: Readable): Promise<WellbeingCsv> {
  const standIn = new StandInHeader();
  // A failure reading the file (no such file, say) reaches the reader through the stand-in.
  pipeline(input, standIn, () => undefined);
  const csv = await openCsv(standIn).catch((error: unknown) => {
    input.destroy();
    throw asFileRow(error);
  });
  const iterator = csv.rows[Symbol.asyncIterator]();
  const next = async (): Promise<CsvRow | undefined> => {
    try {
      const result = await iterator.next();
      return result.done ? undefined : { ...result.value, number: result.value.number - 1 };
    } catch (error) {
      throw asFileRow(error);
    }
  };
  const header = await next();
  return {
    header,
    rows: {
      async *[Symbol.asyncIterator]() {
        for (let row = await next(); row; row = await next()) yield row;
      },
    },
    close: csv.close,
  };
}
