// waymark import satisfaction FILE --service SLUG [--dry-run]
import { createReadStream } from 'node:fs';
import { operator, type Command } from '../../../../cli/command.js';
import { withServices } from '../../../../cli/runtime.js';
import {
  fileFailed,
  importSummaryLine,
  requireReadable,
  rjServiceNamed,
  writeRejectsFile,
} from '../../../imports/index.js';

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
          const service = await rjServiceNamed(services, String(flags.service));
          const actor = operator('command line', service.id);
          const summary = await services.feedback.import.run(
            actor,
            { open: () => createReadStream(file) },
            { dryRun: flags['dry-run'] === true },
          );
          await writeRejectsFile(`${file}.rejects.csv`, summary.rejects, summary.rejects.length);
          context.out(importSummaryLine(summary));
          return 0;
        });
      } catch (error) {
        return fileFailed(context, NAME, file, error);
      }
    },
  },
];
