// A conflict is per record: a co-worker's note does not block saving a person's details, but a
// co-worker's change to the same person's details does, and the page then shows their change
// beside what was typed. Where only they changed a detail the form takes their change, so
// saving it again loses neither; where both did, what was typed stays for the user to check.
import { describe, expect, it } from 'vitest';
import { openCase } from '../../../../test/support/cases.js';
import { signedInTo, type WebClient, expectPage } from '../../../../test/support/web-client.js';
import { teamTestbed } from '../../../../test/support/testbed.js';

const { h, team } = teamTestbed();

/** The details form as the browser has it: every field, its hidden stamp included. */
function formOf(body: string): Record<string, string> {
  const form = /<form method="post" action="[^"]*\/edit"[\s\S]*?<\/form>/.exec(body)![0];
  const values: Record<string, string> = {};
  for (const m of form.matchAll(/<input[^>]*name="([^"]+)"[^>]*>/g)) {
    const tag = m[0];
    const value = /value="([^"]*)"/.exec(tag)?.[1] ?? '';
    if (/type="(radio|checkbox)"/.test(tag) && !/\bchecked\b/.test(tag)) continue;
    values[m[1]!] = value
      .replace(/&#39;/g, "'")
      .replace(/&quot;/g, '"')
      .replace(/&amp;/g, '&');
  }
  for (const m of form.matchAll(/<select[^>]*name="([^"]+)"[\s\S]*?<\/select>/g))
    values[m[1]!] = /<option value="([^"]*)"[^>]*selected/.exec(m[0])?.[1] ?? '';
  for (const m of form.matchAll(/<textarea[^>]*name="([^"]+)"[^>]*>([\s\S]*?)<\/textarea>/g))
    values[m[1]!] = m[2]!.trim();
  delete values._csrf;
  return values;
}

async function editForm(browser: WebClient, caseId: string, personId: string) {
  return formOf((await browser.get(`/cases/${caseId}/people/${personId}/edit`)).body);
}

/** A practitioner (Pat) and a manager (Morgan) with the same person's details form open. */
async function bothEditing() {
  const opened = await openCase(h.services, team.practitioner);
  const pat = await signedInTo(h.app, team.practitioner);
  const morgan = await signedInTo(h.app, team.manager);
  return {
    opened,
    pat,
    morgan,
    url: `/cases/${opened.caseId}/people/${opened.harmedId}/edit`,
    patForm: await editForm(pat, opened.caseId, opened.harmedId),
    morganForm: await editForm(morgan, opened.caseId, opened.harmedId),
  };
}

describe('conflicts per record', () => {
  it("saves a person's details although a co-worker added a note meanwhile", async () => {
    const opened = await openCase(h.services, team.practitioner);
    const pat = await signedInTo(h.app, team.practitioner);
    const form = await editForm(pat, opened.caseId, opened.harmedId);
    expect(form.record).toMatch(/^[0-9a-z]+$/);
    await h.services.cases.addNote(team.manager, opened.caseId, { body: 'Spoke to the police' });
    const saved = await pat.post(`/cases/${opened.caseId}/people/${opened.harmedId}/edit`, {
      ...form,
      preferred_times: 'Mornings',
    });
    expect(saved.statusCode).toBe(302);
  });

  it("shows a co-worker's change to the same person beside what was typed, and loses neither", async () => {
    const { opened, pat, morgan, url, patForm, morganForm } = await bothEditing();
    expect((await morgan.post(url, { ...morganForm, safe_phone: '07700 900111' })).statusCode).toBe(
      302,
    );

    const refused = await pat.post(url, { ...patForm, do_not_contact_via: 'Work phone' });
    expectPage(refused, 409, ['Someone else changed these details since you opened this page']);
    const table = /data-qa="their-change"[\s\S]*?<\/table>/.exec(refused.body)![0];
    expect(table).toContain('07700 900111'); // theirs
    expect(table).toContain('01632 960100'); // what the form still said
    expect(table).not.toContain('Work phone'); // only theirs changed nothing there: no row
    const again = formOf(refused.body);
    expect(again.do_not_contact_via).toBe('Work phone');
    expect(again.safe_phone).toBe('07700 900111'); // their change, taken into the form
    expect(again.record).not.toBe(patForm.record);
    expect(table).toContain('Their change');
    // Saving the form as it is now keeps both changes.
    expect((await pat.post(url, again)).statusCode).toBe(302);
    const view = await h.services.people.get(team.practitioner, opened.caseId, opened.harmedId);
    expect(view.participant).toMatchObject({
      safe_phone: '07700 900111',
      do_not_contact_via: 'Work phone',
    });
  });

  it('keeps what was typed where both changed the same detail, and asks the user to check it', async () => {
    const { pat, morgan, url, patForm, morganForm } = await bothEditing();
    const morganSaved = await morgan.post(url, { ...morganForm, preferred_times: 'Evenings' });
    expect(morganSaved.statusCode).toBe(302);

    const refused = await pat.post(url, { ...patForm, preferred_times: 'Mornings' });
    expectPage(refused, 409, ['What you typed: check it']);
    expect(formOf(refused.body).preferred_times).toBe('Mornings');
  });

  it('refuses a save that says neither which record nor which version it showed', async () => {
    const opened = await openCase(h.services, team.practitioner);
    const pat = await signedInTo(h.app, team.practitioner);
    const url = `/cases/${opened.caseId}/people/${opened.harmedId}/edit`;
    const form = await editForm(pat, opened.caseId, opened.harmedId);
    delete form.record;
    delete form.version;
    const refused = await pat.post(url, { ...form, safe_phone: '07700 900222' });
    expectPage(refused, 400, ['did not say which version']);
    const view = await h.services.people.get(team.practitioner, opened.caseId, opened.harmedId);
    expect(view.participant.safe_phone).not.toBe('07700 900222');
  });
});
