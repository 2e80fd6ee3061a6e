// Where the work in hand came from: the web request (its id and client address), a command
// typed at the command line, or a job the server runs on a schedule. The audit writer reads it,
// so every event names its request and address without each service passing them along.
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import { hostname, userInfo } from 'node:os';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ReadFence } from '../db/figure-reads.js';

export interface RequestContext {
  requestId: string;
  /** A client's IP address, or "cli:user@host", or "job:name". */
  address: string;
  /** Set once a refusal was audited, so the request's 404 or 403 is not recorded twice. */
  refusalRecorded?: boolean;
  /** What reads of figures must see, with a replica configured (src/platform/read-your-writes.ts). */
  readFence?: ReadFence;
}

const storage = new AsyncLocalStorage<RequestContext>();

export function currentRequestContext(): RequestContext | undefined {
  return storage.getStore();
}

export function markRefusalRecorded(): void {
  const context = storage.getStore();
  if (context) context.refusalRecorded = true;
}

/** Runs `work` as one piece of work with its own id and origin (a scheduled job, a command). */
export function runInContext<T>(context: RequestContext, work: () => T): T {
  return storage.run(context, work);
}

/** The context for the rest of this process's synchronous flow and what it starts (the CLI). */
export function enterContext(context: RequestContext): void {
  storage.enterWith(context);
}

export function commandLineContext(): RequestContext {
  let user = 'unknown';
  try {
    user = userInfo().username;
  } catch {
    // No entry in the password database (some containers): the host still says where.
  }
  return { requestId: `cli-${randomUUID()}`, address: `cli:${user}@${hostname()}` };
}

export function jobContext(name: string): RequestContext {
  return { requestId: `job-${randomUUID()}`, address: `job:${name}` };
}

const byRequest = new WeakMap<FastifyRequest['raw'], RequestContext>();

/** The one context of a web request, made when it arrives. */
export function contextOf(request: FastifyRequest): RequestContext {
  let context = byRequest.get(request.raw);
  if (!context) {
    context = { requestId: request.id, address: request.ip };
    byRequest.set(request.raw, context);
  }
  return context;
}

/**
 * Enters the request's context when it arrives and again just before its handler: reading a
 * body resumes from the socket's own asynchronous context, which would otherwise lose it.
 */
export function setUpRequestContext(app: FastifyInstance) {
  app.addHook('onRequest', (request, _reply, done) => {
    storage.enterWith(contextOf(request));
    done();
  });
  app.addHook('preHandler', (request, _reply, done) => {
    storage.enterWith(contextOf(request));
    done();
  });
}
