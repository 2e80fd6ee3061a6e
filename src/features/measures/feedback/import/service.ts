// Importing historic satisfaction responses from a CSV file (waymark import satisfaction): the
// same checks as the web page and the API, row by row, with the referral import's way of
// reporting: every reason a row is rejected, rejected rows written back with their reasons, and
// duplicates counted so that importing a file twice imports nothing new.
//
// All or nothing: rows are read and checked as the file streams in (500 to a short read-only
// transaction); then one transaction writes every accepted response with its timeline line,
// and the audit event. Satisfaction files are small next to referral feeds, so the accepted
// responses are held until then.
import type { Readable } from 'node:stream';
import { withActor, type Tx } from '../../../../db/actor-context.js';
import type { Actor } from '../../../../domain/roles.js';
import { recordAudit } from '../../../../platform/audit.js';
import { authorize } from '../../../../platform/authorize.js';
import { forbidden, type FieldError } from '../../../../platform/errors.js';
import { londonDate } from '../../../../platform/format.js';
import { translator } from '../../../../platform/i18n/index.js';
import type { CaseDeps } from '../../../cases/index.js';
import { chunksOf, csvLine, REASON_COLUMN, type CsvRow } from '../../../imports/index.js';
import { AUDIENCES } from '../questionnaire.js';
import { itemIdsEverUsed } from '../queries.js';
import {
  insertResponse,
  prepareResponse,
  responseChange,
  type PreparedResponse,
} from '../responses.js';
import { isFixedColumn, openSatisfactionCsv, rowValues, type SatisfactionHeader } from './read.js';

const t = translator('en');

export interface SatisfactionImportSummary {
  dryRun: boolean;
  rowsRead: number;
  imported: number;
  rejected: number;
  duplicates: number;
  /** The rejects file's lines (header first), or none when no row was rejected. */
  rejects: string[];
}

/** Messages for a file: the value that was wrong and what is allowed instead. */
const FILE_MESSAGES: Record<string, string> = {
  'feedback.errors.respondedOnRequired': 'imports.reasons.required',
  'feedback.errors.date': 'imports.reasons.date',
  'feedback.errors.likert': 'feedback.import.reasons.likert',
  'feedback.errors.yesNo': 'imports.reasons.yesNo',
  'feedback.errors.recommend': 'feedback.import.reasons.recommend',
  'feedback.errors.version': 'feedback.import.reasons.version',
  'feedback.errors.audience': 'feedback.import.reasons.audience',
};

function shown(value: string | undefined): string {
  const trimmed = (value ?? '').trim();
  return trimmed.length > 40 ? `${trimmed.slice(0, 39)}…` : trimmed;
}

/** "row 7: responded_on: Enter a real date…; prepared: …" */
export function rejectReason(
  row: number,
  problems: FieldError[],
  values: Record<string, string>,
): string {
  const reasons = problems.map((problem) => {
    const key = FILE_MESSAGES[problem.key] ?? problem.key;
    const message = t(key, { ...problem.params, value: shown(values[problem.field]) });
    return problem.field && problem.field !== 'form' ? `${problem.field}: ${message}` : message;
  });
  return `${t('imports.reasons.row', { row })}: ${reasons.join('; ')}`;
}

/**
 * The command line imports for a named service as the operator (who administers); a person
 * needs to record measures.
 */
async function mayImport(deps: CaseDeps, actor: Actor) {
  if (actor.kind === 'system' && !actor.orgId) throw forbidden();
  const capability = actor.kind === 'system' ? 'administer_system' : 'record_measures';
  await authorize(deps.db, actor, capability, 'feedback.imported');
}

export function satisfactionImport(deps: CaseDeps) {
  const { db, clock, kernel } = deps;
  async function questionIds(actor: Actor) {
    return withActor(db, actor, async (tx) => {
      const ids = new Set<string>();
      for (const audience of AUDIENCES)
        for (const id of await itemIdsEverUsed(tx, actor.orgId!, audience)) ids.add(id);
      return ids;
    });
  }

  async function alreadyRecorded(tx: Tx, response: PreparedResponse) {
    const row = await tx
      .selectFrom('questionnaire_responses')
      .select('id')
      .where('participant_id', '=', response.participantId)
      .where('responded_on', '=', response.respondedOn)
      .executeTakeFirst();
    return row !== undefined;
  }

  return {
    /** Reads, checks and (unless a dry run) imports a file; a problem with the file as a whole is thrown. */
    async run(
      actor: Actor,
      file: { open(): Readable },
      options: { dryRun: boolean },
    ): Promise<SatisfactionImportSummary> {
      await mayImport(deps, actor);
      const csv = await openSatisfactionCsv(file.open(), await questionIds(actor));
      const summary = {
        dryRun: options.dryRun,
        rowsRead: 0,
        imported: 0,
        rejected: 0,
        duplicates: 0,
      };
      const rejects: string[] = [];
      const accepted: PreparedResponse[] = [];
      const seen = new Set<string>();
      const today = londonDate(clock.now());

      const check = (header: SatisfactionHeader, chunk: CsvRow[]) =>
        withActor(db, actor, async (tx) => {
          for (const row of chunk) {
            summary.rowsRead += 1;
            const shape = rowValues(header, row);
            const reject = (problems: FieldError[], values: Record<string, string>) => {
              summary.rejected += 1;
              rejects.push(csvLine([rejectReason(row.number, problems, values), ...row.values]));
            };
            if (!shape.ok) {
              reject(
                shape.problems.map((p) => ({ field: 'form', key: p.key, params: p.params })),
                {},
              );
              continue;
            }
            const { values, written } = shape;
            const answers = Object.fromEntries(
              header.names
                .filter((name): name is string => name !== null && !isFixedColumn(name))
                .map((name) => [name, values[name]]),
            );
            const prepared = await prepareResponse(
              tx,
              actor,
              {
                caseReference: values.case_reference,
                participantId: values.participant_id,
                audience: values.audience,
                version: values.questionnaire_version,
                answers,
                respondedOn: values.responded_on,
                channel: 'import',
                style: 'csv',
              },
              today,
            );
            if (!prepared.ok) {
              reject(prepared.errors, written);
              continue;
            }
            const key = `${prepared.response.participantId}|${prepared.response.respondedOn}`;
            if (seen.has(key) || (await alreadyRecorded(tx, prepared.response))) {
              summary.duplicates += 1;
              continue;
            }
            seen.add(key);
            accepted.push(prepared.response);
          }
        });

      try {
        for await (const chunk of chunksOf(csv.rows)) await check(csv.header, chunk);
      } finally {
        csv.close();
      }

      await withActor(db, actor, async (tx) => {
        if (!options.dryRun)
          for (const response of accepted)
            await kernel.changeCaseIn(tx, responseChange(actor, response.caseId), async () => ({
              event: (await insertResponse(tx, actor, response)).event,
            }));
        await recordAudit(tx, actor, {
          action: options.dryRun ? 'feedback.import_checked' : 'feedback.imported',
          details: {
            rows: summary.rowsRead,
            imported: accepted.length,
            rejected: summary.rejected,
            duplicates: summary.duplicates,
          },
        });
      });
      summary.imported = accepted.length;
      return {
        ...summary,
        rejects: rejects.length ? [csvLine([REASON_COLUMN, ...csv.header.cells]), ...rejects] : [],
      };
    },
  };
}
