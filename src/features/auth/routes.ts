import type { FastifyInstance } from 'fastify';
import type { WithServices } from '../../services.js';
import { isAppError } from '../../platform/errors.js';
import { mistakesOf, parseForm, presentForm } from '../../platform/forms.js';
import { rotateCsrfSecret } from '../../platform/csrf.js';
import { requireSignedIn } from '../../platform/guards.js';
import {
  clearSessionCookie,
  sessionTokenOf,
  setSessionCookie,
} from '../../platform/web-session.js';
import { changePasswordForm, safeReturnPath, setPasswordForm, signInForm } from './forms.js';
import { organisationOptions } from '../organisations/index.js';
import { waitInWords } from '../../domain/sign-in-throttle.js';
import { sessionWarningRoutes } from './session-routes.js';
import { SET_UP_PATH, secondFactorRoutes, secondFactorStep } from './second-factor-routes.js';
import { stepUpRoutes } from './step-up-routes.js';

const SIGN_IN = 'auth/views/sign-in.njk';
const SET_UP = 'auth/views/setup.njk';
const SET_PASSWORD = 'auth/views/set-password.njk';
const LINK_INVALID = 'auth/views/link-invalid.njk';
const ACCOUNT = 'auth/views/account.njk';

// A person can retry a form quickly; a script cannot hammer these pages.
const formRateLimit = { config: { rateLimit: { max: 30, timeWindow: '1 minute' } } };

/** How long to wait, in words: the same for every email address, known or not. */
function throttledError(waitSeconds: number) {
  const { unit, count } = waitInWords(waitSeconds);
  return { field: 'email', key: `signIn.errors.throttled.${unit}`, params: { count } };
}

