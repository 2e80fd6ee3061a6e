// The API's OpenAPI description, generated from the same Zod schemas that check requests, so
// the document cannot drift from what the API accepts.
import { z } from 'zod';
import { DATE_FIELDS, referralFields, REQUIRED_FIELDS } from '../referrals/index.js';
import { REFERRER_STATUSES } from '../referrals/index.js';
import { wellbeingOpenApi } from '../measures/index.js';
import { feedbackOpenApi } from '../measures/index.js';
import { jsonSchema } from './json-schema.js';

export const createdSchema = z.object({
  id: z.uuid(),
  reference: z.string().meta({ example: 'RF-7K3F-9QX2' }),
  status: z.enum(REFERRER_STATUSES),
});

export const statusSchema = z.object({
  id: z.uuid(),
  reference: z.string(),
  status: z.enum(REFERRER_STATUSES),
  receivedOn: z.string().meta({ format: 'date' }),
  sentAt: z.string().meta({ format: 'date-time' }),
  decidedAt: z.string().meta({ format: 'date-time' }).nullable(),
  service: z.object({ name: z.string() }),
  outcome: z.object({ declineReason: z.string().nullable(), closureCode: z.string().nullable() }),
  contact: z.object({
    name: z.string().nullable(),
    email: z.string().nullable(),
    phone: z.string().nullable(),
  }),
});

const errorSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    fields: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
  }),
});

function requestSchema() {
  const fields = jsonSchema(referralFields) as {
    properties: Record<string, Record<string, unknown>>;
  };
  const properties: Record<string, unknown> = {
    service: {
      type: 'string',
      description: "The receiving restorative justice service's short name (slug).",
    },
    ...fields.properties,
  };
  for (const name of DATE_FIELDS) (properties[name] as Record<string, unknown>).format = 'date';
  (properties.source_org as Record<string, unknown>).description =
    "Optional: the organisation the token belongs to sends the referral. If given, it must be that organisation's short name.";
  return {
    type: 'object',
    additionalProperties: false,
    description:
      'The same fields as the CSV import columns. Dates are YYYY-MM-DD; yes/no fields take true/false.',
    properties,
    required: ['service', ...REQUIRED_FIELDS.filter((name) => name !== 'source_org')],
  };
}

let cached: Record<string, unknown> | undefined;

export function openApiDocument(version: string): Record<string, unknown> {
  cached ??= {
    openapi: '3.1.0',
    info: {
      title: 'Waymark API',
      version,
      description:
        'For partner systems (for example a police records system) to send referrals to a restorative justice service and follow their status. Authenticate with an API token issued by a Waymark administrator.',
    },
    servers: [{ url: '/api/v1' }],
    security: [{ bearerToken: [] }],
    components: {
      securitySchemes: { bearerToken: { type: 'http', scheme: 'bearer' } },
      schemas: {
        ReferralRequest: requestSchema(),
        ReferralCreated: jsonSchema(createdSchema),
        ReferralStatus: jsonSchema(statusSchema),
        Error: jsonSchema(errorSchema),
        ...wellbeingOpenApi().schemas,
        ...feedbackOpenApi().schemas,
      },
    },
    paths: {
      '/referrals': {
        post: {
          summary: 'Send a referral',
          operationId: 'createReferral',
          requestBody: {
            required: true,
            content: {
              'application/json': { schema: { $ref: '#/components/schemas/ReferralRequest' } },
            },
          },
          responses: {
            '201': {
              description: 'Created',
              content: {
                'application/json': { schema: { $ref: '#/components/schemas/ReferralCreated' } },
              },
            },
            '400': {
              description: 'Invalid input: every problem is listed in error.fields',
              content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
            },
            '401': {
              description: 'Missing, unknown or revoked token',
              content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
            },
            '429': { description: 'Too many requests' },
          },
        },
      },
      '/referrals/{id}': {
        get: {
          summary: "A referral's status",
          operationId: 'getReferral',
          parameters: [
            { name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } },
          ],
          responses: {
            '200': {
              description: 'The status',
              content: {
                'application/json': { schema: { $ref: '#/components/schemas/ReferralStatus' } },
              },
            },
            '401': {
              description: 'Missing, unknown or revoked token',
              content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
            },
            '404': {
              description: "Not found, or another organisation's referral",
              content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
            },
          },
        },
      },
      ...wellbeingOpenApi().paths,
      ...feedbackOpenApi().paths,
    },
  };
  return cached;
}
