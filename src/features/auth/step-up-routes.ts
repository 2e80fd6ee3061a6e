// Giving the password and a code again (step-up, ADR 0019), and changing one's authenticator
// app, which itself needs a recent step-up (declared in src/route-policies.ts).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { WithServices } from '../../services.js';
import { parseForm, presentForm } from '../../platform/forms.js';
import { requireSignedIn } from '../../platform/guards.js';
import { REAUTHENTICATE_PATH } from '../../platform/step-up.js';
import { sessionTokenOf } from '../../platform/web-session.js';
import { reauthenticateForm, codeForm, safeReturnPath } from './forms.js';
import { codeError, RECOVERY_CODES, SET_UP, setUpView } from './second-factor-routes.js';

const REAUTHENTICATE = 'auth/views/reauthenticate.njk';
const CHANGE_PATH = '/account/authenticator';
const formRateLimit = { config: { rateLimit: { max: 30, timeWindow: '1 minute' } } };

export async function stepUpRoutes(app: FastifyInstance, { services }: WithServices) {
  const answerer = (request: FastifyRequest) => ({
    user: request.user!,
    address: request.ip,
    requestId: request.id,
  });

  app.get(REAUTHENTICATE_PATH, { preHandler: requireSignedIn }, async (request, reply) => {
    const query = request.query as Record<string, unknown>;
    return reply.view(REAUTHENTICATE, {
      form: presentForm(request.t),
      returnTo: safeReturnPath(query.returnTo),
    });
  });

  app.post(
    REAUTHENTICATE_PATH,
    { preHandler: requireSignedIn, ...formRateLimit },
    async (request, reply) => {
      const body = request.body as Record<string, unknown> | undefined;
      const returnTo = safeReturnPath(body?.returnTo);
      const parsed = parseForm(reauthenticateForm, body);
      const result = parsed.ok
        ? await services.secondFactor.reauthenticate(
            answerer(request),
            sessionTokenOf(request)!,
            parsed.data,
          )
        : undefined;
      if (!result || result.outcome !== 'accepted') {
        const errors = result ? [codeError(result, 'code')] : parsed.ok ? [] : parsed.errors;
        return reply
          .code(result?.outcome === 'throttled' ? 429 : 400)
          .view(REAUTHENTICATE, { form: presentForm(request.t, {}, errors), returnTo });
      }
      return reply.redirect(returnTo);
    },
  );

  // A new authenticator app: the old one works until a code from the new one is confirmed.
  app.get(CHANGE_PATH, { preHandler: requireSignedIn }, async (request, reply) =>
    reply.view(SET_UP, {
      form: presentForm(request.t),
      action: CHANGE_PATH,
      changing: true,
      returnTo: '/account',
      ...(await setUpView(services, request, request.user!)),
    }),
  );

  app.post(
    CHANGE_PATH,
    { preHandler: requireSignedIn, ...formRateLimit },
    async (request, reply) => {
      const parsed = parseForm(codeForm, request.body);
      const result = parsed.ok
        ? await services.secondFactor.confirmEnrolment(answerer(request), parsed.data.code)
        : undefined;
      if (!result || result.outcome !== 'accepted') {
        const errors = result ? [codeError(result, 'code')] : parsed.ok ? [] : parsed.errors;
        return reply.code(result?.outcome === 'throttled' ? 429 : 400).view(SET_UP, {
          form: presentForm(request.t, {}, errors),
          action: CHANGE_PATH,
          changing: true,
          returnTo: '/account',
          ...(await setUpView(services, request, request.user!)),
        });
      }
      return reply.view(RECOVERY_CODES, {
        codes: result.recoveryCodes,
        next: '/account?authenticatorChanged',
      });
    },
  );
}