export async function authRoutes(app: FastifyInstance, { services }: WithServices) {
  await app.register(sessionWarningRoutes, { services });
  await app.register(secondFactorRoutes, { services });
  await app.register(stepUpRoutes, { services });

  app.get('/sign-in', async (request, reply) => {
    if (request.user) return reply.redirect('/');
    const query = request.query as Record<string, string | undefined>;
    // The password was given: the second factor is what is left to do.
    if (request.pendingUser) {
      const { userId } = request.pendingUser;
      return reply.redirect(
        await secondFactorStep(services, userId, safeReturnPath(query.returnTo)),
      );
    }
    const notice =
      request.sessionEnded === 'idle_expired' || query.expired !== undefined
        ? 'signIn.notices.idle'
        : request.sessionEnded === 'absolute_expired'
          ? 'signIn.notices.absolute'
          : query.signedOut !== undefined
            ? 'signIn.notices.signedOut'
            : query.passwordSet !== undefined
              ? 'signIn.notices.passwordSet'
              : undefined;
    return reply.view(SIGN_IN, {
      form: presentForm(request.t),
      returnTo: safeReturnPath(query.returnTo),
      notice,
    });
  });

  app.post('/sign-in', formRateLimit, async (request, reply) => {
    const body = request.body as Record<string, unknown>;
    const returnTo = safeReturnPath(body?.returnTo);
    const parsed = parseForm(signInForm, body);
    if (!parsed.ok) {
      return reply.code(400).view(SIGN_IN, {
        form: presentForm(request.t, { email: body?.email }, parsed.errors),
        returnTo,
      });
    }
    const result = await services.signIn.signIn({
      email: parsed.data.email,
      password: parsed.data.password,
      address: request.ip,
      requestId: request.id,
    });
    if (result.outcome !== 'password_accepted') {
      const error =
        result.outcome === 'throttled'
          ? throttledError(result.waitSeconds)
          : { field: 'email', key: 'signIn.errors.rejected' };
      return reply.code(result.outcome === 'throttled' ? 429 : 401).view(SIGN_IN, {
        form: presentForm(request.t, { email: parsed.data.email }, [error]),
        returnTo,
      });
    }
    const previous = sessionTokenOf(request);
    if (previous) await services.sessions.end(previous);
    setSessionCookie(reply, result.sessionToken);
    rotateCsrfSecret(reply);
    return reply.redirect(await secondFactorStep(services, result.userId, returnTo));
  });

  app.post('/sign-out', async (request, reply) => {
    const token = sessionTokenOf(request);
    if (token) await services.sessions.end(token);
    if (request.actor) await services.audit.recordSignOut(request.actor);
    clearSessionCookie(reply);
    rotateCsrfSecret(reply);
    return reply.redirect('/sign-in?signedOut');
  });

  // First-time set-up: the link printed at start-up while no administrator exists.
  app.get('/setup/:token', async (request, reply) => {
    const { token } = request.params as { token: string };
    if (!(await services.setup.tokenUsable(token))) return reply.code(404).view(LINK_INVALID, {});
    return reply.view(SET_UP, {
      form: presentForm(request.t),
      ...(await organisationOptions(services, request.t)),
    });
  });

  app.post('/setup/:token', formRateLimit, async (request, reply) => {
    const { token } = request.params as { token: string };
    const body = request.body as Record<string, unknown>;
    try {
      const { sessionToken } = await services.setup.complete(token, body);
      setSessionCookie(reply, sessionToken);
      rotateCsrfSecret(reply);
      // The first administrator sets up their authenticator app before anything else.
      return reply.redirect(SET_UP_PATH);
    } catch (error) {
      if (!isAppError(error)) throw error;
      if (error.kind === 'not_found') return reply.code(404).view(LINK_INVALID, {});
      const { password: _p, confirmPassword: _c, ...kept } = body ?? {};
      return reply.code(400).view(SET_UP, {
        form: presentForm(request.t, kept, error.fieldErrors),
        ...(await organisationOptions(services, request.t)),
      });
    }
  });

  // A new user's (or a reset) one-time link to choose a password.
  app.get('/set-password/:token', async (request, reply) => {
    const { token } = request.params as { token: string };
    if (!(await services.users.passwordLinkValid(token)))
      return reply.code(404).view(LINK_INVALID, {});
    return reply.view(SET_PASSWORD, { form: presentForm(request.t) });
  });

  app.post('/set-password/:token', formRateLimit, async (request, reply) => {
    const { token } = request.params as { token: string };
    const parsed = parseForm(setPasswordForm, request.body);
    if (!parsed.ok)
      return reply
        .code(400)
        .view(SET_PASSWORD, { form: presentForm(request.t, {}, parsed.errors) });
    try {
      await services.users.setPasswordWithLink(token, parsed.data.password);
      return reply.redirect('/sign-in?passwordSet');
    } catch (error) {
      if (!isAppError(error)) throw error;
      if (error.kind === 'not_found') return reply.code(404).view(LINK_INVALID, {});
      return reply
        .code(400)
        .view(SET_PASSWORD, { form: presentForm(request.t, {}, error.fieldErrors) });
    }
  });

  app.get('/account', { preHandler: requireSignedIn }, async (request, reply) => {
    const query = request.query as Record<string, string | undefined>;
    return reply.view(ACCOUNT, {
      form: presentForm(request.t),
      flash:
        query.changed !== undefined
          ? request.t('account.passwordChanged')
          : query.authenticatorChanged !== undefined
            ? request.t('account.authenticatorChanged')
            : undefined,
    });
  });

  app.post(
    '/account/password',
    { preHandler: requireSignedIn, ...formRateLimit },
    async (request, reply) => {
      const parsed = parseForm(changePasswordForm, request.body);
      if (!parsed.ok)
        return reply.code(400).view(ACCOUNT, { form: presentForm(request.t, {}, parsed.errors) });
      try {
        await services.users.changeOwnPassword(
          request.actor!,
          parsed.data.currentPassword,
          parsed.data.newPassword,
        );
        return reply.redirect('/account?changed');
      } catch (error) {
        const fieldErrors = mistakesOf(error);
        return reply.code(400).view(ACCOUNT, { form: presentForm(request.t, {}, fieldErrors) });
      }
    },
  );
}
