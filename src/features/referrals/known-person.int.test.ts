// A person "already known" to the service, linked when a new referral is accepted, brings their
// safe-contact instructions and access needs into the new case; what the new referral says
// comes first.
import { describe, expect, it } from 'vitest';
import { makeService, openCase } from '../../../test/support/cases.js';
import { testbed } from '../../../test/support/testbed.js';

const { h } = testbed();

const sql = <R>(text: string, params: unknown[] = []) =>
  h.database.withOwner((owner) => owner.query<R>(text, params));

/** The person harmed in `harmedId`'s case, referred again and linked to the person already known. */
async function referredAgain(
  manager: Parameters<typeof h.services.referrals.create>[0],
  harmedId: string,
  victim: Record<string, string>,
) {
  const [{ person_id: personId }] = (await sql<{ person_id: string }>(
    'select person_id from case_participants where id = $1',
    [harmedId],
  )) as [{ person_id: string }];
  const again = await h.services.referrals.create(
    manager,
    {
      source_org: 'self',
      initiated_by: 'victim',
      received_on: '2026-11-18',
      offence_group: 'theft-offences',
      cjs_stage: 'pre_sentence',
      victim_surname: 'Victim',
      ...victim,
    },
    { channel: 'web' },
  );
  const { caseId } = await h.services.triage.accept(manager, again.id, {
    version: 1,
    victimPerson: personId,
  });
  return caseId;
}

describe('a person already known', () => {
  it('brings their safe-contact instructions and access needs into the new case', async () => {
    const team = await makeService(h.services);
    const first = await openCase(h.services, team.manager, { victim: 'Kit' });
    await sql(
      `update case_participants set accessibility_needs = 'Uses a wheelchair', may_leave_message = false,
         interpreter_language = 'Welsh' where id = $1`,
      [first.harmedId],
    );
    const caseId = await referredAgain(team.manager, first.harmedId, {
      victim_forename: 'Kit',
      victim_safe_phone: '01632 960999',
    });
    const [kit] = await sql<Record<string, unknown>>(
      `select safe_phone, do_not_contact_via, accessibility_needs, may_leave_message, interpreter_language
         from case_participants where case_id = $1 and role = 'harmed'`,
      [caseId],
    );
    expect(kit).toEqual({
      safe_phone: '01632 960999', // the new referral's
      do_not_contact_via: 'Home landline', // known from the first case
      accessibility_needs: 'Uses a wheelchair',
      may_leave_message: false,
      interpreter_language: 'Welsh',
    });
    const page = await h.services.cases.get(team.manager, caseId);
    expect(page.participants.find((p) => p.role === 'harmed')?.do_not_contact_via).toBe(
      'Home landline',
    );
  });

  it('keeps what they asked before as well as what the new referral says about how not to reach them', async () => {
    const team = await makeService(h.services);
    const first = await openCase(h.services, team.manager, { victim: 'Sam' });
    await sql(
      `update case_participants set do_not_contact_via = 'Letters to the home address' where id = $1`,
      [first.harmedId],
    );
    const caseId = await referredAgain(team.manager, first.harmedId, {
      victim_forename: 'Sam',
      victim_do_not_contact_via: 'Email',
    });
    const page = await h.services.cases.get(team.manager, caseId);
    expect(page.participants.find((p) => p.role === 'harmed')?.do_not_contact_via).toBe(
      'Email; Letters to the home address',
    );
  });
});
