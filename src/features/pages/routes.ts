import type { FastifyInstance } from 'fastify';

/** Pages anyone may read, signed in or not. */
export async function pageRoutes(app: FastifyInstance) {
  app.get('/cookies', async (_request, reply) => reply.view('pages/views/cookies.njk', {}));
  app.get('/accessibility', async (_request, reply) =>
    reply.view('pages/views/accessibility.njk', {}),
  );
}
