// Marker payloads for the stored-markup test: values that would be page elements (or a template
// expression that would be worked out) if any page printed them unescaped, planted into every
// free-text and name field of a form, and a check of every HTML response for them.
import type { LightMyRequestResponse } from 'fastify';
import { WebClient } from './web-client.js';

/** Each payload, and what it would look like in a response that printed it unescaped. */
export const PAYLOADS = [
  {
    value: '<meta http-equiv="refresh" content="0;url=https://evil.example">',
    raw: /<meta http-equiv="refresh" content="0;url=https:\/\/evil\.example/i,
  },
  { value: '<img src=x data-marker=1>', raw: /<img src=x data-marker=1/i },
  { value: '<form action=https://evil.example>', raw: /<form action=https:\/\/evil\.example/i },
  { value: '"><svg onload=alert(1)>', raw: /<svg onload=alert\(1\)/i },
  // A template expression: "tpl49" would mean a value had been rendered as a template.
  { value: 'tpl{{ 7*7 }}', raw: /tpl49/ },
] as const;

export interface Planted {
  token: string;
  where: string;
}

export interface Finding {
  who: string;
  url: string;
  problem: string;
}

/** Findings one line per page and problem kind, for a failure message a person can read. */
export function summarise(findings: Finding[]): string[] {
  const pages = new Map<string, Finding[]>();
  for (const f of findings) {
    const key = `${f.who}: ${f.url}`;
    pages.set(key, [...(pages.get(key) ?? []), f]);
  }
  return [...pages].map(
    ([page, found]) =>
      `${page}: ${found.length} problem${found.length === 1 ? '' : 's'}, the first ${found[0]!.problem}`,
  );
}

/**
 * Makes the values to plant: each starts with a token of its own (so a page showing it can be
 * told) followed by as many payloads as fit in the field, starting at a different one each time
 * so that short fields between them carry every payload.
 */
export class Planter {
  readonly planted: Planted[] = [];
  private count = 0;

  /** The forms a payload was posted through, by address pattern (see formPattern). */
  readonly posted = new Set<string>();

  /**
   * A value to plant, not yet counted as planted (see record). A file name holds no slash
   * (the part before one would be taken for a folder), so it carries the payloads without one.
   */
  make(
    max = Number.POSITIVE_INFINITY,
    options: { fileName?: boolean } = {},
  ): { token: string; value: string } {
    const n = this.count++;
    const token = `xq${String(n).padStart(3, '0')}z`;
    const parts = [token];
    for (let i = 0; i < PAYLOADS.length; i++) {
      const payload = PAYLOADS[(n + i) % PAYLOADS.length]!.value;
      if (options.fileName && payload.includes('/')) continue;
      if ([...parts, payload].join(' ').length <= max) parts.push(payload);
    }
    return { token, value: parts.join(' ') };
  }

  record(token: string, where: string) {
    this.planted.push({ token, where });
  }

  /** A value to plant, counted as planted. */
  value(where: string, max?: number, options?: { fileName?: boolean }): string {
    const made = this.make(max, options);
    this.record(made.token, where);
    return made.value;
  }

  /** The planted values no response showed (as the tokens seen say). */
  unseen(seen: ReadonlySet<string>): Planted[] {
    return this.planted.filter((p) => !seen.has(p.token));
  }
}

/** A form's address with ids (and the query string) taken out: /cases/:id/notes. */
export function formPattern(action: string): string {
  return action
    .split('?')[0]!
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, ':id')
    .replace(/\/(set-password|setup|q)\/[A-Za-z0-9_-]{16,}/, '/$1/:token');
}

const isHtml = (response: LightMyRequestResponse) =>
  String(response.headers['content-type'] ?? '').startsWith('text/html');

/** Every payload a response shows unescaped, with the text around it. */
export function unescapedPayloads(body: string): string[] {
  const found: string[] = [];
  for (const payload of PAYLOADS) {
    for (const match of body.matchAll(new RegExp(payload.raw.source, `${payload.raw.flags}g`))) {
      const at = match.index ?? 0;
      found.push(body.slice(Math.max(0, at - 80), at + 80).replace(/\s+/g, ' '));
    }
  }
  return found;
}

/**
 * A browser stand-in that checks every page it is given: no payload unescaped, no server
 * error; and remembers which planted values it has seen.
 */
