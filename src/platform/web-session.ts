// Who is signed in: the session cookie holds a random token; the sessions table holds its hash.
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ResumeResult } from '../domain/sessions.js';

export const SESSION_COOKIE = 'waymark_session';

const SKIP = ['/assets/', '/health', '/ping', '/api/'];

/** What the web session needs of the sessions: to look a token up (the auth feature's service). */
export interface SessionLookup {
  resume(token: string): Promise<ResumeResult>;
}

export function setUpWebSession(app: FastifyInstance, sessions: SessionLookup) {
  app.decorateRequest('user', null);
  app.decorateRequest('actor', null);
  app.decorateRequest('sessionEnded', null);
  app.addHook('onRequest', async (request, reply) => {
    if (SKIP.some((prefix) => request.url.startsWith(prefix))) return;
    const token = request.cookies[SESSION_COOKIE];
    if (!token) return;
    const resumed = await sessions.resume(token);
    if (resumed.state !== 'active') {
      clearSessionCookie(reply);
      if (resumed.state !== 'unknown') request.sessionEnded = resumed.state;
      return;
    }
    request.user = resumed.user;
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
  reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: 'auto',
  });
}

export function clearSessionCookie(reply: FastifyReply) {
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
}
