// /definitions: what every figure counts, published for anyone to read (signed in or not), as
// pages and as JSON. Every figure on a report links here.
import type { FastifyInstance } from 'fastify';
import type { WithServices } from '../../services.js';
import { notFound } from '../../platform/errors.js';
import { definitionsDocument, presentDefinitionById, presentDefinitions } from './presenter.js';

export async function definitionRoutes(app: FastifyInstance, { services }: WithServices) {
  const { suppressionThreshold } = services.reporting;
  app.get('/definitions', async (request, reply) =>
    reply.view('definitions/views/list.njk', {
      definitions: presentDefinitions(request.t),
      threshold: suppressionThreshold,
    }),
  );

  app.get('/definitions.json', async (request, reply) =>
    reply
      .header('cache-control', 'no-cache')
      .send(definitionsDocument(request.t, suppressionThreshold)),
  );

  app.get<{ Params: { id: string } }>('/definitions/:id', async (request, reply) => {
    const definition = presentDefinitionById(request.params.id, request.t);
    if (!definition) throw notFound();
    return reply.view('definitions/views/definition.njk', { definition });
  });
}
