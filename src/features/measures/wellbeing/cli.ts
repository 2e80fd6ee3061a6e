// waymark import wellbeing FILE --service SLUG [--dry-run]: the same output, rejects file and
// exit codes as waymark import referrals.
import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { rename, rm, stat } from 'node:fs/promises';
import { once } from 'node:events';
import { operator, type Command } from '../../../cli/command.js';
import { UsageError, withServices, type Output } from '../../../cli/runtime.js';
import { isAppError } from '../../../platform/errors.js';
import { translator } from '../../../platform/i18n/index.js';
import type { Services } from '../../../services.js';
import { BOM } from '../../imports/index.js';
import { fileProblem, isFileProblem } from '../../imports/index.js';
import type { WellbeingImportSummary } from './import.js';

const t = translator('en');
const NAME = 'import wellbeing';

/** Checked before the database is opened: the file can be read at all. */
async function requireReadable(file: string) {
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

/** FILE.rejects.csv, written as rows are rejected and kept only if the import finished with some. */
class RejectsFile {
  private out: WriteStream | undefined;
  private lines = 0;
  constructor(private readonly path: string) {}

  readonly write = async (line: string) => {
    this.lines += 1;
    this.out ??= createWriteStream(`${this.path}.partial`, { mode: 0o600 });
    if (this.lines === 1) this.out.write(BOM);
    if (!this.out.write(line)) await once(this.out, 'drain');
  };

  private async closed() {
    if (!this.out) return;
    this.out.end();
    await once(this.out, 'close');
  }

  async keep(rejected: number) {
    await this.closed();
    if (rejected > 0) await rename(`${this.path}.partial`, this.path);
    else
      await Promise.all([
        rm(`${this.path}.partial`, { force: true }),
        rm(this.path, { force: true }),
      ]);
  }

  async discard() {
    await this.closed();
    await rm(`${this.path}.partial`, { force: true });
  }
}

export function wellbeingSummaryLine(summary: WellbeingImportSummary): string {
  return t(summary.dryRun ? 'imports.cli.dryRunSummary' : 'imports.cli.summary', {
    imported: summary.imported,
    rejected: summary.rejected,
    duplicates: summary.duplicates,
  });
}

/**
 * Imports FILE into the service named SLUG: 0 when the file was processed (even with rejected
 * rows), 1 when it could not be (nothing written); an unknown service is a usage error.
 */
export async function importWellbeingFile(
  services: Services,
  output: Output,
  options: { file: string; service: string; dryRun: boolean },
): Promise<number> {
  const { file } = options;
  const rejects = new RejectsFile(`${file}.rejects.csv`);
  try {
    await requireReadable(file);
    const service = await services.imports
      .findRjService(options.service)
      .catch((error: unknown) => {
        if (!isAppError(error)) throw error;
        throw new UsageError(t(error.messageKey, error.params));
      });
    const summary = await services.wellbeing.importCsv(
      operator('command line', service.id),
      () => createReadStream(file),
      { dryRun: options.dryRun, reject: rejects.write },
    );
    await rejects.keep(summary.rejected);
    output.out(wellbeingSummaryLine(summary));
    return 0;
  } catch (error) {
    await rejects.discard();
    if (!isFileProblem(error)) throw error;
    output.err(`waymark ${NAME}: ${file}: ${t(error.messageKey, error.params)}`);
    return 1;
  }
}

export const WELLBEING_COMMANDS: Command[] = [
  {
    name: NAME,
    summary: 'Import wellbeing measures (entry, exit, follow-up) from a CSV file',
    usage: [
      'waymark import wellbeing FILE --service SLUG [--dry-run]',
      '  FILE is a CSV file in UTF-8 whose first row names the columns: case_reference,',
      '    participant (harmed, harmer or a participant id), kind (entry, exit or follow_up),',
      '    taken_on, notes (optional), and one column per category of need (its key: see',
      "    the service's Settings > Wellbeing categories), each a score from 1 to 5",
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
      } catch (error) {
        if (!isFileProblem(error)) throw error;
        context.err(`waymark ${NAME}: ${file}: ${t(error.messageKey, error.params)}`);
        return 1;
      }
      return withServices(context, NAME, (services) =>
        importWellbeingFile(services, context, {
          file,
          service: String(flags.service),
          dryRun: flags['dry-run'] === true,
        }),
      );
    },
  },
];
