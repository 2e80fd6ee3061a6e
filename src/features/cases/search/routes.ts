// The "all cases" page: search and filters on the left (the MoJ filter pattern, a plain GET
// form that works without JavaScript), the cases found on the right, paged.
import type { FastifyInstance } from 'fastify';
import type { WithServices } from '../../../services.js';
import { presentForm } from '../../../platform/forms.js';
import { requireCapability } from '../../../platform/guards.js';
import { STAGE_COLOURS } from '../presenters.js';
import { presentSearch } from './presenter.js';
import { readCaseSearch, searchHref } from './schemas.js';

export async function caseSearchRoutes(app: FastifyInstance, { services }: WithServices) {
  const guard = requireCapability(services.access, 'work_cases', 'case.search_page');

  app.get('/cases/all', { preHandler: guard }, async (request, reply) => {
    const { search, errors } = readCaseSearch(request.query);
    const t = request.t;
    const form = presentForm(t, (request.query ?? {}) as Record<string, unknown>, errors, [
      'from',
      'to',
    ]);
    // A search with a mistake in it shows the mistake and no results, not a different search.
    const result = errors.length
      ? { rows: [], hasNextPage: false }
      : await services.cases.search(request.actor!, search);
    return reply.code(errors.length ? 400 : 200).view('cases/search/views/all.njk', {
      form,
      search,
      ...presentSearch(search, t),
      rows: result.rows,
      searched: errors.length === 0,
      stageColours: STAGE_COLOURS,
      previousPage: search.page > 1 ? searchHref(search, { page: search.page - 1 }) : undefined,
      nextPage: result.hasNextPage ? searchHref(search, { page: search.page + 1 }) : undefined,
    });
  });
}
