// What every command gets: configuration, output streams, and a way to open the services.
import type { Config } from '../config.js';
import { openDatabase } from '../db/open.js';
import { describeCorrections } from '../db/migrate.js';
import type { AppError } from '../platform/errors.js';
import { translator } from '../platform/i18n/index.js';
import { servicesFor, type Services } from '../services.js';
import type { Database } from '../db/connect.js';
import type { Output } from './output.js';

// Kept apart in output.ts so that a feature's command steps can use them without importing the
// services (which import the features).
export { UsageError, type Output } from './output.js';

export interface CliContext extends Output {
  config: Config;
  /** Standard input, for secrets that must not appear in shell history. */
  readStdin(): Promise<string>;
}

export async function withServices<T>(
  context: CliContext,
  command: string,
  work: (services: Services, database: Database) => Promise<T>,
): Promise<T> {
  const opened = await openDatabase(context.config, command);
  if (opened.tightened) context.err(opened.tightened);
  // On stderr: a command's output may be a file piped elsewhere (a CSV, a report).
  for (const line of describeCorrections(opened.migrations)) context.err(line);
  try {
    const services = servicesFor(context.config, opened.database);
    return await work(services, opened.database);
  } finally {
    await opened.close();
  }
}

const t = translator('en');

/** A service's validation errors, written against the command's flags instead of form fields. */
export function describeFieldErrors(error: AppError, flagFor: Record<string, string> = {}): string {
  if (error.fieldErrors.length === 0) return t(error.messageKey, error.params);
  return error.fieldErrors
    .map(
      (fieldError) =>
        `${flagFor[fieldError.field] ?? `--${fieldError.field}`}: ${t(fieldError.key, fieldError.params)}`,
    )
    .join('\n');
}

/**
 * Output piped into a program that stops reading early (`waymark orgs list | head -1`) closes
 * the pipe: the rest of the output has nowhere to go, which is not a failure. Stop quietly,
 * as other command-line tools do, rather than crash with EPIPE. (Anything else is thrown on.)
 */
export function stopQuietlyWhenPipeCloses(stream: NodeJS.WriteStream, exit = process.exit) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') exit(0);
    else throw error;
  });
}
