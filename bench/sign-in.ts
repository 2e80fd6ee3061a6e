// Signing a benchmark's user in through the forms, as a person would: the password, then
// setting up an authenticator app from the page's secret key and entering its code (each
// benchmark's users are new, so each signs in for the first time). The cookie that comes back
// is a signed-in session.
import type { FastifyInstance } from 'fastify';
import { timeStep } from '../src/domain/second-factor.js';
import { systemClock } from '../src/platform/clock.js';
import { totpCode } from '../src/platform/totp.js';
import { SESSION_COOKIE } from '../src/platform/web-session.js';

interface Answer {
  statusCode: number;
  body: string;
  headers: Record<string, unknown>;
  cookies: { name: string; value: string }[];
}

export async function signInThroughForms(
  app: FastifyInstance,
  email: string,
  password: string,
): Promise<string> {
  const jar = new Map<string, string>();
  let csrf = '';
  const send = async (method: 'GET' | 'POST', url: string, form?: Record<string, string>) => {
    const response = (await app.inject({
      method,
      url,
      headers: {
        cookie: [...jar].map(([name, value]) => `${name}=${value}`).join('; '),
        ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
      payload: form ? new URLSearchParams({ _csrf: csrf, ...form }).toString() : undefined,
    })) as Answer;
    for (const cookie of response.cookies) jar.set(cookie.name, cookie.value);
    csrf = /name="_csrf" value="([^"]+)"/.exec(response.body)?.[1] ?? csrf;
    return response;
  };
  await send('GET', '/sign-in');
  const afterPassword = await send('POST', '/sign-in', { email, password });
  const next = String(afterPassword.headers.location ?? '');
  if (!next.startsWith('/sign-in/set-up-authenticator'))
    throw new Error(`Signing in as ${email} answered ${afterPassword.statusCode} ${next}`);
  const page = await send('GET', next);
  const secret = /data-qa="secret-key">([^<]+)</.exec(page.body)?.[1]?.replace(/\s+/g, '');
  if (!secret) throw new Error('The set-up page shows no secret key');
  const done = await send('POST', '/sign-in/set-up-authenticator', {
    code: totpCode(secret, timeStep(systemClock.now())),
  });
  const session = jar.get(SESSION_COOKIE);
  if (done.statusCode !== 200 || !session)
    throw new Error(`Setting up an authenticator for ${email} answered ${done.statusCode}`);
  return `${SESSION_COOKIE}=${session}`;
}
