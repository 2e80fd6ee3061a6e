// `waymark import KIND FILE --service SLUG [--dry-run]`, declared once for every kind of row a
// service imports: the file checked readable before the database is opened, the RJ service found
// by its short name, FILE.rejects.csv written as rows are rejected (kept only when some were,
// so one left by an earlier run never stands for this one), and the summary line.
import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { rename, rm } from 'node:fs/promises';
import { operator, type Command } from './command.js';
import { withServices, type Output } from './runtime.js';
import type { SystemActor } from '../domain/roles.js';
import type { Services } from '../services.js';
import {
  BOM,
  fileFailed,
  importSummaryLine,
  requireReadable,
  rjServiceNamed,
  type ImportFile,
} from '../features/imports/index.js';

export interface ImportOptions {
  dryRun: boolean;
  /** Writes one rejected row's line (with its reasons) to FILE.rejects.csv. */
  reject(line: string): Promise<void>;
}

export type ImportCounts = Parameters<typeof importSummaryLine>[0];

/** One kind of import: reads the file into the service as `actor`, rejecting rows as it goes. */
export type FileImporter = (
  services: Services,
  actor: SystemActor,
  file: ImportFile,
  options: ImportOptions,
) => Promise<ImportCounts>;

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
 * Imports FILE into the service named `service`: 0 when the file was processed (even with
 * rejected rows), 1 when it could not be read (nothing written); an unknown service is a usage
 * error.
 */
export async function importFileAtCommandLine(
  services: Services,
  output: Output,
  command: { name: string; importFile: FileImporter },
  options: { file: string; service: string; dryRun: boolean },
): Promise<number> {
  const { file } = options;
  const rejects = new RejectsFile(`${file}.rejects.csv`);
  try {
    const size = await requireReadable(file);
    const service = await rjServiceNamed(services, options.service);
    const summary = await command.importFile(
      services,
      operator('command line', service.id),
      { name: file, size, open: () => createReadStream(file) },
      { dryRun: options.dryRun, reject: rejects.write },
    );
    await rejects.keep(summary.rejected);
    output.out(importSummaryLine(summary));
    return 0;
  } catch (error) {
    await rejects.discard();
    return fileFailed(output, command.name, file, error);
  }
}

/** The command, with its usage: `columns` says what the file's first row names. */
export function importCommand(spec: {
  kind: string;
  summary: string;
  columns: string[];
  importFile: FileImporter;
}): Command {
  const name = `import ${spec.kind}`;
  return {
    name,
    summary: spec.summary,
    usage: [
      `waymark ${name} FILE --service SLUG [--dry-run]`,
      ...spec.columns.map((line, i) => (i === 0 ? `  FILE ${line}` : `    ${line}`)),
      '  SLUG is the RJ service (see waymark orgs list --kind rj_service)',
      '  --dry-run checks every row and reports, importing nothing',
      '  Rejected rows are written to FILE.rejects.csv, each with its reasons',
    ].join('\n'),
    options: { service: { type: 'string' }, 'dry-run': { type: 'boolean' } },
    required: ['service'],
    positionals: 1,
    async run(context, flags, positionals) {
      const file = positionals[0]!;
      // A file that cannot be read is said before the database is opened.
      try {
        await requireReadable(file);
      } catch (error) {
        return fileFailed(context, name, file, error);
      }
      return withServices(context, name, (services) =>
        importFileAtCommandLine(
          services,
          context,
          { name, importFile: spec.importFile },
          { file, service: String(flags.service), dryRun: flags['dry-run'] === true },
        ),
      );
    },
  };
}
