import { describe, expect, it } from 'vitest';
import { checkTemplate } from './template-check.js';

const check = (source: string, file = 'features/x/views/page.njk') =>
  checkTemplate(source, file).map((p) => `${p.line}:${p.column} ${p.message}`);

describe('the template check', () => {
  it('refuses a value joined into an html parameter', () => {
    const problems = check(
      `{{ govukButton({ html: action.text + '<span class="govuk-visually-hidden"> ' + action.hidden + '</span>' }) }}`,
    );
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^1:18 `html:` is given markup not built escaped/);
    expect(problems[0]).toContain('action.hidden');
    expect(problems[0]).toContain('markup.*');
    expect(check(`{{ x({ html: "<b>" ~ name ~ "</b>" }) }}`)).toHaveLength(1);
    expect(check(`{{ x({ "html": "<b>" + name }) }}`)).toHaveLength(1);
  });

  it('follows a variable to where it was set, even through another', () => {
    const problems = check(`{% set x = '<b>' + name %}\n{{ govukPanel({ html: x }) }}`);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^2:17 /);
    expect(problems[0]).toContain('`x` is set to `"<b>" + name` on line 1');
    expect(
      check(`{% set a = '<b>' %}{% set b = a ~ name %}{% set c = b %}{{ m({ html: c }) }}`),
    ).toHaveLength(1);
    // Set safely in one branch and by hand in the other: still refused.
    expect(
      check(
        `{% if y %}{% set x = markup.strong(n) %}{% else %}{% set x = "<b>" + n %}{% endif %}{{ m({ html: x }) }}`,
      ),
    ).toHaveLength(1);
  });

  it('checks every parameter GOV.UK prints as markup, wherever it sits', () => {
    expect(check(`{{ govukDetails({ summaryHtml: "<b>" + name }) }}`)).toHaveLength(1);
    expect(
      check(`{{ govukTable({ rows: [[{ text: a }, { html: "<i>" + b + "</i>" }]] }) }}`),
    ).toHaveLength(1);
    expect(
      check(`{% set rows = (rows.push([{ html: '<a href="/x">' + n + '</a>' }]), rows) %}`),
    ).toHaveLength(1);
  });

  it('refuses values that are not markup built escaped', () => {
    for (const value of [
      'name',
      'person.name',
      't("key", { name: n })',
      'name | escape',
      'n | safe',
    ])
      expect(check(`{{ m({ html: ${value} }) }}`).length, value).toBeGreaterThan(0);
    expect(check(`{{ m({ html: markup.raw(name) }) }}`)).toHaveLength(1);
    expect(check(`{{ m({ html: markup.strong(a) if c else "<b>" + n }) }}`)).toHaveLength(1);
  });

  it('accepts markup helpers, set blocks, presenters’ markup and literals', () => {
    expect(
      check(
        [
          `{% set cell %}<a href="{{ href }}">{{ name }}</a>{% endset %}`,
          `{% set tagged = markup.tag(status, colour) %}`,
          `{% set again = cell %}`,
          `{{ govukTable({ head: [{ html: markup.visuallyHidden(t("actions")) }], rows: [[`,
          `  { html: cell }, { html: tagged }, { html: again },`,
          `  { html: markup.link({ href: "/x/" + id, text: name, hidden: n }) if id else "" },`,
          `  { html: markup.lines(a, markup.span(b, "govuk-body-s")) },`,
          `  { html: row.statusHtml }, { html: statusHtml }, { html: '<span class="x">Fixed</span>' }`,
          `]] }) }}`,
        ].join('\n'),
      ),
    ).toEqual([]);
  });

  it('allows | safe only on the values listed with the reason they are safe', () => {
    expect(check(`{{ note | safe }}`)).toHaveLength(1);
    expect(check(`{{ note | safe }}`)[0]).toContain('`note | safe` prints a value unescaped');
    expect(check(`{% filter safe %}{{ x }}{% endfilter %}`)).toHaveLength(1);
    expect(check(`{{ chart.json | safe }}`, 'platform/views/partials/chart.njk')).toEqual([]);
    expect(check(`{{ chart.json | safe }}`, 'features/x/views/page.njk')).toHaveLength(1);
    expect(check(`{{ chart.title | safe }}`, 'platform/views/partials/chart.njk')).toHaveLength(1);
  });

  it('refuses a template that puts something else in place of the helpers', () => {
    const problems = check(`{% set markup = { link: raw } %}{{ m({ html: markup.link(x) }) }}`);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain('may not set it');
  });

  it('reports a template it cannot read', () => {
    expect(check(`{% if %}`)[0]).toMatch(/^1:1 cannot be read/);
  });
});
