// One place turns errors into responses: GOV.UK error pages for people, JSON for the API, and
// never a stack trace. Anything unexpected is logged with the request id and answered with 500.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppError } from './errors.js';
import { isDatabaseUnavailable } from './database-unavailable.js';
import { isAppError } from './errors.js';
import { fillPageLocals } from './page-locals.js';

const ERROR_TEMPLATES: Record<number, string> = {
  400: 'errors/bad-request.njk',
  403: 'errors/forbidden.njk',
  404: 'errors/not-found.njk',
  413: 'errors/bad-request.njk',
  429: 'errors/too-many-requests.njk',
  500: 'errors/server-error.njk',
  503: 'errors/service-unavailable.njk',
};

function wantsJson(request: FastifyRequest): boolean {
  return request.url.startsWith('/api/') || request.url === '/health';
}

export function renderErrorPage(
  request: FastifyRequest,
  reply: FastifyReply,
  status: number,
  extra: Record<string, unknown> = {},
) {
  fillPageLocals(request, reply);
  const template = ERROR_TEMPLATES[status] ?? ERROR_TEMPLATES[status >= 500 ? 500 : 400]!;
  return reply
    .code(status)
    .type('text/html')
    .view(template, { status, ...extra });
}

function apiError(
  reply: FastifyReply,
  status: number,
  code: string,
  message: string,
  fields?: unknown,
) {
  return reply.code(status).send({ error: { code, message, ...(fields ? { fields } : {}) } });
}

export function setUpErrorPages(app: FastifyInstance) {
  app.setNotFoundHandler((request, reply) => {
    if (wantsJson(request)) return apiError(reply, 404, 'not_found', 'Not found');
    return renderErrorPage(request, reply, 404);
  });

  app.setErrorHandler((error: FastifyError | AppError, request, reply) => {
    if (isAppError(error)) {
      if (error.kind === 'unauthenticated' && !wantsJson(request)) {
        return reply.redirect(`/sign-in?returnTo=${encodeURIComponent(request.url)}`);
      }
      if (wantsJson(request)) {
        const fields = error.fieldErrors.map((f) => ({
          field: f.field,
          message: request.t(f.key, f.params),
        }));
        return apiError(
          reply,
          error.statusCode,
          error.kind,
          request.t(error.messageKey, error.params),
          fields.length ? fields : undefined,
        );
      }
      return renderErrorPage(request, reply, error.statusCode, {
        messageKey: error.messageKey,
        params: error.params,
      });
    }

    if (isDatabaseUnavailable(error)) {
      // Nothing was half written: the transaction never committed. The pool reconnects by itself.
      request.log.warn({ err: error }, 'database unavailable');
      reply.header('retry-after', '30');
      if (wantsJson(request))
        return apiError(
          reply,
          503,
          'service_unavailable',
          'The service is unavailable; try again later',
        );
      return renderErrorPage(request, reply, 503);
    }
    const status = typeof error.statusCode === 'number' ? error.statusCode : 500;
    if (status >= 500) {
      request.log.error({ err: error }, 'request failed');
      if (wantsJson(request)) return apiError(reply, 500, 'server_error', 'Something went wrong');
      return renderErrorPage(request, reply, 500);
    }
    // Mistakes the framework catches before our code runs: a bad body, an expired form token,
    // too many requests. The user gets a plain explanation, the log a warning.
    request.log.warn({ code: error.code, status }, 'request refused');
    const csrf = error.code?.startsWith('FST_CSRF');
    if (wantsJson(request))
      return apiError(reply, status, error.code ?? 'bad_request', error.message);
    return renderErrorPage(request, reply, status, csrf ? { messageKey: 'errors.csrf.body' } : {});
  });
}
