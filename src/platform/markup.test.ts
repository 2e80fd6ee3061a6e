import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import nunjucks from 'nunjucks';
import { describe, expect, it } from 'vitest';
import { escapeHtml, html, isMarkup, MARKUP_HELPERS, markup, trimmed } from './markup.js';
import { repoDir } from './paths.js';
import { configureNunjucks } from './views.js';

const attack = '<meta http-equiv="refresh" content="0;url=https://evil.example">';
const escaped =
  '&lt;meta http-equiv=&quot;refresh&quot; content=&quot;0;url=https://evil.example&quot;&gt;';

describe('markup', () => {
  it('escapes as Nunjucks does, so a value reads the same in {{ }} and in a fragment', () => {
    const env = new nunjucks.Environment(null, { autoescape: true });
    const value = `${attack} & 'quoted' \\ "><svg onload=alert(1)>`;
    expect(escapeHtml(value)).toBe(env.renderString('{{ v }}', { v: value }));
    expect(escapeHtml(null)).toBe('');
    expect(escapeHtml(42)).toBe('42');
  });

  it('escapes every value in a fragment, and keeps markup built here as it is', () => {
    expect(String(markup.withHidden('Record a measure', attack))).toBe(
      `Record a measure<span class="govuk-visually-hidden"> ${escaped}</span>`,
    );
    expect(String(markup.withHidden('Change', ''))).toBe('Change');
    expect(String(markup.visuallyHidden('Actions'))).toBe(
      '<span class="govuk-visually-hidden">Actions</span>',
    );
    expect(String(markup.tag('<img src=x>', 'green'))).toBe(
      '<strong class="govuk-tag govuk-tag--green">&lt;img src=x&gt;</strong>',
    );
    expect(String(markup.strong('RF-1', { 'data-qa': 'reference' }))).toBe(
      '<strong data-qa="reference">RF-1</strong>',
    );
    expect(String(markup.code('a<b'))).toBe('<code class="waymark-code">a&lt;b</code>');
    expect(String(markup.paragraph('line\n<b>', 'govuk-body waymark-pre-line'))).toBe(
      '<p class="govuk-body waymark-pre-line">line\n&lt;b&gt;</p>',
    );
    expect(String(markup.lines('Jo <b>', markup.span('practitioner', 'govuk-body-s'), ''))).toBe(
      'Jo &lt;b&gt;<br><span class="govuk-body-s">practitioner</span>',
    );
    expect(String(html`<p>${'"><svg onload=alert(1)>'}${markup.strong('x')}</p>`)).toBe(
      '<p>&quot;&gt;&lt;svg onload=alert(1)&gt;<strong>x</strong></p>',
    );
  });

  it('builds links whose address, attributes and hidden words cannot break out', () => {
    expect(
      String(
        markup.link({
          href: '/cases/1/documents/2',
          text: '"><svg onload=alert(1)>.pdf',
          hidden: 'for Jo',
          attributes: { download: true, 'data-qa': 'document-link', hidden: false },
        }),
      ),
    ).toBe(
      '<a class="govuk-link" href="/cases/1/documents/2" download data-qa="document-link">&quot;&gt;&lt;svg onload=alert(1)&gt;.pdf<span class="govuk-visually-hidden"> for Jo</span></a>',
    );
    expect(String(markup.link({ href: 'javascript:alert(1)', text: 'x' }))).toContain('href="#"');
    expect(String(markup.link({ href: '//evil.example', text: 'x' }))).toContain('href="#"');
    expect(String(markup.link({ href: '/a?b="c"', text: 'x' }))).toContain(
      'href="/a?b=&quot;c&quot;"',
    );
    expect(
      String(markup.link({ href: '/a', text: 'x', attributes: { 'onclick x': 'y', Upper: 'z' } })),
    ).toBe('<a class="govuk-link" href="/a">x</a>');
  });

  it('drops class names and tag colours that are not plain names', () => {
    expect(String(markup.span('x', 'govuk-body-s "><b'))).toBe(
      '<span class="govuk-body-s">x</span>',
    );
    expect(String(markup.tag('x', 'red" onclick="y'))).toBe('<strong class="govuk-tag">x</strong>');
  });

  it('is marked safe, so a template prints it once and GOV.UK macros print it as it is', () => {
    const env = new nunjucks.Environment(null, { autoescape: true });
    env.addGlobal('markup', markup);
    expect(isMarkup(markup.strong('x'))).toBe(true);
    expect(isMarkup('<strong>x</strong>')).toBe(false);
    expect(
      env.renderString('{{ markup.withHidden("Change", name) }}|{{ name }}', { name: '<b>' }),
    ).toBe('Change<span class="govuk-visually-hidden"> &lt;b&gt;</span>|&lt;b&gt;');
    expect(
      env.renderString(
        '{{ markup.link({ href: "/x/" + id, text: name, attributes: { "data-qa": "q" } }) }}',
        { id: 7, name: '{{ 7*7 }}' },
      ),
    ).toBe('<a class="govuk-link" href="/x/7" data-qa="q">{{ 7*7 }}</a>');
  });
});

describe('the ESLint rule for html properties', () => {
  it('knows every helper by name', () => {
    const config = readFileSync(path.join(repoDir, 'eslint.config.js'), 'utf8');
    const names = /value\.callee\.name=\/\^\(([^)]+)\)/.exec(config)?.[1]?.split('|');
    expect(names?.sort()).toEqual([...MARKUP_HELPERS].sort());
  });
});

describe('the trim filter', () => {
  // Nunjucks's own filter, whose result ours must give.
  const nunjucksTrim = (value: string) => value.replace(/^\s*|\s*$/g, '');
  const whiteSpace = [
    '',
    ' ',
    '\n',
    '\t',
    '\r\n',
    '\u00a0',
    '\u2028',
    '\u3000',
    '\ufeff',
    '\u200b',
  ];
  const pieces = fc.oneof(fc.constantFrom(...whiteSpace), fc.string({ maxLength: 4 }));

  it('gives what Nunjucks gives, for any text with any white space at its ends and inside', () => {
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 12 }), (parts) => {
        const text = parts.join('');
        expect(trimmed(text)).toBe(nunjucksTrim(text));
      }),
    );
  });

  it('keeps markup marked as markup, and text as text to be escaped', () => {
    const kept = trimmed(html` <p>${'a'}</p> `);
    expect(isMarkup(kept)).toBe(true);
    expect(String(kept)).toBe('<p>a</p>');
    expect(isMarkup(trimmed('  <b> '))).toBe(false);
  });

  it("is the filter Waymark's templates use", () => {
    const env = new nunjucks.Environment(null, { autoescape: true });
    configureNunjucks(env);
    expect(env.getFilter('trim')).toBe(trimmed);
    expect(env.renderString('[{{ value | trim }}]', { value: '  <b>\n' })).toBe('[&lt;b&gt;]');
  });
});
