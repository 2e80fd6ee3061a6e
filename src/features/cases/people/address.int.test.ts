// A person's postal address: recorded on its own page of the People tab (checked, versioned, on
// the timeline and audited), printed as the address block of the letters made for them (a
// letter with no address refused, linking to that page). Where it is kept, and where not:
// address-privacy.int.test.ts.
import { describe, expect, it } from 'vitest';
import { giveAddress, openCase } from '../../../../test/support/cases.js';
import { pdfText } from '../../../../test/support/pdf-text.js';
import { serviceFor, testbed, versionOn } from '../../../../test/support/testbed.js';
import type { WebClient } from '../../../../test/support/web-client.js';
import { expectPage } from '../../../../test/support/web-client.js';

const { h, signedIn, owner, events } = testbed();
const team = serviceFor(h);

/** Opens the address page and saves `fields` on it, as the browser would. */
async function saveAddress(browser: WebClient, path: string, fields: Record<string, string>) {
  const page = await browser.get(path);
  expect(page.statusCode).toBe(200);
  return browser.post(path, { version: versionOn(page.body), ...fields });
}

const addressOf = async (participantId: string) =>
  (
    await owner<Record<string, string | null>>(
      `select address_line_1, address_line_2, address_town, address_postcode
         from case_participants where id = $1`,
      [participantId],
    )
  )[0];

describe("a person's postal address", () => {
  it('is saved from its page with the postcode in its usual form, on the timeline and audited', async () => {
    const opened = await openCase(h.services, team.practitioner);
    const browser = await signedIn(team.practitioner);
    const path = `/cases/${opened.caseId}/people/${opened.harmedId}/address`;
    const person = await browser.get(`/cases/${opened.caseId}/people/${opened.harmedId}`);
    expect(person.body).toContain(`href="${path}"`);
    expect(person.body).toMatch(/data-qa="postal-address"[\s\S]*Not recorded/);

    const saved = await saveAddress(browser, path, {
      address_line_1: 'Flat 2, 14 Elm Grove',
      address_line_2: 'Southsea',
      address_town: 'Portsmouth',
      address_postcode: 'po5 1jf',
    });
    expect(saved.statusCode).toBe(302);
    expect(saved.headers.location).toBe(
      `/cases/${opened.caseId}/people/${opened.harmedId}?done=address`,
    );
    expect(await addressOf(opened.harmedId)).toEqual({
      address_line_1: 'Flat 2, 14 Elm Grove',
      address_line_2: 'Southsea',
      address_town: 'Portsmouth',
      address_postcode: 'PO5 1JF',
    });
    const shown = await browser.get(saved.headers.location as string);
    expect(shown.body).toContain('Postal address saved.');
    expect(shown.body).toMatch(/Flat 2, 14 Elm Grove<br>Southsea<br>PORTSMOUTH<br>PO5 1JF/);
    const timeline = await browser.get(`/cases/${opened.caseId}/timeline`);
    expect(timeline.body).toContain('Hana Victim&#39;s postal address added');
    const audited = await owner<{ n: number }>(
      `select count(*)::int as n from audit_events
        where action = 'case.address_added' and entity_id = $1`,
      [opened.harmedId],
    );
    expect(audited[0]!.n).toBe(1);
    // The address is never in the timeline's words or the audit event's details.
    const words = await owner<{ text: string }>(
      `select params::text as text from case_events where case_id = $1
       union all select details::text from audit_events where details ->> 'case' = $1::text`,
      [opened.caseId],
    );
    expect(words.some((w) => w.text.includes('Elm Grove'))).toBe(false);

    // Changed, then removed by emptying every box: each its own line.
    await saveAddress(browser, path, {
      address_line_1: '3 Beach Road',
      address_town: 'Portsmouth',
      address_postcode: 'PO5 2AB',
    });
    expect((await addressOf(opened.harmedId))!.address_line_2).toBeNull();
    const removed = await saveAddress(browser, path, {});
    expect(removed.statusCode).toBe(302);
    expect(Object.values((await addressOf(opened.harmedId))!)).toEqual([null, null, null, null]);
    expect(await events(opened.caseId, 'address_changed')).toBe(1);
    expect(await events(opened.caseId, 'address_removed')).toBe(1);
  });

  it('is refused with a specific message at each box that is wrong, keeping what was typed', async () => {
    const opened = await openCase(h.services, team.practitioner);
    const browser = await signedIn(team.practitioner);
    const path = `/cases/${opened.caseId}/people/${opened.harmedId}/address`;
    const cases: [Record<string, string>, string[]][] = [
      [
        { address_line_1: '14 Elm Grove', address_town: 'Portsmouth', address_postcode: 'PO5' },
        ['Enter a full UK postcode, like SW1A 2AA'],
      ],
      [
        { address_line_1: '14 Elm Grove', address_town: 'Portsmouth', address_postcode: 'PO5-1JF' },
        ['A postcode must only include letters a to z, numbers and spaces'],
      ],
      [
        { address_line_2: 'Southsea' },
        [
          'Enter address line 1, typically the building and street',
          'Enter the town or city',
          'Enter the postcode',
        ],
      ],
    ];
    for (const [fields, messages] of cases) {
      const refused = await saveAddress(browser, path, fields);
      expect(refused.statusCode).toBe(400);
      for (const message of messages) expect(refused.body).toContain(message);
      expect(refused.body).toContain('govuk-error-summary');
      for (const value of Object.values(fields)) expect(refused.body).toContain(value);
    }
    expect(Object.values((await addressOf(opened.harmedId))!)).toEqual([null, null, null, null]);
    // A page shown before someone else changed the case is refused, not saved over it.
    const page = await browser.get(path);
    await giveAddress(h.services, team.manager, {
      caseId: opened.caseId,
      participantId: opened.harmedId,
    });
    const stale = await browser.post(path, {
      version: versionOn(page.body),
      address_line_1: '1 Other Street',
      address_town: 'Fareham',
      address_postcode: 'PO16 7AA',
    });
    expect(stale.statusCode).toBe(409);
    expect((await addressOf(opened.harmedId))!.address_line_1).toBe('12 Acacia Avenue');
  });
});

