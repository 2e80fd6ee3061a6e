// What every page template needs: the translator, the signed-in user, navigation, the CSP
// nonce for the template's inline script, and a CSRF token for forms.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { CAPABILITIES, can } from '../domain/roles.js';
import { translator } from './i18n/index.js';
import { navigationFor } from './navigation.js';
import { SESSION_WARNING_SECONDS } from '../domain/sessions.js';
import { formatTime } from './format.js';
import { SESSION_WARNING_PATH } from './web-session.js';
import { protectiveMarking } from '../domain/protective-marking.js';

const english = translator('en');

export function setUpPageLocals(app: FastifyInstance) {
  app.decorateRequest('t', english);
  app.addHook('preHandler', async (request, reply) => {
    if (request.url.startsWith('/assets/') || request.url.startsWith('/api/')) return;
    fillPageLocals(request, reply);
  });
}

/** Safe to call more than once, and from the error handler before any hook has run. */
export function fillPageLocals(request: FastifyRequest, reply: FastifyReply) {
  if (reply.locals?.filled) return;
  const t = request.t ?? english;
  const path = request.url.split('?')[0] ?? '/';
  let csrfToken = '';
  try {
    csrfToken = reply.generateCsrf();
  } catch {
    // Before the CSRF plugin has run (a 404 for an asset, say) no form is rendered anyway.
  }
  reply.locals = {
    filled: true,
    t,
    user: request.user ?? null,
    /** Shown at the top and foot of every signed-in page (src/domain/protective-marking.ts). */
    marking: request.user ? protectiveMarking(request.user.role) : null,
    /** What the signed-in person may do, for templates that offer a link only to some. */
    capabilities: request.actor ? CAPABILITIES.filter((c) => can(request.actor!, c)) : [],
    navigation: navigationFor(request.user?.role, path, t),
    cspNonce: (reply as { cspNonce?: { script?: string } }).cspNonce?.script,
    csrfToken,
    currentPath: path,
    sessionEnding: sessionEnding(request),
  };
}

/** What the sign-out warning needs: when to warn, when the session ends, and where to go. */
function sessionEnding(request: FastifyRequest) {
  const end = request.sessionEndsAt;
  if (!request.user || !end) return null;
  return {
    reason: end.reason,
    secondsLeft: end.secondsLeft,
    warnAfter: Math.max(0, end.secondsLeft - SESSION_WARNING_SECONDS),
    endsAt: formatTime(end.at),
    warningUrl: `${SESSION_WARNING_PATH}?returnTo=${encodeURIComponent(request.url)}`,
  };
}
