// Reading and writing survey responses. A response is never changed: a later one for the same
// area and year supersedes it, so every earlier answer stays on record.
import { randomUUID } from 'node:crypto';
import type { Tx } from '../../../db/actor-context.js';
import type { ProvisionResponsesTable } from '../../../db/schema.js';
import {
  defaultAgencyOptions,
  QUESTION_IDS,
  sameAnswers,
  surveyQuestions,
  type Answers,
} from '../../../domain/provision-survey.js';

type ResponseRow = Pick<ProvisionResponsesTable, (typeof QUESTION_IDS)[number]>;

export function answersOf(row: ResponseRow): Answers {
  return Object.fromEntries(QUESTION_IDS.map((id) => [id, row[id] ?? null])) as Answers;
}

/** The agencies a survey year offers: its setting, or the default for the year. */
export async function agencyOptions(tx: Tx, year: number): Promise<string[]> {
  const row = await tx
    .selectFrom('provision_survey_years')
    .select('agency_options')
    .where('year', '=', year)
    .executeTakeFirst();
  return row?.agency_options ?? defaultAgencyOptions(year);
}

export async function questionsFor(tx: Tx, year: number) {
  return surveyQuestions(await agencyOptions(tx, year));
}

export type RecordOutcome = 'created' | 'replaced' | 'unchanged';

/** How a national record was given: on the form or in a file, by whom, and when. */
export interface Recorded {
  source: 'form' | 'import';
  fileName?: string;
  recordedBy: string | null;
  recordedByName: string;
  at: Date;
}

/** The columns that say how a record was given. */
export const recordedColumns = (given: Recorded) => ({
  source: given.source,
  file_name: given.fileName ?? null,
  recorded_by: given.recordedBy,
  recorded_by_name: given.recordedByName,
  recorded_at: given.at,
});

/**
 * Writes a national record as the area's current one, keeping the one it replaces: that one
 * stops being current before its successor is written (one current record per area and year or
 * month); the reference to the successor is checked at commit.
 */
export async function supersede(
  tx: Tx,
  table: 'provision_responses' | 'victims_informed_returns',
  record: { current: { id: string } | undefined; at: Date },
  insert: (id: string) => Promise<unknown>,
): Promise<RecordOutcome> {
  const id = randomUUID();
  if (record.current)
    await tx
      .updateTable(table)
      .set({ superseded_at: record.at, superseded_by: id })
      .where('id', '=', record.current.id)
      .execute();
  await insert(id);
  return record.current ? 'replaced' : 'created';
}

export interface ResponseToRecord extends Recorded {
  areaId: string;
  year: number;
  answers: Answers;
}

/** Saves a response as the area's current one for the year, unless it answers the same. */
export async function recordResponse(tx: Tx, response: ResponseToRecord): Promise<RecordOutcome> {
  const current = await tx
    .selectFrom('provision_responses')
    .select(['id', ...QUESTION_IDS])
    .where('area_id', '=', response.areaId)
    .where('year', '=', response.year)
    .where('superseded_at', 'is', null)
    .forUpdate()
    .executeTakeFirst();
  if (current && sameAnswers(answersOf(current), response.answers)) return 'unchanged';
  const answers = response.answers as Record<string, unknown>;
  return supersede(tx, 'provision_responses', { current, at: response.at }, (id) =>
    tx
      .insertInto('provision_responses')
      .values({
        id,
        area_id: response.areaId,
        year: response.year,
        ...(Object.fromEntries(QUESTION_IDS.map((q) => [q, answers[q] ?? null])) as ResponseRow),
        ...recordedColumns(response),
      })
      .execute(),
  );
}

/** Each area's current response for a year. */
export async function currentResponses(tx: Tx, year: number) {
  const rows = await tx
    .selectFrom('provision_responses')
    .selectAll()
    .where('year', '=', year)
    .where('superseded_at', 'is', null)
    .orderBy('area_id')
    .execute();
  return rows.map((row) => ({
    areaId: row.area_id,
    answers: answersOf(row),
    source: row.source,
    recordedAt: row.recorded_at,
  }));
}

/** Every response an area has given, newest first, current or not. */
export async function areaResponses(tx: Tx, areaId: string) {
  const rows = await tx
    .selectFrom('provision_responses')
    .selectAll()
    .where('area_id', '=', areaId)
    .orderBy('year', 'desc')
    .orderBy('recorded_at', 'desc')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    year: row.year,
    answers: answersOf(row),
    current: row.superseded_at === null,
    source: row.source,
    fileName: row.file_name,
    recordedByName: row.recorded_by_name,
    recordedAt: row.recorded_at,
  }));
}

/** The survey years that have a response or a setting, newest first. */
export async function surveyYears(tx: Tx): Promise<number[]> {
  const rows = await tx
    .selectFrom('provision_responses')
    .select('year')
    .union(tx.selectFrom('provision_survey_years').select('year'))
    .execute();
  return [...new Set(rows.map((r) => r.year))].sort((a, b) => b - a);
}

/** The 43 police force areas, by name. */
export async function areaList(tx: Tx): Promise<{ id: string; name: string }[]> {
  return tx.selectFrom('areas').select(['id', 'name']).orderBy('name').execute();
}
