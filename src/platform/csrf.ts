// Every state-changing form carries a CSRF token tied to a signed secret cookie. The JSON API
// is exempt: it takes no cookies, only a bearer token.
import type { FastifyInstance, FastifyReply } from 'fastify';
import csrfProtection from '@fastify/csrf-protection';

export const CSRF_COOKIE = 'waymark_csrf';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export async function setUpCsrf(app: FastifyInstance) {
  await app.register(csrfProtection, {
    cookieKey: CSRF_COOKIE,
    cookieOpts: { path: '/', sameSite: 'lax', httpOnly: true, signed: true, secure: 'auto' },
  });
  app.addHook('preHandler', (request, reply, done) => {
    if (SAFE_METHODS.has(request.method) || request.url.startsWith('/api/')) return done();
    app.csrfProtection(request, reply, done);
  });
}

/** A new secret at sign-in and sign-out, so a token from before cannot be replayed after. */
export function rotateCsrfSecret(reply: FastifyReply) {
  reply.clearCookie(CSRF_COOKIE, { path: '/' });
}
