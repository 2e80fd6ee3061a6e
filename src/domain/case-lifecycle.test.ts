import { describe, expect, it } from 'vitest';
import {
  ALLOWED_FROM,
  CASE_ACTIONS,
  CASE_STAGES,
  checkHeld,
  checkTransition,
  suitabilityStanding,
  type CaseAction,
  type CaseFacts,
  type CaseStage,
  type TransitionInput,
} from './case-lifecycle.js';
import { readyParticipant as ready } from '../../test/support/case-facts.js';

/** A case where every requirement of every move is met. */
function everythingMet(stage: CaseStage, previousStage: CaseStage | null = 'preparing'): CaseFacts {
  return {
    stage,
    previousStage,
    hasLead: true,
    participants: [ready('victim', 'harmed'), ready('offender', 'harmer')],
    interventions: [{ id: 'i1', status: 'held', attendeeIds: ['victim', 'offender'] }],
  };
}

/** A case where no requirement is met. */
function nothingMet(stage: CaseStage): CaseFacts {
  return { stage, previousStage: null, hasLead: false, participants: [], interventions: [] };
}

const fullInput: TransitionInput = { outcome: 'completed', reason: 'because' };

const EXPECTED_TARGET: Record<CaseAction, (from: CaseStage) => CaseStage> = {
  start_contact: () => 'contacting',
  begin_assessment: () => 'assessing',
  begin_preparation: () => 'preparing',
  begin_intervention: () => 'intervention',
  begin_follow_up: () => 'follow_up',
  step_back: (from) =>
    (
      ({
        contacting: 'new',
        assessing: 'contacting',
        preparing: 'assessing',
        intervention: 'preparing',
        follow_up: 'intervention',
      }) as Record<string, CaseStage>
    )[from]!,
  suspend: () => 'suspended',
  resume: () => 'preparing',
  close: () => 'closed',
  reopen: () => 'preparing',
};

describe('every (stage, action) pair', () => {
  for (const stage of CASE_STAGES) {
    for (const action of CASE_ACTIONS) {
      const allowed = ALLOWED_FROM[action].includes(stage);
      it(`${action} from ${stage} is ${allowed ? 'allowed when its requirements are met' : 'refused, saying why'}`, () => {
        const result = checkTransition(everythingMet(stage), action, fullInput);
        if (allowed) {
          expect(result).toEqual({ ok: true, to: EXPECTED_TARGET[action](stage) });
        } else {
          expect(result).toEqual({
            ok: false,
            reasons: [{ key: `cases.rules.notFrom.${action}`, params: { stage } }],
          });
        }
      });
    }
  }

  it('never lets a closed case move except by reopening, nor a suspended case work on', () => {
    for (const action of CASE_ACTIONS) {
      expect(checkTransition(everythingMet('closed'), action, fullInput).ok).toBe(
        action === 'reopen',
      );
    }
    for (const action of CASE_ACTIONS) {
      expect(checkTransition(everythingMet('suspended'), action, fullInput).ok).toBe(
        action === 'resume' || action === 'close',
      );
    }
  });
});

