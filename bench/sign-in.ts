// Signing a benchmark's user in through the forms, as a person would: the password, then the
// second factor: the first time, setting up an authenticator app from the page's secret key;
// after that, the code it shows (a code is usable once, so a second sign-in in the same 30 s
// waits for the next). The cookie that comes back is a signed-in session.
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

/** Each account's authenticator secret, and the last step a code was made for. */
const phones = new Map<string, { secret: string; lastStep: number }>();

async function freshCode(email: string): Promise<string> {
  const phone = phones.get(email)!;
  let step = timeStep(systemClock.now());
  while (step <= phone.lastStep) {
    await new Promise((resolve) => setTimeout(resolve, 1000));
    step = timeStep(systemClock.now());
  }
  phone.lastStep = step;
  return totpCode(phone.secret, step);
}

/** One request, in process (app.inject, from `address`) or over HTTP to a server at a URL. */
async function request(
  to: FastifyInstance | string,
  address: string,
  method: 'GET' | 'POST',
  url: string,
  headers: Record<string, string>,
  payload: string | undefined,
): Promise<Answer> {
  if (typeof to !== 'string')
    return (await to.inject({ method, url, remoteAddress: address, headers, payload })) as Answer;
  const response = await fetch(`${to}${url}`, {
    method,
    headers,
    body: payload,
    redirect: 'manual',
  });
  const cookies = response.headers.getSetCookie().map((line) => {
    const [pair] = line.split(';');
    const at = pair!.indexOf('=');
    return { name: pair!.slice(0, at).trim(), value: pair!.slice(at + 1).trim() };
  });
  return {
    statusCode: response.status,
    body: await response.text(),
    headers: Object.fromEntries(response.headers),
    cookies,
  };
}

/**
 * Signs in through the forms of `to`: an app in this process, or a server's base URL (e.g.
 * http://127.0.0.1:3000), where the address is the connection's own.
 */
export async function signInThroughForms(
  to: FastifyInstance | string,
  email: string,
  password: string,
  address = '127.0.0.1',
): Promise<string> {
  const jar = new Map<string, string>();
  let csrf = '';
  const send = async (method: 'GET' | 'POST', url: string, form?: Record<string, string>) => {
    const response = await request(
      to,
      address,
      method,
      url,
      {
        cookie: [...jar].map(([name, value]) => `${name}=${value}`).join('; '),
        ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
      form ? new URLSearchParams({ _csrf: csrf, ...form }).toString() : undefined,
    );
    for (const cookie of response.cookies) jar.set(cookie.name, cookie.value);
    csrf = /name="_csrf" value="([^"]+)"/.exec(response.body)?.[1] ?? csrf;
    return response;
  };
  await send('GET', '/sign-in');
  const afterPassword = await send('POST', '/sign-in', { email, password });
  const next = String(afterPassword.headers.location ?? '');
  const page = await send('GET', next);
  let done: Answer;
  if (next.startsWith('/sign-in/set-up-authenticator')) {
    const secret = /data-qa="secret-key">([^<]+)</.exec(page.body)?.[1]?.replace(/\s+/g, '');
    if (!secret) throw new Error('The set-up page shows no secret key');
    phones.set(email, { secret, lastStep: -1 });
    done = await send('POST', '/sign-in/set-up-authenticator', { code: await freshCode(email) });
  } else if (next.startsWith('/sign-in/code') && phones.has(email)) {
    done = await send('POST', '/sign-in/code', { code: await freshCode(email) });
  } else {
    throw new Error(`Signing in as ${email} answered ${afterPassword.statusCode} ${next}`);
  }
  const session = jar.get(SESSION_COOKIE);
  if (done.statusCode >= 400 || !session)
    throw new Error(`The second factor for ${email} answered ${done.statusCode}`);
  return `${SESSION_COOKIE}=${session}`;
}
