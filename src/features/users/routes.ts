import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Services } from '../../services.js';
import {
  mayChangeRole,
  mayChangeUser,
  mayIssuePasswordLink,
  mayResetSecondFactor,
  type Account,
} from '../../domain/administration.js';
import { isOrganisationKind, roleFitsOrganisation } from '../../domain/organisations.js';
import { roleCan, ROLES, type Actor, type Role } from '../../domain/roles.js';
import { presentForm, type PresentedForm } from '../../platform/forms.js';
import { formPost, idOf, type RenderForm } from '../../platform/form-route.js';
import { requireCapability } from '../../platform/guards.js';
import type { Translate } from '../../platform/i18n/index.js';
import type { UserRow } from './queries.js';
import { isSystemAdministrator } from '../../domain/administration.js';

const LIST = 'users/views/list.njk';
const NEW = 'users/views/new.njk';
const SHOW = 'users/views/show.njk';
const LINK = 'users/views/password-link.njk';

/** The roles an administrator can give in an organisation of this kind (all, for the system administrator's choice of organisation). */
function rolesFor(request: FastifyRequest, orgKind: string | undefined): Role[] {
  return ROLES.filter(
    (role) =>
      (role !== 'system_admin' || isSystemAdministrator(request.actor)) &&
      (!orgKind || !isOrganisationKind(orgKind) || roleFitsOrganisation(role, orgKind)),
  );
}

function roleOptions(t: Translate, emptyKey: string, roles: readonly Role[] = ROLES) {
  return [
    { value: '', text: t(emptyKey) },
    ...roles.map((role) => ({ value: role, text: t(`roles.${role}`) })),
  ];
}

/** The form: the system administrator chooses an organisation; anyone else adds to their own. */
async function newUserForm(services: Services, request: FastifyRequest, form: PresentedForm) {
  const systemAdministrator = isSystemAdministrator(request.actor);
  const organisations = systemAdministrator
    ? await services.organisations.list(request.actor!)
    : [];
  return {
    form,
    ownOrganisation: systemAdministrator ? undefined : request.user?.orgName,
    roleOptions: roleOptions(
      request.t,
      'common.choose',
      rolesFor(request, systemAdministrator ? undefined : request.user?.orgKind),
    ),
    organisationOptions: [
      { value: '', text: request.t('common.choose') },
      ...organisations.map((o) => ({ value: o.slug, text: o.name })),
    ],
  };
}

/** What was sent but a password: one is only ever set by its owner, through the one-time link. */
function withoutPassword(body: unknown) {
  const { password: _ignored, ...input } = (body ?? {}) as Record<string, unknown>;
  return input;
}

/** Which buttons the user page offers: the same rules the service applies. */
function actionsFor(actor: Actor, shown: UserRow) {
  const account: Account = {
    id: shown.id,
    orgId: shown.orgId,
    role: shown.role,
    hasPassword: shown.hasPassword,
  };
  return {
    // Only staff who work on cases can be trained for sexual violence and domestic abuse cases.
    training:
      roleCan(shown.role, 'work_cases') && mayChangeUser(actor, account, 'training').allowed,
    status: mayChangeUser(actor, account, shown.active ? 'deactivate' : 'reactivate').allowed,
    role: mayChangeRole(actor, account, shown.role).allowed,
    passwordLink: mayIssuePasswordLink(actor, account).allowed,
    secondFactor: account.hasPassword && mayResetSecondFactor(actor, account).allowed,
    sessions: shown.active && mayChangeUser(actor, account, 'deactivate').allowed,
  };
}

export async function userRoutes(
  app: FastifyInstance,
  { services, baseUrl }: { services: Services; baseUrl: string },
) {
  const guard = requireCapability(services.access, 'administer_organisation', 'user.page');
  const linkFor = (token: string) => `${baseUrl}/set-password/${token}`;

  async function showUser(request: FastifyRequest, id: string, extra: Record<string, unknown>) {
    const shownUser = await services.users.get(request.actor!, id);
    return {
      shownUser,
      actions: actionsFor(request.actor!, shownUser),
      roleOptions: roleOptions(request.t, 'common.choose', rolesFor(request, shownUser.orgKind)),
      ...extra,
    };
  }

  app.get('/admin/users', { preHandler: guard }, async (request, reply) => {
    const query = (request.query ?? {}) as Record<string, string>;
    const users = await services.users.list(request.actor!, query);
    return reply.view(LIST, {
      users,
      filter: query,
      roleOptions: roleOptions(request.t, 'users.anyRole'),
      showOrganisation: isSystemAdministrator(request.actor),
    });
  });

  /** The new user's form: empty (in the organisation the address names), or as typed. */
  const renderNewUser: RenderForm = async (request, reply, typed, status = 200) => {
    const query = (request.query ?? {}) as Record<string, string>;
    const form = typed ?? presentForm(request.t, { org: query.org });
    return reply.code(status).view(NEW, await newUserForm(services, request, form));
  };

  app.get('/admin/users/new', { preHandler: guard }, (request, reply) =>
    renderNewUser(request, reply),
  );

  // Answers with the new user's one-time password link (201), shown once, not a redirect.
  formPost(app, guard, {
    path: '/admin/users',
    mistakesOnly: true,
    typed: withoutPassword,
    render: renderNewUser,
    async save(request, reply) {
      const added = await services.users.add(request.actor!, withoutPassword(request.body));
      const user = await services.users.get(request.actor!, added.id);
      return reply
        .code(201)
        .view(LINK, { user, link: linkFor(added.passwordToken!), created: true });
    },
  });

  app.get('/admin/users/:id', { preHandler: guard }, async (request, reply) => {
    const { id } = request.params as { id: string };
    const query = (request.query ?? {}) as Record<string, unknown>;
    const flashKey = [
      'deactivated',
      'reactivated',
      'roleChanged',
      'training',
      'secondFactorReset',
      'signedOut',
    ].find((key) => key in query);
    const flash = flashKey ? request.t(`users.flash.${flashKey}`) : undefined;
    return reply.view(SHOW, await showUser(request, id, { flash }));
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

  formPost(app, guard, {
    path: '/admin/users/:id/role',
    mistakesOnly: true,
    render: async (request, reply, form, status) =>
      reply.code(status ?? 200).view(SHOW, await showUser(request, idOf(request), { form })),
    async save(request) {
      await services.users.changeRole(request.actor!, idOf(request), request.body ?? {});
      return `/admin/users/${idOf(request)}?roleChanged`;
    },
  });

  app.post(
    '/admin/users/:id/second-factor/reset',
    { preHandler: guard },
    async (request, reply) => {
      const { id } = request.params as { id: string };
      await services.users.resetSecondFactor(request.actor!, id);
      return reply.redirect(`/admin/users/${id}?secondFactorReset`);
    },
  );

  app.post('/admin/users/:id/sessions/end', { preHandler: guard }, async (request, reply) => {
    const { id } = request.params as { id: string };
    await services.users.endSessions(request.actor!, id);
    return reply.redirect(`/admin/users/${id}?signedOut`);
  });

  app.post('/admin/users/:id/password-link', { preHandler: guard }, async (request, reply) => {
    const { id } = request.params as { id: string };
    const token = await services.users.issuePasswordLink(request.actor!, id);
    const user = await services.users.get(request.actor!, id);
    return reply.view(LINK, { user, link: linkFor(token), created: false });
  });
}
