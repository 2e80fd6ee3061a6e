// Reading a satisfaction CSV with the imports' streaming reader (src/features/imports/csv.ts),
// with this import's columns: the fixed ones, and one per question id.
import type { Readable } from 'node:stream';
import { checkColumns, isoFromUkDate, openCsv, type CsvRow } from '../../../imports/index.js';

export const REQUIRED_COLUMNS = ['case_reference', 'participant_id', 'responded_on'] as const;
export const OPTIONAL_COLUMNS = ['audience', 'questionnaire_version'] as const;
const FIXED = new Set<string>([...REQUIRED_COLUMNS, ...OPTIONAL_COLUMNS]);

/** A column that is not a question's answer. */
export const isFixedColumn = (name: string) => FIXED.has(name);

export interface SatisfactionHeader {
  cells: string[];
  /** Per column: a fixed column's name, a question's id, or null for a column read past. */
  names: (string | null)[];
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
  const known = (name: string) => FIXED.has(name) || questionIds.has(name);
  const names = checkColumns(cells, {
    known,
    required: REQUIRED_COLUMNS,
    unknownKey: 'feedback.import.errors.unknownColumns',
  });
  return { cells, names: names.map((name) => (known(name) ? name : null)) };
}

/** Opens the file and reads up to its header; the rows follow as they are read. */
/** Opens the file and reads up to its header; the rows follow as they are read. */
export function openSatisfactionCsv(input: Readable, questionIds: ReadonlySet<string>) {
  return openCsv(input, {
    read: (cells) => readSatisfactionHeader(cells, questionIds),
    emptyKey: 'feedback.import.errors.empty',
  });
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
