import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services.js';
import { isRole, roleCan, ROLES } from '../../domain/roles.js';
import { isAppError } from '../../platform/errors.js';
import { presentForm } from '../../platform/forms.js';
import { requireCapability } from '../../platform/guards.js';
import type { Translate } from '../../platform/i18n/index.js';

const LIST = 'users/views/list.njk';
const NEW = 'users/views/new.njk';
const SHOW = 'users/views/show.njk';
const LINK = 'users/views/password-link.njk';

function roleOptions(t: Translate, emptyKey: string) {
  return [
    { value: '', text: t(emptyKey) },
    ...ROLES.map((role) => ({ value: role, text: t(`roles.${role}`) })),
  ];
}

async function organisationChoices(services: Services, request: { actor: unknown; t: Translate }) {
  const organisations = await services.organisations.list(request.actor as never);
  return [
    { value: '', text: request.t('common.choose') },
    ...organisations.map((o) => ({ value: o.slug, text: o.name })),
  ];
}

export async function userRoutes(
  app: FastifyInstance,
  { services, baseUrl }: { services: Services; baseUrl: string },
) {
  const guard = requireCapability(services.access.authorize, 'administer', 'user.page');
  const linkFor = (token: string) => `${baseUrl}/set-password/${token}`;

  app.get('/admin/users', { preHandler: guard }, async (request, reply) => {
    const query = (request.query ?? {}) as Record<string, string>;
    const users = await services.users.list(request.actor!, query);
    return reply.view(LIST, {
      users,
      filter: query,
      roleOptions: roleOptions(request.t, 'users.anyRole'),
    });
  });

  app.get('/admin/users/new', { preHandler: guard }, async (request, reply) => {
    const query = (request.query ?? {}) as Record<string, string>;
    return reply.view(NEW, {
      form: presentForm(request.t, { org: query.org }),
      roleOptions: roleOptions(request.t, 'common.choose'),
      organisationOptions: await organisationChoices(services, request),
    });
  });

  app.post('/admin/users', { preHandler: guard }, async (request, reply) => {
    // A password is only ever set by its owner through the one-time link.
    const { password: _ignored, ...input } = (request.body ?? {}) as Record<string, unknown>;
    try {
      const { id, passwordToken } = await services.users.add(request.actor!, input);
      const user = await services.users.get(request.actor!, id);
      return reply.code(201).view(LINK, { user, link: linkFor(passwordToken!), created: true });
    } catch (error) {
      if (!isAppError(error) || error.kind !== 'validation') throw error;
      return reply.code(400).view(NEW, {
        form: presentForm(request.t, input, error.fieldErrors),
        roleOptions: roleOptions(request.t, 'common.choose'),
        organisationOptions: await organisationChoices(services, request),
      });
    }
  });

  app.get('/admin/users/:id', { preHandler: guard }, async (request, reply) => {
    const { id } = request.params as { id: string };
    const user = await services.users.get(request.actor!, id);
    const query = (request.query ?? {}) as Record<string, unknown>;
    const flash =
      'deactivated' in query
        ? request.t('users.deactivated')
        : 'reactivated' in query
          ? request.t('users.reactivated')
          : undefined;
    // Only staff who work on cases can be trained for sexual violence and domestic abuse cases.
    const worksCases = isRole(user.role) && roleCan(user.role, 'work_cases');
    return reply.view(SHOW, { shownUser: user, worksCases, flash });
  });

  for (const [path, active] of [
    ['deactivate', false],
    ['reactivate', true],
  ] as const) {
    app.post(`/admin/users/:id/${path}`, { preHandler: guard }, async (request, reply) => {
      const { id } = request.params as { id: string };
      await services.users.setActive(request.actor!, id, active);
      return reply.redirect(`/admin/users/${id}?${active ? 'reactivated' : 'deactivated'}`);
    });
  }

  app.post('/admin/users/:id/training', { preHandler: guard }, async (request, reply) => {
    const { id } = request.params as { id: string };
    const trained = (request.body as Record<string, unknown>)?.trained === 'yes';
    await services.users.setTrainedSvDa(request.actor!, id, trained);
    return reply.redirect(`/admin/users/${id}?training`);
  });

  app.post('/admin/users/:id/password-link', { preHandler: guard }, async (request, reply) => {
    const { id } = request.params as { id: string };
    const token = await services.users.issuePasswordLink(request.actor!, id);
    const user = await services.users.get(request.actor!, id);
    return reply.view(LINK, { user, link: linkFor(token), created: false });
  });
}
