// What Waymark adds to Fastify's request and reply.
import type { Actor } from '../domain/roles.js';
import type { SessionEnd, SignedInUser } from '../domain/sessions.js';
import type { Translate } from './i18n/index.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in person, from the session cookie. */
    user: SignedInUser | null;
    /** Who gave the right password and has still to answer the second factor (no one acts yet). */
    pendingUser: SignedInUser | null;
    /** When the signed-in person last gave their password and a code (sign-in or step-up). */
    authenticatedAt: Date | null;
    /** Whoever is acting: the signed-in person, or a partner system through an API token. */
    actor: Actor | null;
    /** Why the session cookie no longer signs anyone in, when it has just expired. */
    sessionEnded: 'idle_expired' | 'absolute_expired' | null;
    /** When the signed-in session ends if nothing more is done: idle or absolute, the sooner. */
    sessionEndsAt: SessionEnd | null;
    t: Translate;
  }
  interface FastifyInstance {
    /** Every route registered and its method (HEAD left out): see src/route-policies.ts. */
    registeredRoutes: { method: string; url: string; stepUp: boolean }[];
  }
  interface FastifyReply {
    /** Values every page template sees (read by @fastify/view). */
    locals: Record<string, unknown>;
  }
}

export {};
