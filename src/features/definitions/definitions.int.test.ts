// Figure definitions: one list, held together with the SQL that computes the figures, published
// as pages and JSON for anyone.
import { describe, expect, it } from 'vitest';
import { FIGURES, STORED_FIGURES } from '../../domain/figures.js';
import { translator } from '../../platform/i18n/index.js';
import { presentDefinitions } from './presenter.js';
import { testbed } from '../../../test/support/testbed.js';
import { expectPage } from '../../../test/support/web-client.js';

const { h } = testbed({ realClock: true });

describe('figure definitions', () => {
  it('give each stored figure the version its SQL computes, and no figure without a definition', async () => {
    const sources = await h.database.withOwner((owner) =>
      owner.query<{ figure: string; version: number }>(
        'select figure, version from aggregate_figure_sources order by figure',
      ),
    );
    expect(sources.map((s) => s.figure)).toEqual([...STORED_FIGURES].sort());
    for (const source of sources)
      expect(
        { figure: source.figure, version: FIGURES.find((f) => f.id === source.figure)?.version },
        'the definition and its SQL must say the same version',
      ).toEqual({ figure: source.figure, version: source.version });
  });

  it('have every part written out, for every version', () => {
    const t = translator('en');
    for (const d of presentDefinitions(t)) {
      for (const text of [d.title, d.counts, d.date, d.excludes, ...d.changes.map((c) => c.note)])
        expect(text.startsWith('figures.'), `${d.id}: ${text}`).toBe(false);
      expect(d.changes.at(-1)?.version).toBe(d.version);
    }
  });

  it('are published as pages and as JSON, to anyone', async () => {
    const list = await h.app.inject({ method: 'GET', url: '/definitions' });
    expect(list.statusCode).toBe(200);
    for (const figure of FIGURES) expect(list.body).toContain(`href="/definitions/${figure.id}"`);

    const page = await h.app.inject({ method: 'GET', url: '/definitions/first_contact' });
    expectPage(page, 200, ['Time to first contact', 'Version 1', 'working days']);

    const interventions = await h.app.inject({
      method: 'GET',
      url: '/definitions/interventions_held',
    });
    expect(interventions.body).toContain('Letter of apology');

    expect((await h.app.inject({ method: 'GET', url: '/definitions/nothing' })).statusCode).toBe(
      404,
    );

    const json = await h.app.inject({ method: 'GET', url: '/definitions.json' });
    expect(json.headers['content-type']).toMatch(/application\/json/);
    const document = json.json() as {
      definitions: { id: string; version: number; counts: string; url: string }[];
      suppression: { threshold: number; marker: string };
    };
    expect(document.definitions.map((d) => d.id)).toEqual(FIGURES.map((f) => f.id));
    expect(document.definitions.find((d) => d.id === 'funnel')).toMatchObject({
      version: 2,
      url: '/definitions/funnel',
    });
    expect(document.suppression).toEqual({ threshold: 5, marker: '[c]' });
  });
});
