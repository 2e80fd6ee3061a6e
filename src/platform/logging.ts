// Structured JSON logs with a request id, and never personal data: no query strings (they can
// hold searched names), no cookies or tokens, no one-time link tokens in paths.
import { randomUUID } from 'node:crypto';
import type { FastifyServerOptions, RawRequestDefaultExpression } from 'fastify';
import { isUuid } from '../domain/ids.js';

const TOKEN_SEGMENT = /\/([A-Za-z0-9_-]{32,})(?=\/|$)/g;

/** The path without its query string, and with one-time tokens (not record ids) masked. */
export function safePath(url: string): string {
  return (url.split('?')[0] ?? '').replace(TOKEN_SEGMENT, (segment, value: string) =>
    isUuid(value) ? segment : '/:token',
  );
}

export function loggerOptions(level: string): FastifyServerOptions['logger'] {
  return {
    level,
    redact: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'],
    serializers: {
      req: (request: { method: string; url: string; id: string }) => ({
        id: request.id,
        method: request.method,
        path: safePath(request.url),
      }),
      res: (reply: { statusCode: number }) => ({ statusCode: reply.statusCode }),
    },
  };
}

const INCOMING_ID = /^[A-Za-z0-9._-]{8,64}$/;

/** Reuses a well-formed X-Request-Id from a proxy, so logs line up across systems. */
export function requestId(request: RawRequestDefaultExpression): string {
  const incoming = request.headers['x-request-id'];
  return typeof incoming === 'string' && INCOMING_ID.test(incoming) ? incoming : randomUUID();
}
