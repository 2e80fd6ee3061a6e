// Testimonials (usable only when approved, within the consent given), and the figures the
// outcomes page reads.
import { describe, expect, it } from 'vitest';
import { agreementRate, recommendationRate } from '../../../domain/measures.js';
import { makeService, openCase } from '../../../../test/support/cases.js';
import { testbed, dateInput as date } from '../../../../test/support/testbed.js';
import { expectPage } from '../../../../test/support/web-client.js';

const { h, signedIn, owner, events } = testbed();

describe('testimonials', () => {
  it('are usable in reports only once an anonymised text is approved, and only within the consent given', async () => {
    const service = await makeService(h.services);
    const own = await openCase(h.services, service.practitioner);
    const browser = await signedIn(service.practitioner);
    await browser.get(`/cases/${own.caseId}/feedback/testimonials/new`);
    const missing = await browser.post(`/cases/${own.caseId}/feedback/testimonials`, {
      ...date('consent_on', '2026-11-02'),
    });
    expectPage(missing, 400, ['Enter what they said', 'Choose where they agreed it can be used']);

    const record = async (scope: string, on: string, quote: string) => {
      const response = await browser.post(`/cases/${own.caseId}/feedback/testimonials`, {
        participant_id: own.harmedId,
        quote,
        consent_scope: scope,
        ...date('consent_on', on),
      });
      expect(response.statusCode).toBe(303);
      const [row] = await owner<{ id: string }>(`select id from testimonials where quote = $1`, [
        quote,
      ]);
      return row!.id;
    };
    const internal = await record('internal', '2026-11-02', 'Hana said meeting Owain helped.');
    const publicOne = await record('public', '2026-11-03', 'Meeting him in Bristol helped me.');
    const commissioner = await record(
      'commissioner',
      '2026-11-04',
      'It gave me my confidence back.',
    );
    const unapproved = await record('public', '2026-11-05', 'Never approved.');
    expect(await events(own.caseId, 'feedback.testimonial_recorded.public')).toBe(2);

    const period = { from: '2026-11-01', to: '2026-11-30' };
    expect(
      await h.services.feedback.approvedTestimonials(service.manager, {
        ...period,
        scope: 'internal',
      }),
    ).toEqual([]);

    const review = (id: string, fields: Record<string, string>) =>
      browser.post(`/cases/${own.caseId}/feedback/testimonials/${id}`, fields);
    await browser.get(`/cases/${own.caseId}/feedback/testimonials/${publicOne}`);
    expect(
      (await review(publicOne, { anonymised: 'Meeting him helped me.' })).headers.location,
    ).toContain('testimonial-anonymised');
    expect(
      await h.services.feedback.approvedTestimonials(service.manager, {
        ...period,
        scope: 'public',
      }),
    ).toEqual([]);
    for (const [id, text] of [
      [internal, 'Meeting the person who harmed them helped.'],
      [publicOne, 'Meeting him helped me.'],
      [commissioner, 'It gave me my confidence back.'],
    ] as const) {
      const approved = await review(id, { anonymised: text, approve: 'yes' });
      expect(approved.headers.location).toContain('testimonial-approved');
    }
    expect(await events(own.caseId, 'feedback.testimonial_approved')).toBe(3);

    const texts = async (
      scope: 'internal' | 'commissioner' | 'public',
      from = period.from,
      to = period.to,
    ) =>
      (await h.services.feedback.approvedTestimonials(service.manager, { from, to, scope })).map(
        (t) => t.text,
      );
    expect(await texts('internal')).toEqual([
      'It gave me my confidence back.',
      'Meeting him helped me.',
      'Meeting the person who harmed them helped.',
    ]);
    expect(await texts('commissioner')).toEqual([
      'It gave me my confidence back.',
      'Meeting him helped me.',
    ]);
    expect(await texts('public')).toEqual(['Meeting him helped me.']);
    expect(await texts('internal', '2026-11-03', '2026-11-03')).toEqual(['Meeting him helped me.']);
    const all = JSON.stringify(
      await h.services.feedback.approvedTestimonials(service.manager, {
        ...period,
        scope: 'internal',
      }),
    );
    expect(all).not.toContain('Bristol');
    expect(all).not.toContain('Hana');

    // A changed text needs approving again; a volunteer cannot approve; removal takes it out.
    await review(publicOne, { anonymised: 'Meeting him really helped me.' });
    expect(await texts('public')).toEqual([]);
    await expect(
      h.services.feedback.reviewTestimonial(service.volunteer, own.caseId, unapproved, {
        anonymised: 'x',
        approve: 'yes',
      }),
    ).rejects.toMatchObject({ kind: 'forbidden' });
    await browser.get(`/cases/${own.caseId}/feedback/testimonials/${commissioner}`);
    expect(
      (await browser.post(`/cases/${own.caseId}/feedback/testimonials/${commissioner}/remove`))
        .statusCode,
    ).toBe(303);
    expect(await texts('commissioner')).toEqual([]);
    await expect(
      h.services.feedback.approvedTestimonials(service.practitioner, {
        ...period,
        scope: 'internal',
      }),
    ).rejects.toMatchObject({ kind: 'forbidden' });
  });
});

describe('the figures for the outcomes page', () => {
  it('gives each response in the period with its answers, item kinds and audience', async () => {
    const service = await makeService(h.services);
    const a = await openCase(h.services, service.practitioner);
    const b = await openCase(h.services, service.practitioner);
    const record = (caseId: string, pid: string, on: string, answers: Record<string, string>) =>
      h.services.feedback.recordFromForm(service.practitioner, caseId, pid, {
        channel: 'paper',
        responded_on: on,
        ...Object.fromEntries(Object.entries(answers).map(([k, v]) => [`q_${k}`, v])),
      });
    await record(a.caseId, a.harmedId, '2026-10-31', { satisfied: '5', recommend: 'yes' });
    await record(a.caseId, a.harmedId, '2026-11-01', {
      satisfied: '4',
      recommend: 'not_sure',
      comments: 'ok',
    });
    await record(b.caseId, b.harmedId, '2026-11-15', { satisfied: '2', recommend: 'yes' });
    await record(b.caseId, b.harmerId, '2026-11-20', { satisfied: '5', recommend: 'no' });
    const responses = await h.services.feedback.responsesForPeriod(service.manager, {
      from: '2026-11-01',
      to: '2026-11-20',
    });
    expect(responses.map((r) => [r.audience, r.respondedOn])).toEqual([
      ['harmed', '2026-11-01'],
      ['harmed', '2026-11-15'],
      ['harmer', '2026-11-20'],
    ]);
    expect(responses[0]!.answers).toEqual([
      { itemId: 'satisfied', type: 'likert', value: 4 },
      { itemId: 'recommend', type: 'recommend', value: 'not_sure' },
      { itemId: 'comments', type: 'text', value: 'ok' },
    ]);
    const values = (type: string, itemId: string) =>
      responses.flatMap((r) =>
        r.answers.filter((x) => x.type === type && x.itemId === itemId).map((x) => x.value),
      );
    expect(agreementRate(values('likert', 'satisfied') as number[])).toMatchObject({
      numerator: 2,
      n: 3,
    });
    expect(recommendationRate(values('recommend', 'recommend') as string[])).toMatchObject({
      numerator: 1,
      n: 3,
    });
    await expect(
      h.services.feedback.responsesForPeriod(service.practitioner, {
        from: '2026-11-01',
        to: '2026-11-30',
      }),
    ).rejects.toMatchObject({ kind: 'forbidden' });
  });
});
