// POST /api/v1/questionnaire-responses: a service's own system records a satisfaction response
// against one of its cases, through the same service function as the web page and the import.
// Its OpenAPI description comes from the Zod schema below.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Services } from '../../../services.js';
import { AppError } from '../../../platform/errors.js';
import { API_RATE_LIMIT, bearerToken } from '../../api/index.js';
import { AUDIENCES, MAX_TEXT_ANSWER, RECOMMEND_VALUES } from './questionnaire.js';
import { errorResponse, jsonSchema } from '../../api/index.js';

export const apiResponseSchema = z.object({
  case_reference: z.string().meta({ description: "The case's reference", example: 'CS-7K3F-9QX2' }),
  participant_id: z.uuid().meta({ description: "The participant's id in the case" }),
  audience: z
    .enum(AUDIENCES)
    .optional()
    .meta({ description: "Optional: harmed or harmer; must match the participant's role" }),
  questionnaire_version: z
    .union([z.number().int().positive(), z.literal('latest')])
    .optional()
    .meta({
      description: 'The version answered; left out or "latest": the version the service asks now',
    }),
  answers: z
    .record(
      z.string(),
      z.union([
        z
          .number()
          .int()
          .min(1)
          .max(5)
          .meta({ description: 'likert: 1 strongly disagree … 5 strongly agree' }),
        z
          .enum([...RECOMMEND_VALUES])
          .meta({ description: 'recommend: yes, no or not_sure; yesNo: yes or no' }),
        z.boolean().meta({ description: 'yesNo: true or false' }),
        z.string().max(MAX_TEXT_ANSWER).meta({ description: 'text' }),
      ]),
    )
    .meta({
      description: 'Answers by question id; leave out questions not answered. At least one.',
    }),
  responded_on: z.string().meta({ format: 'date', description: 'YYYY-MM-DD, today or earlier' }),
});

export const apiResponseCreatedSchema = z.object({
  id: z.uuid(),
  case_reference: z.string(),
  participant_id: z.uuid(),
  audience: z.enum(AUDIENCES),
  questionnaire_version: z.number().int(),
  responded_on: z.string().meta({ format: 'date' }),
});

const FIELDS = new Set(Object.keys(apiResponseSchema.shape));

export async function feedbackApiRoutes(
  app: FastifyInstance,
  { services }: { services: Services },
) {
  await app.register(
    async (api) => {
      api.addHook('onRequest', bearerToken(services));
      api.post(
        '/questionnaire-responses',
        { config: { rateLimit: API_RATE_LIMIT } },
        async (request, reply) => {
          const body = request.body;
          if (!body || typeof body !== 'object' || Array.isArray(body))
            throw new AppError('bad_request', 'api.errors.notAnObject');
          const fields = body as Record<string, unknown>;
          const problems = Object.keys(fields)
            .filter((key) => !FIELDS.has(key))
            .map((field) => ({ field, key: 'api.errors.unknownField' }));
          const answers = fields.answers;
          if (
            answers === undefined ||
            answers === null ||
            typeof answers !== 'object' ||
            Array.isArray(answers)
          )
            problems.push({ field: 'answers', key: 'feedback.api.answersNotAnObject' });
          if (problems.length > 0)
            throw new AppError('validation', 'errors.validation.title', { fieldErrors: problems });
          const created = await services.feedback.recordFromApi(request.actor!, fields);
          return reply.code(201).send({
            id: created.id,
            case_reference: String(fields.case_reference).trim().toUpperCase(),
            participant_id: created.participantId,
            audience: created.audience,
            questionnaire_version: created.version,
            responded_on: created.respondedOn,
          });
        },
      );
    },
    { prefix: '/api/v1' },
  );
}

/** The schemas and path this feature adds to the API's OpenAPI document. */
export function feedbackOpenApi() {
  return {
    schemas: {
      QuestionnaireResponseRequest: {
        ...jsonSchema(apiResponseSchema),
        additionalProperties: false,
        description:
          "A satisfaction questionnaire answered by the person harmed or the person who harmed in one of the token's service's cases, with answers by question id (the ids are shown on the service's questionnaire pages).",
      },
      QuestionnaireResponseCreated: jsonSchema(apiResponseCreatedSchema),
    },
    paths: {
      '/questionnaire-responses': {
        post: {
          summary: 'Record a satisfaction questionnaire response',
          operationId: 'createQuestionnaireResponse',
          requestBody: {
            required: true,
            content: {
              'application/json': {
                schema: { $ref: '#/components/schemas/QuestionnaireResponseRequest' },
              },
            },
          },
          responses: {
            '201': {
              description: 'Recorded',
              content: {
                'application/json': {
                  schema: { $ref: '#/components/schemas/QuestionnaireResponseCreated' },
                },
              },
            },
            '400': errorResponse('Invalid input: every problem is listed in error.fields'),
            '401': errorResponse('Missing, unknown or revoked token'),
            '404': errorResponse("No such case or participant in the token's service"),
            '429': { description: 'Too many requests' },
          },
        },
      },
    },
  };
}
