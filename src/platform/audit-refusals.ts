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

const IRREGULAR: Record<string, string> = { people: 'participant' };

/** What a collection in a path holds one of: "cases" → "case", "people" → "participant". */
function singular(segment: string): string {
  const name = segment.replace(/-/g, '_');
  return IRREGULAR[name] ?? name.replace(/ies$/, 'y').replace(/s$/, '');
}

/**
 * The records a route names, outermost first, each as the thing its collection holds and the
 * parameter that carries its id: `/cases/:id/people/:pid` → case (id), participant (pid).
 */
export function routeSubjects(route: string): { subject: string; parameter: string }[] {
  const segments = route.split('/');
  return segments.flatMap((segment, index) =>
    segment.startsWith(':')
      ? [{ subject: singular(segments[index - 1] || 'record'), parameter: segment.slice(1) }]
      : [],
  );
}

function refusedAttempt(request: FastifyRequest) {
  const route = request.routeOptions.url;
  const subjects = route ? routeSubjects(route) : [];
  const innermost = subjects[subjects.length - 1];
  if (!route || !innermost) return undefined;
  const params = (request.params ?? {}) as Record<string, unknown>;
  const ids: Record<string, string> = {};
  for (const { subject, parameter } of subjects)
    ids[subject] = String(params[parameter] ?? '').slice(0, 100);
  return {
    entityType: innermost.subject,
    entityId: ids[innermost.subject],
    details: { route, method: request.method, ids, ...(ids.case ? { case: ids.case } : {}) },
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
