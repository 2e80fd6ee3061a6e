// Transfers between services: only what the sender named moves across, both timelines show it,
// and a declined transfer creates nothing and leaves no copy behind.
import { existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { translator } from '../../../platform/i18n/index.js';
import { giveAddress, makeService, openCase } from '../../../../test/support/cases.js';
import type { WebClient } from '../../../../test/support/web-client.js';
import { testbed } from '../../../../test/support/testbed.js';
import { expectPage } from '../../../../test/support/web-client.js';

const t = translator('en');
const { h, signedIn, owner } = testbed();
let sender: Awaited<ReturnType<typeof makeService>>;

beforeAll(async () => {
  sender = await makeService(h.services);
});
afterAll(async () => {
  await h.close();
  rmSync(h.services.documents.store.root, { recursive: true, force: true });
});

/** A case with a victim, a person who harmed, an assessment of each, a note and a letter. */
/** A service to receive, a rich case to send, and the sending practitioner's browser. */
async function transferToBe() {
  const receiver = await makeService(h.services);
  const sent = await richCase();
  return { receiver, sent, browser: await signedIn(sender.practitioner) };
}

async function richCase() {
  const opened = await openCase(h.services, sender.practitioner);
  await h.services.cases.addNote(sender.practitioner, opened.caseId, {
    body: 'Hana is frightened of Owain',
  });
  for (const [participant, summary] of [
    [opened.harmedId, 'Hana needs a female facilitator'],
    [opened.harmerId, 'Owain shows remorse; low risk'],
  ]) {
    await owner(
      `insert into case_assessments (org_id, case_id, participant_id, kind, summary, risk_level)
       values ($1, $2, $3, 'risk', $4, 'low')`,
      [sender.org.id, opened.caseId, participant, summary],
    );
  }
  await giveAddress(h.services, sender.practitioner, {
    caseId: opened.caseId,
    participantId: opened.harmerId,
  });
  const letterId = await h.services.documents.generateLetter(
    sender.practitioner,
    opened.caseId,
    { letter: 'consent', participant: opened.harmerId },
    t,
  );
  return { ...opened, letterId };
}

/** Every text a service holds about its cases, to look for what must not have arrived. */
async function everythingHeldBy(orgId: string): Promise<string> {
  const rows = await owner<Record<string, unknown>>(
    `select (select coalesce(json_agg(p), '[]') from case_participants p where p.org_id = $1) as participants,
            (select coalesce(json_agg(p), '[]') from persons p where p.org_id = $1) as persons,
            (select coalesce(json_agg(n), '[]') from case_notes n where n.org_id = $1) as notes,
            (select coalesce(json_agg(e), '[]') from case_events e where e.org_id = $1) as events,
            (select coalesce(json_agg(d), '[]') from case_documents d where d.org_id = $1) as documents,
            (select coalesce(json_agg(a), '[]') from case_assessments a where a.org_id = $1) as assessments`,
    [orgId],
  );
  return JSON.stringify(rows[0]);
}

async function requestTransfer(
  browser: WebClient,
  caseId: string,
  fields: Record<string, string | string[]>,
) {
  await browser.get(`/cases/${caseId}/transfer`);
  return browser.post(`/cases/${caseId}/transfer`, fields);
}

describe('transferring a case', () => {
  it('moves only what the sender named, into a new case the receiver can work; both timelines say so', async () => {
    const { receiver, sent, browser } = await transferToBe();

    const nothing = await requestTransfer(browser, sent.caseId, {
      to_org: receiver.org.id,
      kind: 'transfer',
      message: 'Owain is now in HMP Bristol',
    });
    expectPage(nothing, 400, ['Choose what to send', 'Owain is now in HMP Bristol']);

    const requested = await browser.post(`/cases/${sent.caseId}/transfer`, {
      to_org: receiver.org.id,
      kind: 'transfer',
      message: 'Owain is now in HMP Bristol',
      items: ['summary', 'assessments'],
      participants: [sent.harmerId],
      documents: [sent.letterId],
    });
    expect(requested.statusCode).toBe(303);
    const transferId = /\/transfers\/([0-9a-f-]{36})/.exec(
      requested.headers.location as string,
    )![1]!;

    // What the transfer carries is exactly what was named: not the victim, not her assessment,
    // not the case notes.
    const [stored] = await owner<{ items: string[]; payload: unknown }>(
      'select items, payload from case_transfers where id = $1',
      [transferId],
    );
    expect(stored!.items).toEqual(['summary', 'participants', 'assessments', 'documents']);
    const carried = JSON.stringify(stored!.payload);
    expect(carried).toContain('Owain Offender');
    expect(carried).toContain('Owain shows remorse');
    for (const absent of ['Hana', '01632 960100', 'Home landline', 'frightened'])
      expect(carried).not.toContain(absent);

    const receiving = await signedIn(receiver.practitioner);
    const list = await receiving.get('/transfers');
    expect(list.body).toContain('Transfers waiting for your service to decide: 1');
    const page = await receiving.get(`/transfers/${transferId}`);
    expectPage(page, 200, ['Owain Offender', '12 Acacia Avenue, Portsmouth, PO1 2AB']);
    expect(page.body).not.toContain('Hana');
    expect((await receiving.get(`/cases/${sent.caseId}`)).statusCode).toBe(404);

    const accepted = await receiving.post(`/transfers/${transferId}/accept`);
    expect(accepted.statusCode).toBe(303);
    const newCaseId = /\/cases\/([0-9a-f-]{36})/.exec(accepted.headers.location as string)![1]!;
    const [made] = await owner<{ org_id: string; transferred_from: string; referral_id: null }>(
      'select org_id, transferred_from, referral_id from cases where id = $1',
      [newCaseId],
    );
    expect(made).toEqual({
      org_id: receiver.org.id,
      transferred_from: sent.caseId,
      referral_id: null,
    });
    const people = await owner<{ display_name: string; role: string }>(
      `select display_name, role, address_line_1, address_line_2, address_town, address_postcode
       from case_participants where case_id = $1`,
      [newCaseId],
    );
    // His postal address goes with him, so the receiving service can write to him.
    expect(people).toEqual([
      {
        display_name: 'Owain Offender',
        role: 'harmer',
        address_line_1: '12 Acacia Avenue',
        address_line_2: null,
        address_town: 'Portsmouth',
        address_postcode: 'PO1 2AB',
      },
    ]);
    const held = await everythingHeldBy(receiver.org.id);
    expect(held).toContain('Owain shows remorse');
    expect(held).toContain('Owain is now in HMP Bristol');
    for (const absent of [
      'Hana',
      '01632 960100',
      'Home landline',
      'frightened',
      'female facilitator',
    ])
      expect(held).not.toContain(absent);

    const casePage = await receiving.get(`/cases/${newCaseId}`);
    expectPage(casePage, 200, ['Owain Offender']);
    expect(casePage.body).not.toContain('Hana');
    const documents = await receiving.get(`/cases/${newCaseId}/documents`);
    expect(documents.body).toContain('Came with a transfer');
    const [document] = await owner<{ id: string }>(
      'select id from case_documents where case_id = $1',
      [newCaseId],
    );
    const file = await receiving.get(`/cases/${newCaseId}/documents/${document!.id}`);
    expect(file.rawPayload.subarray(0, 4).toString()).toBe('%PDF');

    const theirs = await receiving.get(`/cases/${newCaseId}/timeline`);
    expect(theirs.body).toMatch(/Case transferred from Test organisation \w+ \(their case CS-/);
    const ours = await browser.get(`/cases/${sent.caseId}/timeline`);
    expect(ours.body).toContain('Transfer to Test organisation');
    expect(ours.body).toMatch(/accepted the transfer \(their case CS-/);
    // Each side's audit trail holds its own side, under its own organisation.
    const audited = await owner<{ org_id: string; action: string }>(
      `select org_id, action from audit_events where entity_id = $1 and action like 'case.transfer.%'
        order by id`,
      [transferId],
    );
    expect(audited).toEqual([
      { org_id: sender.org.id, action: 'case.transfer.requested.transfer' },
      { org_id: receiver.org.id, action: 'case.transfer.received.transfer' },
      { org_id: sender.org.id, action: 'case.transfer.accepted.transfer' },
    ]);
    const again = await receiving.post(`/transfers/${transferId}/accept`);
    expectPage(again, 409, ['already been decided']);
  });

  it('carries the notes only when they are named', async () => {
    const { receiver, sent } = await transferToBe();
    const transferId = await h.services.transfers.request(sender.manager, sent.caseId, {
      to_org: receiver.org.id,
      kind: 'help_request',
      message: 'Please visit Owain in HMP Bristol',
      items: ['notes'],
    });
    const accepted = await h.services.transfers.accept(receiver.manager, transferId, t);
    const held = await everythingHeldBy(receiver.org.id);
    expect(held).toContain('Hana is frightened of Owain');
    expect(
      await owner('select 1 from case_participants where case_id = $1', [accepted.caseId]),
    ).toEqual([]);
  });
});

describe('declining a transfer', () => {
  it('creates nothing, clears what was carried, and tells the sender why on their timeline', async () => {
    const { receiver, sent, browser } = await transferToBe();
    const requested = await requestTransfer(browser, sent.caseId, {
      to_org: receiver.org.id,
      kind: 'help_request',
      message: 'Could you help?',
      items: ['summary', 'notes'],
      participants: [sent.harmedId, sent.harmerId],
      documents: [sent.letterId],
    });
    const transferId = /\/transfers\/([0-9a-f-]{36})/.exec(
      requested.headers.location as string,
    )![1]!;
    const [{ payload }] = (await owner<{ payload: { documents: { storageKey: string }[] } }>(
      'select payload from case_transfers where id = $1',
      [transferId],
    )) as [{ payload: { documents: { storageKey: string }[] } }];
    const copy = payload.documents[0]!.storageKey;
    const copyPath = path.join(h.services.documents.store.root, copy.slice(0, 2), copy);
    expect(existsSync(copyPath)).toBe(true);

    const volunteer = await signedIn(receiver.volunteer);
    expect((await volunteer.get(`/transfers/${transferId}`)).statusCode).toBe(403);
    const receiving = await signedIn(receiver.manager);
    await receiving.get(`/transfers/${transferId}`);
    const noReason = await receiving.post(`/transfers/${transferId}/decline`, { reason: ' ' });
    expectPage(noReason, 400, ['Say why you are declining']);
    const declined = await receiving.post(`/transfers/${transferId}/decline`, {
      reason: 'We have no facilitator for that prison',
    });
    expect(declined.statusCode).toBe(303);

    expect(await owner('select id from cases where org_id = $1', [receiver.org.id])).toEqual([]);
    expect(await everythingHeldBy(receiver.org.id)).not.toContain('Hana');
    const [after] = await owner<{ status: string; payload: unknown }>(
      'select status, payload from case_transfers where id = $1',
      [transferId],
    );
    expect(after!.status).toBe('declined');
    expect(JSON.stringify(after!.payload)).not.toContain('Hana');
    expect(existsSync(copyPath)).toBe(false);
    const timeline = await browser.get(`/cases/${sent.caseId}/timeline`);
    expect(timeline.body).toContain('declined the request for help');
    expect(timeline.body).toContain('Reason: We have no facilitator for that prison');
    expect((await receiving.post(`/transfers/${transferId}/accept`)).statusCode).toBe(409);
  });
});
