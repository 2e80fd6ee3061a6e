// waymark import referrals FILE --service SLUG [--dry-run]
import { createReadStream, createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { operator, type Command } from '../../cli/command.js';
import { withServices } from '../../cli/runtime.js';
import type { Services } from '../../services.js';
import { BOM } from './csv.js';
import { fileFailed, importSummaryLine, rjServiceNamed } from './cli-steps.js';
import { requireReadable } from './files.js';
import type { ImportSummary } from './service.js';

const NAME = 'import referrals';

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
        const size = await requireReadable(file);
        return await withServices(context, NAME, async (services) => {
          const service = await rjServiceNamed(services, String(flags.service));
          const actor = operator('command line', service.id);
          const started = await services.imports.start(
            actor,
            { name: file, size, open: () => createReadStream(file) },
            { dryRun: flags['dry-run'] === true },
          );
          const summary = await started.run();
          await writeRejects(services, actor, summary, `${file}.rejects.csv`);
          context.out(importSummaryLine(summary));
          return 0;
        });
      } catch (error) {
        return fileFailed(context, NAME, file, error);
      }
    },
  },
];
