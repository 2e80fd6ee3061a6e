// The order things happen in a case, and what must have happened before an intervention counts
// as held. Every door that records a contact or a held intervention asks these, whatever the
// intervention's kind: a referral arrives, then people are contacted, then they meet (or a
// letter is delivered); nothing is recorded as having happened in the future.
import type { IsoDate } from './calendar-dates.js';
import type { Reason } from './case-lifecycle.js';

/** Kinds where the people meet in one room: in custody that needs the prison or ROTL. */
export const IN_PERSON_KINDS: readonly string[] = [
  'conference',
  'mediation',
  'circle',
  'neighbourhood_mediation',
];

/** Ways of offering RJ that are a conversation with the person (not a letter or an email). */
export const CONVERSATION_METHODS: readonly string[] = [
  'phone',
  'in_person',
  'video',
  'prison_visit',
];

/** Whether an offer made this way was also a contact with the person. */
export function isConversation(method: string): boolean {
  return CONVERSATION_METHODS.includes(method);
}

/** Why a contact may not be dated `contactedOn`, or nothing. */
export function contactDateRefusals(facts: {
  contactedOn: IsoDate;
  today: IsoDate;
  /** When the service received the referral (null for a case with none, such as a transfer). */
  referralReceivedOn: IsoDate | null;
}): Reason[] {
  if (facts.contactedOn > facts.today) return [{ key: 'cases.rules.order.contactInFuture' }];
  if (facts.referralReceivedOn && facts.contactedOn < facts.referralReceivedOn)
    return [
      {
        key: 'cases.rules.order.contactBeforeReferral',
        params: { date: facts.referralReceivedOn },
      },
    ];
  return [];
}

export interface LetterFacts {
  recipientDecision: string | null;
  deliveredOn: IsoDate | null;
}

export interface HeldFacts {
  kind: string;
  heldOn: IsoDate;
  today: IsoDate;
  referralReceivedOn: IsoDate | null;
  /** The first conversation with the person harmed or the person who harmed. */
  firstContactOn: IsoDate | null;
  /** The London date it was planned for, if it was given a date. */
  scheduledOn: IsoDate | null;
  venueKind: string | null;
  rotlStatus: string | null;
  /** The person who harmed is serving a custodial sentence (the referral's CJS stage). */
  inCustody: boolean;
  /** The letters of a letter of apology (none for other kinds). */
  letters: LetterFacts[];
}

function dateReasons(f: HeldFacts): Reason[] {
  if (f.heldOn > f.today) return [{ key: 'cases.rules.order.heldInFuture' }];
  const reasons: Reason[] = [];
  if (f.referralReceivedOn && f.heldOn < f.referralReceivedOn)
    reasons.push({
      key: 'cases.rules.order.heldBeforeReferral',
      params: { date: f.referralReceivedOn },
    });
  if (!f.firstContactOn) reasons.push({ key: 'cases.rules.order.heldWithoutContact' });
  else if (f.heldOn < f.firstContactOn)
    reasons.push({
      key: 'cases.rules.order.heldBeforeContact',
      params: { date: f.firstContactOn },
    });
  if (f.scheduledOn && f.heldOn < f.scheduledOn)
    reasons.push({ key: 'cases.rules.order.heldBeforeScheduled', params: { date: f.scheduledOn } });
  return reasons;
}

function placeReasons(f: HeldFacts): Reason[] {
  if (f.venueKind === 'rotl' && f.rotlStatus !== 'approved')
    return [{ key: 'cases.rules.order.rotlNotApproved' }];
  const meetsInPrison = f.venueKind === 'prison_visit' || f.venueKind === 'rotl';
  if (f.inCustody && IN_PERSON_KINDS.includes(f.kind) && !meetsInPrison)
    return [{ key: 'cases.rules.order.custodyNeedsPrisonOrRotl' }];
  return [];
}

/** A letter of apology is held when it reached the person harmed, who chose to receive it. */
function letterReasons(f: HeldFacts): Reason[] {
  if (f.kind !== 'letter_of_apology') return [];
  if (f.letters.length === 0) return [{ key: 'cases.rules.order.letterNotReceived' }];
  const delivered = f.letters.filter((l) => l.deliveredOn);
  if (delivered.length === 0) {
    return f.letters.some((l) => l.recipientDecision === 'receive')
      ? [{ key: 'cases.rules.order.letterNotDelivered' }]
      : [{ key: 'cases.rules.order.letterNotChosen' }];
  }
  const first = delivered.map((l) => l.deliveredOn!).sort()[0]!;
  return f.heldOn < first
    ? [{ key: 'cases.rules.order.heldBeforeDelivered', params: { date: first } }]
    : [];
}

/**
 * Every reason an intervention may not be recorded as held on `heldOn`, besides its attendees'
 * consent and suitability (checkHeld in case-lifecycle.ts).
 */
export function heldRefusals(facts: HeldFacts): Reason[] {
  return [...dateReasons(facts), ...placeReasons(facts), ...letterReasons(facts)];
}
