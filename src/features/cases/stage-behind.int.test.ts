// The stage moves with the work: when what is recorded has gone beyond the case's stage, the
// case page says so first, naming the move that catches it up, and stops once it is made.
import { describe, expect, it } from 'vitest';
import { openCase } from '../../../test/support/cases.js';
import { expectPage } from '../../../test/support/web-client.js';
import { testbed, serviceFor, versionOn } from '../../../test/support/testbed.js';

const { h, signedIn } = testbed();
const team = serviceFor(h);
const BEHIND = 'Someone has said yes to restorative justice: move the case to assessment';

describe('a case whose stage is behind its work', () => {
  it('says which move catches it up, and says nothing once the stage has moved', async () => {
    h.clock.set('2026-11-20T10:00:00Z');
    const opened = await openCase(h.services, team.practitioner);
    await h.services.cases.allocate(team.manager, opened.caseId, {
      lead: team.practitioner.userId,
      version: 1,
    });
    const browser = await signedIn(team.practitioner);
    expect((await browser.get(`/cases/${opened.caseId}`)).body).not.toContain(BEHIND);

    await h.services.people.recordOffer(team.practitioner, opened.caseId, opened.harmedId, {
      offered_on: '2026-11-10',
      method: 'phone',
      answer: 'yes',
    });
    const summary = await browser.get(`/cases/${opened.caseId}`);
    expectPage(summary, [BEHIND]);

    for (const action of ['start_contact', 'begin_assessment']) {
      const form = await browser.get(`/cases/${opened.caseId}/stage`);
      const moved = await browser.post(`/cases/${opened.caseId}/stage`, {
        action,
        version: versionOn(form.body),
      });
      expect(moved.statusCode, action).toBe(302);
    }
    expect((await browser.get(`/cases/${opened.caseId}`)).body).not.toContain(BEHIND);
  });
});
