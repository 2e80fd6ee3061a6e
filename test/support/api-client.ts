// The API as a partner's system calls it.
import type { FastifyInstance } from 'fastify';

/** Posts a JSON body with a token as the bearer (none when null), as a partner's system does. */
export const postJson = (app: FastifyInstance, url: string, body: unknown, bearer: string | null) =>
  app.inject({
    method: 'POST',
    url,
    headers: {
      ...(bearer ? { authorization: `Bearer ${bearer}` } : {}),
      'content-type': 'application/json',
    },
    payload: JSON.stringify(body),
  });
