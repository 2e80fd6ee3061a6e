import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { WithServices } from '../../services.js';
import { presentForm } from '../../platform/forms.js';
import { formPost } from '../../platform/form-route.js';
import { requireCapability } from '../../platform/guards.js';

const LIST = 'api-tokens/views/list.njk';
const ISSUED = 'api-tokens/views/issued.njk';

export async function apiTokenRoutes(app: FastifyInstance, { services }: WithServices) {
  // An organisation's administrators issue its own tokens, for its own systems.
  const guard = requireCapability(services.access, 'administer_organisation', 'api_token.page');

  async function renderList(request: FastifyRequest, form = presentForm(request.t)) {
    return {
      tokens: await services.apiTokens.list(request.actor!),
      orgName: request.user?.orgName,
      form,
    };
  }

  app.get('/admin/api-tokens', { preHandler: guard }, async (request, reply) => {
    const query = (request.query ?? {}) as Record<string, unknown>;
    return reply.view(LIST, {
      ...(await renderList(request)),
      flash: 'revoked' in query ? request.t('apiTokens.revoked') : undefined,
    });
  });

  // Answers with the token (201), shown once, not a redirect.
  formPost(app, guard, {
    path: '/admin/api-tokens',
    mistakesOnly: true,
    render: async (request, reply, form, status) =>
      reply.code(status ?? 200).view(LIST, await renderList(request, form)),
    async save(request, reply) {
      const { name } = (request.body ?? {}) as Record<string, unknown>;
      const issued = await services.apiTokens.issue(request.actor!, { name });
      return reply.code(201).view(ISSUED, { issued });
    },
  });

  app.post('/admin/api-tokens/:id/revoke', { preHandler: guard }, async (request, reply) => {
    const { id } = request.params as { id: string };
    await services.apiTokens.revoke(request.actor!, id);
    return reply.redirect('/admin/api-tokens?revoked');
  });
}
