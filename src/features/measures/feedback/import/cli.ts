// waymark import satisfaction FILE --service SLUG [--dry-run]
import { createReadStream } from 'node:fs';
import { operator, type Command } from '../../../../cli/command.js';
import { UsageError, withServices } from '../../../../cli/runtime.js';
import { isAppError } from '../../../../platform/errors.js';
import { translator } from '../../../../platform/i18n/index.js';
import { isFileProblem, requireReadable, writeRejectsFile } from '../../../imports/index.js';

const t = translator('en');
const NAME = 'import satisfaction';

export const SATISFACTION_IMPORT_COMMANDS: Command[] = [
  {
    name: NAME,
    summary: 'Import satisfaction questionnaire responses from a CSV file into an RJ service',
    usage: [
      'waymark import satisfaction FILE --service SLUG [--dry-run]',
      '  FILE is a CSV file in UTF-8 whose first row names the columns: case_reference,',
      '    participant_id, responded_on, optionally audience and questionnaire_version, and one',
      '    column per question id (see README.md)',
      '  SLUG is the RJ service (see waymark orgs list --kind rj_service)',
      '  --dry-run checks every row and reports, importing nothing',
      '  Rejected rows are written to FILE.rejects.csv, each with its reasons',
    ].join('\n'),
    options: { service: { type: 'string' }, 'dry-run': { type: 'boolean' } },
    required: ['service'],
    positionals: 1,
    async run(context, flags, positionals) {
      const file = positionals[0]!;
      try {
        await requireReadable(file);
        return await withServices(context, NAME, async (services) => {
          const service = await services.imports
            .findRjService(String(flags.service))
            .catch((error: unknown) => {
              if (!isAppError(error)) throw error;
              throw new UsageError(t(error.messageKey, error.params));
            });
          const actor = operator('command line', service.id);
          const summary = await services.feedback.import.run(
            actor,
            { open: () => createReadStream(file) },
            { dryRun: flags['dry-run'] === true },
          );
          await writeRejectsFile(`${file}.rejects.csv`, summary.rejects, summary.rejects.length);
          context.out(
            t(summary.dryRun ? 'imports.cli.dryRunSummary' : 'imports.cli.summary', {
              imported: summary.imported,
              rejected: summary.rejected,
              duplicates: summary.duplicates,
            }),
          );
          return 0;
        });
      } catch (error) {
        if (!isFileProblem(error)) throw error;
        context.err(`waymark ${NAME}: ${file}: ${t(error.messageKey, error.params)}`);
        return 1;
      }
    },
  },
];
