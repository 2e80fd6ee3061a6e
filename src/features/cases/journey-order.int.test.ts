// The order of a case at its doors: a contact or an offer is not dated before the referral
// arrived nor in the future; an offer made in conversation is the first contact.
import { describe, expect, it } from 'vitest';
import { openCase, allocateVolunteer } from '../../../test/support/cases.js';
import { signedInTo } from '../../../test/support/web-client.js';
import { teamTestbed } from '../../../test/support/testbed.js';

const { h, team } = teamTestbed();

const firstContactOn = async (caseId: string) =>
  (
    await h.database.withOwner((o) =>
      o.query<{ d: string | null }>(`select first_contact_on::text as d from cases where id = $1`, [
        caseId,
      ]),
    )
  )[0]!.d;

describe('the order of a case', () => {
  it('refuses a contact dated before the referral arrived, or in the future, at the date', async () => {
    const opened = await openCase(h.services, team.practitioner, { receivedOn: '2026-11-02' });
    const browser = await signedInTo(h.app, team.practitioner);
    const url = `/cases/${opened.caseId}/contacts`;
    const early = await browser.submitForm(url, {
      participant_id: opened.harmedId,
      'contacted_on-day': '1',
      'contacted_on-month': '11',
      'contacted_on-year': '2026',
      method: 'phone',
      outcome: 'spoke',
    });
    expect(early.statusCode).toBe(400);
    expect(early.body).toContain(
      'The date of the contact must be on or after 2 November 2026, when the referral was received',
    );
    await expect(
      h.services.contacts.add(team.practitioner, opened.caseId, {
        participant_id: opened.harmedId,
        contacted_on: '2026-11-21',
        method: 'phone',
        outcome: 'spoke',
      }),
    ).rejects.toMatchObject({
      fieldErrors: [{ field: 'contacted_on', key: 'cases.rules.order.contactInFuture' }],
    });
    expect(await firstContactOn(opened.caseId)).toBeNull();
  });

  it('shows a contact logged without a time as its date alone, and one with a time with it', async () => {
    const opened = await openCase(h.services, team.practitioner, { receivedOn: '2026-11-02' });
    const contact = (time?: string) =>
      h.services.contacts.add(team.practitioner, opened.caseId, {
        participant_id: opened.harmedId,
        contacted_on: '2026-11-03',
        ...(time ? { contacted_time: time } : {}),
        method: 'phone',
        outcome: 'no_answer',
      });
    await contact();
    const browser = await signedInTo(h.app, team.practitioner);
    let page = await browser.get(`/cases/${opened.caseId}/contacts`);
    expect(page.body).toMatch(/<td class="govuk-table__cell">3 November 2026<\/td>/);
    expect(page.body).not.toContain('12:00pm');
    await contact('14:30');
    page = await browser.get(`/cases/${opened.caseId}/contacts`);
    expect(page.body).toContain('3 November 2026 at 2:30pm');
  });

  it('counts an offer by telephone as the first contact, and refuses one dated before the referral', async () => {
    const opened = await openCase(h.services, team.practitioner, { receivedOn: '2026-11-02' });
    await expect(
      h.services.people.recordOffer(team.practitioner, opened.caseId, opened.harmedId, {
        offered_on: '2026-10-30',
        method: 'phone',
        answer: 'yes',
      }),
    ).rejects.toMatchObject({
      fieldErrors: [{ field: 'offered_on', key: 'cases.rules.order.contactBeforeReferral' }],
    });
    await h.services.people.recordOffer(team.practitioner, opened.caseId, opened.harmedId, {
      offered_on: '2026-11-09',
      method: 'letter',
      answer: 'not_now',
    });
    expect(await firstContactOn(opened.caseId)).toBeNull();
    await h.services.people.recordOffer(team.practitioner, opened.caseId, opened.harmedId, {
      offered_on: '2026-11-10',
      method: 'phone',
      answer: 'yes',
    });
    expect(await firstContactOn(opened.caseId)).toBe('2026-11-10');
  });

  it('tells the timeline in the order things happened, and names a co-worker allocated', async () => {
    const opened = await openCase(h.services, team.practitioner, { receivedOn: '2026-11-02' });
    await allocateVolunteer(h.services, team, opened.caseId);
    await h.services.contacts.add(team.practitioner, opened.caseId, {
      participant_id: opened.harmedId,
      contacted_on: '2026-11-18',
      method: 'phone',
      outcome: 'spoke',
    });
    // Logged after the call above, but made a fortnight before it.
    await h.services.contacts.add(team.practitioner, opened.caseId, {
      participant_id: opened.harmerId,
      contacted_on: '2026-11-04',
      method: 'letter',
      outcome: 'letter_sent',
    });
    const browser = await signedInTo(h.app, team.practitioner);
    const timeline = (await browser.get(`/cases/${opened.caseId}/timeline`)).body;
    expect(timeline).toContain('Allocated to Pat Practitioner, with Val Volunteer');
    const titles = [...timeline.matchAll(/moj-timeline__title">([^<]*)</g)].map((m) => m[1]);
    const phone = titles.findIndex((t) => t!.includes('Hana Victim'));
    const letter = titles.findIndex((t) => t!.includes('Owain Offender'));
    const allocated = titles.findIndex((t) => t!.startsWith('Allocated'));
    expect(phone).toBeGreaterThanOrEqual(0);
    // Newest first: today's allocation, the call on the 18th, the letter on the 4th.
    expect(allocated).toBeLessThan(phone);
    expect(phone).toBeLessThan(letter);
    expect(timeline).toContain('4 November 2026');
  });
});
