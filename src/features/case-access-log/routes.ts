import type { FastifyInstance } from 'fastify';
import type { WithServices } from '../../services.js';
import { requireCapability } from '../../platform/guards.js';
import type { Translate } from '../../platform/i18n/index.js';

/** "case.viewed" → "Viewed the case"; an action without words of its own shows its code. */
export function describeAction(t: Translate, action: string): { text: string; known: boolean } {
  const key = `caseAccessLog.actions.${action.replace(/\./g, '_')}`;
  const text = t(key);
  return text === key ? { text: action, known: false } : { text, known: true };
}

export async function caseAccessLogRoutes(app: FastifyInstance, { services }: WithServices) {
  const guard = requireCapability(services.access, 'manage_service', 'case.access_log_page');

  app.get('/cases/:id/seen-by', { preHandler: guard }, async (request, reply) => {
    const { id } = request.params as { id: string };
    const log = await services.caseAccessLog.list(request.actor!, id, request.query);
    const t = request.t;
    const link = (page: number) => `/cases/${log.caseId}/seen-by?page=${page}`;
    const who = (row: { userName: string | null; userRole: string | null; via?: unknown }) =>
      row.userName
        ? `${row.userName} (${t(`roles.${row.userRole}`)})`
        : t('caseAccessLog.system', { via: String(row.via ?? t('caseAccessLog.unknown')) });
    return reply.view('case-access-log/views/list.njk', {
      log,
      people: log.people.map((row) => ({ ...row, who: who(row) })),
      events: log.events.map((event) => ({
        ...event,
        who: who({ ...event, via: (event.details as Record<string, unknown>).via }),
        what: describeAction(t, event.action),
      })),
      previousPage: log.page > 1 ? link(log.page - 1) : undefined,
      nextPage: log.hasNextPage ? link(log.page + 1) : undefined,
    });
  });
}
