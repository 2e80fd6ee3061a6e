// Importing historic wellbeing measures from a CSV: one row per measure, the case by its
// reference, the participant as harmed, harmer or their id, and a column per category of need
// (its key). Each row goes through the same checks as the web form and the API. A row that
// repeats a measure (the same participant, kind and date, already saved or earlier in the file)
// is a duplicate, not imported again. The whole file is one transaction: a file that cannot be
// read to its end imports nothing.
import type { Readable } from 'node:stream';
import { withActor, type Tx } from '../../../db/actor-context.js';
import { type TakenMeasure } from '../../../domain/measures.js';
import type { Actor, Capability } from '../../../domain/roles.js';
import { recordAudit } from '../../../platform/audit.js';
import { authorize } from '../../../platform/authorize.js';
import { forbidden } from '../../../platform/errors.js';
import { londonDate } from '../../../platform/format.js';
import {
  chunksOf,
  csvLine,
  openCsv,
  REASON_COLUMN,
  rowFields,
  type CsvRow,
  type RowProblem,
} from '../../imports/index.js';
import { rejectReason } from '../../imports/index.js';
import { type CaseDeps } from '../../cases/index.js';
import { ownCategories } from './categories.js';
import { checkRow, lookUp, readWellbeingHeader } from './import-rows.js';
import { insertMeasure, measureRecorded } from './record.js';

export interface WellbeingImportSummary {
  dryRun: boolean;
  rowsRead: number;
  imported: number;
  rejected: number;
  duplicates: number;
}

/** Who may import: a service manager, or the operator at the command line for a named service. */
const importCapability = (actor: Actor): Capability =>
  actor.kind === 'system' ? 'administer_system' : 'manage_service';

/** The columns in any order and any case; the service's category keys are columns too. */
function audit(tx: Tx, actor: Actor, orgId: string, summary: WellbeingImportSummary) {
  return recordAudit(tx, actor, {
    action: summary.dryRun ? 'wellbeing_import.checked' : 'wellbeing_import.completed',
    entityType: 'organisation',
    entityId: orgId,
    details: { ...summary },
  });
}

class DryRun extends Error {
  constructor(readonly summary: WellbeingImportSummary) {
    super('dry run: rolled back');
  }
}

export function wellbeingImport({ db, clock, kernel }: CaseDeps) {
  return {
    /**
     * Imports a file for the actor's service. Rejected rows are passed to `reject` as lines of
     * the rejects file (its header first); with `dryRun` every row is checked and nothing kept.
     */
    async importCsv(
      actor: Actor,
      open: () => Readable,
      options: { dryRun?: boolean; reject: (line: string) => void | Promise<void> },
    ): Promise<WellbeingImportSummary> {
      await authorize(db, actor, importCapability(actor), 'wellbeing_import.started');
      const orgId = actor.orgId;
      if (!orgId) throw forbidden();
      const dryRun = options.dryRun === true;
      const categories = await withActor(db, actor, (tx) => ownCategories(tx, actor, orgId));
      const csv = await openCsv(open(), {
        read: (cells) => readWellbeingHeader(cells, categories),
        emptyKey: 'measures.wellbeing.import.errors.empty',
      });
      const header = csv.header;
      try {
        return await withActor(db, actor, async (tx) => {
          await options.reject(csvLine([REASON_COLUMN, ...header.cells]));
          const summary: WellbeingImportSummary = {
            dryRun,
            rowsRead: 0,
            imported: 0,
            rejected: 0,
            duplicates: 0,
          };
          const today = londonDate(clock.now());
          const seen = new Map<string, TakenMeasure[]>();

          const importChunk = async (chunk: CsvRow[]) => {
            const shaped = chunk.map((row) => ({ row, shape: rowFields(header, row) }));
            const references = shaped.flatMap(({ shape }) =>
              shape.ok && shape.fields.case_reference
                ? [shape.fields.case_reference.trim().toUpperCase()]
                : [],
            );
            const { byReference, taken } = await lookUp(tx, orgId, [...new Set(references)]);
            for (const { row, shape } of shaped) {
              summary.rowsRead += 1;
              const rejectRow = async (problems: RowProblem[], fields?: Record<string, string>) => {
                summary.rejected += 1;
                await options.reject(
                  csvLine([rejectReason(row.number, problems, fields), ...row.values]),
                );
              };
              if (!shape.ok) {
                await rejectRow(shape.problems);
                continue;
              }
              const checked = checkRow(shape.fields, {
                byReference,
                categories,
                today,
                taken: (id) => [...(taken.get(id) ?? []), ...(seen.get(id) ?? [])],
              });
              if (checked.outcome === 'duplicate') {
                summary.duplicates += 1;
                continue;
              }
              if (checked.outcome === 'reject') {
                await rejectRow(checked.problems, shape.fields);
                continue;
              }
              const { found, person, measure } = checked;
              if (!dryRun)
                await kernel.changeCaseIn(tx, measureRecorded(actor, found.id), async () => ({
                  event: (
                    await insertMeasure(
                      tx,
                      actor,
                      { caseId: found.id, orgId: found.orgId, participant: person },
                      measure,
                      'import',
                    )
                  ).event,
                }));
              seen.set(person.id, [
                ...(seen.get(person.id) ?? []),
                { kind: measure.kind, takenOn: measure.takenOn },
              ]);
              summary.imported += 1;
            }
          };

          for await (const chunk of chunksOf(csv.rows)) await importChunk(chunk);
          // A dry run checks everything in the transaction, then rolls it back.
          if (dryRun) throw new DryRun(summary);
          await audit(tx, actor, orgId, summary);
          return summary;
        });
      } catch (error) {
        if (!(error instanceof DryRun)) throw error;
        await withActor(db, actor, (tx) => audit(tx, actor, orgId, error.summary));
        return error.summary;
      } finally {
        csv.close();
      }
    },
  };
}

export type WellbeingImport = ReturnType<typeof wellbeingImport>;
