// The life of a case: its stages, the moves between them, and what each move requires. Pure
// functions over plain facts about a case; the service layer gathers the facts and refuses a
// move with the reasons given here.
import { attendeeRoleRefusal, isVictimOffenderProcess } from './interventions.js';

/** The stages a case moves forward through, in order. */
export const FORWARD_STAGES = [
  'new',
  'contacting',
  'assessing',
  'preparing',
  'intervention',
  'follow_up',
] as const;
export type ForwardStage = (typeof FORWARD_STAGES)[number];

export const CASE_STAGES = [...FORWARD_STAGES, 'closed', 'suspended'] as const;
export type CaseStage = (typeof CASE_STAGES)[number];

export const CASE_ACTIONS = [
  'start_contact',
  'begin_assessment',
  'begin_preparation',
  'begin_intervention',
  'begin_follow_up',
  'step_back',
  'suspend',
  'resume',
  'close',
  'reopen',
] as const;
export type CaseAction = (typeof CASE_ACTIONS)[number];

/**
 * What a person is told before they consent (RJC: consent is informed): how it works, that it is
 * voluntary and may be withdrawn at any time, its risks and benefits, what stays confidential,
 * what an outcome agreement is, and what support there is. Consent is recorded only once every
 * item has been explained.
 */
export const EXPLAINED_ITEMS = [
  'process',
  'voluntary',
  'withdraw_any_time',
  'risks_and_benefits',
  'confidentiality',
  'outcome_agreement',
  'support_available',
] as const;

export const CLOSURE_OUTCOMES = [
  'completed',
  'victim_declined',
  'offender_declined',
  'not_suitable',
  'could_not_contact',
  'withdrew_consent',
  'moved_away',
  // Added by migration 0022; each is defined where it is offered (cases.outcomeDefinitions).
  'harmer_denies',
  'no_identifiable_victim',
  'referrer_withdrew',
  'died',
  // Added by migration 0030: the work was with the person who harmed alone, not RJ.
  'victim_awareness_completed',
  'other',
] as const;
export type ClosureOutcome = (typeof CLOSURE_OUTCOMES)[number];

export const PARTICIPANT_ROLES = [
  'harmed',
  'harmer',
  'supporter',
  'community_member',
  'connected',
] as const;
export type ParticipantRole = (typeof PARTICIPANT_ROLES)[number];

export type Suitability = 'suitable' | 'not_suitable' | 'awaiting_sign_off' | null;

export interface ParticipantFacts {
  id: string;
  name: string;
  role: ParticipantRole;
  /** The latest answer to an offer of RJ. */
  offerAnswer: 'yes' | 'no' | 'not_now' | null;
  consent: 'not_asked' | 'given' | 'withdrawn';
  suitability: Suitability;
}

export interface InterventionFacts {
  id: string;
  /** The kind of intervention; a stand-in asked only about its attendees has none. */
  kind?: string;
  status: 'planned' | 'held' | 'cancelled' | 'postponed';
  attendeeIds: string[];
}

export interface CaseFacts {
  stage: CaseStage;
  /** Where a suspended case resumes, or a closed case reopens. */
  previousStage: CaseStage | null;
  hasLead: boolean;
  participants: ParticipantFacts[];
  interventions: InterventionFacts[];
}

export interface TransitionInput {
  outcome?: ClosureOutcome;
  /** Why: required to suspend, to reopen, and to close with the outcome "other". */
  reason?: string;
}

export interface Reason {
  key: string;
  params?: Record<string, string>;
}

export type TransitionResult = { ok: true; to: CaseStage } | { ok: false; reasons: Reason[] };

const OPEN: readonly CaseStage[] = CASE_STAGES.filter((stage) => stage !== 'closed');
const WORKING: readonly CaseStage[] = OPEN.filter((stage) => stage !== 'suspended');

/** The stages each action may start from. */
export const ALLOWED_FROM: Record<CaseAction, readonly CaseStage[]> = {
  start_contact: ['new'],
  begin_assessment: ['contacting'],
  begin_preparation: ['assessing'],
  begin_intervention: ['preparing'],
  begin_follow_up: ['intervention'],
  step_back: ['contacting', 'assessing', 'preparing', 'intervention', 'follow_up'],
  suspend: WORKING,
  resume: ['suspended'],
  close: OPEN,
  reopen: ['closed'],
};

/** Whether anyone may still work with a participant: not after they withdrew consent. */
export function canWorkWith(participant: Pick<ParticipantFacts, 'consent'>): boolean {
  return participant.consent !== 'withdrawn';
}

/** A participant ready to take part: consent given and assessed suitable (signed off). */
export function isReady(participant: ParticipantFacts): boolean {
  return participant.consent === 'given' && participant.suitability === 'suitable';
}

/**
 * Where a suitability decision stands. In a sexual violence or domestic abuse case it counts
 * only once a practitioner trained for such cases has signed it off; a decision a manager
 * marked for a second sign-off counts only once that is given too.
 */
export function suitabilityStanding(
  assessment: {
    decision: 'suitable' | 'not_suitable' | null;
    signedOffByTrained: boolean;
    needsSecondSignOff: boolean;
    secondSignedOff: boolean;
  } | null,
  svDa: boolean,
): Suitability {
  if (!assessment?.decision) return null;
  if (svDa && !assessment.signedOffByTrained) return 'awaiting_sign_off';
  if (assessment.needsSecondSignOff && !assessment.secondSignedOff) return 'awaiting_sign_off';
  return assessment.decision;
}

function stepBackTarget(stage: CaseStage): CaseStage {
  const index = FORWARD_STAGES.indexOf(stage as ForwardStage);
  return FORWARD_STAGES[Math.max(0, index - 1)]!;
}

