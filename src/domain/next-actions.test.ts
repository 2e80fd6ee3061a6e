import { describe, expect, it } from 'vitest';
import type { CaseFacts } from './case-lifecycle.js';
import { nextActions } from './next-actions.js';

const quiet: CaseFacts = {
  stage: 'follow_up',
  previousStage: null,
  hasLead: true,
  participants: [],
  interventions: [],
};

const keys = (actions: { key: string }[]) => actions.map((a) => a.key.replace('cases.next.', ''));

describe('next actions with dates', () => {
  it('counts overdue agreement items instead of saying there is nothing to do', () => {
    const actions = nextActions(quiet, {
      today: '2026-11-20',
      overdueItems: { count: 2, earliest: '2026-11-01' },
    });
    expect(actions).toEqual([
      { key: 'cases.next.agreementOverdue', params: { count: '2', date: '2026-11-01' } },
    ]);
    expect(nextActions(quiet, { today: '2026-11-20' })).toEqual([]);
  });

  it('shows a re-offer, a follow-up and a reoffending check as due, or later with its date', () => {
    expect(
      keys(
        nextActions(quiet, {
          today: '2026-11-20',
          reofferDueOn: '2026-11-20',
          followUpDueOn: '2026-12-01',
          reoffendingDueOn: '2027-11-20',
        }),
      ),
    ).toEqual(['reofferDue', 'followUpLater', 'reoffendingLater']);
  });

  it('keeps the reoffending check on a closed case, and nothing else', () => {
    const closed = { ...quiet, stage: 'closed' as const };
    expect(
      keys(
        nextActions(closed, {
          today: '2026-11-20',
          reofferDueOn: '2026-11-01',
          overdueItems: { count: 1, earliest: '2026-11-01' },
          reoffendingDueOn: '2027-11-20',
        }),
      ),
    ).toEqual(['reoffendingLater']);
  });
});

describe('after victim awareness work', () => {
  const person = (id: string, role: 'harmed' | 'harmer', offerAnswer: 'yes' | 'no' | null) => ({
    id,
    name: id,
    role,
    offerAnswer,
    consent: offerAnswer === 'yes' ? ('given' as const) : ('not_asked' as const),
    suitability: offerAnswer === 'yes' ? ('suitable' as const) : null,
  });
  const afterAwareness = (victimAnswer: 'no' | null, kind: string): CaseFacts => ({
    ...quiet,
    participants: [person('Sam', 'harmed', victimAnswer), person('Alex', 'harmer', 'yes')],
    interventions: [{ id: 'a', kind, status: 'held', attendeeIds: ['Alex'] }],
  });

  it('prompts an offer of restorative justice to a person harmed not yet asked', () => {
    const actions = nextActions(afterAwareness(null, 'victim_awareness'), { today: '2026-12-06' });
    expect(actions).toContainEqual({
      key: 'cases.next.offerAfterAwareness',
      params: { name: 'Sam' },
    });
    expect(keys(actions)).not.toContain('offer');
  });

  it('asks nothing more of a person harmed who said no, and is the plain offer otherwise', () => {
    expect(
      keys(nextActions(afterAwareness('no', 'victim_awareness'), { today: '2026-12-06' })),
    ).not.toContain('offerAfterAwareness');
    const afterConference = keys(
      nextActions(afterAwareness(null, 'conference'), { today: '2026-12-06' }),
    );
    expect(afterConference).toContain('offer');
    expect(afterConference).not.toContain('offerAfterAwareness');
  });
});
