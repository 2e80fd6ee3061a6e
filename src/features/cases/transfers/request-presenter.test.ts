import { describe, expect, it } from 'vitest';
import { translator } from '../../../platform/i18n/index.js';
import { requestChoices } from './request-presenter.js';

const t = translator('en');

const view = {
  services: [
    { id: 's1', name: 'North RJ', area: 'Northshire' },
    { id: 's2', name: 'Harbour RJ', area: null },
  ],
  participants: [{ id: 'p1', name: 'Ann', role: 'harmed', consent: 'given' }],
  documents: [
    { id: 'd1', fileName: 'a.pdf' },
    { id: 'd2', fileName: 'b.pdf' },
  ],
  transfers: [
    {
      id: 'tr1',
      kind: 'help_request',
      toService: 'North RJ',
      requestedAt: new Date('2026-03-01T10:00:00Z'),
      status: 'declined',
    },
  ],
};
const ticked = (items: { value: string; checked: boolean }[]) =>
  items.filter((i) => i.checked).map((i) => i.value);

describe('the transfer request form', () => {
  it('offers the services by name and area, after a prompt, the typed one selected', () => {
    const { serviceItems } = requestChoices(view, { to_org: 's2' }, t);
    expect(serviceItems.map((s) => s.text)).toEqual([
      t('cases.transfers.form.chooseService'),
      'North RJ (Northshire)',
      'Harbour RJ',
    ]);
    expect(serviceItems.filter((s) => 'selected' in s && s.selected)).toHaveLength(1);
  });

  it('ticks what was typed, one value or several', () => {
    const one = requestChoices(view, { items: 'notes', documents: 'd2', kind: 'transfer' }, t);
    expect(ticked(one.partItems)).toEqual(['notes']);
    expect(ticked(one.documentItems)).toEqual(['d2']);
    expect(ticked(one.kindItems)).toEqual(['transfer']);
    const many = requestChoices(view, { items: ['summary', 'notes'], participants: ['p1'] }, t);
    expect(ticked(many.partItems)).toEqual(['summary', 'notes']);
    expect(many.participantItems[0]).toMatchObject({
      checked: true,
      hint: { text: 'Person harmed, Consent given' },
    });
  });

  it('lists the case’s transfers with their status in words and colour', () => {
    expect(requestChoices(view, {}, t).transfers).toEqual([
      {
        href: '/transfers/tr1',
        text: 'Request for help',
        toService: 'North RJ',
        requestedAt: view.transfers[0]!.requestedAt,
        status: 'Declined',
        colour: 'grey',
      },
    ]);
  });
});
