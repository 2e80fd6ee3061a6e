// Offer, consent, contacts and assessments on a case: the rules that protect the people in it.
import { beforeAll, describe, expect, it } from 'vitest';
import { EXPLAINED_ITEMS } from '../../../domain/case-lifecycle.js';
import { makeUser } from '../../../../test/support/harness.js';
import { openCase } from '../../../../test/support/cases.js';
import { WebClient, expectPage } from '../../../../test/support/web-client.js';
import { testbed, serviceFor, dateInput as date } from '../../../../test/support/testbed.js';

const { h, signedIn } = testbed();
const team = serviceFor(h);
let browser: WebClient;

const explainedAll = [...EXPLAINED_ITEMS];

/** A phone conversation with the person harmed, logged through the contacts form. */
const spokeByPhone = (opened: { caseId: string; harmedId: string }, on: string) =>
  browser.submitForm(`/cases/${opened.caseId}/contacts`, {
    participant_id: opened.harmedId,
    ...date('contacted_on', on),
    method: 'phone',
    outcome: 'spoke',
  });

beforeAll(async () => {
  browser = new WebClient(h.app);
  await browser.signIn(team.practitioner.email, team.practitioner.password);
});

describe('offer and consent', () => {
  it('records "not now" with the default re-offer date, which puts the case in the re-offer queue when due', async () => {
    const opened = await openCase(h.services, team.practitioner);
    await browser.get(`/cases/${opened.caseId}/people/${opened.harmedId}`);
    const saved = await browser.post(`/cases/${opened.caseId}/people/${opened.harmedId}/offers`, {
      ...date('offered_on', '2026-11-20'),
      method: 'phone',
      answer: 'not_now',
    });
    expect(saved.headers.location).toContain('done=offer');
    const page = await browser.get(`/cases/${opened.caseId}/people/${opened.harmedId}`);
    expect(page.body).toContain('offer again on 18 February 2027');
    expect((await browser.get('/cases?queue=reoffers_due')).body).not.toContain(
      opened.caseReference,
    );
    h.clock.set('2027-02-18T10:00:00Z');
    try {
      // Three months on: a new sign-in, since sessions last 12 hours at most.
      const later = await signedIn(team.practitioner);
      expect((await later.get('/cases?queue=reoffers_due')).body).toContain(opened.caseReference);
      await later.get(`/cases/${opened.caseId}/people/${opened.harmedId}`);
      await later.post(`/cases/${opened.caseId}/people/${opened.harmedId}/offers`, {
        ...date('offered_on', '2027-02-18'),
        method: 'letter',
        answer: 'yes',
      });
      expect((await later.get('/cases?queue=reoffers_due')).body).not.toContain(
        opened.caseReference,
      );
    } finally {
      h.clock.set('2026-11-20T10:00:00Z');
    }
  });

  it('records informed consent only after a yes, with everything explained and a witness for verbal consent', async () => {
    const opened = await openCase(h.services, team.practitioner);
    const person = `/cases/${opened.caseId}/people/${opened.harmedId}`;
    await browser.get(person);
    const tooSoon = await browser.post(`${person}/consent`, {
      ...date('given_on', '2026-11-20'),
      how: 'written',
      explained: explainedAll,
    });
    expect(tooSoon.statusCode).toBe(409);
    expect(tooSoon.body).toContain(
      'must say yes to restorative justice before consent is recorded',
    );
    await browser.post(`${person}/offers`, {
      ...date('offered_on', '2026-11-19'),
      method: 'phone',
      answer: 'yes',
    });
    await browser.get(person);
    const partial = await browser.post(`${person}/consent`, {
      ...date('given_on', '2026-11-20'),
      how: 'verbal_witnessed',
      explained: ['process'],
    });
    expectPage(partial, 400, ['tick each one', 'Enter who witnessed verbal consent']);
    const given = await browser.post(`${person}/consent`, {
      ...date('given_on', '2026-11-20'),
      how: 'verbal_witnessed',
      witness: 'J. Smith, co-facilitator',
      explained: explainedAll,
    });
    expect(given.statusCode).toBe(302);
    expect((await browser.get(`/cases/${opened.caseId}`)).body).toContain('Consent given');
  });

  it('stops work with someone who withdrew consent, and shows it everywhere', async () => {
    const opened = await openCase(h.services, team.practitioner);
    const person = `/cases/${opened.caseId}/people/${opened.harmedId}`;
    await browser.get(person);
    await browser.post(`${person}/offers`, {
      ...date('offered_on', '2026-11-19'),
      method: 'phone',
      answer: 'yes',
    });
    await browser.post(`${person}/consent`, {
      ...date('given_on', '2026-11-19'),
      how: 'written',
      explained: explainedAll,
    });
    await browser.get(person);
    await browser.post(`${person}/withdraw`, { ...date('withdrawn_on', '2026-11-20') });

    for (const page of [
      `/cases/${opened.caseId}`,
      `/cases/${opened.caseId}/people`,
      person,
      `/cases/${opened.caseId}/contacts`,
    ]) {
      expect((await browser.get(page)).body).toContain('Consent withdrawn');
    }
    await browser.get(person);
    expect(
      (
        await browser.post(`${person}/offers`, {
          ...date('offered_on', '2026-11-20'),
          method: 'phone',
          answer: 'yes',
        })
      ).statusCode,
    ).toBe(409);
    const contact = await spokeByPhone(opened, '2026-11-20');
    expectPage(contact, 409, ['has withdrawn consent']);
    await browser.get(`/cases/${opened.caseId}/assessments/new?kind=needs`);
    const assessment = await browser.post(`/cases/${opened.caseId}/assessments`, {
      kind: 'needs',
      participant_id: opened.harmedId,
      summary: 'x',
    });
    expect(assessment.statusCode).toBe(409);
  });
});

