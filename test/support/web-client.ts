// A browser stand-in over app.inject: keeps cookies, and sends the CSRF token from the last
// page it fetched with every form it posts, as a browser submitting that page's form would.
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { clockOf, currentCode, rememberRecoveryCodes, rememberSecret } from './authenticator.js';

export class WebClient {
  private cookies = new Map<string, string>();
  private csrfToken: string | undefined;
  lastResponse: LightMyRequestResponse | undefined;
  /** Headers sent with every request (e.g. a proxy's x-forwarded-proto). */
  extraHeaders: Record<string, string> = {};

  constructor(
    private readonly app: FastifyInstance,
    private readonly address = '203.0.113.10',
  ) {}

  private cookieHeader(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  private remember(response: LightMyRequestResponse) {
    for (const cookie of response.cookies as {
      name: string;
      value: string;
      expires?: Date;
      maxAge?: number;
    }[]) {
      const expired =
        (cookie.expires && cookie.expires.getTime() <= Date.now()) ||
        cookie.maxAge === 0 ||
        cookie.value === '';
      if (expired) this.cookies.delete(cookie.name);
      else this.cookies.set(cookie.name, cookie.value);
    }
    const match = /name="_csrf" value="([^"]+)"/.exec(response.body);
    if (match) this.csrfToken = match[1];
    this.lastResponse = response;
    return response;
  }

  async get(url: string): Promise<LightMyRequestResponse> {
    const response = await this.app.inject({
      method: 'GET',
      url,
      headers: { ...this.extraHeaders, cookie: this.cookieHeader() },
      remoteAddress: this.address,
    });
    return this.remember(response);
  }

  /** Posts a form as the browser would, with the CSRF token unless `csrf: false`. */
  async post(
    url: string,
    fields: Record<string, string | string[]> = {},
    options: { csrf?: boolean } = {},
  ) {
    const body = new URLSearchParams();
    if (options.csrf !== false && this.csrfToken) body.set('_csrf', this.csrfToken);
    for (const [name, value] of Object.entries(fields)) {
      for (const item of Array.isArray(value) ? value : [value]) body.append(name, item);
    }
    const response = await this.app.inject({
      method: 'POST',
      url,
      headers: {
        ...this.extraHeaders,
        cookie: this.cookieHeader(),
        'content-type': 'application/x-www-form-urlencoded',
      },
      payload: body.toString(),
      remoteAddress: this.address,
    });
    return this.remember(response);
  }

  /** Opens a page and submits its form (which posts back to the page), as a person does. */
  async submitForm(page: string, fields: Record<string, string | string[]> = {}) {
    await this.get(page);
    return this.post(page, fields);
  }

  /**
   * Posts an upload form (multipart, the file field last) as the browser would: the CSRF token
   * in the action's query string, as Waymark's upload forms carry it.
   */
  postFile(
    path: string,
    fields: Record<string, string>,
    file: { name: string; content: string; type?: string },
  ) {
    return this.postMultipart(`${path}?_csrf=${encodeURIComponent(this.csrfToken ?? '')}`, fields, {
      field: 'file',
      name: file.name,
      content: file.content,
      type: file.type ?? 'text/csv',
    });
  }

  /** Posts a multipart form (a file upload) as the browser would; the CSRF token is in `url`. */
  async postMultipart(
    url: string,
    fields: Record<string, string>,
    file: { field: string; name: string; content: string | Buffer; type: string },
  ) {
    const boundary = `----waymark${Math.random().toString(16).slice(2)}`;
    const parts: Buffer[] = Object.entries(fields).map(([name, value]) =>
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
      ),
    );
    // A browser sends a file name's double quotes as %22 (WHATWG multipart encoding).
    const fileName = file.name.replace(/"/g, '%22').replace(/\r|\n/g, ' ');
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${file.field}"; filename="${fileName}"\r\nContent-Type: ${file.type}\r\n\r\n`,
      ),
      Buffer.from(file.content),
      Buffer.from(`\r\n--${boundary}--\r\n`),
    );
    const response = await this.app.inject({
      method: 'POST',
      url,
      headers: {
        cookie: this.cookieHeader(),
        'content-type': `multipart/form-data; boundary=${boundary}`,
      },
      payload: Buffer.concat(parts),
      remoteAddress: this.address,
    });
    return this.remember(response);
  }

  setCookie(name: string, value: string): void {
    this.cookies.set(name, value);
  }

  cookie(name: string): string | undefined {
    return this.cookies.get(name);
  }

  /**
   * Signs in as a person would: the password, then the second factor. A person without an
   * authenticator sets one up from the page's secret key (and keeps the recovery codes); a person
   * with one enters the code it shows. The answer is the last response: the refusal, the
   * recovery codes page (after setting up) or the redirect to where they were going.
   */
  async signIn(
    email: string,
    password: string,
    options: { returnTo?: string } = {},
  ): Promise<LightMyRequestResponse> {
    await this.get(
      options.returnTo ? `/sign-in?returnTo=${encodeURIComponent(options.returnTo)}` : '/sign-in',
    );
    const fields: Record<string, string> = { email, password };
    if (options.returnTo) fields.returnTo = options.returnTo;
    const response = await this.post('/sign-in', fields);
    return this.answerSecondFactor(email, response);
  }

  /** Follows a response to the second factor's pages, if it leads there, and answers them. */
  async answerSecondFactor(
    email: string,
    response: LightMyRequestResponse,
  ): Promise<LightMyRequestResponse> {
    const location = String(response.headers.location ?? '');
    if (response.statusCode !== 302) return response;
    if (location.startsWith('/sign-in/set-up-authenticator')) {
      return this.setUpAuthenticator(email, location);
    }
    if (!location.startsWith('/sign-in/code')) return response;
    await this.get(location);
    return this.post('/sign-in/code', {
      code: await currentCode(email, clockOf(this.app)),
      returnTo: returnToOf(location),
    });
  }

  /** Sets up an authenticator from the set-up page at `path`, keeping the recovery codes. */
  async setUpAuthenticator(email: string, path: string): Promise<LightMyRequestResponse> {
    const page = await this.get(path);
    const secret = /data-qa="secret-key">([^<]+)</.exec(page.body)?.[1];
    if (!secret) throw new Error(`No secret key on ${path} (${page.statusCode})`);
    rememberSecret(email, secret);
    const action =
      /<form method="post" action="([^"]+)" novalidate data-qa="authenticator-form">/.exec(
        page.body,
      )?.[1] ?? path;
    const response = await this.post(action, {
      code: await currentCode(email, clockOf(this.app)),
      returnTo: returnToOf(path),
    });
    rememberRecoveryCodes(email, recoveryCodesIn(response.body));
    return response;
  }

  /** Gives the password and a current code again (step-up), then returns where it was asked. */
  async reauthenticate(email: string, password: string, returnTo = '/') {
    await this.get(`/reauthenticate?returnTo=${encodeURIComponent(returnTo)}`);
    return this.post('/reauthenticate', {
      password,
      code: await currentCode(email, clockOf(this.app)),
      returnTo,
    });
  }
}

