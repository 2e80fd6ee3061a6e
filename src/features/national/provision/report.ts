// A survey year's results as a file: CSV (question,option,count,answered,skipped,percent) or
// JSON with the amounts and the areas that did not respond. The page, the download and
// `waymark report provision` all write them from the same results.
import { stringify } from 'csv-stringify/sync';
import { resultRows, type SurveyResults } from '../../../domain/provision-results.js';

export const REPORT_FORMATS = ['csv', 'json'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export const REPORT_COLUMNS = ['question', 'option', 'count', 'answered', 'skipped', 'percent'];

export function provisionCsv(results: SurveyResults): string {
  const rows = resultRows(results).map((r) => [
    r.question,
    r.option,
    r.count,
    r.answered,
    r.skipped,
    r.percent ?? '',
  ]);
  return stringify([REPORT_COLUMNS, ...rows], { record_delimiter: '\r\n' });
}

export function provisionJson(results: SurveyResults, areaNames: ReadonlyMap<string, string>) {
  const area = (id: string) => ({ id, name: areaNames.get(id) ?? id });
  return `${JSON.stringify(
    {
      year: results.year,
      areas: results.responded.length + results.notResponding.length,
      responded: results.responded.map(area),
      notResponding: results.notResponding.map(area),
      questions: results.questions.map((q) => ({
        question: q.question,
        kind: q.kind,
        answered: q.answered,
        skipped: q.skipped,
        ...(q.amounts ? { amounts: q.amounts } : { options: q.options }),
      })),
    },
    null,
    2,
  )}\n`;
}
