// Route guards. Services remain the authority on what an actor may do; these only send people
// who are not signed in to the sign-in page, and refuse pages that call no service at all.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Actor, Capability } from '../domain/roles.js';

export type Authorize = (actor: Actor, capability: Capability, action: string) => Promise<void>;

export async function requireSignedIn(request: FastifyRequest, reply: FastifyReply) {
  if (request.user) return;
  const returnTo = request.method === 'GET' ? request.url : '/';
  return reply.redirect(`/sign-in?returnTo=${encodeURIComponent(returnTo)}`);
}

/** Signed in, and holding a capability (a refusal is audited like any other). */
export function requireCapability(
  access: { authorize: Authorize },
  capability: Capability,
  action: string,
) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    if (!request.actor) return requireSignedIn(request, reply);
    await access.authorize(request.actor, capability, action);
  };
}
