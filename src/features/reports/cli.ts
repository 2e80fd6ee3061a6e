// waymark report quarterly: the quarterly return for a police force area, as the commissioner
// downloads it, written to a file (a workbook, or a CSV of every figure).
import { writeFile } from 'node:fs/promises';
import { operator, type Command } from '../../cli/command.js';
import { UsageError, withServices } from '../../cli/runtime.js';
import { parsePeriod, periodKey } from '../../domain/report-periods.js';
import { isAppError } from '../../platform/errors.js';
import { translator } from '../../platform/i18n/index.js';
import { reportCsv } from './csv.js';
import { reportWorkbook } from './xlsx.js';

export const REPORT_COMMANDS: Command[] = [
  {
    name: 'report quarterly',
    summary: "Write a police force area's quarterly return to a file",
    usage:
      'waymark report quarterly --area AREA --quarter YYYY-QN --format csv|xlsx --out FILE\n' +
      '  AREA is a police force area id (see waymark areas); YYYY-QN a calendar quarter,\n' +
      '  such as 2026-Q2 (April to June 2026)',
    options: {
      area: { type: 'string' },
      quarter: { type: 'string' },
      format: { type: 'string' },
      out: { type: 'string' },
    },
    required: ['area', 'quarter', 'format', 'out'],
    async run(context, flags) {
      const quarter = parsePeriod(String(flags.quarter));
      if (quarter?.kind !== 'quarter')
        throw new UsageError(
          `--quarter must be a quarter such as 2026-Q2 (got "${String(flags.quarter)}")`,
        );
      const format = String(flags.format);
      if (format !== 'csv' && format !== 'xlsx')
        throw new UsageError(`--format must be csv or xlsx (got "${format}")`);
      const area = String(flags.area);
      const written = await withServices(context, 'report quarterly', async (services) => {
        const report = await services.reports
          .areaReport(
            operator('command line'),
            area,
            { period: periodKey(quarter) },
            'report.downloaded',
          )
          .catch((error: unknown) => {
            if (isAppError(error) && error.kind === 'not_found')
              throw new UsageError(
                `--area: there is no police force area "${area}" (see waymark areas)`,
              );
            throw error;
          });
        const content =
          format === 'csv'
            ? reportCsv(report)
            : await reportWorkbook(report, translator('en'), services.baseUrl);
        await writeFile(String(flags.out), content);
        return report;
      });
      context.out(
        `Wrote the quarterly return for ${written.area!.name}, ${written.periodLabel} (${written.services.length} ${written.services.length === 1 ? 'service' : 'services'}), to ${String(flags.out)}.`,
      );
      return 0;
    },
  },
];
