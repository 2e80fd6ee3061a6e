// Instalment plans for restitution: recorded through the Agreement tab (versioned, on the
// timeline, audited), refused when the plan is not one the domain allows, and a missed
// instalment making the item overdue in the queue and the next actions until a payment catches
// up. The queue's date is computed in SQL and the tab's in the domain: the same cases through
// both must agree.
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { MAX_INSTALMENTS, nextUnmetOn, type InstalmentPlan } from '../../../domain/instalments.js';
import { agreementSteps } from '../../../../test/support/agreements.js';
import { instalmentPlans } from '../../../../test/support/instalments.js';
import { openCase } from '../../../../test/support/cases.js';
import { dateInput as date, teamTestbed } from '../../../../test/support/testbed.js';
import type { WebClient } from '../../../../test/support/web-client.js';
import { expectPage } from '../../../../test/support/web-client.js';

const { h, signedIn, owner, events, team } = teamTestbed();
let browser: WebClient;

beforeAll(async () => {
  browser = await signedIn(team.practitioner);
});

const { submit, addItem } = agreementSteps(h, () => browser);

async function restitutionCase(amount = '£50') {
  const opened = await openCase(h.services, team.practitioner);
  const itemId = await addItem(opened, {
    kind: 'restitution',
    description: 'Pay for the broken window',
    due: '2027-03-31',
    amount,
  });
  // The database stamps a row with its own clock; the item is agreed on the test's day.
  await owner(`update case_agreement_items set created_at = $2 where id = $1`, [
    itemId,
    '2026-11-20T10:00:00Z',
  ]);
  const item = `/cases/${opened.caseId}/agreement/items/${itemId}`;
  return { ...opened, itemId, item };
}

const inQueue = async (reference: string) => {
  const queue = await browser.get('/cases?queue=agreements_overdue');
  expect(queue.statusCode).toBe(200);
  return queue.body.includes(reference);
};

/** Moves the clock to a day, signing in again (a session does not last a week). */
async function dayIs(day: string) {
  h.clock.set(`${day}T10:00:00Z`);
  browser = await signedIn(team.practitioner);
}

