// Interventions as the tests bring them about: a participant made ready to take part, an
// intervention planned and an outcome recorded through the pages, as a browser does it.
import { expect } from 'vitest';
import type { Harness } from './harness.js';
import { dateInput, teamTestbed, versionOn, type Team } from './testbed.js';
import { signedInTo, type WebClient } from './web-client.js';
import { openCase } from './cases.js';

export function interventionSteps(h: Harness, team: Team) {
  const sql = <R>(text: string, params: unknown[] = []) =>
    h.database.withOwner((owner) => owner.query<R>(text, params));

  /** Informed consent given and found suitable, as the People and Assessments tabs record it. */
  async function makeReady(caseId: string, participantId: string) {
    await sql(
      `insert into case_consents (org_id, case_id, participant_id, given_on, how)
         values ($1, $2, $3, '2026-11-10', 'written')`,
      [team.org.id, caseId, participantId],
    );
    await sql(
      `insert into case_assessments (org_id, case_id, participant_id, kind, decision)
         values ($1, $2, $3, 'suitability', 'suitable')`,
      [team.org.id, caseId, participantId],
    );
    await sql(`update case_participants set consent_status = 'given' where id = $1`, [
      participantId,
    ]);
  }

  /** Plans an intervention from the New page; answers its id. */
  async function plan(
    browser: WebClient,
    caseId: string,
    fields: Record<string, string | string[]>,
  ): Promise<string> {
    const ids = async () =>
      (
        await sql<{ id: string }>('select id from case_interventions where case_id = $1', [caseId])
      ).map((row) => row.id);
    const before = await ids();
    const form = await browser.get(`/cases/${caseId}/interventions/new`);
    const saved = await browser.post(`/cases/${caseId}/interventions/new`, {
      version: versionOn(form.body),
      ...fields,
    });
    expect(saved.headers.location).toBe(`/cases/${caseId}/interventions?done=planned`);
    // The one row the case did not have before (not the newest: two may share a timestamp).
    const added = (await ids()).filter((id) => !before.includes(id));
    expect(added).toHaveLength(1);
    return added[0]!;
  }

  async function recordOutcome(
    browser: WebClient,
    caseId: string,
    interventionId: string,
    fields: Record<string, string>,
  ) {
    const url = `/cases/${caseId}/interventions/${interventionId}/outcome`;
    const form = await browser.get(url);
    return browser.post(url, { version: versionOn(form.body), ...fields });
  }

  /** Records the intervention as held on a day, from its Outcome page. */
  const recordHeld = (browser: WebClient, caseId: string, interventionId: string, day: string) =>
    recordOutcome(browser, caseId, interventionId, {
      outcome: 'held',
      ...dateInput('held_on', day),
    });

  /** A new case the team's practitioner opened, and the practitioner's browser. */
  async function practitionersCase() {
    const opened = await openCase(h.services, team.practitioner);
    return { opened, browser: await signedInTo(h.app, team.practitioner) };
  }

  return { sql, makeReady, plan, recordOutcome, recordHeld, practitionersCase };
}

/** The file's testbed, its RJ service, and the steps above on them: how intervention files begin. */
export function interventionTestbed() {
  const bed = teamTestbed();
  return { ...bed, ...interventionSteps(bed.h, bed.team) };
}
