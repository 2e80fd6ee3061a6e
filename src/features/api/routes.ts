// The JSON API for partner systems and services' own systems, under /api/v1, authenticated
// with a bearer token and described at /api/v1/openapi.json. Every operation is listed here;
// each declares its Zod request and response schemas once, from which Fastify validates the
// request, checks and serialises the answer, and @fastify/swagger writes the document.
import swagger from '@fastify/swagger';
import type { FastifyInstance } from 'fastify';
import { serializerCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import type { Services } from '../../services.js';
import { VERSION } from '../../version.js';
import { apiFailureLimit, apiRateLimit, bearerToken } from './auth.js';
import { openApiOptions } from './document.js';
import { setUpApiErrors } from './errors.js';
import type { Operation } from './operation.js';
import { validatorFor } from './problems.js';
import { createQuestionnaireResponse } from './questionnaire-responses.js';
import { createReferral, getReferral } from './referrals.js';
import { createWellbeingMeasure } from './wellbeing-measures.js';

export const OPERATIONS: readonly Operation[] = [
  createReferral,
  getReferral,
  createWellbeingMeasure,
  createQuestionnaireResponse,
];

export interface ApiOptions {
  services: Services;
  /** Requests a token may make a minute (tests lower it to see the 429). */
  requestsPerMinute?: number;
  /** Failed authentications an address may make a minute. */
  failuresPerMinute?: number;
}

export async function apiRoutes(app: FastifyInstance, options: ApiOptions) {
  await app.register(
    async (api) => {
      // JSON bodies only: the web's form and text parsers do not apply here.
      api.removeContentTypeParser(['application/x-www-form-urlencoded', 'text/plain']);
      api.setValidatorCompiler<z.ZodType>(({ schema, httpPart }) => validatorFor(schema, httpPart));
      api.setSerializerCompiler(serializerCompiler);
      setUpApiErrors(api);
      await api.register(swagger, openApiOptions(VERSION));
      api.get('/openapi.json', { schema: { hide: true } }, async () => api.swagger());

      await api.register(async (secured) => {
        // Each operation's rate limit runs first (onRequest), then the token is checked, before
        // the body is read.
        const failures = secured.createRateLimit(apiFailureLimit(options.failuresPerMinute));
        secured.addHook('preParsing', bearerToken(options.services, failures));
        const deps = {
          services: options.services,
          rateLimit: apiRateLimit(options.requestsPerMinute),
        };
        const typed = secured.withTypeProvider<ZodTypeProvider>();
        for (const declare of OPERATIONS) declare(typed, deps);
      });
    },
    { prefix: '/api/v1' },
  );
}
