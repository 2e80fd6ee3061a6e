import type { FastifyInstance } from 'fastify';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';

const DATABASE_TIMEOUT_MS = 2000;

/** For load balancers and monitoring: /ping says the process answers, /health that it works. */
export async function healthRoutes(
  app: FastifyInstance,
  { db, version }: { db: Kysely<DB>; version: string },
) {
  app.get('/ping', async (_request, reply) => reply.type('text/plain').send('pong'));

  app.get('/health', async (_request, reply) => {
    const database = await Promise.race([
      sql`select 1`.execute(db).then(
        () => 'ok' as const,
        () => 'unavailable' as const,
      ),
      new Promise<'timeout'>((resolve) =>
        setTimeout(() => resolve('timeout'), DATABASE_TIMEOUT_MS).unref(),
      ),
    ]);
    const healthy = database === 'ok';
    return reply.code(healthy ? 200 : 503).send({
      status: healthy ? 'ok' : 'unavailable',
      version,
      checks: { database },
    });
  });
}
