// waymark import referrals FILE --service SLUG [--dry-run]
import type { Command } from '../../cli/command.js';
import { importCommand, type FileImporter } from '../../cli/import-command.js';

/** Imports the file in one job, then hands on the rejected rows the job kept. */
const importReferrals: FileImporter = async (services, actor, file, { dryRun, reject }) => {
  const started = await services.imports.start(actor, file, { dryRun });
  const summary = await started.run();
  if (summary.rejected > 0) {
    const { lines } = await services.imports.rejects(actor, summary.jobId, { audit: false });
    for await (const line of lines) await reject(line);
    await services.imports.discardRejects(actor, summary.jobId);
  }
  return summary;
};

export const IMPORT_COMMANDS: Command[] = [
  importCommand({
    kind: 'referrals',
    summary: 'Import referrals from a CSV file into an RJ service',
    columns: ['is a CSV file in UTF-8 whose first row names the columns (see README.md)'],
    importFile: importReferrals,
  }),
];
