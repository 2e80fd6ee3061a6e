// The second factor's pages (GOV.UK's "set up an authenticator app" and "enter the code"
// patterns, without JavaScript): after a correct password, a person without an authenticator
// sets one up and is shown recovery codes once; a person with one enters its code, or a
// recovery code. Until then the session signs nobody in (platform/web-session.ts).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { Services, WithServices } from '../../services.js';
import { groupedSecret } from '../../domain/second-factor.js';
import { waitInWords } from '../../domain/sign-in-throttle.js';
import { rotateCsrfSecret } from '../../platform/csrf.js';
import { parseForm, presentForm } from '../../platform/forms.js';
import { qrCodeSvg, totpUri } from '../../platform/totp.js';
import { sessionTokenOf, setSessionCookie } from '../../platform/web-session.js';
import type { SignedInUser } from '../../domain/sessions.js';
import type { CodeOutcome } from './second-factor-service.js';
import { codeForm, recoveryCodeForm, safeReturnPath } from './forms.js';

export const SET_UP = 'auth/views/set-up-authenticator.njk';
export const RECOVERY_CODES = 'auth/views/recovery-codes.njk';
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

/** The field error for a refused or throttled code. */
export function codeError(result: Exclude<CodeOutcome, { outcome: 'accepted' }>, field: string) {
  if (result.outcome === 'throttled') {
    const { unit, count } = waitInWords(result.waitSeconds);
    return { field, key: `signIn.errors.throttled.${unit}`, params: { count } };
  }
  if (result.reason === 'password')
    return { field: 'password', key: 'passwords.errors.currentWrong' };
  return {
    field,
    key: `secondFactor.errors.${field === 'code' ? result.reason : 'recoveryWrong'}`,
  };
}

/** What the set-up page shows: the QR code, the key written out, the address it encodes. */
export async function setUpView(services: Services, request: FastifyRequest, user: SignedInUser) {
  const secret = await services.secondFactor.pendingSecret(user.userId);
  const uri = totpUri(secret, user.email, request.t('service.name'));
  return {
    qrCode: qrCodeSvg(uri, request.t('secondFactor.setUp.qrAlt')),
    secretGroups: groupedSecret(secret),
  };
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

  app.get(SET_UP_PATH, async (request, reply) => {
    const user = waiting(request, reply);
    if (!user) return reply;
    if (await services.secondFactor.enrolled(user.userId)) {
      return reply.redirect(await secondFactorStep(services, user.userId, returnOf(request)));
    }
    return reply.view(SET_UP, {
      form: presentForm(request.t),
      action: SET_UP_PATH,
      returnTo: returnOf(request),
      ...(await setUpView(services, request, user)),
    });
  });

  app.post(SET_UP_PATH, formRateLimit, async (request, reply) => {
    const user = waiting(request, reply);
    if (!user) return reply;
    const returnTo = returnOf(request);
    const parsed = parseForm(codeForm, request.body);
    const result = parsed.ok
      ? await services.secondFactor.confirmEnrolment(answerer(request, user), parsed.data.code)
      : undefined;
    if (!result || result.outcome !== 'accepted') {
      const errors = result ? [codeError(result, 'code')] : parsed.ok ? [] : parsed.errors;
      return reply.code(result?.outcome === 'throttled' ? 429 : 400).view(SET_UP, {
        form: presentForm(request.t, {}, errors),
        action: SET_UP_PATH,
        returnTo,
        ...(await setUpView(services, request, user)),
      });
    }
    await signedIn(request, reply, user);
    // Shown once, in answer to the code that set the app up: they are never shown again.
    return reply.view(RECOVERY_CODES, { codes: result.recoveryCodes, next: returnTo });
  });

  for (const [path, view, form, field, answer] of [
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
      const parsed = parseForm(form as z.ZodType<Record<string, string>>, request.body);
      const result = parsed.ok
        ? await services.secondFactor[answer](answerer(request, user), parsed.data[field]!)
        : undefined;
      if (!result || result.outcome !== 'accepted') {
        const errors = result ? [codeError(result, field)] : parsed.ok ? [] : parsed.errors;
        return reply
          .code(result?.outcome === 'throttled' ? 429 : 400)
          .view(view, { form: presentForm(request.t, {}, errors), returnTo });
      }
      await signedIn(request, reply, user);
      return reply.redirect(returnTo);
    });
  }
}
