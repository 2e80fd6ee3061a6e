// waymark import satisfaction FILE --service SLUG [--dry-run]
import { createReadStream } from 'node:fs';
import { rename, rm, stat, writeFile } from 'node:fs/promises';
import { operator, type Command } from '../../../../cli/command.js';
import { UsageError, withServices } from '../../../../cli/runtime.js';
import { isAppError } from '../../../../platform/errors.js';
import { translator } from '../../../../platform/i18n/index.js';
import { BOM } from '../../../imports/index.js';
import { fileProblem, isFileProblem } from '../../../imports/index.js';
import type { SatisfactionImportSummary } from './service.js';

const t = translator('en');
const NAME = 'import satisfaction';

/** The file, if it can be read at all: checked before the database is opened. */
async function readableFile(file: string): Promise<void> {
  try {
    const info = await stat(file);
    if (info.isDirectory()) throw Object.assign(new Error('folder'), { code: 'EISDIR' });
  } catch (error) {
    const code = (error as { code?: string }).code ?? '';
    throw fileProblem(
      ['ENOENT', 'EACCES', 'EISDIR', 'EPERM'].includes(code)
        ? `imports.errors.file.${code}`
        : 'imports.errors.file.other',
    );
  }
}

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
          await writeRejects(summary, `${file}.rejects.csv`);
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
