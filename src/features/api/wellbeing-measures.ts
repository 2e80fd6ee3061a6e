// POST /wellbeing-measures: a service's own system records a wellbeing measure against one of
// its cases. The request is the wellbeing feature's own schema (the web form and the CSV import
// check the same fields), with nothing else allowed; the service checks the scores against the
// service's categories of need and the person's earlier measures.
import { z } from 'zod';
import { MEASURE_KINDS } from '../../domain/measures.js';
import { apiMeasureSchema } from '../measures/index.js';
import { answer, EVERY_WRITE, refusal } from './errors.js';
import type { Operation } from './operation.js';

const { case_reference, participant_id, ...measure } = apiMeasureSchema.shape;

export const wellbeingMeasureRequestSchema = z
  .strictObject({ case_reference, participant_id, ...measure })
  .meta({
    id: 'WellbeingMeasureRequest',
    description:
      "A wellbeing measure for one participant of one of the token's service's cases: the entry (baseline) measure, the exit review, or a later follow-up. Every category of need the service uses must be scored.",
  });

export const wellbeingMeasureCreatedSchema = z
  .strictObject({
    id: z.uuid(),
    case_reference: z.string(),
    participant_id: z.uuid(),
    kind: z.enum(MEASURE_KINDS),
    taken_on: z.string().meta({ format: 'date' }),
    scores: z.record(z.string(), z.number().int()),
  })
  .meta({ id: 'WellbeingMeasureCreated' });

export const createWellbeingMeasure: Operation = (api, { services, rateLimit }) =>
  api.route({
    method: 'POST',
    url: '/wellbeing-measures',
    config: { rateLimit },
    schema: {
      operationId: 'createWellbeingMeasure',
      summary: 'Record a wellbeing measure',
      body: wellbeingMeasureRequestSchema,
      response: {
        201: answer('Recorded', wellbeingMeasureCreatedSchema),
        ...EVERY_WRITE,
        404: refusal("No such case or participant in the token's service"),
        409: refusal('The participant withdrew consent, or is an organisation'),
      },
    },
    handler: async (request, reply) =>
      reply.code(201).send(await services.wellbeing.recordFromApi(request.actor!, request.body)),
  });
