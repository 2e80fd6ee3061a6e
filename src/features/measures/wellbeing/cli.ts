// waymark import wellbeing FILE --service SLUG [--dry-run]: the same output, rejects file and
// exit codes as waymark import referrals.
import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { once } from 'node:events';
import { operator, type Command } from '../../../cli/command.js';
import { withServices, type Output } from '../../../cli/runtime.js';
import type { Services } from '../../../services.js';
import { BOM } from '../../imports/index.js';
import {
  fileFailed,
  importSummaryLine,
  requireReadable,
  rjServiceNamed,
} from '../../imports/index.js';

const NAME = 'import wellbeing';

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
    const service = await rjServiceNamed(services, options.service);
    const summary = await services.wellbeing.importCsv(
      operator('command line', service.id),
      () => createReadStream(file),
      { dryRun: options.dryRun, reject: rejects.write },
    );
    await rejects.keep(summary.rejected);
    output.out(importSummaryLine(summary));
    return 0;
  } catch (error) {
    await rejects.discard();
    return fileFailed(output, NAME, file, error);
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
        return fileFailed(context, NAME, file, error);
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
