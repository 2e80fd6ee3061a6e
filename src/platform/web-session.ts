// Who is signed in: the session cookie holds a random token; the sessions table holds its hash.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ResumeResult } from '../domain/sessions.js';

export const SESSION_COOKIE = 'waymark_session';
/**
 * Over HTTPS the cookie is `__Host-` prefixed: browsers then accept it only when it is Secure,
 * for the whole site (Path=/) and for this host alone (no Domain), so no other site under the
 * same domain, and no page served over plain HTTP, can set or overwrite it. (Over plain HTTP,
 * in development on localhost, a browser would refuse such a cookie, so the plain name is used.)
 */
export const SECURE_SESSION_COOKIE = `__Host-${SESSION_COOKIE}`;

export function sessionCookieName(request: FastifyRequest): string {
  return request.protocol === 'https' ? SECURE_SESSION_COOKIE : SESSION_COOKIE;
}

/** The session token the request carries, under the name its scheme uses. */
export function sessionTokenOf(request: FastifyRequest): string | undefined {
  return request.cookies[sessionCookieName(request)];
}

const SKIP = ['/assets/', '/health', '/ping', '/api/'];
/** The page that warns of the end of a session (features/auth). */
export const SESSION_WARNING_PATH = '/session/ending';

/** What the web session needs of the sessions: to look a token up (the auth feature's service). */
export interface SessionLookup {
  resume(token: string, options?: { touch?: boolean }): Promise<ResumeResult>;
}

export function setUpWebSession(app: FastifyInstance, sessions: SessionLookup) {
  app.decorateRequest('user', null);
  app.decorateRequest('actor', null);
  app.decorateRequest('sessionEnded', null);
  app.decorateRequest('sessionEndsAt', null);
  app.decorateRequest('pendingUser', null);
  app.decorateRequest('authenticatedAt', null);
  app.addHook('onRequest', async (request, reply) => {
    if (SKIP.some((prefix) => request.url.startsWith(prefix))) return;
    const token = sessionTokenOf(request);
    if (!token) return;
    // Reading the sign-out warning page is not activity: it must not itself keep the session.
    const touch = !request.url.startsWith(SESSION_WARNING_PATH);
    const resumed = await sessions.resume(token, { touch });
    // A password without its second factor yet: the person may only answer it.
    if (resumed.state === 'pending') {
      request.pendingUser = resumed.user;
      return;
    }
    if (resumed.state !== 'active') {
      clearSessionCookie(reply);
      if (resumed.state !== 'unknown') request.sessionEnded = resumed.state;
      return;
    }
    request.user = resumed.user;
    request.sessionEndsAt = resumed.endsAt;
    request.authenticatedAt = resumed.authenticatedAt;
    request.actor = {
      kind: 'user',
      userId: resumed.user.userId,
      orgId: resumed.user.orgId,
      role: resumed.user.role,
      name: resumed.user.name,
      requestId: request.id,
    };
  });
}

export function setSessionCookie(reply: FastifyReply, token: string) {
  const secure = reply.request.protocol === 'https';
  reply.setCookie(secure ? SECURE_SESSION_COOKIE : SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure,
  });
}

export function clearSessionCookie(reply: FastifyReply) {
  reply.clearCookie(sessionCookieName(reply.request), { path: '/' });
}
