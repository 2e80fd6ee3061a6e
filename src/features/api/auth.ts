// Bearer-token authentication for the JSON API, shared by every API plugin: a request without a
// valid, unrevoked token is answered 401 before any route runs; otherwise the token's
// organisation becomes the request's actor.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../services.js';

function unauthenticated(request: FastifyRequest, reply: FastifyReply) {
  return reply
    .code(401)
    .header('www-authenticate', 'Bearer realm="waymark"')
    .send({
      error: { code: 'unauthenticated', message: request.t('api.errors.unauthenticated') },
    });
}

/** The token in "Authorization: Bearer <token>", however the scheme is cased or spaced. */
export function bearerOf(header: string | undefined): string | undefined {
  return /^\s*bearer\s+(\S+)\s*$/i.exec(header ?? '')?.[1];
}

/** Failed authentications an address may make a minute before it is answered 429. */
export const API_FAILURES_PER_MINUTE = 30;

type Limiter = ReturnType<FastifyInstance['createRateLimit']>;

/**
 * A preParsing hook (after the rate limit, before the body is read): the actor from the bearer
 * token, or 401. Failed attempts are counted per address, so guessing tokens is limited too.
 */
export function bearerToken(services: Pick<Services, 'apiTokens'>, failures: Limiter) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const counted = await failures(request, { increment: false });
    if (!counted.isAllowed && counted.remaining === 0) return tooMany(request, reply);
    const token = bearerOf(request.headers.authorization);
    const actor = token ? await services.apiTokens.authenticate(token, request.id) : null;
    if (!actor) {
      await failures(request);
      return unauthenticated(request, reply);
    }
    request.actor = actor;
  };
}

function tooMany(request: FastifyRequest, reply: FastifyReply) {
  return reply.code(429).send({
    error: { code: 'too_many_requests', message: request.t('api.errors.tooManyRequests') },
  });
}

/** Per token and minute: a daily feed is fine, a runaway loop is not. */
export const API_REQUESTS_PER_MINUTE = 300;

/**
 * Counted per token as the token itself (never the header as sent, which "bearer", "BEARER"
 * or extra spaces would make a fresh allowance), or per address when there is none.
 */
export function apiRateLimit(max = API_REQUESTS_PER_MINUTE) {
  return {
    max,
    timeWindow: '1 minute',
    keyGenerator: (request: FastifyRequest) => {
      const token = bearerOf(request.headers.authorization);
      return token ? `token:${token}` : `address:${request.ip}`;
    },
  };
}

/** Failed authentications, per address. */
export function apiFailureLimit(max = API_FAILURES_PER_MINUTE) {
  return {
    max,
    timeWindow: '1 minute',
    keyGenerator: (request: FastifyRequest) => `api-failure:${request.ip}`,
  };
}
