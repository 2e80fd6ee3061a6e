// POST /referrals and GET /referrals/{id}: a partner system sends a referral and follows its
// status. The request takes the referral's fields from the schema every door shares (the web
// form and the CSV import read the same one), so the API checks what they check.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import { srcDir } from '../../platform/paths.js';
import { DATE_FIELDS, REFERRER_STATUSES, referralFields } from '../referrals/index.js';
import { answer, EVERY_OPERATION, EVERY_WRITE, refusal } from './errors.js';
import type { Operation } from './operation.js';

/** The offence groups Waymark loads into its database, from the same file. */
const OFFENCE_GROUPS = (
  parse(readFileSync(path.join(srcDir, 'reference', 'offence-groups.csv'), 'utf8'), {
    columns: true,
    skip_empty_lines: true,
    bom: true,
  }) as { id: string }[]
).map((row) => row.id) as [string, ...string[]];

const shape = referralFields.shape;
const formatted = Object.fromEntries(
  DATE_FIELDS.map((name) => [name, shape[name].meta({ format: 'date' })]),
) as { [K in (typeof DATE_FIELDS)[number]]: (typeof shape)[K] };

export const referralRequestSchema = z
  .strictObject({
    service: z.preprocess(
      (value) => (typeof value === 'string' ? value.trim().toLowerCase() : value),
      z
        .string({ error: 'referrals.errors.serviceRequired' })
        .min(1, { error: 'referrals.errors.serviceRequired' })
        .max(60, { error: 'referrals.errors.serviceUnknown' })
        .meta({ description: "The receiving restorative justice service's short name (slug)." }),
    ),
    ...shape,
    ...formatted,
    source_org: shape.source_org.optional().meta({
      description:
        "Optional: the organisation the token belongs to sends the referral. If given, it must be that organisation's short name.",
    }),
    offence_group: z
      .preprocess(
        (value) => (typeof value === 'string' ? value.trim().toLowerCase() : value),
        z.enum(OFFENCE_GROUPS, { error: 'referrals.errors.offenceGroupUnknown' }).optional(),
      )
      .meta({
        description:
          'Required for a crime (harm_setting blank or "crime"); optional for harm that is not a crime.',
      }),
    victim_email: shape.victim_email.meta({ format: 'email' }),
    offender_email: shape.offender_email.meta({ format: 'email' }),
  })
  .meta({
    id: 'ReferralRequest',
    description:
      'The same fields as the CSV import columns. Dates are YYYY-MM-DD; yes/no fields take true/false.',
  });

export const referralCreatedSchema = z
  .strictObject({
    id: z.uuid(),
    reference: z.string().meta({ example: 'RF-7K3F-9QX2' }),
    status: z.enum(REFERRER_STATUSES),
  })
  .meta({ id: 'ReferralCreated' });

export const referralStatusSchema = z
  .strictObject({
    id: z.uuid(),
    reference: z.string(),
    status: z.enum(REFERRER_STATUSES),
    receivedOn: z.string().meta({ format: 'date' }),
    sentAt: z.string().meta({ format: 'date-time' }),
    decidedAt: z.string().meta({ format: 'date-time' }).nullable(),
    service: z.strictObject({ name: z.string() }),
    outcome: z.strictObject({
      declineReason: z.string().nullable(),
      closureCode: z.string().nullable(),
    }),
    contact: z.strictObject({
      name: z.string().nullable(),
      email: z.string().nullable(),
      phone: z.string().nullable(),
    }),
  })
  .meta({ id: 'ReferralStatus' });

export const createReferral: Operation = (api, { services, rateLimit }) =>
  api.route({
    method: 'POST',
    url: '/referrals',
    config: { rateLimit },
    schema: {
      operationId: 'createReferral',
      summary: 'Send a referral',
      body: referralRequestSchema,
      response: {
        201: answer('Created: its id, reference and status', referralCreatedSchema),
        ...EVERY_WRITE,
      },
    },
    handler: async (request, reply) => {
      const { service, ...fields } = request.body;
      const created = await services.referrals.create(request.actor!, fields, {
        channel: 'api',
        service,
      });
      return reply.code(201).header('location', `/api/v1/referrals/${created.id}`).send(created);
    },
  });

export const getReferral: Operation = (api, { services, rateLimit }) =>
  api.route({
    method: 'GET',
    url: '/referrals/:id',
    config: { rateLimit },
    schema: {
      operationId: 'getReferral',
      summary: "A referral's status",
      // Any id is looked up: one that is not a referral this organisation sent is not found.
      params: z.strictObject({ id: z.string().meta({ format: 'uuid' }) }),
      response: {
        200: answer('The status', referralStatusSchema),
        ...EVERY_OPERATION,
        404: refusal("Not found, or another organisation's referral"),
      },
    },
    handler: async (request) => {
      const referral = await services.sent.get(request.actor!, request.params.id);
      return {
        id: referral.id,
        reference: referral.reference,
        status: referral.referrerStatus,
        receivedOn: referral.receivedOn,
        sentAt: referral.sentAt.toISOString(),
        decidedAt: referral.decidedAt ? referral.decidedAt.toISOString() : null,
        service: { name: referral.serviceName },
        outcome: { declineReason: referral.declineReason, closureCode: referral.closureCode },
        contact: {
          name: referral.contactName ?? referral.serviceContactName,
          email: referral.contactEmail ?? referral.serviceContactEmail,
          phone: referral.serviceContactPhone,
        },
      };
    },
  });
