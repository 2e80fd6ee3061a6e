// The JSON API for partner systems: POST /api/v1/referrals and GET /api/v1/referrals/{id},
// authenticated with a bearer token, described at /api/v1/openapi.json.
import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services.js';
import { AppError } from '../../platform/errors.js';
import { VERSION } from '../../version.js';
import { REFERRAL_FIELD_NAMES } from '../referrals/index.js';
import { API_RATE_LIMIT, bearerToken } from './auth.js';
import { openApiDocument } from './openapi.js';

const ALLOWED_FIELDS = new Set<string>(['service', ...REFERRAL_FIELD_NAMES]);

export async function apiRoutes(app: FastifyInstance, { services }: { services: Services }) {
  app.get('/api/v1/openapi.json', async () => openApiDocument(VERSION));

  await app.register(
    async (api) => {
      api.addHook('onRequest', bearerToken(services));
      const rateLimit = API_RATE_LIMIT;

      api.post('/referrals', { config: { rateLimit } }, async (request, reply) => {
        const body = request.body;
        if (!body || typeof body !== 'object' || Array.isArray(body)) {
          throw new AppError('bad_request', 'api.errors.notAnObject');
        }
        const unknown = Object.keys(body).filter((key) => !ALLOWED_FIELDS.has(key));
        if (unknown.length > 0) {
          throw new AppError('validation', 'errors.validation.title', {
            fieldErrors: unknown.map((field) => ({ field, key: 'api.errors.unknownField' })),
          });
        }
        const { service, ...fields } = body as Record<string, unknown>;
        const created = await services.referrals.create(request.actor!, fields, {
          channel: 'api',
          service: typeof service === 'string' ? service : undefined,
        });
        return reply.code(201).header('location', `/api/v1/referrals/${created.id}`).send(created);
      });

      api.get('/referrals/:id', { config: { rateLimit } }, async (request) => {
        const { id } = request.params as { id: string };
        const referral = await services.sent.get(request.actor!, id);
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
      });
    },
    { prefix: '/api/v1' },
  );
}
