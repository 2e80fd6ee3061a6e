// A browser stand-in over app.inject: keeps cookies, and sends the CSRF token from the last
// page it fetched with every form it posts, as a browser submitting that page's form would.
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';

export class WebClient {
  private cookies = new Map<string, string>();
  private csrfToken: string | undefined;
  lastResponse: LightMyRequestResponse | undefined;

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
      headers: { cookie: this.cookieHeader() },
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
      headers: { cookie: this.cookieHeader(), 'content-type': 'application/x-www-form-urlencoded' },
      payload: body.toString(),
      remoteAddress: this.address,
    });
    return this.remember(response);
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

  async signIn(email: string, password: string): Promise<LightMyRequestResponse> {
    await this.get('/sign-in');
    return this.post('/sign-in', { email, password });
  }
}

/** A browser signed in as someone, on the app given. */
export async function signedInTo(
  app: FastifyInstance,
  user: { email: string; password: string },
): Promise<WebClient> {
  const browser = new WebClient(app);
  await browser.signIn(user.email, user.password);
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
