// The second factor's pages (GOV.UK's "set up an authenticator app" and "enter the code"
// patterns, without JavaScript): after a correct password, a person without an authenticator
// sets one up and is shown recovery codes once; a person with one enters its code, or a
// recovery code. Until then the session signs nobody in (platform/web-session.ts).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { Services, WithServices } from '../../services.js';
import { rotateCsrfSecret } from '../../platform/csrf.js';
import { presentForm } from '../../platform/forms.js';
import { sessionTokenOf, setSessionCookie } from '../../platform/web-session.js';
import type { SignedInUser } from '../../domain/sessions.js';
import { answerCode, RECOVERY_CODES, showSetUp } from './code-pages.js';
import { codeForm, recoveryCodeForm, safeReturnPath } from './forms.js';

const ENTER_CODE = 'auth/views/enter-code.njk';
const ENTER_RECOVERY = 'auth/views/enter-recovery-code.njk';

export const SET_UP_PATH = '/sign-in/set-up-authenticator';
export const CODE_PATH = '/sign-in/code';
const RECOVERY_PATH = '/sign-in/recovery-code';

const formRateLimit = { config: { rateLimit: { max: 30, timeWindow: '1 minute' } } };

/** Where a person who gave the right password goes next: set up, or the code. */
export async function secondFactorStep(services: Services, userId: string, returnTo: string) {
  const path = (await services.secondFactor.enrolled(userId)) ? CODE_PATH : SET_UP_PATH;
  return `${path}?returnTo=${encodeURIComponent(returnTo)}`;
}

export async function secondFactorRoutes(app: FastifyInstance, { services }: WithServices) {
  /** The person waiting for their second factor, or a redirect for anyone else. */
  function waiting(request: FastifyRequest, reply: FastifyReply) {
    if (request.pendingUser) return request.pendingUser;
    void reply.redirect(request.user ? '/' : '/sign-in');
    return undefined;
  }
  const returnOf = (request: FastifyRequest) =>
    safeReturnPath(
      (request.body as Record<string, unknown> | undefined)?.returnTo ??
        (request.query as Record<string, unknown>).returnTo,
    );
  const answerer = (request: FastifyRequest, user: SignedInUser) => ({
    user,
    address: request.ip,
    requestId: request.id,
  });

  async function signedIn(request: FastifyRequest, reply: FastifyReply, user: SignedInUser) {
    const token = await services.secondFactor.finishSignIn(
      answerer(request, user),
      sessionTokenOf(request)!,
    );
    setSessionCookie(reply, token);
    rotateCsrfSecret(reply);
  }

  const setUpPage = (request: FastifyRequest, user: SignedInUser) => ({
    user,
    action: SET_UP_PATH,
    returnTo: returnOf(request),
  });

  app.get(SET_UP_PATH, async (request, reply) => {
    const user = waiting(request, reply);
    if (!user) return reply;
    if (await services.secondFactor.enrolled(user.userId)) {
      return reply.redirect(await secondFactorStep(services, user.userId, returnOf(request)));
    }
    return showSetUp(services, request, reply, setUpPage(request, user));
  });

  app.post(SET_UP_PATH, formRateLimit, async (request, reply) => {
    const user = waiting(request, reply);
    if (!user) return reply;
    const answer = await answerCode(request, {
      schema: codeForm,
      field: 'code',
      check: ({ code }) => services.secondFactor.confirmEnrolment(answerer(request, user), code),
    });
    if (!('accepted' in answer))
      return showSetUp(services, request, reply, setUpPage(request, user), answer);
    await signedIn(request, reply, user);
    // Shown once, in answer to the code that set the app up: they are never shown again.
    return reply.view(RECOVERY_CODES, {
      codes: answer.accepted.recoveryCodes,
      next: returnOf(request),
    });
  });

  for (const [path, view, schema, field, check] of [
    [CODE_PATH, ENTER_CODE, codeForm, 'code', 'answerCode'],
    [RECOVERY_PATH, ENTER_RECOVERY, recoveryCodeForm, 'recoveryCode', 'answerRecoveryCode'],
  ] as const) {
    app.get(path, async (request, reply) => {
      const user = waiting(request, reply);
      if (!user) return reply;
      return reply.view(view, { form: presentForm(request.t), returnTo: returnOf(request) });
    });

    app.post(path, formRateLimit, async (request, reply) => {
      const user = waiting(request, reply);
      if (!user) return reply;
      const returnTo = returnOf(request);
      const answer = await answerCode(request, {
        schema: schema as z.ZodType<Record<string, string>>,
        field,
        check: (data) => services.secondFactor[check](answerer(request, user), data[field]!),
      });
      if (!('accepted' in answer))
        return reply.code(answer.status).view(view, { form: answer.refused, returnTo });
      await signedIn(request, reply, user);
      return reply.redirect(returnTo);
    });
  }
}
