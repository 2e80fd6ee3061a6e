import { beforeAll, describe, expect, it } from 'vitest';
import { makeUserWithRole, operator } from '../../../test/support/harness.js';
import type { WebClient } from '../../../test/support/web-client.js';
import { expectPage } from '../../../test/support/web-client.js';
import { testbed } from '../../../test/support/testbed.js';
import { addOrganisation } from '../../../test/support/administration.js';

const { h, signedIn } = testbed({ realClock: true });
let browser: WebClient;

beforeAll(async () => {
  browser = await signedIn(await makeUserWithRole(h.services, 'system_admin'));
});

describe('organisations', () => {
  it('adds an organisation with a slug made from its name', async () => {
    const response = await addOrganisation(browser, {
      name: 'Gwent Restorative Justice Service',
      kind: 'rj_service',
      area: 'gwent',
      slug: '',
    });
    expect(response.headers.location).toBe(
      '/admin/organisations/gwent-restorative-justice-service?added',
    );
    const page = await browser.get(response.headers.location as string);
    expect(page.body).toContain('Gwent Restorative Justice Service has been added');
    expect(page.body).toContain('Gwent');
  });

  it('keeps slugs unique by numbering them', async () => {
    const first = await h.services.organisations.add(operator, {
      name: 'Same Name Services',
      kind: 'housing',
    });
    await h.database.withOwner((o) =>
      o.query(`update organisations set name = 'Renamed' where id = $1`, [first.id]),
    );
    const second = await h.services.organisations.add(operator, {
      name: 'Same Name Services',
      kind: 'housing',
    });
    expect(first.slug).toBe('same-name-services');
    expect(second.slug).toBe('same-name-services-2');
  });

  it('explains each mistake', async () => {
    const response = await addOrganisation(browser, {
      name: '',
      kind: 'bakery',
      area: 'atlantis',
      slug: 'Not A Slug',
    });
    expectPage(response, 400, [
      'Enter the organisation&#39;s name',
      'Choose the kind of organisation',
      'Short name must be lowercase letters',
    ]);
    const duplicate = await browser.post('/admin/organisations', {
      name: 'Gwent restorative justice service',
      kind: 'rj_service',
      area: 'nowhere',
    });
    expect(duplicate.body).toContain('An organisation with this name already exists');
    expect(duplicate.body).toContain('Choose a police force area from the list');
  });

  it('lists and filters organisations', async () => {
    const all = await browser.get('/admin/organisations');
    expect(all.body).toContain('Gwent Restorative Justice Service');
    const housing = await browser.get('/admin/organisations?kind=housing');
    expect(housing.body).not.toContain('Gwent Restorative Justice Service');
    expect(housing.body).toContain('Same Name Services');
    const search = await browser.get('/admin/organisations?search=gwent');
    expect(search.body).toContain('Gwent Restorative Justice Service');
    expect(search.body).not.toContain('Same Name Services');
  });

  it('answers 404 for an organisation that does not exist', async () => {
    const response = await browser.get('/admin/organisations/no-such-org');
    expectPage(response, 404, ['Page not found']);
  });
});
