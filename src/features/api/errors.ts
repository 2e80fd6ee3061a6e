// Every refusal the API makes, in one shape: { error: { code, message, fields? } }. The schema is
// the one the OpenAPI document shows for each error status, and the serialiser checks every
// error answer against it, as it does every success.
import type { FastifyError, FastifyInstance } from 'fastify';
import { z } from 'zod';
import { isDatabaseUnavailable } from '../../platform/database-unavailable.js';
import { isAppError, type ErrorKind } from '../../platform/errors.js';
import type { Translate } from '../../platform/i18n/index.js';
import { InvalidRequest } from './problems.js';

export const ERROR_CODES = [
  'bad_request',
  'validation',
  'unauthenticated',
  'forbidden',
  'not_found',
  'conflict',
  'payload_too_large',
  'too_many_requests',
] as const satisfies readonly ErrorKind[];

export const apiErrorSchema = z
  .strictObject({
    error: z.strictObject({
      code: z.enum(ERROR_CODES).meta({
        description:
          'validation: error.fields lists every problem; bad_request: the body is not a JSON object, or not JSON',
      }),
      message: z.string(),
      fields: z
        .array(
          z.strictObject({
            field: z.string().meta({
              description:
                'The property, with a dot before a nested one: "scores.drugs-and-alcohol"',
            }),
            message: z.string(),
          }),
        )
        .optional()
        .meta({ description: 'Every problem with the request, by field (validation only)' }),
    }),
  })
  .meta({ id: 'Error' });

export type ApiError = z.output<typeof apiErrorSchema>;

/** A documented answer: what it means, and the JSON schema of its body. */
export const answer = <S extends z.ZodType>(description: string, schema: S) => ({
  description,
  content: { 'application/json': { schema } },
});

/** The error answers every operation may give, and those that need words of their own. */
export const refusal = (description: string) => answer(description, apiErrorSchema);
export const UNAUTHENTICATED = refusal('Missing, unknown or revoked token');
export const TOO_MANY_REQUESTS = refusal('Too many requests from this token: wait and try again');
export const INVALID_BODY = refusal(
  'Invalid input: every problem is listed in error.fields (code validation); a body that is not a JSON object, or not JSON, has code bad_request',
);
export const BODY_TOO_LARGE = refusal('The body is larger than 1 MB');

/** What any operation may answer besides its own answers: no token, or too many requests. */
export const EVERY_OPERATION = { 401: UNAUTHENTICATED, 429: TOO_MANY_REQUESTS };
/** What any operation that takes a body may answer besides its own answers. */
export const EVERY_WRITE = { ...EVERY_OPERATION, 400: INVALID_BODY, 413: BODY_TOO_LARGE };

function body(code: ApiError['error']['code'], message: string, fields?: FieldAnswer[]) {
  return { error: { code, message, ...(fields?.length ? { fields } : {}) } } satisfies ApiError;
}
type FieldAnswer = { field: string; message: string };

/** The status and body the API answers an error with; anything unforeseen is a 500. */
export function apiErrorAnswer(
  error: unknown,
  t: Translate,
): {
  status: number;
  body: ApiError | { error: { code: 'server_error' | 'service_unavailable'; message: string } };
} {
  if (error instanceof InvalidRequest) {
    const { notAnObject, fieldErrors } = error.problems;
    if (notAnObject) return { status: 400, body: body('bad_request', t('api.errors.notAnObject')) };
    const fields = fieldErrors.map((f) => ({ field: f.field, message: t(f.key, f.params) }));
    return { status: 400, body: body('validation', t('errors.validation.title'), fields) };
  }
  if (isAppError(error)) {
    const fields = error.fieldErrors.map((f) => ({ field: f.field, message: t(f.key, f.params) }));
    // The services' "not found" is worded for a page; a partner system is told what it means.
    const message =
      error.kind === 'not_found' ? t('api.errors.notFound') : t(error.messageKey, error.params);
    return { status: error.statusCode, body: body(error.kind, message, fields) };
  }
  const { code, statusCode } = error as Partial<FastifyError>;
  if (code === 'FST_ERR_CTP_BODY_TOO_LARGE')
    return { status: 413, body: body('payload_too_large', t('api.errors.tooLarge')) };
  if (statusCode === 429)
    return { status: 429, body: body('too_many_requests', t('api.errors.tooManyRequests')) };
  // The body could not be read as JSON: malformed, empty, or another content type.
  if (code?.startsWith('FST_ERR_CTP_'))
    return { status: 400, body: body('bad_request', t('api.errors.notJson')) };
  if (statusCode && statusCode >= 400 && statusCode < 500)
    return { status: 400, body: body('bad_request', t('errors.badRequest.title')) };
  // Like a 500, not in each operation's documented answers: the database cannot be reached.
  if (isDatabaseUnavailable(error))
    return {
      status: 503,
      body: { error: { code: 'service_unavailable', message: t('api.errors.unavailable') } },
    };
  return {
    status: 500,
    body: { error: { code: 'server_error', message: t('api.errors.server') } },
  };
}

/** The API's own error handler: JSON always, a warning in the log for a refusal, an error for a 500. */
export function setUpApiErrors(api: FastifyInstance) {
  api.setErrorHandler((error, request, reply) => {
    const { status, body: answered } = apiErrorAnswer(error, request.t);
    if (status === 503) reply.header('retry-after', '30');
    if (status >= 500) request.log.error({ err: error }, 'request failed');
    else request.log.warn({ code: answered.error.code, status }, 'request refused');
    return reply.code(status).send(answered);
  });
}
