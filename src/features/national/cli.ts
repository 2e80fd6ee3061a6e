// The national imports at the command line, run by the operator for every area:
//   waymark import provision FILE [--dry-run]         provision survey responses
//   waymark import victims-informed FILE [--dry-run]  monthly Victims' Code returns
//   waymark import populations FILE [--dry-run]       the population of each area
// Each prints one line, writes FILE.rejects.csv when rows were rejected, and exits 0 when the
// file was processed, 1 when it could not be (nothing written).
import { createReadStream, type ReadStream } from 'node:fs';
import { operator, type Command } from '../../cli/command.js';
import { withServices } from '../../cli/runtime.js';
import type { SystemActor } from '../../domain/roles.js';
import { translator } from '../../platform/i18n/index.js';
import type { Services } from '../../services.js';
import { requireReadable, writeRejectsFile, fileProblem, isFileProblem } from '../imports/index.js';
import {
  MAX_NATIONAL_FILE_BYTES,
  MAX_NATIONAL_FILE_TEXT,
  type NationalImportSummary,
} from './import-run.js';
import { REPORT_COMMANDS } from './provision/cli.js';

const t = translator('en');

type Importer = (
  services: Services,
  actor: SystemActor,
  open: () => ReadStream,
  options: { fileName: string; dryRun: boolean },
) => Promise<NationalImportSummary>;

export function nationalSummaryLine(summary: NationalImportSummary): string {
  return t(summary.dryRun ? 'national.imports.cli.dryRunSummary' : 'national.imports.cli.summary', {
    created: summary.created,
    replaced: summary.replaced,
    unchanged: summary.unchanged,
    rejected: summary.rejected,
  });
}

function importCommand(options: {
  what: string;
  summary: string;
  columns: string[];
  run: Importer;
}): Command {
  const name = `import ${options.what}`;
  return {
    name,
    summary: options.summary,
    usage: [
      `waymark ${name} FILE [--dry-run]`,
      '  FILE is a CSV file in UTF-8 whose first row names the columns:',
      ...options.columns.map((line) => `    ${line}`),
      '  --dry-run checks every row and reports, importing nothing',
      '  Rejected rows are written to FILE.rejects.csv, each with its reasons',
    ].join('\n'),
    options: { 'dry-run': { type: 'boolean' } },
    positionals: 1,
    async run(context, flags, positionals) {
      const file = positionals[0]!;
      try {
        const size = await requireReadable(file);
        if (size > MAX_NATIONAL_FILE_BYTES)
          throw fileProblem('national.imports.tooLarge', { size: MAX_NATIONAL_FILE_TEXT });
        return await withServices(context, name, async (services) => {
          const summary = await options.run(
            services,
            operator('command line'),
            () => createReadStream(file),
            { fileName: file, dryRun: flags['dry-run'] === true },
          );
          await writeRejectsFile(`${file}.rejects.csv`, summary.rejects, summary.rejected);
          context.out(nationalSummaryLine(summary));
          return 0;
        });
      } catch (error) {
        if (!isFileProblem(error)) throw error;
        context.err(`waymark ${name}: ${file}: ${t(error.messageKey, error.params)}`);
        return 1;
      }
    },
  };
}

export const NATIONAL_COMMANDS: Command[] = [
  importCommand({
    what: 'provision',
    summary: 'Import provision survey responses (a row per police force area and year) from CSV',
    columns: [
      'area, year, respondent, provider, delivery_model, agencies, offender_initiated, sv_da,',
      'measures, challenges, expanding, rsqm, rj_spend_gbp, victims_budget_gbp, beyond_rj',
      '(see README.md); a list holds values separated by ";", or "none" for none of them',
    ],
    run: (services, actor, open, options) => services.provision.importCsv(actor, open, options),
  }),
  importCommand({
    what: 'victims-informed',
    summary: "Import monthly Victims' Code returns: victims, and how many were told about RJ",
    columns: [
      'area, month (YYYY-MM), victims (all victims of crime recorded in the month) and',
      'told_about_rj (how many of them were told about restorative justice)',
    ],
    run: (services, actor, open, options) =>
      services.victimsInformed.importCsv(actor, open, options),
  }),
  importCommand({
    what: 'populations',
    summary: 'Import the population of each police force area, for rates per 100,000 people',
    columns: ['area, year, population and source (where the figure comes from)'],
    run: (services, actor, open, options) => services.populations.importCsv(actor, open, options),
  }),
  ...REPORT_COMMANDS,
];
