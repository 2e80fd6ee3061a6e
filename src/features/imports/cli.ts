// waymark import referrals FILE --service SLUG [--dry-run]
import { createReadStream, createWriteStream } from 'node:fs';
import { rename, rm, stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { operator, type Command } from '../../cli/command.js';
import { UsageError, withServices } from '../../cli/runtime.js';
import { isAppError } from '../../platform/errors.js';
import { translator } from '../../platform/i18n/index.js';
import type { Services } from '../../services.js';
import { BOM } from './csv.js';
import { fileProblem, isFileProblem } from './problems.js';
import type { ImportSummary } from './service.js';

const t = translator('en');
const NAME = 'import referrals';

/** The file, if it can be read at all: checked before the database is opened. */
async function readableFile(file: string): Promise<number> {
  try {
    const info = await stat(file);
    if (info.isDirectory()) throw Object.assign(new Error('folder'), { code: 'EISDIR' });
    return info.size;
  } catch (error) {
    const code = (error as { code?: string }).code;
    throw fileProblem(
      ['ENOENT', 'EACCES', 'EISDIR', 'EPERM'].includes(code ?? '')
        ? `imports.errors.file.${code}`
        : 'imports.errors.file.other',
    );
  }
}

/** FILE.rejects.csv: the rejected rows with their reasons, or no file when none was rejected. */
async function writeRejects(
  services: Services,
  actor: ReturnType<typeof operator>,
  summary: ImportSummary,
  rejectsPath: string,
) {
  if (summary.rejected === 0) {
    await rm(rejectsPath, { force: true });
    return;
  }
  const { lines } = await services.imports.rejects(actor, summary.jobId, { audit: false });
  const partial = `${rejectsPath}.partial`;
  async function* withBom() {
    yield BOM;
    yield* lines;
  }
  await pipeline(Readable.from(withBom()), createWriteStream(partial, { mode: 0o600 }));
  await rename(partial, rejectsPath);
  await services.imports.discardRejects(actor, summary.jobId);
}

export function summaryLine(summary: ImportSummary): string {
  return t(summary.dryRun ? 'imports.cli.dryRunSummary' : 'imports.cli.summary', {
    imported: summary.imported,
    rejected: summary.rejected,
    duplicates: summary.duplicates,
  });
}

export const IMPORT_COMMANDS: Command[] = [
  {
    name: NAME,
    summary: 'Import referrals from a CSV file into an RJ service',
    usage: [
      'waymark import referrals FILE --service SLUG [--dry-run]',
      '  FILE is a CSV file in UTF-8 whose first row names the columns (see README.md)',
      '  SLUG is the receiving RJ service (see waymark orgs list --kind rj_service)',
      '  --dry-run checks every row and reports, importing nothing',
      '  Rejected rows are written to FILE.rejects.csv, each with its reasons',
    ].join('\n'),
    options: { service: { type: 'string' }, 'dry-run': { type: 'boolean' } },
    required: ['service'],
    positionals: 1,
    async run(context, flags, positionals) {
      const file = positionals[0]!;
      try {
        const size = await readableFile(file);
        return await withServices(context, NAME, async (services) => {
          const service = await services.imports
            .findRjService(String(flags.service))
            .catch((error: unknown) => {
              if (!isAppError(error)) throw error;
              throw new UsageError(t(error.messageKey, error.params));
            });
          const actor = operator('command line', service.id);
          const started = await services.imports.start(
            actor,
            { name: file, size, open: () => createReadStream(file) },
            { dryRun: flags['dry-run'] === true },
          );
          const summary = await started.run();
          await writeRejects(services, actor, summary, `${file}.rejects.csv`);
          context.out(summaryLine(summary));
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
