// The "all cases" page: found by each kind of reference and by name (audited, without the
// name), closed cases included, filtered by stage, intervention kind and date; bad dates are
// told at their field; another service's cases are never found.
import { describe, expect, it } from 'vitest';
import { makeUserWithRole } from '../../../../test/support/harness.js';
import { openCase } from '../../../../test/support/cases.js';
import { expectPage } from '../../../../test/support/web-client.js';
import { serviceFor, teamTestbed } from '../../../../test/support/testbed.js';

const { h, signedIn, team } = teamTestbed();
const other = serviceFor(h);

describe('searching all cases', () => {
  it('finds a case by its reference, its referral reference, its crime reference and a name', async () => {
    const opened = await openCase(h.services, team.practitioner, {
      victim: 'Zebedee',
      crimeReference: '44/1234/26',
    });
    const theirs = await openCase(h.services, other.practitioner, { victim: 'Zebedee' });
    const referral = await h.database.withOwner((o) =>
      o.query<{ reference: string }>('select reference from referrals where id = $1', [
        opened.referralId,
      ]),
    );
    const browser = await signedIn(team.practitioner);
    for (const term of [opened.caseReference, referral[0]!.reference, '1234/26', 'zebedee']) {
      const page = await browser.get(`/cases/all?term=${encodeURIComponent(term)}`);
      expect(page.statusCode, term).toBe(200);
      expect(page.body, term).toContain(`/cases/${opened.caseId}"`);
      expect(page.body, term).not.toContain(theirs.caseId);
    }
    const byName = await browser.get('/cases/all?term=zebedee');
    expect(byName.body).toContain('Matched a person&#39;s name');
    const audited = await h.database.withOwner((o) =>
      o.query<{ details: Record<string, unknown> }>(
        `select details from audit_events where action = 'case.searched' and org_id = $1 order by id desc limit 1`,
        [team.org.id],
      ),
    );
    expect(audited[0]!.details.byName).toBe(true);
    expect(audited[0]!.details.caseIds).toEqual([opened.caseId]);
    expect(JSON.stringify(audited[0]!.details)).not.toMatch(/zebedee/i);
    const none = await browser.get('/cases/all?term=nobody-by-this-name');
    expect(none.body).toContain('data-qa="no-results"');
  });

  it('lists closed cases, filtered by stage, intervention kind and the date they closed', async () => {
    const closed = await openCase(h.services, team.manager, { victim: 'Closey' });
    const open = await openCase(h.services, team.manager, { victim: 'Openy' });
    await h.services.cases.transition(team.manager, closed.caseId, {
      action: 'close',
      outcome: 'could_not_contact',
      version: 1,
    });
    const browser = await signedIn(team.manager);
    const closedOnly = await browser.get(
      '/cases/all?stage=closed&dateOf=closed&from=2026-11-20&to=2026-11-20',
    );
    expectPage(closedOnly, 200, [closed.caseReference]);
    expect(closedOnly.body).not.toContain(open.caseReference);
    expect(closedOnly.body).toContain('Could not make contact');
    // Each chosen filter is shown, with a link that removes it.
    expect(closedOnly.body).toContain('data-qa="selected-filters"');
    expect(closedOnly.body).toContain(
      'href="/cases/all?dateOf=closed&amp;from=2026-11-20&amp;to=2026-11-20"',
    );
    const before = await browser.get('/cases/all?stage=closed&dateOf=closed&to=2026-11-19');
    expect(before.body).not.toContain(closed.caseReference);
    const conferences = await browser.get('/cases/all?kind=conference');
    expect(conferences.body).not.toContain(closed.caseReference);
    const all = await browser.get('/cases/all');
    expect(all.body).toContain(closed.caseReference);
    expect(all.body).toContain(open.caseReference);
  });

  it('tells a date that is not real, or out of order, at its field', async () => {
    const browser = await signedIn(team.practitioner);
    const notReal = await browser.get('/cases/all?from-day=31&from-month=2&from-year=2026');
    expectPage(notReal, 400, ['The &quot;from&quot; date must be a real date', 'href="#from-day"']);
    const order = await browser.get('/cases/all?from=2026-11-10&to=2026-11-01');
    expectPage(order, 400, ['must be the same as or after']);
    const tooLong = await browser.get(`/cases/all?term=${'x'.repeat(101)}`);
    expect(tooLong.statusCode).toBe(400);
  });

  it('links the accepted referral to its case and the case back to its referral', async () => {
    const opened = await openCase(h.services, team.manager);
    const browser = await signedIn(team.manager);
    const referral = await browser.get(`/referrals/${opened.referralId}`);
    expect(referral.body).toContain(`href="/cases/${opened.caseId}" data-qa="opened-case"`);
    const summary = await browser.get(`/cases/${opened.caseId}`);
    expect(summary.body).toContain(`href="/referrals/${opened.referralId}"`);
  });

  it('is for the service’s staff: a volunteer finds only their own cases, a referrer nothing', async () => {
    await openCase(h.services, team.manager, { victim: 'Unallocatedperson' });
    const volunteer = await signedIn(team.volunteer);
    const page = await volunteer.get('/cases/all?term=Unallocatedperson');
    expectPage(page, 200, ['data-qa="no-results"']);
    const referrer = await makeUserWithRole(h.services, 'referrer');
    const refused = await (await signedIn(referrer)).get('/cases/all?term=Unallocatedperson');
    expect(refused.statusCode).toBe(403);
  });
});
