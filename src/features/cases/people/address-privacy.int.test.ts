// A person's postal address is personal data: kept where personal details are kept, never on
// the referrer's side, read by nothing behind the figures, and in the subject access report.
import { describe, expect, it } from 'vitest';
import { giveAddress, makeService, openCase } from '../../../../test/support/cases.js';
import { makeOrganisation, makeUser } from '../../../../test/support/harness.js';
import { serviceFor, testbed } from '../../../../test/support/testbed.js';

const { h, signedIn, owner } = testbed();
const team = serviceFor(h);

describe('the postal address is personal data', () => {
  it("is not on the referrer's side, and the referrer cannot reach its page", async () => {
    const service = await makeService(h.services);
    const police = await makeOrganisation(h.services, { kind: 'police' });
    const referrer = await makeUser(h.services, { role: 'referrer', org: police });
    const referral = await h.services.referrals.create(
      referrer,
      {
        initiated_by: 'victim',
        received_on: '2026-11-02',
        offence_group: 'robbery',
        cjs_stage: 'pre_charge',
        victim_forename: 'Delyth',
        victim_surname: 'Morgan',
        offender_surname: 'Harris',
      },
      { channel: 'web', service: service.org.slug },
    );
    const { caseId } = await h.services.triage.accept(service.practitioner, referral.id, {
      version: 1,
    });
    const harmed = (await h.services.cases.get(service.practitioner, caseId)).participants.find(
      (p) => p.role === 'harmed',
    )!;
    await giveAddress(
      h.services,
      service.practitioner,
      { caseId, participantId: harmed.id },
      { address_line_1: '7 Quayside Walk', address_town: 'Swansea', address_postcode: 'SA1 1AA' },
    );
    const browser = await signedIn(referrer);
    const sent = await browser.get(`/referrals/sent/${referral.id}`);
    expect(sent.statusCode).toBe(200);
    for (const secret of ['Quayside', 'Swansea', 'SWANSEA', 'SA1 1AA'])
      expect(sent.body).not.toContain(secret);
    const page = await browser.get(`/cases/${caseId}/people/${harmed.id}/address`);
    expect([403, 404]).toContain(page.statusCode);
    expect(page.body).not.toContain('Quayside');
  });

  it('is read by no view or function behind the figures', async () => {
    const readers = await owner<{ name: string }>(
      `select viewname::text as name from pg_views where schemaname = 'public'
          and definition ~ 'address_(line_1|line_2|town|postcode)'
       union all
       select proname::text from pg_proc p join pg_namespace n on n.oid = p.pronamespace
        where n.nspname = 'public' and prosrc ~ 'address_(line_1|line_2|town|postcode)'`,
    );
    expect(readers).toEqual([]);
  });

  it('is in the subject access report', async () => {
    const opened = await openCase(h.services, team.practitioner);
    await giveAddress(
      h.services,
      team.practitioner,
      { caseId: opened.caseId, participantId: opened.harmedId },
      { address_line_1: '9 Harbour View' },
    );
    const browser = await signedIn(team.manager);
    const base = `/cases/${opened.caseId}/people/${opened.harmedId}/subject-access`;
    const json = await browser.get(`${base}/report.json`);
    expect(json.statusCode).toBe(200);
    const report = JSON.parse(json.body) as {
      cases: { participant: Record<string, unknown> }[];
    };
    expect(report.cases[0]!.participant).toMatchObject({
      address_line_1: '9 Harbour View',
      address_town: 'Portsmouth',
      address_postcode: 'PO1 2AB',
    });
    const html = await browser.get(`${base}/report.html`);
    expect(html.body).toContain('9 Harbour View');
    expect(html.body).toContain('Address postcode');
  });
});
