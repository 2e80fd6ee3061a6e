// The steps every `waymark import …` command shares, so each says the same things the same way
// (files.ts reads and writes the files): the RJ service found by its short name (an
// unknown one is a usage error), the summary line, and a file that cannot be read reported
// as `waymark import …: FILE: reason` with exit code 1.
import { UsageError, type Output } from '../../cli/output.js';
import { isAppError } from '../../platform/errors.js';
import { translator } from '../../platform/i18n/index.js';
import { isFileProblem } from './problems.js';
import type { ImportService } from './service.js';

const t = translator('en');

/** The RJ service the rows go into; an unknown short name is the caller's mistake. */
export function rjServiceNamed(
  services: { imports: Pick<ImportService, 'findRjService'> },
  slug: string,
) {
  return services.imports.findRjService(slug).catch((error: unknown) => {
    if (!isAppError(error)) throw error;
    throw new UsageError(t(error.messageKey, error.params));
  });
}

/** What an import did, in one line (what it would have done, for a dry run). */
export function importSummaryLine(summary: {
  dryRun: boolean;
  imported: number;
  rejected: number;
  duplicates: number;
}): string {
  return t(summary.dryRun ? 'imports.cli.dryRunSummary' : 'imports.cli.summary', {
    imported: summary.imported,
    rejected: summary.rejected,
    duplicates: summary.duplicates,
  });
}

/** A file that could not be read, said on stderr with exit code 1; anything else thrown on. */
export function fileFailed(output: Output, command: string, file: string, error: unknown): number {
  if (!isFileProblem(error)) throw error;
  output.err(`waymark ${command}: ${file}: ${t(error.messageKey, error.params)}`);
  return 1;
}
