import { describe, expect, it } from 'vitest';
import {
  contactDateRefusals,
  heldRefusals,
  isConversation,
  type HeldFacts,
} from './journey-order.js';

const keys = (reasons: { key: string }[]) => reasons.map((r) => r.key.split('.').pop());

const conference: HeldFacts = {
  kind: 'conference',
  heldOn: '2026-11-20',
  today: '2026-11-20',
  referralReceivedOn: '2026-11-02',
  firstContactOn: '2026-11-05',
  scheduledOn: '2026-11-20',
  venueKind: 'community',
  rotlStatus: null,
  inCustody: false,
  letters: [],
};

describe('the order of a case', () => {
  it('counts an offer by telephone, in person, by video or on a prison visit as a contact', () => {
    for (const method of ['phone', 'in_person', 'video', 'prison_visit'])
      expect(isConversation(method), method).toBe(true);
    for (const method of ['letter', 'email', 'text'])
      expect(isConversation(method), method).toBe(false);
  });

  it('takes a contact dated from the referral to today', () => {
    const facts = { referralReceivedOn: '2026-11-02', today: '2026-11-20' };
    expect(contactDateRefusals({ ...facts, contactedOn: '2026-11-02' })).toEqual([]);
    expect(contactDateRefusals({ ...facts, contactedOn: '2026-11-20' })).toEqual([]);
    expect(keys(contactDateRefusals({ ...facts, contactedOn: '2026-11-01' }))).toEqual([
      'contactBeforeReferral',
    ]);
    expect(keys(contactDateRefusals({ ...facts, contactedOn: '2026-11-21' }))).toEqual([
      'contactInFuture',
    ]);
    expect(
      contactDateRefusals({
        referralReceivedOn: null,
        today: '2026-11-20',
        contactedOn: '2020-01-01',
      }),
    ).toEqual([]);
  });

  it('holds an intervention after the referral, a conversation and the date it was planned for', () => {
    expect(heldRefusals(conference)).toEqual([]);
    expect(keys(heldRefusals({ ...conference, heldOn: '2026-11-21' }))).toEqual(['heldInFuture']);
    expect(keys(heldRefusals({ ...conference, heldOn: '2026-11-01', scheduledOn: null }))).toEqual([
      'heldBeforeReferral',
      'heldBeforeContact',
    ]);
    expect(keys(heldRefusals({ ...conference, firstContactOn: null }))).toEqual([
      'heldWithoutContact',
    ]);
    // Planned for next month, recorded as held today: the plan must be changed first.
    expect(keys(heldRefusals({ ...conference, scheduledOn: '2026-12-03' }))).toEqual([
      'heldBeforeScheduled',
    ]);
  });

  it('holds a meeting on licence only once ROTL is approved, and in custody only in prison or on ROTL', () => {
    expect(
      keys(heldRefusals({ ...conference, venueKind: 'rotl', rotlStatus: 'requested' })),
    ).toEqual(['rotlNotApproved']);
    expect(heldRefusals({ ...conference, venueKind: 'rotl', rotlStatus: 'approved' })).toEqual([]);
    const custody = { ...conference, inCustody: true };
    expect(keys(heldRefusals(custody))).toEqual(['custodyNeedsPrisonOrRotl']);
    expect(keys(heldRefusals({ ...custody, venueKind: null }))).toEqual([
      'custodyNeedsPrisonOrRotl',
    ]);
    expect(heldRefusals({ ...custody, venueKind: 'prison_visit' })).toEqual([]);
    expect(heldRefusals({ ...custody, kind: 'shuttle' })).toEqual([]);
    expect(heldRefusals({ ...custody, kind: 'video_meeting' })).toEqual([]);
  });

  it('holds a letter of apology only once delivered to a person harmed who chose to receive it', () => {
    const letter = { ...conference, kind: 'letter_of_apology', scheduledOn: null, venueKind: null };
    expect(keys(heldRefusals(letter))).toEqual(['letterNotReceived']);
    expect(
      keys(heldRefusals({ ...letter, letters: [{ recipientDecision: null, deliveredOn: null }] })),
    ).toEqual(['letterNotChosen']);
    expect(
      keys(
        heldRefusals({ ...letter, letters: [{ recipientDecision: 'not_yet', deliveredOn: null }] }),
      ),
    ).toEqual(['letterNotChosen']);
    expect(
      keys(
        heldRefusals({ ...letter, letters: [{ recipientDecision: 'receive', deliveredOn: null }] }),
      ),
    ).toEqual(['letterNotDelivered']);
    const delivered = {
      ...letter,
      letters: [{ recipientDecision: 'receive', deliveredOn: '2026-11-18' }],
    };
    expect(heldRefusals(delivered)).toEqual([]);
    expect(keys(heldRefusals({ ...delivered, heldOn: '2026-11-17' }))).toEqual([
      'heldBeforeDelivered',
    ]);
    // In custody too, a letter needs no prison visit.
    expect(heldRefusals({ ...delivered, inCustody: true })).toEqual([]);
  });
});
