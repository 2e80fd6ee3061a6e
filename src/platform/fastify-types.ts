// What Waymark adds to Fastify's request and reply.
import type { Actor } from '../domain/roles.js';
import type { SignedInUser } from '../domain/sessions.js';
import type { Translate } from './i18n/index.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in person, from the session cookie. */
    user: SignedInUser | null;
    /** Whoever is acting: the signed-in person, or a partner system through an API token. */
    actor: Actor | null;
    /** Why the session cookie no longer signs anyone in, when it has just expired. */
    sessionEnded: 'idle_expired' | 'absolute_expired' | null;
    t: Translate;
  }
  interface FastifyReply {
    /** Values every page template sees (read by @fastify/view). */
    locals: Record<string, unknown>;
  }
}

export {};
