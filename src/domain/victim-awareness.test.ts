// Victim awareness work with the person who harmed alone, in the lifecycle: the person harmed
// never attends it, and it never completes a case as restorative justice between them.
import { describe, expect, it } from 'vitest';
import {
  checkHeld,
  checkTransition,
  type CaseAction,
  type CaseFacts,
  type TransitionInput,
} from './case-lifecycle.js';
import { readyParticipant as ready } from '../../test/support/case-facts.js';

const everythingMet = (stage: CaseFacts['stage']): CaseFacts => ({
  stage,
  previousStage: 'preparing',
  hasLead: true,
  participants: [ready('victim', 'harmed'), ready('offender', 'harmer')],
  interventions: [],
});

const refused = (facts: CaseFacts, action: CaseAction, input: TransitionInput = {}) => {
  const result = checkTransition(facts, action, input);
  return result.ok ? [] : result.reasons.map((r) => r.key);
};

describe('victim awareness work in the life of a case', () => {
  it('victim awareness work never completes a case as restorative justice, and has its own outcome', () => {
    const awarenessOnly: CaseFacts = {
      ...everythingMet('follow_up'),
      interventions: [
        { id: 'a', kind: 'victim_awareness', status: 'held', attendeeIds: ['offender'] },
      ],
    };
    expect(refused(awarenessOnly, 'close', { outcome: 'completed' })).toEqual([
      'cases.rules.completedNeedsHeldIntervention',
    ]);
    expect(
      checkTransition(awarenessOnly, 'close', { outcome: 'victim_awareness_completed' }),
    ).toEqual({ ok: true, to: 'closed' });
    const conferenceOnly: CaseFacts = {
      ...everythingMet('follow_up'),
      interventions: [
        { id: 'c', kind: 'conference', status: 'held', attendeeIds: ['victim', 'offender'] },
      ],
    };
    expect(refused(conferenceOnly, 'close', { outcome: 'victim_awareness_completed' })).toEqual([
      'cases.rules.awarenessCompletedNeedsHeldWork',
    ]);
    expect(checkTransition(conferenceOnly, 'close', { outcome: 'completed' }).ok).toBe(true);
  });

  it('victim awareness work is held with the person who harmed alone', () => {
    const facts = everythingMet('intervention');
    const awareness = (attendeeIds: string[]) => ({
      id: 'a',
      kind: 'victim_awareness',
      status: 'planned' as const,
      attendeeIds,
    });
    expect(checkHeld(facts, awareness(['offender']))).toEqual([]);
    expect(checkHeld(facts, awareness(['offender', 'victim'])).map((r) => r.key)).toEqual([
      'cases.rules.harmedAtHarmerAlone',
    ]);
    expect(
      checkHeld(
        { ...facts, participants: [...facts.participants, ready('friend', 'supporter')] },
        awareness(['friend']),
      ).map((r) => r.key),
    ).toEqual(['cases.rules.harmerAloneNeedsHarmer']);
  });
});
