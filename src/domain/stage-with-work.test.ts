// The stage moves with the work: a case page says when the work recorded has gone beyond the
// case's stage, and which move would catch it up (issue: a case stayed "contacting" throughout).
import { describe, expect, it } from 'vitest';
import type { CaseFacts, ParticipantFacts } from './case-lifecycle.js';
import { movesTheWorkAllows } from './stage-with-work.js';
import { nextActions } from './next-actions.js';

const person = (role: 'harmed' | 'harmer', more: Partial<ParticipantFacts> = {}) =>
  ({
    id: role,
    name: role === 'harmed' ? 'Hana' : 'Owen',
    role,
    offerAnswer: null,
    consent: 'not_asked',
    suitability: null,
    ...more,
  }) as ParticipantFacts;

const ready = { offerAnswer: 'yes', consent: 'given', suitability: 'suitable' } as const;

const facts = (more: Partial<CaseFacts>): CaseFacts => ({
  stage: 'new',
  previousStage: null,
  hasLead: true,
  participants: [person('harmed'), person('harmer')],
  interventions: [],
  ...more,
});

describe('how far the work has gone beyond the stage', () => {
  it('is nothing for a new case where nobody has been offered RJ, lead or not', () => {
    expect(movesTheWorkAllows(facts({}))).toEqual([]);
    expect(movesTheWorkAllows(facts({ hasLead: false }))).toEqual([]);
  });

  it('takes a new case on to assessment once someone said yes (with a lead to do it)', () => {
    const yes = [person('harmed', { offerAnswer: 'yes' }), person('harmer')];
    expect(movesTheWorkAllows(facts({ participants: yes }))).toEqual([
      'start_contact',
      'begin_assessment',
    ]);
    expect(movesTheWorkAllows(facts({ participants: yes, hasLead: false }))).toEqual([]);
  });

  it('stops contacting at assessment when the answer was no', () => {
    const no = [person('harmed', { offerAnswer: 'no' }), person('harmer')];
    expect(movesTheWorkAllows(facts({ stage: 'new', participants: no }))).toEqual([
      'start_contact',
    ]);
    expect(movesTheWorkAllows(facts({ stage: 'contacting', participants: no }))).toEqual([]);
  });

  it('reaches preparation when someone is ready, and follow-up once an intervention is held', () => {
    const both = [person('harmed', ready), person('harmer', ready)];
    expect(movesTheWorkAllows(facts({ stage: 'contacting', participants: both }))).toEqual([
      'begin_assessment',
      'begin_preparation',
    ]);
    const held = [{ id: 'i', status: 'held' as const, attendeeIds: ['harmed', 'harmer'] }];
    expect(
      movesTheWorkAllows(facts({ stage: 'preparing', participants: both, interventions: held })),
    ).toEqual(['begin_intervention', 'begin_follow_up']);
  });

  it('never moves a suspended or closed case, nor one already where the work is', () => {
    const both = [person('harmed', ready), person('harmer', ready)];
    for (const stage of ['suspended', 'closed', 'follow_up'] as const)
      expect(movesTheWorkAllows(facts({ stage, participants: both }))).toEqual([]);
  });

  it('is the first of the next actions, naming the furthest move', () => {
    const yes = [person('harmed', { offerAnswer: 'yes' }), person('harmer')];
    const actions = nextActions(facts({ stage: 'contacting', participants: yes }), {
      today: '2026-11-20',
    });
    expect(actions[0]).toEqual({ key: 'cases.next.stageBehind.begin_assessment' });
  });
});
