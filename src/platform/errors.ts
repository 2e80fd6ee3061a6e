// One error type for everything a user can cause: it carries a translation key for the user
// and, optionally, an internal message for the log. Anything else is a 500 with a generic page.
import type { Params } from './i18n/index.js';

export type ErrorKind =
  | 'bad_request'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'validation'
  | 'too_many_requests'
  | 'payload_too_large';

const STATUS: Record<ErrorKind, number> = {
  bad_request: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  validation: 400,
  too_many_requests: 429,
  payload_too_large: 413,
};

export interface FieldError {
  /** The form field or JSON property path, e.g. "victim.surname". */
  field: string;
  /** Translation key of the message. */
  key: string;
  params?: Params;
}

export class AppError extends Error {
  readonly kind: ErrorKind;
  readonly messageKey: string;
  readonly params: Params | undefined;
  readonly fieldErrors: FieldError[];

  constructor(
    kind: ErrorKind,
    messageKey: string,
    options: { params?: Params; fieldErrors?: FieldError[]; internal?: string } = {},
  ) {
    super(options.internal ?? `${kind}: ${messageKey}`);
    this.name = 'AppError';
    this.kind = kind;
    this.messageKey = messageKey;
    this.params = options.params;
    this.fieldErrors = options.fieldErrors ?? [];
  }

  get statusCode(): number {
    return STATUS[this.kind];
  }
}

export const notFound = () => new AppError('not_found', 'errors.notFound.title');
export const forbidden = () => new AppError('forbidden', 'errors.forbidden.title');
export const validationFailed = (fieldErrors: FieldError[]) =>
  new AppError('validation', 'errors.validation.title', { fieldErrors });

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}

/** PostgreSQL's unique_violation, whichever driver raised it. */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  const e = error as { code?: string; constraint?: string } | undefined;
  return e?.code === '23505' && (constraint === undefined || e.constraint === constraint);
}

/** Refuses a date after today: when something happened cannot be in the future. */
export function refuseFutureDate(date: string | undefined, today: string, field: string): void {
  if (date && date > today) throw validationFailed([{ field, key: 'validation.dateInFuture' }]);
}
