// Giving the password and a code again (step-up, ADR 0019), and changing one's authenticator
// app, which itself needs a recent step-up (declared in src/route-policies.ts).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { WithServices } from '../../services.js';
import { presentForm } from '../../platform/forms.js';
import { requireSignedIn } from '../../platform/guards.js';
import { REAUTHENTICATE_PATH } from '../../platform/step-up.js';
import { sessionTokenOf } from '../../platform/web-session.js';
import { reauthenticateForm, codeForm, safeReturnPath } from './forms.js';
import { answerCode, RECOVERY_CODES, showSetUp } from './code-pages.js';

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
      const returnTo = safeReturnPath(
        (request.body as Record<string, unknown> | undefined)?.returnTo,
      );
      const answer = await answerCode(request, {
        schema: reauthenticateForm,
        field: 'code',
        check: (data) =>
          services.secondFactor.reauthenticate(answerer(request), sessionTokenOf(request)!, data),
      });
      if (!('accepted' in answer))
        return reply.code(answer.status).view(REAUTHENTICATE, { form: answer.refused, returnTo });
      return reply.redirect(returnTo);
    },
  );

  // A new authenticator app: the old one works until a code from the new one is confirmed.
  const changePage = (request: FastifyRequest) => ({
    user: request.user!,
    action: CHANGE_PATH,
    changing: true as const,
    returnTo: '/account',
  });

  app.get(CHANGE_PATH, { preHandler: requireSignedIn }, async (request, reply) =>
    showSetUp(services, request, reply, changePage(request)),
  );

  app.post(
    CHANGE_PATH,
    { preHandler: requireSignedIn, ...formRateLimit },
    async (request, reply) => {
      const answer = await answerCode(request, {
        schema: codeForm,
        field: 'code',
        check: ({ code }) => services.secondFactor.confirmEnrolment(answerer(request), code),
      });
      if (!('accepted' in answer))
        return showSetUp(services, request, reply, changePage(request), answer);
      return reply.view(RECOVERY_CODES, {
        codes: answer.accepted.recoveryCodes,
        next: '/account?authenticatorChanged',
      });
    },
  );
}
