// waymark report provision --year YEAR --format csv|json [--out FILE]
import { rename, writeFile } from 'node:fs/promises';
import { operator, type Command } from '../../../cli/command.js';
import { UsageError, withServices } from '../../../cli/runtime.js';
import { readSurveyYear } from '../../../domain/provision-survey.js';
import { provisionCsv, provisionJson, REPORT_FORMATS, type ReportFormat } from './report.js';

const REPORT = 'report provision';

export const REPORT_COMMANDS: Command[] = [
  {
    name: REPORT,
    summary: "Report a provision survey year's results: each question's options counted",
    usage: [
      'waymark report provision --year YEAR --format csv|json [--out FILE]',
      '  CSV columns: question,option,count,answered,skipped,percent (percent of the areas that',
      '    answered the question, to a whole number); JSON adds the amounts in pounds and the',
      '    areas that did not respond',
      '  --out writes the report to FILE instead of standard output',
    ].join('\n'),
    options: { year: { type: 'string' }, format: { type: 'string' }, out: { type: 'string' } },
    required: ['year', 'format'],
    async run(context, flags) {
      const year = readSurveyYear(String(flags.year));
      if (year === null)
        throw new UsageError(`--year must be a year such as 2018 (got "${String(flags.year)}")`);
      const format = String(flags.format) as ReportFormat;
      if (!REPORT_FORMATS.includes(format))
        throw new UsageError(`--format must be csv or json (got "${String(flags.format)}")`);
      const text = await withServices(context, REPORT, async (services) => {
        const { results, areaNames } = await services.provision.results(
          operator('command line'),
          year,
        );
        return format === 'csv' ? provisionCsv(results) : provisionJson(results, areaNames);
      });
      if (typeof flags.out === 'string') {
        await writeFile(`${flags.out}.partial`, text);
        await rename(`${flags.out}.partial`, flags.out);
      } else context.out(text.replace(/\r\n/g, '\n').replace(/\n$/, ''));
      return 0;
    },
  },
];
