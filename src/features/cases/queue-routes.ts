import type { FastifyInstance } from 'fastify';
import type { WithServices } from '../../services.js';
import { CASE_STAGES } from '../../domain/case-lifecycle.js';
import { requireCapability } from '../../platform/guards.js';
import { STAGE_COLOURS } from './presenters.js';
import { isDated, QUEUES, type QueueQuery } from './queues.js';

/** The address of a queue page with some of its query changed. */
function queueHref(query: QueueQuery, changes: Partial<QueueQuery>): string {
  const merged = { ...query, ...changes };
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(merged)) {
    if (value !== undefined && value !== '' && !(key === 'page' && value === 1))
      params.set(key, String(value));
  }
  return `/cases?${params.toString()}`;
}

export async function queueRoutes(app: FastifyInstance, { services }: WithServices) {
  const guard = requireCapability(services.access, 'work_cases', 'case.queue_page');

  app.get('/cases', { preHandler: guard }, async (request, reply) => {
    const result = await services.caseQueues.list(request.actor!, request.query);
    const { query, facilitators, incomingTransfers } = result;
    const t = request.t;
    const sortHeader = (column: QueueQuery['sort']) => {
      const active = query.sort === column;
      const next = active && query.order === 'asc' ? 'desc' : 'asc';
      return {
        href: queueHref(query, { sort: column, order: next, page: 1 }),
        ariaSort: active ? (query.order === 'asc' ? 'ascending' : 'descending') : 'none',
        text: t(`cases.queues.columns.${column}`),
      };
    };
    return reply.view('cases/views/queues.njk', {
      result,
      tabs: QUEUES.map((queue) => ({
        text: `${t(`cases.queues.names.${queue}`)} (${result.counts[queue]})`,
        href: queueHref(
          { ...query, stage: undefined, facilitator: undefined },
          { queue, page: 1, when: 'now', sort: isDated(queue) ? 'due' : 'activity', order: 'asc' },
        ),
        active: queue === query.queue,
      })),
      headers: {
        reference: sortHeader('reference'),
        opened: sortHeader('opened'),
        activity: sortHeader('activity'),
        stage: sortHeader('stage'),
        due: sortHeader('due'),
      },
      dated: isDated(query.queue),
      whenLinks: isDated(query.queue)
        ? (['now', 'later'] as const).map((when) => ({
            text: t(`cases.queues.when.${when}`),
            href: queueHref(query, { when, page: 1 }),
            current: query.when === when,
          }))
        : [],
      stageOptions: [
        { value: '', text: t('cases.queues.anyStage') },
        ...CASE_STAGES.map((s) => ({ value: s, text: t(`cases.stages.${s}`) })),
      ],
      facilitatorOptions: [
        { value: '', text: t('cases.queues.anyone') },
        ...facilitators.map((f) => ({ value: f.id, text: f.name })),
      ],
      stageColours: STAGE_COLOURS,
      incomingTransfers,
      previousPage: query.page > 1 ? queueHref(query, { page: query.page - 1 }) : undefined,
      nextPage: result.hasNextPage ? queueHref(query, { page: query.page + 1 }) : undefined,
    });
  });
}
