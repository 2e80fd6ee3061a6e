// Step-up (ADR 0019): exports of personal or case data, and changes to one's own password or
// second factor, need the password and a current code given within the last 15 minutes. A route
// asks for it in its declared policy (src/route-policies.ts, `stepUp: true`) and app.ts puts this
// one guard in front of it, so no route can forget, and a test lists them all.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { recentlyAuthenticated } from '../domain/second-factor.js';
import type { Clock } from './clock.js';
import { requireSignedIn } from './guards.js';

export const REAUTHENTICATE_PATH = '/reauthenticate';

/** Where to come back to: the page itself, or for a form sent, the page the form was on. */
function returnPathOf(request: FastifyRequest): string {
  if (request.method === 'GET') return request.url;
  const referer = request.headers.referer;
  if (!referer) return '/';
  try {
    const url = new URL(referer);
    return url.host === request.host ? url.pathname + url.search : '/';
  } catch {
    return '/';
  }
}

export function requireRecentAuthentication(clock: Clock) {
  return async function stepUp(request: FastifyRequest, reply: FastifyReply) {
    if (!request.user) return requireSignedIn(request, reply);
    if (recentlyAuthenticated(request.authenticatedAt, clock.now())) return;
    return reply.redirect(
      `${REAUTHENTICATE_PATH}?returnTo=${encodeURIComponent(returnPathOf(request))}`,
    );
  };
}
