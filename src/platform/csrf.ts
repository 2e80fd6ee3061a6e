// Every state-changing form carries a CSRF token tied to a signed secret cookie. The JSON API
// is exempt: it takes no cookies, only a bearer token.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import csrfProtection from '@fastify/csrf-protection';

export const CSRF_COOKIE = 'waymark_csrf';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export async function setUpCsrf(app: FastifyInstance) {
  await app.register(csrfProtection, {
    cookieKey: CSRF_COOKIE,
    cookieOpts: { path: '/', sameSite: 'lax', httpOnly: true, signed: true, secure: 'auto' },
    getToken: formToken,
  });
  app.addHook('preHandler', (request, reply, done) => {
    if (SAFE_METHODS.has(request.method) || request.url.startsWith('/api/')) return done();
    app.csrfProtection(request, reply, done);
  });
}

/**
 * The token a request sent: the form's `_csrf` field, or for a file upload (multipart, whose
 * body only the route reads) the `_csrf` in the form's action, so it is checked before the
 * file is read; otherwise a header, as @fastify/csrf-protection reads by default.
 */
function formToken(request: FastifyRequest): string | undefined {
  const body = request.body as { _csrf?: unknown } | undefined;
  if (typeof body?._csrf === 'string') return body._csrf;
  if (request.headers['content-type']?.toLowerCase().startsWith('multipart/form-data')) {
    const query = request.query as { _csrf?: unknown } | undefined;
    if (typeof query?._csrf === 'string') return query._csrf;
  }
  const header = ['csrf-token', 'xsrf-token', 'x-csrf-token', 'x-xsrf-token']
    .map((name) => request.headers[name])
    .find((value) => typeof value === 'string');
  return header as string | undefined;
}

/** A new secret at sign-in and sign-out, so a token from before cannot be replayed after. */
export function rotateCsrfSecret(reply: FastifyReply) {
  reply.clearCookie(CSRF_COOKIE, { path: '/' });
}
