// Markup is built escaped. GOV.UK and MoJ macros print their `html` parameters exactly as given,
// so a name typed into a form, sent through the API or imported from a file must never be joined
// into one by hand: a forename of `<meta http-equiv="refresh" ...>` would be a page element.
// Every fragment such a parameter needs is built here, from values that are escaped on the way
// in, and comes out marked safe (a Nunjucks SafeString) so nothing escapes it twice. Templates
// reach these as `markup.*` (see views.ts); presenters import them. The template check
// (template-check.ts) and the ESLint rules in eslint.config.js refuse markup made any other way.
// See docs/adr/0009-markup-is-built-escaped.md.
import nunjucks from 'nunjucks';

/** HTML that Waymark built, with every value in it escaped: printed as it is. */
export type Markup = nunjucks.runtime.SafeString;

/** What a fragment can hold: text (escaped) or markup built here (kept as it is). */
export type Content = string | number | Markup | null | undefined;

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '"': '&quot;',
  "'": '&#39;',
  '<': '&lt;',
  '>': '&gt;',
  '\\': '&#92;',
};

/** The same escaping Nunjucks applies to `{{ value }}`, so a value reads the same either way. */
export function escapeHtml(value: unknown): string {
  return String(value ?? '').replace(/[&"'<>\\]/g, (c) => ESCAPES[c]!);
}

export function isMarkup(value: unknown): value is Markup {
  return value instanceof nunjucks.runtime.SafeString;
}

function safe(html: string): Markup {
  return new nunjucks.runtime.SafeString(html);
}

/**
 * Nunjucks's `trim` filter with the same result, faster: the GOV.UK macros trim every
 * component's content, and Nunjucks does it with a regular expression (`/^\s*|\s*$/g`) that
 * walks every character, about 30 ns a character (4 ms for a 130 kB page), where
 * String.prototype.trim removes the same characters (ECMAScript's white space and line
 * terminators) from the two ends only. Markup stays markup; text stays text, to be escaped.
 */
export function trimmed(value: string | Markup): string | Markup {
  const text = String.prototype.trim.call(value);
  return isMarkup(value) ? safe(text) : text;
}

/** Text escaped; markup built here kept as it is. */
function content(value: Content): string {
  if (isMarkup(value)) return value.toString();
  return escapeHtml(value);
}

const isEmpty = (value: Content) => value === null || value === undefined || `${value}` === '';

/** Class names are written by the code, never by a person: anything else is dropped. */
function classNames(classes: string | undefined): string {
  return (classes ?? '')
    .split(/\s+/)
    .filter((name) => /^[A-Za-z0-9_!-]+$/.test(name))
    .join(' ');
}

/** A link goes to a path of ours or a web or mail address, never to a script. */
function safeHref(href: string): string {
  return /^(\/(?!\/)|#|\?|https?:\/\/|mailto:)/i.test(href) ? href : '#';
}

/** Attributes by name (lower case, e.g. "data-qa"); true writes the name alone. */
export type Attributes = Record<string, string | number | boolean>;

function attributeList(attributes: Attributes = {}): string {
  return Object.entries(attributes)
    .filter(([name, value]) => /^[a-z][a-z0-9-]*$/.test(name) && value !== false)
    .map(([name, value]) => (value === true ? ` ${name}` : ` ${name}="${escapeHtml(value)}"`))
    .join('');
}

/**
 * A fragment written in code, every `${value}` escaped unless it is markup built here:
 * html`<p class="govuk-body">${note}</p>`.
 */
export function html(strings: TemplateStringsArray, ...values: Content[]): Markup {
  return safe(
    strings.reduce(
      (out, part, i) => out + part + (i < values.length ? content(values[i]) : ''),
      '',
    ),
  );
}

/** Text only a screen reader announces, e.g. a table heading over a column of links. */
export function visuallyHidden(text: Content): Markup {
  return html`<span class="govuk-visually-hidden">${text}</span>`;
}

/** "Change" followed by " for Jo Bloggs" that only a screen reader announces. */
export function withHidden(text: Content, hidden?: Content): Markup {
  if (isEmpty(hidden)) return html`${text}`;
  return html`${text}<span class="govuk-visually-hidden"> ${hidden}</span>`;
}

export interface LinkOptions {
  href: string;
  text: Content;
  /** Said after the text to screen readers only, e.g. the name of the person a link is for. */
  hidden?: Content;
  classes?: string;
  attributes?: Attributes;
}

/** A GOV.UK link, optionally with visually hidden words that say what it is for. */
export function link(options: LinkOptions): Markup {
  const classes = classNames(`govuk-link ${options.classes ?? ''}`);
  const start = `<a class="${classes}" href="${escapeHtml(safeHref(String(options.href)))}"${attributeList(options.attributes)}>`;
  return safe(`${start}${withHidden(options.text, options.hidden).toString()}</a>`);
}

/** A GOV.UK tag: tag("Approved", "green"). */
export function tag(text: Content, colour?: string): Markup {
  const modifier = colour && /^[a-z-]+$/.test(colour) ? ` govuk-tag--${colour}` : '';
  return safe(`<strong class="govuk-tag${modifier}">${content(text)}</strong>`);
}

/** Bold text, e.g. a table's total row. */
export function strong(text: Content, attributes?: Attributes): Markup {
  return safe(`<strong${attributeList(attributes)}>${content(text)}</strong>`);
}

/** A code, key or column name, shown in a fixed-width font. */
export function code(text: Content): Markup {
  return html`<code class="waymark-code">${text}</code>`;
}

/** Text in a span with classes, e.g. span(role, "govuk-body-s"). */
export function span(text: Content, classes?: string): Markup {
  return safe(`<span class="${classNames(classes)}">${content(text)}</span>`);
}

/** A paragraph with classes, e.g. paragraph(message, "govuk-body waymark-pre-line"). */
export function paragraph(text: Content, classes = 'govuk-body'): Markup {
  return safe(`<p class="${classNames(classes)}">${content(text)}</p>`);
}

/** Values one under another (a line break between each); empty ones left out. */
export function lines(...values: Content[]): Markup {
  return safe(
    values
      .filter((value) => !isEmpty(value))
      .map(content)
      .join('<br>'),
  );
}

/** Everything templates may call as `markup.<name>(...)`; the template check reads this list. */
export const markup = {
  visuallyHidden,
  withHidden,
  link,
  tag,
  strong,
  code,
  span,
  paragraph,
  lines,
};

export const MARKUP_HELPERS: readonly string[] = Object.keys(markup);
