import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { WithServices } from '../../services.js';
import { isOrganisationKind } from '../../domain/organisations.js';
import { formPost, type RenderForm } from '../../platform/form-route.js';
import { presentForm } from '../../platform/forms.js';
import { requireCapability } from '../../platform/guards.js';
import { areaOptions, kindOptions, organisationOptions } from './options.js';
import { isSystemAdministrator } from '../../domain/administration.js';

const LIST = 'organisations/views/list.njk';
const NEW = 'organisations/views/new.njk';
const SHOW = 'organisations/views/show.njk';

const filterSchema = z.object({
  kind: z
    .string()
    .optional()
    .transform((v) => (isOrganisationKind(v) ? v : undefined)),
  area: z.string().max(60).optional().catch(undefined),
  search: z.string().trim().max(120).optional().catch(undefined),
});

export async function organisationRoutes(app: FastifyInstance, { services }: WithServices) {
  const guard = requireCapability(services.access, 'administer_system', 'organisation.page');
  // An organisation administrator may open its own organisation's page (the service decides).
  const ownGuard = requireCapability(
    services.access,
    'administer_organisation',
    'organisation.page',
  );

  app.get('/admin/organisations', { preHandler: guard }, async (request, reply) => {
    const filter = filterSchema.parse(request.query ?? {});
    const organisations = await services.organisations.list(request.actor!, {
      kind: filter.kind,
      areaId: filter.area || undefined,
      search: filter.search || undefined,
    });
    return reply.view(LIST, {
      organisations,
      filter,
      kindOptions: kindOptions(request.t, 'organisations.anyKind'),
      areaOptions: areaOptions(
        await services.organisations.areas(),
        request.t,
        'organisations.anyArea',
      ),
    });
  });

  const renderNew: RenderForm = async (request, reply, form = presentForm(request.t), status) =>
    reply.code(status ?? 200).view(NEW, {
      form,
      ...(await organisationOptions(services, request.t)),
    });

  app.get('/admin/organisations/new', { preHandler: guard }, (request, reply) =>
    renderNew(request, reply),
  );

  formPost(app, guard, {
    path: '/admin/organisations',
    mistakesOnly: true,
    render: renderNew,
    async save(request) {
      const { slug } = await services.organisations.add(request.actor!, request.body);
      return `/admin/organisations/${slug}?added`;
    },
  });

  app.get('/admin/organisations/:slug', { preHandler: ownGuard }, async (request, reply) => {
    const { slug } = request.params as { slug: string };
    const organisation = await services.organisations.get(request.actor!, slug);
    const users = await services.users.list(request.actor!, { org: slug });
    const query = request.query as Record<string, unknown>;
    return reply.view(SHOW, {
      organisation,
      users,
      mayListOrganisations: isSystemAdministrator(request.actor),
      flash:
        'added' in query
          ? request.t('organisations.added', { name: organisation.name })
          : undefined,
    });
  });
}
