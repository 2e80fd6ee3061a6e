// A signed-in person or a partner system that asks for a record by id and is answered "not
// found" leaves a trace: another organisation's case, a guessed id and a deleted record all
// answer the same 404 (existence is never revealed), and each is written to the audit trail as
// a refused attempt on that id. Services throw "not found" from deep inside a transaction that
// then rolls back, so the trace is written here, in a transaction of its own, before the answer
// goes out.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { withActor } from '../db/actor-context.js';
import type { DB } from '../db/schema.js';
import { recordAudit } from './audit.js';
import { contextOf, runInContext } from './request-context.js';

/** The route's id parameters, most specific last: `/cases/:caseId/people/:participantId`. */
export function idParameters(route: string): string[] {
  return [...route.matchAll(/:([A-Za-z]+)/g)].map((m) => m[1]!);
}

/** "participantId" → "participant"; a bare "id" takes the name of the collection before it. */
export function subjectOf(route: string, parameter: string): string {
  if (parameter !== 'id')
    return parameter.replace(/Id$/, '').replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
  const segments = route.split('/');
  const collection = segments[segments.indexOf(':id') - 1] ?? 'record';
  return collection.replace(/-/g, '_').replace(/ies$/, 'y').replace(/s$/, '');
}

function refusedAttempt(request: FastifyRequest) {
  const route = request.routeOptions.url;
  if (!route) return undefined;
  const names = idParameters(route);
  if (names.length === 0) return undefined;
  const params = (request.params ?? {}) as Record<string, unknown>;
  const last = names[names.length - 1]!;
  const ids: Record<string, string> = {};
  for (const name of names) ids[name] = String(params[name] ?? '').slice(0, 100);
  return {
    entityType: subjectOf(route, last),
    entityId: ids[last],
    details: {
      route,
      method: request.method,
      ...(ids.caseId ? { case: ids.caseId } : {}),
      ids,
    },
  };
}

export function setUpRefusalAudit(app: FastifyInstance, db: Kysely<DB>) {
  app.addHook('onSend', async (request, reply, payload) => {
    if (reply.statusCode !== 404 || !request.actor) return payload;
    const context = contextOf(request);
    if (context.refusalRecorded) return payload;
    const attempt = refusedAttempt(request);
    if (!attempt) return payload;
    const actor = request.actor;
    try {
      await runInContext(context, () =>
        withActor(db, actor, (tx) =>
          recordAudit(tx, actor, { action: 'access.not_found', outcome: 'denied', ...attempt }),
        ),
      );
    } catch (error) {
      // The answer is still "not found"; the log says the trace could not be written.
      request.log.error({ err: error }, 'could not audit a refused attempt');
    }
    return payload;
  });
}
