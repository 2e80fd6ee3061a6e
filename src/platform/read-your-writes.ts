// A person sees their own changes (docs/adr/0023-past-one-machine.md). With a replica to read
// figures from, a response to a posted form gives the browser, in a cookie, the primary's
// write-ahead log position after the change; that person's later pages read figures from the
// replica only once it has replayed that far, and from the primary until then. A posted form's
// own reads go to the primary. The cookie holds no secret and nothing about anyone: a changed
// value can only send its holder's reads to the primary, or show them figures as old as the
// replica's, which every other reader sees.
import type { FastifyInstance } from 'fastify';
import { isWalPosition } from '../db/figure-reads.js';
import { contextOf } from './request-context.js';

export const WROTE_COOKIE = 'waymark_wrote';

/** Long past any lag a working replica has; a replica further behind is broken. */
const REMEMBERED_SECONDS = 15 * 60;

const READS_ONLY = new Set(['GET', 'HEAD', 'OPTIONS']);

export function setUpReadYourWrites(app: FastifyInstance, writePosition: () => Promise<string>) {
  app.addHook('onRequest', async (request) => {
    const wroteAt = request.cookies[WROTE_COOKIE];
    contextOf(request).readFence = {
      writes: !READS_ONLY.has(request.method),
      wroteAt: isWalPosition(wroteAt) ? wroteAt : undefined,
    };
  });
  app.addHook('onSend', async (request, reply, payload) => {
    // An API client keeps no cookies, and reads no figures through the API. A primary that
    // could not be reached (503) changed nothing, and would not answer now either.
    if (READS_ONLY.has(request.method) || request.url.startsWith('/api/')) return payload;
    if (reply.statusCode === 503) return payload;
    // Taken after the handler's transaction committed, so the change is within it. A primary
    // that cannot say (it has just gone away) sets no cookie: the response is an error anyway.
    const position = await writePosition().catch(() => undefined);
    if (position)
      reply.setCookie(WROTE_COOKIE, position, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: request.protocol === 'https',
        maxAge: REMEMBERED_SECONDS,
      });
    return payload;
  });
}
