// Importing survey responses from a CSV: one row per area (and survey year), every column of the
// survey named in the header. Each row is read by the same rules as the PCC office's form
// (src/domain/provision-survey.ts). A row that answers as the area's current response does
// changes nothing, so importing a file again changes nothing; a row that answers differently
// replaces the current response, which is kept as history. The whole file is one transaction.
import type { Readable } from 'node:stream';
import type { Tx } from '../../../db/actor-context.js';
import {
  QUESTION_IDS,
  readAnswers,
  readSurveyYear,
  type AnswerProblem,
  type Question,
} from '../../../domain/provision-survey.js';
import type { RowProblem } from '../../imports/index.js';
import {
  fixedColumns,
  importAreaRows,
  type NationalImportSummary,
  type RowOutcome,
} from '../import-run.js';
import { questionsFor, type RecordOutcome } from './store.js';

export const PROVISION_COLUMNS = ['area', 'year', ...QUESTION_IDS] as const;
const P = 'national.provision.problems';

export type ProvisionImportSummary = NationalImportSummary;

export const readProvisionHeader = fixedColumns(PROVISION_COLUMNS, `${P}.unknownColumns`);

/** A domain problem as a reason a file can act on. */
function problemReason(problem: AnswerProblem): RowProblem {
  if (problem.key === 'notOneOf')
    return {
      field: problem.question,
      key: 'imports.reasons.notOneOf',
      params: { value: problem.params.value!, values: problem.params.options! },
    };
  return { field: problem.question, key: `${P}.${problem.key}`, params: problem.params };
}

interface ImportContext {
  tx: Tx;
  areas: Map<string, string>;
  /** Area and year of each row already taken, with its row number. */
  seen: Map<string, number>;
  questions: Map<number, Question[]>;
  write: (response: { areaId: string; year: number; answers: never }) => Promise<RecordOutcome>;
}

async function importRow(fields: Record<string, string>, row: number, context: ImportContext) {
  const problems: RowProblem[] = [];
  const areaText = (fields.area ?? '').trim();
  const areaId = context.areas.get(areaText.toLowerCase());
  if (!areaText) problems.push({ field: 'area', key: 'imports.reasons.required' });
  else if (!areaId)
    problems.push({ field: 'area', key: `${P}.areaUnknown`, params: { value: areaText } });
  const year = readSurveyYear(fields.year);
  if (year === null)
    problems.push({
      field: 'year',
      key: (fields.year ?? '').trim() ? `${P}.year` : 'imports.reasons.required',
      params: { value: (fields.year ?? '').trim() },
    });
  const asked = year ?? new Date().getFullYear();
  const questions = context.questions.get(asked) ?? (await questionsFor(context.tx, asked));
  context.questions.set(asked, questions);
  const read = readAnswers(questions, fields);
  if (!read.ok) problems.push(...read.problems.map(problemReason));
  const key = `${areaId}:${year}`;
  const earlier = context.seen.get(key);
  if (areaId && year !== null && earlier !== undefined)
    problems.push({ key: `${P}.repeated`, params: { row: earlier, area: areaId, year } });
  if (problems.length > 0 || !read.ok || !areaId || year === null)
    return { outcome: 'reject', problems } satisfies RowOutcome;
  context.seen.set(key, row);
  const outcome = await context.write({ areaId, year, answers: read.answers as never });
  return { outcome } satisfies RowOutcome;
}

/**
 * Reads the file and records each good row through `write`, in the caller's transaction (which
 * a dry run rolls back).
 */
export async function importProvisionRows(
  tx: Tx,
  input: Readable,
  options: { dryRun: boolean; write: ImportContext['write'] },
): Promise<ProvisionImportSummary> {
  const context = { tx, seen: new Map(), questions: new Map(), write: options.write };
  return importAreaRows(
    tx,
    input,
    { read: readProvisionHeader, emptyKey: `${P}.empty`, dryRun: options.dryRun },
    (fields, row, areas) => importRow(fields, row, { ...context, areas }),
  );
}