describe('contacts', () => {
  it('logs attempts and contacts, and counts working days to the first conversation', async () => {
    const opened = await openCase(h.services, team.practitioner, { receivedOn: '2026-11-13' });
    await browser.submitForm(`/cases/${opened.caseId}/contacts`, {
      participant_id: opened.harmedId,
      ...date('contacted_on', '2026-11-16'),
      contacted_time: '09:15',
      method: 'phone',
      outcome: 'no_answer',
    });
    await browser.post(`/cases/${opened.caseId}/contacts`, {
      participant_id: opened.harmedId,
      ...date('contacted_on', '2026-11-18'),
      contacted_time: '14:30',
      method: 'phone',
      outcome: 'spoke',
    });
    const page = await browser.get(`/cases/${opened.caseId}/contacts`);
    expect(page.body).toContain('3 working days after the referral');
    expect(page.body).toContain('18 November 2026 at 2:30pm');
    const bad = await browser.post(`/cases/${opened.caseId}/contacts`, {
      participant_id: opened.harmedId,
      ...date('contacted_on', '2026-11-31'),
      contacted_time: '25:99',
    });
    expectPage(bad, 400, ['Enter a real date', 'Enter a time like 14:30', 'Choose how']);
  });

  it('refuses contact with someone marked unsafe to contact', async () => {
    const opened = await openCase(h.services, team.practitioner);
    const view = await h.services.people.get(team.practitioner, opened.caseId, opened.harmedId);
    await h.services.people.update(team.practitioner, opened.caseId, opened.harmedId, {
      display_name: view.participant.display_name,
      role: 'harmed',
      unsafe_to_contact: 'yes',
      version: view.case.version,
    });
    const refused = await spokeByPhone(opened, '2026-11-20');
    expectPage(refused, 409, ['is marked unsafe to contact']);
  });
});

describe('assessments and sign-off', () => {
  it('needs a trained practitioner to sign off suitability in a sexual violence or domestic abuse case', async () => {
    const opened = await openCase(h.services, team.practitioner, { svDa: true });
    await browser.get(`/cases/${opened.caseId}/assessments/new?kind=suitability`);
    await browser.post(`/cases/${opened.caseId}/assessments`, {
      kind: 'suitability',
      participant_id: opened.harmerId,
      decision: 'suitable',
      summary: 'Accepts responsibility',
      q_accepts_responsibility: 'yes',
    });
    let page = await browser.get(`/cases/${opened.caseId}/assessments`);
    expect(page.body).toContain('Suitability awaiting sign-off');
    const refused = await browser.post(
      `/cases/${opened.caseId}/assessments/${/id="assessment-([0-9a-f-]+)"/.exec(page.body)![1]}/sign-off`,
    );
    expectPage(refused, 403, ['only a practitioner trained for such cases can sign off']);

    const trained = await makeUser(h.services, {
      role: 'practitioner',
      org: team.org,
      name: 'Tara Trained',
    });
    await h.database.withOwner((o) =>
      o.query('update users set trained_sv_da = true where id = $1', [trained.userId]),
    );
    const specialist = await signedIn(trained);
    page = await specialist.get(`/cases/${opened.caseId}/assessments`);
    const id = /id="assessment-([0-9a-f-]+)"/.exec(page.body)![1];
    expect(
      (await specialist.post(`/cases/${opened.caseId}/assessments/${id}/sign-off`)).statusCode,
    ).toBe(302);
    expect((await specialist.get(`/cases/${opened.caseId}/assessments`)).body).toContain(
      'Signed off by Tara Trained',
    );
  });

  it('lets a manager require a second sign-off, which must come from someone else', async () => {
    const opened = await openCase(h.services, team.practitioner);
    const id = await h.services.assessments.record(team.practitioner, opened.caseId, {
      kind: 'suitability',
      participant_id: opened.harmedId,
      decision: 'suitable',
      summary: 'Ready',
    });
    const manager = await signedIn(team.manager);
    await manager.get(`/cases/${opened.caseId}/assessments`);
    await manager.post(`/cases/${opened.caseId}/assessments/${id}/require-second`, {});
    const facts = await h.services.cases.get(team.practitioner, opened.caseId);
    expect(facts.facts.participants.find((p) => p.id === opened.harmedId)?.suitability).toBe(
      'awaiting_sign_off',
    );
    await browser.get(`/cases/${opened.caseId}/assessments`);
    expect(
      (await browser.post(`/cases/${opened.caseId}/assessments/${id}/second-sign-off`)).statusCode,
    ).toBe(409);
    await manager.get(`/cases/${opened.caseId}/assessments`);
    expect(
      (await manager.post(`/cases/${opened.caseId}/assessments/${id}/second-sign-off`)).statusCode,
    ).toBe(302);
    const after = await h.services.cases.get(team.practitioner, opened.caseId);
    expect(after.facts.participants.find((p) => p.id === opened.harmedId)?.suitability).toBe(
      'suitable',
    );
  });

  it('explains a missing summary, decision or risk level', async () => {
    const opened = await openCase(h.services, team.practitioner);
    await browser.get(`/cases/${opened.caseId}/assessments/new?kind=risk`);
    const bad = await browser.post(`/cases/${opened.caseId}/assessments`, {
      kind: 'risk',
      participant_id: opened.harmedId,
      q_ongoing_contact: 'maybe',
    });
    expectPage(bad, 400, ['Enter a summary', 'Choose the level of risk']);
  });
});
