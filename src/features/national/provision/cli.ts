// waymark import provision FILE [--dry-run]
// waymark report provision --year YEAR --format csv|json [--out FILE]
import { createReadStream } from 'node:fs';
import { rename, writeFile } from 'node:fs/promises';
import { operator, type Command } from '../../../cli/command.js';
import { UsageError, withServices } from '../../../cli/runtime.js';
import { readSurveyYear } from '../../../domain/provision-survey.js';
import { translator } from '../../../platform/i18n/index.js';
import { requireReadable, writeRejectsFile } from '../../imports/files.js';
import { fileProblem, isFileProblem } from '../../imports/problems.js';
import type { ProvisionImportSummary } from './import.js';
import { provisionCsv, provisionJson, REPORT_FORMATS, type ReportFormat } from './report.js';

const t = translator('en');
const IMPORT = 'import provision';
const REPORT = 'report provision';

/** A survey file holds a row per area: a megabyte is thousands of years of responses. */
export const MAX_PROVISION_BYTES = 1024 * 1024;

export function provisionSummaryLine(summary: ProvisionImportSummary): string {
  return t(
    summary.dryRun ? 'national.provision.cli.dryRunSummary' : 'national.provision.cli.summary',
    {
      created: summary.created,
      replaced: summary.replaced,
      unchanged: summary.unchanged,
      rejected: summary.rejected,
    },
  );
}

export const PROVISION_COMMANDS: Command[] = [
  {
    name: IMPORT,
    summary: 'Import provision survey responses (one row per police force area) from a CSV file',
    usage: [
      'waymark import provision FILE [--dry-run]',
      '  FILE is a CSV file in UTF-8 whose first row names the columns area, year and each',
      '    question: respondent, provider, delivery_model, agencies, offender_initiated, sv_da,',
      '    measures, challenges, expanding, rsqm, rj_spend_gbp, victims_budget_gbp, beyond_rj',
      '    (see README.md); a list holds values separated by ";", "none" for none of them',
      '  --dry-run checks every row and reports, importing nothing',
      '  Rejected rows are written to FILE.rejects.csv, each with its reasons',
    ].join('\n'),
    options: { 'dry-run': { type: 'boolean' } },
    positionals: 1,
    async run(context, flags, positionals) {
      const file = positionals[0]!;
      try {
        const size = await requireReadable(file);
        if (size > MAX_PROVISION_BYTES)
          throw fileProblem('national.provision.errors.tooLarge', { size: '1MB' });
        return await withServices(context, IMPORT, async (services) => {
          const summary = await services.provision.importCsv(
            operator('command line'),
            () => createReadStream(file),
            { fileName: file, dryRun: flags['dry-run'] === true },
          );
          await writeRejectsFile(`${file}.rejects.csv`, summary.rejects, summary.rejected);
          context.out(provisionSummaryLine(summary));
          return 0;
        });
      } catch (error) {
        if (!isFileProblem(error)) throw error;
        context.err(`waymark ${IMPORT}: ${file}: ${t(error.messageKey, error.params)}`);
        return 1;
      }
    },
  },
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