export class CheckingClient extends WebClient {
  constructor(
    app: ConstructorParameters<typeof WebClient>[0],
    readonly who: string,
    private readonly findings: Finding[],
    private readonly seen: Set<string>,
    /** Every form with a free-text field this client was shown, by address pattern. */
    readonly forms = new Map<string, { url: string; fields: string[] }>(),
  ) {
    super(app);
  }

  check(url: string, response: LightMyRequestResponse) {
    if (response.statusCode >= 500)
      this.findings.push({ who: this.who, url, problem: `answered ${response.statusCode}` });
    if (!isHtml(response)) return response;
    for (const context of unescapedPayloads(response.body))
      this.findings.push({ who: this.who, url, problem: `unescaped: …${context}…` });
    for (const token of response.body.match(/xq\d{3}z/g) ?? []) this.seen.add(token);
    for (const form of formsOn(response.body)) {
      const free = form.fields.filter(isFreeText).map((f) => f.name);
      if (form.method !== 'post' || free.length === 0) continue;
      const pattern = formPattern(decode(form.action) || url.replace(/^POST /, ''));
      if (!this.forms.has(pattern)) this.forms.set(pattern, { url, fields: free });
    }
    return response;
  }

  override async get(url: string) {
    return this.check(url, await super.get(url));
  }

  override async post(
    url: string,
    fields: Record<string, string | string[]> = {},
    options: { csrf?: boolean } = {},
  ) {
    return this.check(`POST ${url}`, await super.post(url, fields, options));
  }

  override async postMultipart(...args: Parameters<WebClient['postMultipart']>) {
    return this.check(`POST ${args[0]}`, await super.postMultipart(...args));
  }
}

/**
 * Opens every page reachable by links from the seeds, as a person clicking everything would:
 * each page once (at most `perPath` address variants of the same path, such as sort orders),
 * never signing out. Returns the addresses opened.
 */
export async function openEverything(
  client: CheckingClient,
  seeds: string[],
  options: { limit?: number; perPath?: number } = {},
): Promise<string[]> {
  const limit = options.limit ?? 600;
  const perPath = options.perPath ?? 6;
  const opened = new Set<string>();
  const variants = new Map<string, number>();
  const queue = [...seeds];
  while (queue.length > 0 && opened.size < limit) {
    const url = queue.shift()!;
    if (opened.has(url)) continue;
    const path = url.split('?')[0]!;
    if ((variants.get(path) ?? 0) >= perPath) continue;
    variants.set(path, (variants.get(path) ?? 0) + 1);
    opened.add(url);
    const response = await client.get(url);
    if (!String(response.headers['content-type'] ?? '').startsWith('text/html')) continue;
    for (const m of response.body.matchAll(/href="(\/[^"#]*)"/g)) {
      const link = decode(m[1]!);
      if (link.startsWith('/assets/') || link.startsWith('//') || opened.has(link)) continue;
      queue.push(link);
    }
  }
  return [...opened];
}

// --- Reading and filling a page's form, as a person typing the payload everywhere would ---

const decode = (value: string) =>
  value
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&#92;/g, '\\')
    .replace(/&amp;/g, '&');

function attributes(tag: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of tag.matchAll(/([\w:.-]+)(?:="([^"]*)")?/g)) out[m[1]!] = decode(m[2] ?? '');
  return out;
}

interface FormField {
  name: string;
  kind: 'hidden' | 'text' | 'textarea' | 'radio' | 'checkbox' | 'select' | 'other';
  type: string;
  value: string;
  checked: boolean;
  options: string[];
}

export interface PageForm {
  action: string;
  method: string;
  multipart: boolean;
  fields: FormField[];
}

export function formsOn(body: string): PageForm[] {
  return [...body.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/g)].map((m) => {
    const form = attributes(m[1]!);
    const html = m[2]!;
    const fields: FormField[] = [];
    for (const f of html.matchAll(/<input\b([^>]*)>/g)) {
      const a = attributes(f[1]!);
      if (!a.name) continue;
      const type = a.type ?? 'text';
      const kind = (
        ['hidden', 'radio', 'checkbox'].includes(type)
          ? type
          : ['text', 'search'].includes(type)
            ? 'text'
            : 'other'
      ) as FormField['kind'];
      fields.push({
        name: a.name,
        kind,
        type,
        value: a.value ?? '',
        checked: 'checked' in a,
        options: [],
      });
    }
    for (const f of html.matchAll(/<textarea\b([^>]*)>([\s\S]*?)<\/textarea>/g)) {
      const a = attributes(f[1]!);
      if (a.name)
        fields.push({
          name: a.name,
          kind: 'textarea',
          type: 'textarea',
          value: decode(f[2]!),
          checked: false,
          options: [],
        });
    }
    for (const f of html.matchAll(/<select\b([^>]*)>([\s\S]*?)<\/select>/g)) {
      const a = attributes(f[1]!);
      if (!a.name) continue;
      const options = [...f[2]!.matchAll(/<option\b([^>]*)>/g)].map((o) => attributes(o[1]!));
      const selected = options.find((o) => 'selected' in o)?.value;
      fields.push({
        name: a.name,
        kind: 'select',
        type: 'select',
        value: selected ?? '',
        checked: false,
        options: options.map((o) => o.value ?? '').filter(Boolean),
      });
    }
    return {
      action: form.action ?? '',
      method: (form.method ?? 'get').toLowerCase(),
      multipart: (form.enctype ?? '') === 'multipart/form-data',
      fields,
    };
  });
}

