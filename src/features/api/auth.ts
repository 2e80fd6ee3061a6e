// Bearer-token authentication for the JSON API, shared by every API plugin: a request without a
// valid, unrevoked token is answered 401 before any route runs; otherwise the token's
// organisation becomes the request's actor.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../services.js';

function unauthenticated(request: FastifyRequest, reply: FastifyReply) {
  return reply
    .code(401)
    .header('www-authenticate', 'Bearer realm="waymark"')
    .send({
      error: { code: 'unauthenticated', message: request.t('api.errors.unauthenticated') },
    });
}

/** An onRequest hook: the actor from "Authorization: Bearer <token>", or 401. */
export function bearerToken(services: Pick<Services, 'apiTokens'>) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const header = request.headers.authorization ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    const actor = match ? await services.apiTokens.authenticate(match[1]!, request.id) : null;
    if (!actor) return unauthenticated(request, reply);
    request.actor = actor;
  };
}

/** Per token and minute: a daily feed is fine, a runaway loop is not. */
export const API_REQUESTS_PER_MINUTE = 300;

export function apiRateLimit(max = API_REQUESTS_PER_MINUTE) {
  return {
    max,
    timeWindow: '1 minute',
    keyGenerator: (request: FastifyRequest) => request.headers.authorization ?? request.ip,
  };
}