describe('a letter', () => {
  it('is refused for someone with no postal address, linking to where it is added', async () => {
    const opened = await openCase(h.services, team.practitioner);
    const browser = await signedIn(team.practitioner);
    const tab = await browser.get(`/cases/${opened.caseId}/documents`);
    const path = `/cases/${opened.caseId}/people/${opened.harmedId}/address`;
    expect(tab.body).toContain(`href="${path}"`);
    const refused = await browser.post(`/cases/${opened.caseId}/documents/letters`, {
      letter: 'invitation',
      participant: opened.harmedId,
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain(
      'Hana Victim has no postal address recorded: add their address before making a letter for them',
    );
    expect(refused.body).toContain(`href="${path}"`);
    const documents = await owner(`select id from case_documents where case_id = $1`, [
      opened.caseId,
    ]);
    expect(documents).toEqual([]);
  });

  it('starts with the address block, the date and the service as the sender', async () => {
    const opened = await openCase(h.services, team.practitioner, { victim: 'Łucja' });
    await giveAddress(
      h.services,
      team.practitioner,
      { caseId: opened.caseId, participantId: opened.harmedId },
      { address_line_2: 'Southsea', address_postcode: 'PO5 1JF' },
    );
    await h.services.serviceSettings.update(team.manager, {
      offender_initiated_sv_da: 'specialist_assessment',
      reoffer_interval_days: '90',
      update_interval_days: '28',
      contact_name: 'Pat Practitioner',
      contact_phone: '01632 960000',
      contact_email: 'rj@example.org',
    });
    const browser = await signedIn(team.practitioner);
    await browser.get(`/cases/${opened.caseId}/documents`);
    for (const letter of ['invitation', 'consent']) {
      const made = await browser.post(`/cases/${opened.caseId}/documents/letters`, {
        letter,
        participant: opened.harmedId,
      });
      expect(made.statusCode).toBe(303);
    }
    const documents = await owner<{ id: string }>(
      `select id from case_documents where case_id = $1 order by created_at`,
      [opened.caseId],
    );
    expect(documents).toHaveLength(2);
    for (const { id } of documents) {
      const pdf = await browser.get(`/cases/${opened.caseId}/documents/${id}`);
      const lines = pdfText(pdf.rawPayload);
      const block = lines.indexOf('Łucja Victim');
      // The sender, right-aligned above the address: a long service name wraps onto a second line.
      const [service] = await owner<{ name: string }>(
        'select name from organisations where id = $1',
        [team.org.id],
      );
      expect(lines.slice(0, block).join(' ').replace(/\s+/g, ' ')).toBe(
        `${service!.name} Pat Practitioner 01632 960000 rj@example.org`,
      );
      expect(lines.slice(block, block + 6)).toEqual([
        'Łucja Victim',
        '12 Acacia Avenue',
        'Southsea',
        'PORTSMOUTH',
        'PO5 1JF',
        '20 November 2026',
      ]);
    }
  });

  it('to someone who said "not by letter" is refused as before, quoting them', async () => {
    const opened = await openCase(h.services, team.practitioner);
    await giveAddress(h.services, team.practitioner, {
      caseId: opened.caseId,
      participantId: opened.harmedId,
    });
    await owner(`update case_participants set do_not_contact_via = $2 where id = $1`, [
      opened.harmedId,
      'Not by letter: he reads the post',
    ]);
    const browser = await signedIn(team.practitioner);
    await browser.get(`/cases/${opened.caseId}/documents`);
    const refused = await browser.post(`/cases/${opened.caseId}/documents/letters`, {
      letter: 'invitation',
      participant: opened.harmedId,
    });
    expectPage(refused, 400, ['Not by letter: he reads the post']);
  });
});