/** Values for fields that must have a format, by the end of their name. */
const FORMATTED: [RegExp, string][] = [
  [/(^|_)time$/, '10:00'],
  [/(^|_)hours$/, '1'],
  [/(^|_)minutes$/, '30'],
  [/(^|_)miles$/, '12'],
  [/(^|_)amount$/, '25.00'],
  [/(^|_)attendees$/, '12'],
  [/(^|_)days$/, '90'],
  // A survey year, and a force's monthly counts of victims (the PCC office's forms).
  [/^year$/, '2026'],
  [/^victims$/, '1200'],
  [/^told_about_rj$/, '90'],
  [/(^|_)gbp$/, '12500'],
  [/(^|_)phone$/, '07700 900982'],
  [/(^|_)email$/, 'someone@example.org'],
  [/(^|_)postcode$/, 'BS1 4ST'],
  [/(^|_)slug$/, ''],
  [/(^|_)search$/, ''],
  [/(^|_)password$/i, ''],
  [/Password$/, ''],
  // Security and recovery codes: typed to be checked, never stored or shown.
  [/^code$/, '123456'],
  [/^recoveryCode$/, ''],
];

const isDatePart = (name: string) => /-(day|month|year)$/.test(name);
const formattedValue = (field: FormField): string | undefined => {
  const formatted = FORMATTED.find(([pattern]) => pattern.test(field.name));
  if (formatted) return formatted[1];
  if (field.type === 'email') return 'someone@example.org';
  if (field.type === 'tel') return '07700 900982';
  if (field.type === 'password') return '';
  return undefined;
};

/** A field a person types words into (not a date, number, address or choice). */
function isFreeText(field: FormField): boolean {
  return (
    (field.kind === 'text' || field.kind === 'textarea') &&
    !isDatePart(field.name) &&
    formattedValue(field) === undefined
  );
}

export interface FillOptions {
  /** The page the form is on. */
  page: string;
  /** Which form: its action's path (default: the page's first form that posts, not sign-out). */
  action?: string | RegExp;
  /** Values for choices and formatted fields; a date as `name: 'YYYY-MM-DD'`. */
  values?: Record<string, string | string[]>;
  /** Dates not given in values. */
  date?: string;
  /** Fields to leave as the page has them (neither planted nor changed). */
  keep?: string[];
  /** What the planted values are called in a failure message. */
  label: string;
  /** The file to upload, for a multipart form. */
  file?: { field: string; name: string; content: string; type: string };
  /** Statuses that count as saved. */
  expect?: number[];
}

const TIERS = [Number.POSITIVE_INFINITY, 100, 60, 30];

function errorSummary(body: string): { field: string; message: string }[] {
  const list = /govuk-error-summary__list">([\s\S]*?)<\/ul>/.exec(body)?.[1] ?? '';
  return [...list.matchAll(/<a href="#([^"]+)">([\s\S]*?)<\/a>/g)].map((m) => ({
    field: m[1]!,
    message: m[2]!.trim(),
  }));
}

/**
 * Fills the page's form with a payload in every free-text field (shortened for a field that
 * says the answer is too long) and the given values elsewhere, and posts it.
 */
