// POST /questionnaire-responses: a service's own system records a satisfaction questionnaire
// response against one of its cases, through the same service function as the web page and
// the CSV import. Which questions exist, and what each accepts, depends on the questionnaire
// version the service asked, so the service checks the answers one by one.
import { z } from 'zod';
import { isIsoDate } from '../../domain/calendar-dates.js';
import { isUuid } from '../../domain/ids.js';
import { AUDIENCES, MAX_TEXT_ANSWER, RECOMMEND_VALUES } from '../measures/index.js';
import { answer, EVERY_WRITE, refusal } from './errors.js';
import type { Operation } from './operation.js';

const trimmed = (value: unknown) => (typeof value === 'string' ? value.trim() : value);
const lowerCase = (value: unknown) =>
  typeof value === 'string' ? value.trim().toLowerCase() : value;

const answerSchema = z.union(
  [
    z
      .number()
      .int({ error: 'feedback.errors.likert' })
      .min(1, { error: 'feedback.errors.likert' })
      .max(5, { error: 'feedback.errors.likert' })
      .meta({ description: 'likert: 1 strongly disagree … 5 strongly agree' }),
    z
      .enum(RECOMMEND_VALUES)
      .meta({ description: 'recommend: yes, no or not_sure; yesNo: yes or no' }),
    z.boolean().meta({ description: 'yesNo: true or false' }),
    z.string().max(MAX_TEXT_ANSWER).meta({ description: 'text' }),
  ],
  { error: 'api.errors.answer' },
);

export const questionnaireResponseRequestSchema = z
  .strictObject({
    case_reference: z.preprocess(
      trimmed,
      z
        .string({ error: 'api.errors.caseReference' })
        .min(1, { error: 'api.errors.caseReference' })
        .max(40, { error: 'feedback.errors.caseUnknown' })
        .meta({ description: "The case's reference", example: 'CS-7K3F-9QX2' }),
    ),
    participant_id: z.preprocess(
      trimmed,
      z
        .string({ error: 'feedback.errors.participantId' })
        .refine(isUuid, { error: 'feedback.errors.participantId' })
        .meta({ format: 'uuid', description: "The participant's id in the case" }),
    ),
    audience: z.preprocess(
      lowerCase,
      z
        .enum(AUDIENCES, { error: 'feedback.errors.audience' })
        .optional()
        .meta({ description: "Optional: harmed or harmer; must match the participant's role" }),
    ),
    questionnaire_version: z
      .union(
        [
          z
            .int({ error: 'feedback.errors.version' })
            .positive({ error: 'feedback.errors.version' }),
          z.literal('latest'),
        ],
        { error: 'feedback.errors.version' },
      )
      .optional()
      .meta({
        description: 'The version answered; left out or "latest": the version the service asks now',
      }),
    answers: z.record(z.string(), answerSchema, { error: 'api.errors.answersNotAnObject' }).meta({
      description: 'Answers by question id; leave out questions not answered. At least one.',
    }),
    responded_on: z.preprocess(
      trimmed,
      z
        .string({ error: 'feedback.errors.respondedOnRequired' })
        .min(1, { error: 'feedback.errors.respondedOnRequired' })
        .refine(isIsoDate, { error: 'feedback.errors.date' })
        .meta({ format: 'date', description: 'YYYY-MM-DD, today or earlier' }),
    ),
  })
  .meta({
    id: 'QuestionnaireResponseRequest',
    description:
      "A satisfaction questionnaire answered by the person harmed or the person who harmed in one of the token's service's cases, with answers by question id (the ids are shown on the service's questionnaire pages).",
  });

export const questionnaireResponseCreatedSchema = z
  .strictObject({
    id: z.uuid(),
    case_reference: z.string(),
    participant_id: z.uuid(),
    audience: z.enum(AUDIENCES),
    questionnaire_version: z.number().int(),
    responded_on: z.string().meta({ format: 'date' }),
  })
  .meta({ id: 'QuestionnaireResponseCreated' });

export const createQuestionnaireResponse: Operation = (api, { services, rateLimit }) =>
  api.route({
    method: 'POST',
    url: '/questionnaire-responses',
    config: { rateLimit },
    schema: {
      operationId: 'createQuestionnaireResponse',
      summary: 'Record a satisfaction questionnaire response',
      body: questionnaireResponseRequestSchema,
      response: {
        201: answer('Recorded', questionnaireResponseCreatedSchema),
        ...EVERY_WRITE,
        404: refusal("No such case or participant in the token's service"),
      },
    },
    handler: async (request, reply) => {
      const created = await services.feedback.recordFromApi(request.actor!, request.body);
      return reply.code(201).send({
        id: created.id,
        case_reference: request.body.case_reference.toUpperCase(),
        participant_id: created.participantId,
        audience: created.audience,
        questionnaire_version: created.version,
        responded_on: created.respondedOn,
      });
    },
  });
