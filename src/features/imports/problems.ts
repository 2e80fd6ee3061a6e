// Why a file cannot be imported at all: one error, naming the problem for the person (the web
// page shows it at the file field, the command line prints it).
import { AppError } from '../../platform/errors.js';
import type { Params } from '../../platform/i18n/index.js';

export function fileProblem(key: string, params?: Params): AppError {
  return new AppError('validation', key, { params, fieldErrors: [{ field: 'file', key, params }] });
}

/** Whether an error is a problem with the file (shown to the person) rather than a fault. */
export function isFileProblem(error: unknown): error is AppError {
  return (
    error instanceof AppError &&
    error.kind === 'validation' &&
    error.fieldErrors.length === 1 &&
    error.fieldErrors[0]!.field === 'file'
  );
}
