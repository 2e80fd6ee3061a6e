import { describe, expect, it } from 'vitest';
import { translator } from '../../platform/i18n/index.js';
import { allocationItems, closureOutcomeItems, summaryRows } from './summary-presenter.js';

const t = translator('en');

const row = {
  offenceGroup: 'Burglary',
  harmSetting: 'crime',
  crimeReference: null,
  cjsStage: null,
  referral_id: 'r1',
  referralReference: 'REF-1',
  receivedOn: '2026-03-02',
  created_at: new Date('2026-03-03T10:00:00Z'),
  transferredFromReference: null,
  transferredFromService: null,
  closure_outcome: null,
  closed_on: null,
} as unknown as Parameters<typeof summaryRows>[0];

describe('the case summary rows', () => {
  it('says what was not recorded, and links the referral only for those who may open it', () => {
    const rows = summaryRows(row, false, t);
    expect(rows.map((r) => r.key.text)).toEqual([
      'Offence',
      t('cases.summary.crimeReference'),
      t('cases.summary.cjsStage'),
      t('cases.summary.referral'),
      t('cases.summary.opened'),
    ]);
    expect(rows[0]!.value).toEqual({ text: 'Burglary' });
    expect(rows[1]!.value).toEqual({ text: 'Not recorded' });
    expect(rows[3]!.value).toEqual({ text: expect.stringContaining('REF-1') });
    expect(summaryRows(row, true, t)[3]!.value).toHaveProperty('html');
  });

  it('adds where a transferred case came from and how a closed case ended', () => {
    const rows = summaryRows(
      {
        ...row,
        transferredFromReference: 'OLD-9',
        transferredFromService: 'North RJ',
        closure_outcome: 'completed',
        closed_on: '2026-05-01',
      } as typeof row,
      false,
      t,
    );
    expect(rows.map((r) => r.value)).toContainEqual({ text: 'OLD-9, North RJ' });
    expect(rows.at(-1)!.value).toEqual({ text: expect.stringMatching(/^Completed, /) });
  });
});

describe('the closure outcomes', () => {
  it('offers each outcome with its definition, the chosen one ticked', () => {
    const items = closureOutcomeItems('moved_away', t);
    expect(items.find((i) => i.value === 'completed')).toMatchObject({
      text: 'Completed',
      checked: false,
    });
    expect(items.filter((i) => i.checked).map((i) => i.value)).toEqual(['moved_away']);
    expect(items.every((i) => i.hint.text.length > 0)).toBe(true);
  });
});

describe('the allocation choices', () => {
  const staff = [
    { id: 'a', name: 'Ann', role: 'practitioner', trainedSvDa: true },
    { id: 'b', name: 'Bob', role: 'volunteer', trainedSvDa: false },
    { id: 'c', name: 'Cy', role: 'practitioner', trainedSvDa: false },
  ];
  const allocated = [
    { id: 'a', lead: true },
    { id: 'c', lead: false },
  ];
  const ticked = (items: { value: string; checked: boolean }[]) =>
    items.filter((i) => i.checked).map((i) => i.value);

  it('shows the case as allocated now, naming role and training', () => {
    const { leadItems, otherItems } = allocationItems(staff, allocated, {}, t);
    expect(ticked(leadItems)).toEqual(['a']);
    expect(ticked(otherItems)).toEqual(['c']);
    expect(leadItems[0]!.text).toBe(
      'Ann (Practitioner, trained for sexual violence and domestic abuse cases)',
    );
    expect(leadItems[1]!.text).toBe('Bob (Volunteer facilitator)');
  });

  it('shows what was typed instead, one co-worker or several', () => {
    expect(
      ticked(allocationItems(staff, allocated, { lead: 'b', others: 'a' }, t).leadItems),
    ).toEqual(['b']);
    const typed = allocationItems(staff, allocated, { lead: 'b', others: ['a', 'c'] }, t);
    expect(ticked(typed.otherItems)).toEqual(['a', 'c']);
  });
});
