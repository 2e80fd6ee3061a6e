// The GOV.UK "you will be signed out soon" warning (WCAG 2.2.1): a page that works without
// JavaScript, linked from every signed-in page, and the same choice in a dialog that the
// page's script opens two minutes before the end. Reading the page does not count as activity;
// choosing to stay signed in does.
import type { FastifyInstance } from 'fastify';
import type { WithServices } from '../../services.js';
import { requireSignedIn } from '../../platform/guards.js';
import { SESSION_WARNING_PATH, sessionTokenOf } from '../../platform/web-session.js';
import { safeReturnPath } from './forms.js';

const ENDING = 'auth/views/session-ending.njk';

export async function sessionWarningRoutes(app: FastifyInstance, { services }: WithServices) {
  app.get(SESSION_WARNING_PATH, async (request, reply) => {
    const query = request.query as Record<string, unknown>;
    if (!request.user) return reply.redirect('/sign-in?expired');
    return reply.view(ENDING, { returnTo: safeReturnPath(query.returnTo) });
  });

  app.post('/session/extend', { preHandler: requireSignedIn }, async (request, reply) => {
    const token = sessionTokenOf(request);
    if (token) await services.sessions.extend(token);
    const body = request.body as Record<string, unknown> | undefined;
    // The dialog's script asks for JSON; the page's form is answered with the page it came from.
    if (request.headers.accept?.includes('application/json')) return reply.send({ extended: true });
    return reply.redirect(safeReturnPath(body?.returnTo));
  });
}