const TARGET: Record<CaseAction, (facts: CaseFacts) => CaseStage> = {
  start_contact: () => 'contacting',
  begin_assessment: () => 'assessing',
  begin_preparation: () => 'preparing',
  begin_intervention: () => 'intervention',
  begin_follow_up: () => 'follow_up',
  step_back: (facts) => stepBackTarget(facts.stage),
  suspend: () => 'suspended',
  resume: (facts) =>
    facts.previousStage && facts.previousStage !== 'suspended' && facts.previousStage !== 'closed'
      ? facts.previousStage
      : 'contacting',
  close: () => 'closed',
  reopen: (facts) =>
    facts.previousStage && facts.previousStage !== 'closed' && facts.previousStage !== 'suspended'
      ? facts.previousStage
      : 'contacting',
};

/** The person harmed or the person who harmed: the two whose answers move a case. */
export const principal = (p: ParticipantFacts) => p.role === 'harmed' || p.role === 'harmer';

/** What each action needs besides the right starting stage. */
const REQUIREMENTS: Record<CaseAction, (facts: CaseFacts, input: TransitionInput) => Reason[]> = {
  start_contact: (facts) => (facts.hasLead ? [] : [{ key: 'cases.rules.needsLead' }]),
  begin_assessment: (facts) =>
    facts.participants.some((p) => principal(p) && p.offerAnswer === 'yes' && canWorkWith(p))
      ? []
      : [{ key: 'cases.rules.needsYesToOffer' }],
  begin_preparation: (facts) =>
    facts.participants.some(isReady) ? [] : [{ key: 'cases.rules.needsReadyParticipant' }],
  begin_intervention: (facts) => {
    const active = facts.interventions.filter((i) => i.status === 'planned' || i.status === 'held');
    if (active.length === 0) return [{ key: 'cases.rules.needsIntervention' }];
    return attendeesNotReady(facts, active);
  },
  begin_follow_up: (facts) =>
    facts.interventions.some((i) => i.status === 'held')
      ? []
      : [{ key: 'cases.rules.needsHeldIntervention' }],
  step_back: () => [],
  suspend: (_facts, input) =>
    input.reason?.trim() ? [] : [{ key: 'cases.rules.needsSuspendReason' }],
  resume: () => [],
  close: (facts, input) => {
    if (!input.outcome) return [{ key: 'cases.rules.needsOutcome' }];
    if (input.outcome === 'completed' && !heldAny(facts, isVictimOffenderProcess))
      return [{ key: 'cases.rules.completedNeedsHeldIntervention' }];
    if (
      input.outcome === 'victim_awareness_completed' &&
      !heldAny(facts, (kind) => !isVictimOffenderProcess(kind))
    )
      return [{ key: 'cases.rules.awarenessCompletedNeedsHeldWork' }];
    if (input.outcome === 'other' && !input.reason?.trim())
      return [{ key: 'cases.rules.needsOtherReason' }];
    return [];
  },
  reopen: (_facts, input) =>
    input.reason?.trim() ? [] : [{ key: 'cases.rules.needsReopenReason' }],
};

/** Whether an intervention whose kind passes `test` was held (a kind not known counts as RJ). */
function heldAny(facts: CaseFacts, test: (kind: string) => boolean): boolean {
  return facts.interventions.some((i) => i.status === 'held' && test(i.kind ?? ''));
}

/** Attendees of these interventions who have not both consented and been found suitable. */
export function attendeesNotReady(facts: CaseFacts, interventions: InterventionFacts[]): Reason[] {
  const byId = new Map(facts.participants.map((p) => [p.id, p]));
  const ids = [...new Set(interventions.flatMap((i) => i.attendeeIds))];
  return ids.flatMap((id) => {
    const participant = byId.get(id);
    if (!participant) return [];
    if (participant.consent === 'withdrawn')
      return [{ key: 'cases.rules.attendeeWithdrew', params: { name: participant.name } }];
    if (participant.consent !== 'given')
      return [{ key: 'cases.rules.attendeeNoConsent', params: { name: participant.name } }];
    if (participant.suitability !== 'suitable') {
      return [{ key: 'cases.rules.attendeeNotSuitable', params: { name: participant.name } }];
    }
    return [];
  });
}

/** Whether a case may make this move now, and where it goes; or every reason it may not. */
export function checkTransition(
  facts: CaseFacts,
  action: CaseAction,
  input: TransitionInput = {},
): TransitionResult {
  if (!ALLOWED_FROM[action].includes(facts.stage)) {
    return {
      ok: false,
      reasons: [{ key: `cases.rules.notFrom.${action}`, params: { stage: facts.stage } }],
    };
  }
  const reasons = REQUIREMENTS[action](facts, input);
  return reasons.length > 0 ? { ok: false, reasons } : { ok: true, to: TARGET[action](facts) };
}

/** The moves open to a case now, for the case page's buttons (each still checked on use). */
export function availableActions(stage: CaseStage): CaseAction[] {
  return CASE_ACTIONS.filter((action) => ALLOWED_FROM[action].includes(stage));
}

/**
 * Whether an intervention may be recorded as held: every attendee consented and is suitable.
 * No intervention is held before that, whatever stage the case is at.
 */
export function checkHeld(facts: CaseFacts, intervention: InterventionFacts): Reason[] {
  if (intervention.attendeeIds.length === 0) return [{ key: 'cases.rules.needsAttendees' }];
  const roles = intervention.attendeeIds.flatMap(
    (id) => facts.participants.find((p) => p.id === id)?.role ?? [],
  );
  const refusal = intervention.kind ? attendeeRoleRefusal(intervention.kind, roles) : null;
  if (refusal) return [{ key: `cases.rules.${refusal}` }];
  return attendeesNotReady(facts, [intervention]);
}