export async function fillAndPost(client: WebClient, planter: Planter, options: FillOptions) {
  const tier = new Map<string, number>();
  const statuses = options.expect ?? [302, 303];
  let last: LightMyRequestResponse | undefined;
  for (let attempt = 0; attempt < TIERS.length + 1; attempt++) {
    const page = await client.get(options.page);
    if (page.statusCode !== 200)
      throw new Error(`${options.label}: ${options.page} answered ${page.statusCode}`);
    // A form without an action posts to its own page.
    const forms = formsOn(page.body).map((f) => ({ ...f, action: f.action || options.page }));
    const form = pickForm(forms, options.action);
    if (!form) throw new Error(`${options.label}: no such form on ${options.page}`);
    const { fields, plantedNames, made } = fill(form, planter, options, tier);
    const action = decode(form.action);
    last = form.multipart
      ? await client.postMultipart(action, flat(fields), options.file!)
      : await client.post(action, fields);
    if (statuses.includes(last.statusCode)) {
      for (const [name, token] of made) planter.record(token, `${options.label} ${name}`);
      planter.posted.add(formPattern(action));
      return last;
    }
    const errors = errorSummary(last.body);
    const tooLong = errors.filter((e) => plantedNames.has(e.field));
    const other = errors.filter((e) => !plantedNames.has(e.field));
    if (last.statusCode !== 400 || other.length > 0 || tooLong.length === 0) break;
    for (const e of tooLong) tier.set(e.field, (tier.get(e.field) ?? 0) + 1);
    if ([...tier.values()].some((t) => t >= TIERS.length)) break;
  }
  throw new Error(
    `${options.label}: posting ${options.page} answered ${last?.statusCode}: ${JSON.stringify(errorSummary(last?.body ?? ''))}`,
  );
}

/** Forms every signed-in page carries in its layout: signing out, and staying signed in. */
const LAYOUT_FORMS = ['/sign-out', '/session/extend'];

function pickForm(forms: PageForm[], action: FillOptions['action']): PageForm | undefined {
  const path = (f: PageForm) => decode(f.action).split('?')[0]!;
  return forms.find((f) =>
    action === undefined
      ? f.method === 'post' && !LAYOUT_FORMS.includes(path(f))
      : typeof action === 'string'
        ? path(f) === action
        : action.test(path(f)),
  );
}

const flat = (fields: Record<string, string | string[]>) =>
  Object.fromEntries(
    Object.entries(fields).map(([k, v]) => [k, Array.isArray(v) ? (v[0] ?? '') : v]),
  );

function fill(form: PageForm, planter: Planter, options: FillOptions, tier: Map<string, number>) {
  const values = options.values ?? {};
  const out: Record<string, string | string[]> = {};
  const plantedNames = new Set<string>();
  const made = new Map<string, string>();
  const dateOf = (name: string) => {
    const [group, part] = [
      name.replace(/-(day|month|year)$/, ''),
      /-(day|month|year)$/.exec(name)![1],
    ];
    const iso = String(values[group] ?? options.date ?? '2026-11-20');
    const [year, month, day] = iso.split('-');
    return iso === '' ? '' : part === 'day' ? day! : part === 'month' ? month! : year!;
  };
  for (const field of form.fields) {
    const { name } = field;
    if (name === '_csrf' || (field.kind === 'other' && field.type === 'file')) continue;
    if (options.keep?.includes(name)) {
      if (field.kind !== 'radio' && field.kind !== 'checkbox') out[name] = field.value;
      else if (field.checked) out[name] = [...[out[name] ?? []].flat(), field.value];
      continue;
    }
    if (field.kind === 'checkbox' && values[name] === '*') {
      out[name] = [...[out[name] ?? []].flat(), field.value];
      continue;
    }
    if (name in values && !/-(day|month|year)$/.test(name)) {
      out[name] = values[name]!;
      continue;
    }
    // A name repeated (one input per item of a list): every input's value is sent.
    const add = (value: string) => {
      const before = out[name];
      out[name] = before === undefined ? value : [...[before].flat(), value];
    };
    switch (field.kind) {
      case 'hidden':
        add(field.value);
        break;
      case 'radio':
        if (!(name in out) || field.checked) out[name] = field.value;
        break;
      case 'checkbox':
        if (field.checked) out[name] = [...[out[name] ?? []].flat(), field.value];
        break;
      case 'select':
        out[name] = field.value || field.options[0] || '';
        break;
      default: {
        if (isDatePart(name)) {
          out[name] = dateOf(name);
          break;
        }
        if (!isFreeText(field)) {
          out[name] = formattedValue(field) ?? field.value;
          break;
        }
        const planted = planter.make(TIERS[tier.get(name) ?? 0]);
        add(planted.value);
        made.set(
          out[name] === planted.value ? name : `${name}[${[out[name]].flat().length - 1}]`,
          planted.token,
        );
        plantedNames.add(name);
      }
    }
  }
  return { fields: out, plantedNames, made };
}