describe('what each move requires', () => {
  const refused = (facts: CaseFacts, action: CaseAction, input: TransitionInput = {}) => {
    const result = checkTransition(facts, action, input);
    return result.ok ? [] : result.reasons.map((r) => r.key);
  };

  it('contact needs a lead facilitator', () => {
    expect(refused(nothingMet('new'), 'start_contact')).toEqual(['cases.rules.needsLead']);
  });

  it('assessment needs the harmed person or the person who harmed to have said yes to RJ', () => {
    expect(refused(nothingMet('contacting'), 'begin_assessment')).toEqual([
      'cases.rules.needsYesToOffer',
    ]);
    const notNow = {
      ...everythingMet('contacting'),
      participants: [ready('v', 'harmed', { offerAnswer: 'not_now' })],
    };
    expect(refused(notNow, 'begin_assessment')).toEqual(['cases.rules.needsYesToOffer']);
    const supporterOnly = {
      ...everythingMet('contacting'),
      participants: [ready('s', 'supporter')],
    };
    expect(refused(supporterOnly, 'begin_assessment')).toEqual(['cases.rules.needsYesToOffer']);
    const withdrawn = {
      ...everythingMet('contacting'),
      participants: [ready('v', 'harmed', { consent: 'withdrawn' })],
    };
    expect(refused(withdrawn, 'begin_assessment')).toEqual(['cases.rules.needsYesToOffer']);
  });

  it('preparation needs someone who consented and was found suitable', () => {
    const facts = {
      ...everythingMet('assessing'),
      participants: [
        ready('v', 'harmed', { suitability: 'awaiting_sign_off' }),
        ready('o', 'harmer', { consent: 'not_asked' }),
      ],
    };
    expect(refused(facts, 'begin_preparation')).toEqual(['cases.rules.needsReadyParticipant']);
  });

  it('no intervention before every attendee has consented and passed a suitability decision', () => {
    const planned = { id: 'i', status: 'planned' as const, attendeeIds: ['v', 'o'] };
    const base = { ...everythingMet('preparing'), interventions: [planned] };
    expect(refused({ ...base, interventions: [] }, 'begin_intervention')).toEqual([
      'cases.rules.needsIntervention',
    ]);
    expect(
      refused(
        {
          ...base,
          participants: [ready('v', 'harmed'), ready('o', 'harmer', { consent: 'not_asked' })],
        },
        'begin_intervention',
      ),
    ).toEqual(['cases.rules.attendeeNoConsent']);
    expect(
      refused(
        {
          ...base,
          participants: [
            ready('v', 'harmed', { suitability: 'not_suitable' }),
            ready('o', 'harmer'),
          ],
        },
        'begin_intervention',
      ),
    ).toEqual(['cases.rules.attendeeNotSuitable']);
    expect(
      refused(
        {
          ...base,
          participants: [ready('v', 'harmed', { consent: 'withdrawn' }), ready('o', 'harmer')],
        },
        'begin_intervention',
      ),
    ).toEqual(['cases.rules.attendeeWithdrew']);
    expect(
      refused(
        { ...base, participants: [ready('v', 'harmed'), ready('o', 'harmer')] },
        'begin_intervention',
      ),
    ).toEqual([]);
    expect(
      checkHeld(
        {
          ...base,
          participants: [ready('v', 'harmed', { suitability: null }), ready('o', 'harmer')],
        },
        planned,
      ).map((r) => r.key),
    ).toEqual(['cases.rules.attendeeNotSuitable']);
    expect(checkHeld(base, { ...planned, attendeeIds: [] }).map((r) => r.key)).toEqual([
      'cases.rules.needsAttendees',
    ]);
  });

  it('follow-up needs an intervention held', () => {
    const facts = {
      ...everythingMet('intervention'),
      interventions: [{ id: 'i', status: 'planned' as const, attendeeIds: [] }],
    };
    expect(refused(facts, 'begin_follow_up')).toEqual(['cases.rules.needsHeldIntervention']);
  });

  it('closing needs an outcome; completed needs an intervention held; other needs a reason', () => {
    expect(refused(everythingMet('contacting'), 'close')).toEqual(['cases.rules.needsOutcome']);
    expect(refused(nothingMet('contacting'), 'close', { outcome: 'completed' })).toEqual([
      'cases.rules.completedNeedsHeldIntervention',
    ]);
    expect(refused(nothingMet('contacting'), 'close', { outcome: 'other' })).toEqual([
      'cases.rules.needsOtherReason',
    ]);
    expect(
      checkTransition(nothingMet('contacting'), 'close', { outcome: 'could_not_contact' }),
    ).toEqual({ ok: true, to: 'closed' });
  });

  it('suspending and reopening need a reason; resuming and reopening go back where the case was', () => {
    expect(refused(everythingMet('assessing'), 'suspend')).toEqual([
      'cases.rules.needsSuspendReason',
    ]);
    expect(refused(everythingMet('closed'), 'reopen', {})).toEqual([
      'cases.rules.needsReopenReason',
    ]);
    expect(
      checkTransition({ ...everythingMet('suspended'), previousStage: 'assessing' }, 'resume'),
    ).toEqual({ ok: true, to: 'assessing' });
    expect(
      checkTransition({ ...everythingMet('closed'), previousStage: null }, 'reopen', {
        reason: 'victim ready now',
      }),
    ).toEqual({ ok: true, to: 'contacting' });
  });
});

describe('suitability standing', () => {
  const decision = (extra: Partial<Parameters<typeof suitabilityStanding>[0] & object> = {}) => ({
    decision: 'suitable' as const,
    signedOffByTrained: false,
    needsSecondSignOff: false,
    secondSignedOff: false,
    ...extra,
  });
  it('needs a trained practitioner in sexual violence and domestic abuse cases', () => {
    expect(suitabilityStanding(decision(), true)).toBe('awaiting_sign_off');
    expect(suitabilityStanding(decision({ signedOffByTrained: true }), true)).toBe('suitable');
    expect(suitabilityStanding(decision(), false)).toBe('suitable');
  });
  it('needs a second sign-off when a manager asked for one', () => {
    expect(suitabilityStanding(decision({ needsSecondSignOff: true }), false)).toBe(
      'awaiting_sign_off',
    );
    expect(
      suitabilityStanding(decision({ needsSecondSignOff: true, secondSignedOff: true }), false),
    ).toBe('suitable');
  });
  it('is nothing without a decision', () => {
    expect(suitabilityStanding(null, false)).toBeNull();
    expect(suitabilityStanding({ ...decision(), decision: null }, true)).toBeNull();
  });
});
