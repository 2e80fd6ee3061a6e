// What the national imports (survey responses, monthly returns) share: their summary, the
// rejects they collect, and one transaction for the whole file that a dry run rolls back.
import type { Readable } from 'node:stream';
import type { Kysely } from 'kysely';
import { withActor, type Tx } from '../../db/actor-context.js';
import type { DB } from '../../db/schema.js';
import type { Actor, Capability } from '../../domain/roles.js';
import { recordAudit } from '../../platform/audit.js';
import { authorize } from '../../platform/authorize.js';
import {
  checkColumns,
  openCsv,
  csvLine,
  REASON_COLUMN,
  rejectReason,
  rowFields,
  type CsvFile,
  type CsvHeader,
  type RowProblem,
} from '../imports/index.js';
import type { RecordOutcome } from './provision/store.js';

/**
 * The header reader of a file of exactly these columns, each required (in any order); another
 * column is refused with `unknownKey`'s message, or the imports' own.
 */
export function fixedColumns(columns: readonly string[], unknownKey?: string) {
  const known = new Set<string>(columns);
  return (cells: string[]): CsvHeader => {
    const names = checkColumns(cells, {
      known: (name) => known.has(name),
      required: columns,
      ...(unknownKey ? { unknownKey } : {}),
    });
    return { cells, fields: names.map((n) => (known.has(n) ? n : null)) as CsvHeader['fields'] };
  };
}

/** A national file holds a row per area and year or month: a megabyte is years of them. */
export const MAX_NATIONAL_FILE_BYTES = 1024 * 1024;
export const MAX_NATIONAL_FILE_TEXT = '1MB';

export interface NationalImportSummary {
  dryRun: boolean;
  rowsRead: number;
  /** Rows that gave an area its first response (or return) for the year (or month). */
  created: number;
  /** Rows that replaced a different current one, which is kept as history. */
  replaced: number;
  /** Rows that answer as the current one does: nothing changed. */
  unchanged: number;
  rejected: number;
  /** The rejects file's lines: its header, then each rejected row with its reasons. */
  rejects: string[];
  /** Each rejected row's reasons, as the upload page lists them. */
  reasons: string[];
}

function newSummary(dryRun: boolean): NationalImportSummary {
  return {
    dryRun,
    rowsRead: 0,
    created: 0,
    replaced: 0,
    unchanged: 0,
    rejected: 0,
    rejects: [],
    reasons: [],
  };
}

/** Adds a rejected row (and, for the first, the rejects file's header). */
export function addReject(
  summary: NationalImportSummary,
  header: string[],
  values: string[],
  reason: string,
) {
  if (summary.rejected === 0) summary.rejects.push(csvLine([REASON_COLUMN, ...header]));
  summary.rejected += 1;
  summary.rejects.push(csvLine([reason, ...values]));
  summary.reasons.push(reason);
}

/** What a row came to: recorded (as new, a replacement, or unchanged), or rejected. */
export type RowOutcome = { outcome: RecordOutcome } | { outcome: 'reject'; problems: RowProblem[] };

/**
 * Reads every row of the file in turn through `importRow`, counting what each came to and
 * collecting each rejected row with its reasons, then closes the file.
 */
async function importEachRow(
  csv: CsvFile,
  summary: NationalImportSummary,
  importRow: (fields: Record<string, string>, row: number) => Promise<RowOutcome>,
) {
  try {
    for await (const row of csv.rows) {
      summary.rowsRead += 1;
      const shape = rowFields(csv.header, row);
      const checked: RowOutcome = shape.ok
        ? await importRow(shape.fields, row.number)
        : { outcome: 'reject', problems: shape.problems };
      if (checked.outcome !== 'reject') {
        summary[checked.outcome] += 1;
        continue;
      }
      const reason = rejectReason(row.number, checked.problems, shape.ok ? shape.fields : {});
      addReject(summary, csv.header.cells, row.values, reason);
    }
  } finally {
    csv.close();
  }
}

/**
 * Reads a national file, each of whose rows names a police force area (in any letter case), row
 * by row through `importRow`, which is given the areas by their lowercased ids.
 */
export async function importAreaRows(
  tx: Tx,
  input: Readable,
  options: { read: (cells: string[]) => CsvHeader; emptyKey: string; dryRun: boolean },
  importRow: (
    fields: Record<string, string>,
    row: number,
    areas: Map<string, string>,
  ) => Promise<RowOutcome>,
): Promise<NationalImportSummary> {
  const csv = await openCsv(input, { read: options.read, emptyKey: options.emptyKey });
  const rows = await tx.selectFrom('areas').select('id').execute();
  const areas = new Map(rows.map((a) => [a.id.toLowerCase(), a.id]));
  const summary = newSummary(options.dryRun);
  await importEachRow(csv, summary, (fields, row) => importRow(fields, row, areas));
  return summary;
}

/** The command line acts as the operator; people need the capability their role grants. */
export const asOperatorOr = (actor: Actor, capability: Capability): Capability =>
  actor.kind === 'system' ? 'administer_system' : capability;

/** The counts an audit event records (no values from the file). */
function auditCounts(summary: NationalImportSummary) {
  const { rowsRead, created, replaced, unchanged, rejected } = summary;
  return { rows: rowsRead, created, replaced, unchanged, rejected };
}

class DryRun extends Error {
  constructor(readonly summary: NationalImportSummary) {
    super('dry run: rolled back');
  }
}

type ImportEvent = 'provision_import' | 'returns_import' | 'populations_import';

/**
 * Runs an import of a file in one transaction, once the actor may import national data; a dry
 * run does everything in it and rolls it back. The audit event (`<event>.started` on the check,
 * then `.checked` or `.completed` with the counts) is written either way.
 */
export async function runImport(
  db: Kysely<DB>,
  actor: Actor,
  options: {
    event: ImportEvent;
    fileName: string;
    dryRun?: boolean;
    work: (tx: Tx, dryRun: boolean) => Promise<NationalImportSummary>;
  },
): Promise<NationalImportSummary> {
  const { event, fileName } = options;
  await authorize(db, actor, asOperatorOr(actor, 'import_national'), `${event}.started`);
  const dryRun = options.dryRun === true;
  const audit = (tx: Tx, summary: NationalImportSummary) =>
    recordAudit(tx, actor, {
      action: dryRun ? `${event}.checked` : `${event}.completed`,
      details: { file: fileName, ...auditCounts(summary) },
    });
  try {
    return await withActor(db, actor, async (tx) => {
      const summary = await options.work(tx, dryRun);
      if (dryRun) throw new DryRun(summary);
      await audit(tx, summary);
      return summary;
    });
  } catch (error) {
    if (!(error instanceof DryRun)) throw error;
    await withActor(db, actor, (tx) => audit(tx, error.summary));
    return error.summary;
  }
}

/** How every national import is asked for: the file to open, its name, and whether to keep it. */
export type ImportCsv = (
  actor: Actor,
  open: () => Readable,
  options: { fileName: string; dryRun?: boolean },
) => Promise<NationalImportSummary>;

/**
 * A national import's door: `runImport` with `work`, which reads the opened file in the
 * import's transaction, knowing who gave it and under what name.
 */
export function csvImport(
  db: Kysely<DB>,
  event: ImportEvent,
  work: (
    tx: Tx,
    file: Readable,
    given: { actor: Actor; fileName: string; dryRun: boolean },
  ) => Promise<NationalImportSummary>,
): ImportCsv {
  return (actor, open, options) =>
    runImport(db, actor, {
      event,
      ...options,
      work: (tx, dryRun) => work(tx, open(), { actor, fileName: options.fileName, dryRun }),
    });
}