describe('an instalment plan', () => {
  it('is recorded on a restitution item, shown with the next instalment, and changed or ended', async () => {
    const c = await restitutionCase();
    const saved = await submit(`${c.item}/plan`, {
      instalment: '20',
      frequency: 'weekly',
      ...date('first_due_on', '2026-11-27'),
    });
    expect(saved.statusCode).toBe(302);
    expect(saved.headers.location).toBe(`/cases/${c.caseId}/agreement?done=plan`);
    const tab = await browser.get(saved.headers.location as string);
    expect(tab.body).toContain('Instalment plan saved.');
    expect(tab.body).toContain('£20.00 a week from 27 November 2026, 3 instalments');
    expect(tab.body).toContain('£20.00 due on 27 November 2026');
    expect(tab.body).toContain('Up to date');
    expect(tab.body).toMatch(/4 December 2026[\s\S]*£20\.00[\s\S]*£40\.00/);
    expect(tab.body).toMatch(/11 December 2026[\s\S]*£10\.00[\s\S]*£50\.00/);
    expect(await events(c.caseId, 'agreement.plan_set')).toBe(1);
    const audited = await owner<{ n: number }>(
      `select count(*)::int as n from audit_events
        where action = 'case.agreement.plan_set' and entity_id = $1`,
      [c.itemId],
    );
    expect(audited[0]!.n).toBe(1);
    // The page shows the plan again to change it; changing it is its own timeline line.
    const again = await browser.get(`${c.item}/plan`);
    expect(again.body).toContain('value="20.00"');
    await submit(`${c.item}/plan`, {
      instalment: '10',
      frequency: 'monthly',
      ...date('first_due_on', '2026-11-30'),
    });
    const [plan] = await owner(
      'select instalment_pence, frequency, first_due_on::text as first from case_agreement_plans where item_id = $1',
      [c.itemId],
    );
    expect(plan).toEqual({ instalment_pence: 1000, frequency: 'monthly', first: '2026-11-30' });
    expect(await events(c.caseId, 'agreement.plan_changed')).toBe(1);
    const ended = await submit(`${c.item}/plan/end`, {});
    expect(ended.headers.location).toBe(`/cases/${c.caseId}/agreement?done=planEnded`);
    expect(
      await owner('select id from case_agreement_plans where item_id = $1', [c.itemId]),
    ).toEqual([]);
    expect(await events(c.caseId, 'agreement.plan_ended')).toBe(1);
  });

  it('is refused unless the instalment fits the balance and starts on or after the agreement', async () => {
    const c = await restitutionCase();
    const cases: [Record<string, string>, string[]][] = [
      [
        { instalment: '60', frequency: 'weekly', ...date('first_due_on', '2026-11-19') },
        [
          'Each instalment must be no more than the balance outstanding of £50.00',
          'The first instalment cannot be due before 20 November 2026, when the item was agreed',
        ],
      ],
      [
        { instalment: '0.01', frequency: 'weekly', ...date('first_due_on', '2026-11-27') },
        ['The instalments are too small: the plan must pay the balance in at most 520 instalments'],
      ],
      [
        { instalment: '', frequency: '' },
        [
          'Enter the amount of each instalment',
          'Choose how often the instalments are due',
          'Enter the date the first instalment is due',
        ],
      ],
    ];
    for (const [fields, messages] of cases) {
      const refused = await submit(`${c.item}/plan`, fields);
      expect(refused.statusCode).toBe(400);
      for (const message of messages) expect(refused.body).toContain(message);
    }
    expect(
      await owner('select id from case_agreement_plans where item_id = $1', [c.itemId]),
    ).toEqual([]);
    // Not for an item other than restitution, nor for one already paid off.
    const apology = await addItem(c, {
      kind: 'apology',
      description: 'Say sorry',
      due: '2026-12-31',
    });
    expect(
      (await browser.get(`/cases/${c.caseId}/agreement/items/${apology}/plan`)).statusCode,
    ).toBe(404);
    const plan = { instalment: '10', frequency: 'weekly', first_due_on: '2026-11-27' };
    const version = async () =>
      (await h.services.cases.get(team.practitioner, c.caseId)).case.version;
    await expect(
      h.services.agreements.setPlan(team.practitioner, c.caseId, apology, {
        ...plan,
        version: await version(),
      }),
    ).rejects.toMatchObject({ messageKey: 'cases.agreement.errors.plan.not_restitution' });
    await h.services.agreements.addPayment(team.practitioner, c.caseId, c.itemId, {
      paid_on: '2026-11-20',
      amount: '50',
    });
    const paidOff = await submit(`${c.item}/plan`, {
      instalment: '10',
      frequency: 'weekly',
      ...date('first_due_on', '2026-11-27'),
    });
    expectPage(paidOff, 409, ['This item is already paid off, so it needs no plan']);
  });

  it('makes the item overdue once an instalment is missed, until a payment catches up', async () => {
    const c = await restitutionCase('£60');
    await submit(`${c.item}/plan`, {
      instalment: '20',
      frequency: 'fortnightly',
      ...date('first_due_on', '2026-11-27'),
    });
    expect(await inQueue(c.caseReference)).toBe(false);
    const [due] = await owner<{ due: string }>(
      'select agreement_due_on::text as due from cases where id = $1',
      [c.caseId],
    );
    expect(due!.due).toBe('2026-11-27');
    // The day it falls due it is not yet missed; the day after, it is.
    await dayIs('2026-11-27');
    expect(await inQueue(c.caseReference)).toBe(false);
    await dayIs('2026-11-28');
    expect(await inQueue(c.caseReference)).toBe(true);
    let tab = await browser.get(`/cases/${c.caseId}/agreement`);
    expect(tab.body).toContain('Behind by £20.00');
    expect(tab.body).toContain('govuk-tag--red" data-qa="item-tag">Overdue');
    let summary = await browser.get(`/cases/${c.caseId}`);
    expect(summary.body).toContain('1 agreement item is overdue (due 27 November 2026)');

    // Part of the instalment still leaves them behind; the rest catches up.
    await submit(`${c.item}/payments/new`, { ...date('paid_on', '2026-11-28'), amount: '15' });
    expect(await inQueue(c.caseReference)).toBe(true);
    await submit(`${c.item}/payments/new`, { ...date('paid_on', '2026-11-28'), amount: '5' });
    expect(await inQueue(c.caseReference)).toBe(false);
    tab = await browser.get(`/cases/${c.caseId}/agreement`);
    expect(tab.body).toContain('Up to date');
    expect(tab.body).toContain('£20.00 due on 11 December 2026');
    summary = await browser.get(`/cases/${c.caseId}`);
    expect(summary.body).not.toContain('agreement item is overdue');
    const [dates] = await owner<{ due: string }>(
      'select agreement_due_on::text as due from cases where id = $1',
      [c.caseId],
    );
    expect(dates!.due).toBe('2026-12-11');
  });
});

describe('the instalment rule', () => {
  it('gives the same next date in the database as in the domain', async () => {
    const cases = fc.sample(
      fc
        .tuple(
          instalmentPlans,
          fc.integer({ min: 1, max: 200_000 }),
          fc.integer({ min: 0, max: 200_000 }),
        )
        .filter(([plan, amount]) => Math.ceil(amount / plan.instalmentPence) <= MAX_INSTALMENTS),
      { numRuns: 300, seed: 2026 },
    );
    // The month ends and the exact instalment boundaries, where the two are likeliest to part.
    const edge: InstalmentPlan = {
      instalmentPence: 2000,
      frequency: 'monthly',
      firstDueOn: '2027-01-31',
      paidBeforePence: 1000,
    };
    for (const paid of [0, 1000, 2999, 3000, 3001, 7000, 11000, 12000])
      cases.push([edge, 11000, paid]);
    const rows = await owner<{ n: number; due: string | null }>(
      `select c.n, instalment_next_unmet_on(c.first::date, c.frequency, c.instalment, c.amount,
          c.paid_before, c.paid)::text as due
         from jsonb_to_recordset($1::jsonb) as c(n int, first text, frequency text,
           instalment int, amount int, paid_before int, paid int)
        order by c.n`,
      [
        JSON.stringify(
          cases.map(([plan, amount, paid], n) => ({
            n,
            first: plan.firstDueOn,
            frequency: plan.frequency,
            instalment: plan.instalmentPence,
            amount,
            paid_before: plan.paidBeforePence,
            paid,
          })),
        ),
      ],
    );
    expect(rows.map((row) => row.due)).toEqual(
      cases.map(([plan, amount, paid]) =>
        nextUnmetOn(plan, { amountPence: amount, paidPence: paid }),
      ),
    );
  });
});