/**
 * Whether a sign-in went through: to where the person was going, or (the first time, having set
 * up an authenticator app) to their recovery codes.
 */
export function signedInBy(response: LightMyRequestResponse): boolean {
  const location = String(response.headers.location ?? '');
  if (response.statusCode === 302) return !location.startsWith('/sign-in');
  return response.statusCode === 200 && recoveryCodesIn(response.body).length > 0;
}

function returnToOf(location: string): string {
  return new URL(location, 'http://waymark.invalid').searchParams.get('returnTo') ?? '/';
}

/** The recovery codes a page lists (data-qa="recovery-codes"). */
export function recoveryCodesIn(html: string): string[] {
  const list = /data-qa="recovery-codes">([\s\S]*?)<\/ul>/.exec(html)?.[1] ?? '';
  return [...list.matchAll(/<code>([^<]+)<\/code>/g)].map((match) => match[1]!);
}

/** A browser signed in as someone, on the app given. */
export async function signedInTo(
  app: FastifyInstance,
  user: { email: string; password: string },
): Promise<WebClient> {
  const browser = new WebClient(app);
  const response = await browser.signIn(user.email, user.password);
  // Home, to where they were going, or (the first time) to their new app's recovery codes.
  expect(signedInBy(response), `${user.email} signs in`).toBe(true);
  return browser;
}

type Page = { statusCode: number; body: string };

/** The page answered with the status (when given) and shows each text: a message, a value kept. */
export function expectPage(response: Page, texts: string[]): void;
export function expectPage(response: Page, status: number, texts: string[]): void;
export function expectPage(response: Page, status: number | string[], texts: string[] = []) {
  if (typeof status === 'number') expect(response.statusCode).toBe(status);
  for (const text of typeof status === 'number' ? texts : status)
    expect(response.body).toContain(text);
}

/** The rows of a table marked data-qa, each as its cells' text. */
export function tableRows(html: string, qa: string, index = 0): string[][] {
  const tables = [
    ...html.matchAll(new RegExp(`<table[^>]*data-qa="${qa}"[^>]*>([\\s\\S]*?)</table>`, 'g')),
  ];
  const body = /<tbody[^>]*>([\s\S]*?)<\/tbody>/.exec(tables[index]?.[1] ?? '')?.[1] ?? '';
  return [...body.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].map((row) =>
    [...row[1]!.matchAll(/<t[dh][^>]*>([\s\S]*?)<\/t[dh]>/g)].map((cell) =>
      cell[1]!
        .replace(/<[^>]+>/g, ' ')
        .replace(/\s+/g, ' ')
        .trim(),
    ),
  );
}
