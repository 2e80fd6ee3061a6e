// What every report page does: run the report for the period asked for, or show the period form
// again with the mistake at its field; and send a report as a CSV or workbook download.
import type { FastifyReply } from 'fastify';
import type { IsoDate } from '../../domain/calendar-dates.js';
import { periodKey, type ReportPeriod } from '../../domain/report-periods.js';
import { isAppError } from '../../platform/errors.js';
import { presentForm } from '../../platform/forms.js';
import type { Translate } from '../../platform/i18n/index.js';
import { reportCsv } from './csv.js';
import type { Report } from './model.js';
import { periodChoices } from './period-form.js';
import { presentReport } from './present.js';
import { reportWorkbook } from './xlsx.js';

export async function reportPage(t: Translate, today: IsoDate, run: () => Promise<Report>) {
  try {
    const report = await run();
    return {
      status: 200,
      report: presentReport(report, t),
      period: report.period,
      form: presentForm(t),
      choices: periodChoices(today, report.period, t),
    };
  } catch (error) {
    if (!isAppError(error) || error.kind !== 'validation') throw error;
    return {
      status: 400,
      report: undefined,
      period: undefined,
      form: presentForm(t, {}, error.fieldErrors),
      choices: periodChoices(today, undefined, t),
    };
  }
}

/** The CSV and workbook links for a report page. */
export function downloadLinks(path: string, period: ReportPeriod | undefined) {
  if (!period) return undefined;
  const query = `?period=${encodeURIComponent(periodKey(period))}`;
  return { csv: `${path}.csv${query}`, xlsx: `${path}.xlsx${query}` };
}

/** A file name for a report: what, and which period ("kent-2026-Q2.xlsx"). */
export function reportFileName(name: string, period: ReportPeriod, extension: 'csv' | 'xlsx') {
  const slug = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  return `${slug || 'report'}-${periodKey(period).replace('..', '-to-')}.${extension}`;
}

export function sendCsv(reply: FastifyReply, report: Report, fileName: string) {
  return reply
    .type('text/csv; charset=utf-8')
    .header('content-disposition', `attachment; filename="${fileName}"`)
    .send(reportCsv(report));
}

export async function sendWorkbook(
  reply: FastifyReply,
  report: Report,
  t: Translate,
  baseUrl: string,
  fileName: string,
) {
  return reply
    .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    .header('content-disposition', `attachment; filename="${fileName}"`)
    .send(await reportWorkbook(report, t, baseUrl));
}
