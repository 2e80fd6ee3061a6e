// POST /api/v1/wellbeing-measures: a service's own system records a wellbeing measure against
// one of its cases, through the same service function as the web form. Its OpenAPI description
// is generated from the same Zod schema that checks the body.
import type { FastifyInstance } from 'fastify';
import type { Services } from '../../../services.js';
import { AppError } from '../../../platform/errors.js';
import { API_RATE_LIMIT, bearerToken } from '../../api/index.js';
import { apiMeasureSchema, measureCreatedSchema } from './schemas.js';
import { errorResponse, jsonSchema } from '../../api/index.js';

export async function wellbeingApiRoutes(
  app: FastifyInstance,
  { services }: { services: Services },
) {
  await app.register(
    async (api) => {
      api.addHook('onRequest', bearerToken(services));
      api.post(
        '/wellbeing-measures',
        { config: { rateLimit: API_RATE_LIMIT } },
        async (request, reply) => {
          const body = request.body;
          if (!body || typeof body !== 'object' || Array.isArray(body))
            throw new AppError('bad_request', 'api.errors.notAnObject');
          const created = await services.wellbeing.recordFromApi(
            request.actor!,
            body as Record<string, unknown>,
          );
          return reply.code(201).send(created);
        },
      );
    },
    { prefix: '/api/v1' },
  );
}

/** The schemas and path this feature adds to the API's OpenAPI document. */
export function wellbeingOpenApi() {
  const request = jsonSchema(apiMeasureSchema);
  return {
    schemas: {
      WellbeingMeasureRequest: {
        ...request,
        additionalProperties: false,
        description:
          "A wellbeing measure for one participant of one of the token's service's cases: the entry (baseline) measure, the exit review, or a later follow-up. Every category of need the service uses must be scored.",
        required: ['case_reference', 'participant_id', 'kind', 'taken_on', 'scores'],
      },
      WellbeingMeasureCreated: jsonSchema(measureCreatedSchema),
    },
    paths: {
      '/wellbeing-measures': {
        post: {
          summary: 'Record a wellbeing measure',
          operationId: 'createWellbeingMeasure',
          requestBody: {
            required: true,
            content: {
              'application/json': {
                schema: { $ref: '#/components/schemas/WellbeingMeasureRequest' },
              },
            },
          },
          responses: {
            '201': {
              description: 'Recorded',
              content: {
                'application/json': {
                  schema: { $ref: '#/components/schemas/WellbeingMeasureCreated' },
                },
              },
            },
            '400': errorResponse('Invalid input: every problem is listed in error.fields'),
            '401': errorResponse('Missing, unknown or revoked token'),
            '404': errorResponse("No such case or participant in the token's service"),
            '409': errorResponse('The participant withdrew consent, or is an organisation'),
            '429': { description: 'Too many requests' },
          },
        },
      },
    },
  };
}
