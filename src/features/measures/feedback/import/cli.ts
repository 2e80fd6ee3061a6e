// waymark import satisfaction FILE --service SLUG [--dry-run]
import { createReadStream } from 'node:fs';
import { rename, rm, writeFile } from 'node:fs/promises';
import { operator, type Command } from '../../../../cli/command.js';
import { withServices } from '../../../../cli/runtime.js';
import { BOM } from '../../../imports/index.js';
import {
  fileFailed,
  importSummaryLine,
  readableFile,
  rjServiceNamed,
} from '../../../imports/index.js';
import type { SatisfactionImportSummary } from './service.js';

const NAME = 'import satisfaction';

/** FILE.rejects.csv: the rejected rows with their reasons, or no file when none was rejected. */
async function writeRejects(summary: SatisfactionImportSummary, path: string) {
  if (summary.rejects.length === 0) {
    await rm(path, { force: true });
    return;
  }
  await writeFile(`${path}.partial`, BOM + summary.rejects.join(''), { mode: 0o600 });
  await rename(`${path}.partial`, path);
}

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
        await readableFile(file);
        return await withServices(context, NAME, async (services) => {
          const service = await rjServiceNamed(services, String(flags.service));
          const actor = operator('command line', service.id);
          const summary = await services.feedback.import.run(
            actor,
            { open: () => createReadStream(file) },
            { dryRun: flags['dry-run'] === true },
          );
          await writeRejects(summary, `${file}.rejects.csv`);
          context.out(importSummaryLine(summary));
          return 0;
        });
      } catch (error) {
        return fileFailed(context, NAME, file, error);
      }
    },
  },
];
