import type { FastifyInstance } from 'fastify';
import type { WithServices } from '../../services.js';
import { mistakesOf, presentForm } from '../../platform/forms.js';
import { requireCapability } from '../../platform/guards.js';

const LIST = 'api-tokens/views/list.njk';
const ISSUED = 'api-tokens/views/issued.njk';

export async function apiTokenRoutes(app: FastifyInstance, { services }: WithServices) {
  // An organisation's administrators issue its own tokens, for its own systems.
  const guard = requireCapability(services.access, 'administer_organisation', 'api_token.page');

  async function renderList(
    request: Parameters<typeof guard>[0],
    values: Record<string, unknown> = {},
    errors = [] as { field: string; key: string }[],
  ) {
    return {
      tokens: await services.apiTokens.list(request.actor!),
      orgName: request.user?.orgName,
      form: presentForm(request.t, values, errors),
    };
  }

  app.get('/admin/api-tokens', { preHandler: guard }, async (request, reply) => {
    const query = (request.query ?? {}) as Record<string, unknown>;
    return reply.view(LIST, {
      ...(await renderList(request)),
      flash: 'revoked' in query ? request.t('apiTokens.revoked') : undefined,
    });
  });

  app.post('/admin/api-tokens', { preHandler: guard }, async (request, reply) => {
    try {
      const { name } = (request.body ?? {}) as Record<string, unknown>;
      const issued = await services.apiTokens.issue(request.actor!, { name });
      return reply.code(201).view(ISSUED, { issued });
    } catch (error) {
      const fieldErrors = mistakesOf(error);
      return reply
        .code(400)
        .view(
          LIST,
          await renderList(request, request.body as Record<string, unknown>, fieldErrors),
        );
    }
  });

  app.post('/admin/api-tokens/:id/revoke', { preHandler: guard }, async (request, reply) => {
    const { id } = request.params as { id: string };
    await services.apiTokens.revoke(request.actor!, id);
    return reply.redirect('/admin/api-tokens?revoked');
  });
}
