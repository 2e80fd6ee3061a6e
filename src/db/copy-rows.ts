// Sending many rows at once with COPY … FROM STDIN, PostgreSQL's cheapest way in: a row costs
// its values in COPY's text format, with no JSON to parse and no statement per row. An import
// copies each chunk of checked rows into a temporary table of its transaction, then moves them
// where they belong with one INSERT … SELECT (features/imports/copy-chunks.ts).
//
// Both drivers recognise the statement `copy <table> (<columns>) from stdin` given the data as
// its one parameter: a server's connections through pg-copy-streams (connect.ts), the embedded
// database through PGlite's /dev/blob device (pglite-worker.mjs), which copies only into a
// temporary table.
import { CompiledQuery, type Transaction } from 'kysely';
import type { DB } from './schema.js';

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

/** The statement both drivers recognise; the data travels as its one parameter. */
export const COPY_FROM_STDIN = /^copy [a-z_][a-z0-9_]* \([a-z_][a-z0-9_, ]*\) from stdin$/;

const SPECIAL = /[\\\t\n\r]/;
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/** A string as COPY's text format reads it back: backslash, tab and line breaks escaped. */
function escaped(text: string): string {
  return SPECIAL.test(text) ? text.replace(/[\\\t\n\r]/g, (c) => ESCAPES[c]!) : text;
}

/** One value in COPY's text format; objects (a jsonb column) as JSON. */
export function copyValue(value: unknown): string {
  if (value === null || value === undefined) return '\\N';
  switch (typeof value) {
    case 'string':
      return escaped(value);
    case 'boolean':
      return value ? 't' : 'f';
    case 'number':
      if (!Number.isFinite(value)) throw new Error(`cannot copy the number ${value}`);
      return String(value);
    case 'bigint':
      return String(value);
    case 'object':
      return value instanceof Date ? value.toISOString() : escaped(JSON.stringify(value));
    default:
      throw new Error(`cannot copy a value of type ${typeof value}`);
  }
}

/** Rows made ready to copy into a table: the statement and its data, built apart from sending. */
export interface CopyData {
  statement: string;
  text: string;
  rows: number;
}

/** `rows` as COPY's text format for `table`: a line a row, values in `columns` order. */
export function copyData(table: string, columns: readonly string[], rows: readonly object[]) {
  for (const name of [table, ...columns])
    if (!IDENTIFIER.test(name)) throw new Error(`not an identifier: ${name}`);
  // Joined once at the end, so the text is one flat string (not a rope of many joined
  // pieces, which encoding to UTF-8 for the socket would flatten at several times the cost).
  const lines = new Array<string>(rows.length + 1);
  for (const [index, row] of rows.entries()) {
    const values = row as Record<string, unknown>;
    let line = copyValue(values[columns[0]!]);
    for (let c = 1; c < columns.length; c++) line += '\t' + copyValue(values[columns[c]!]);
    lines[index] = line;
  }
  lines[rows.length] = '';
  const text = lines.join('\n');
  const statement = `copy ${table} (${columns.join(', ')}) from stdin`;
  return { statement, text, rows: rows.length };
}

/** Copies the rows inside `tx` (into a temporary table, on the embedded database). */
export async function copyInto(tx: Transaction<DB>, data: CopyData): Promise<void> {
  if (data.rows === 0) return;
  await tx.executeQuery(CompiledQuery.raw(data.statement, [data.text]));
}
