// The shape of one API operation: a function that declares its route on the API's Fastify
// instance, typed by the Zod type provider, so each operation is written once with its
// request and response schemas, from which Fastify validates, serialises and documents it.
import type {
  FastifyBaseLogger,
  FastifyInstance,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify';
import type { RateLimitOptions } from '@fastify/rate-limit';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Services } from '../../services.js';

/** The API's Fastify instance: request and reply types come from each route's Zod schemas. */
export type Api = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;

export interface OperationDeps {
  services: Services;
  /** Every operation's limit, counted per token. */
  rateLimit: RateLimitOptions;
}

export type Operation = (api: Api, deps: OperationDeps) => unknown;
