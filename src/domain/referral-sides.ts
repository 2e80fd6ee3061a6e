// Who is referring: a service's own staff entering a referral they received (by phone, by
// post, in person), a partner sending one (a referrer signed in, or a partner system with an API
// token), or the operator importing a named service's referrals at the command line. Every door
// (the web journey, the API, the import) asks this one rule.
import { isIsoDate } from './calendar-dates.js';
import { can, type Actor } from './roles.js';

export type ReferralSide = 'staff' | 'partner' | 'operator';

export function referralSide(actor: Actor): ReferralSide {
  if (actor.kind === 'system') return 'operator';
  if (actor.kind === 'user' && can(actor, 'triage_referrals')) return 'staff';
  return 'partner';
}

/**
 * When the service received a referral, which starts its Victims' Code clocks. Staff and the
 * operator say when it reached the service; a partner's referral reaches it the day it is sent,
 * whatever real date the sender gives, so a sender cannot start the service's clocks in the
 * past. A date given that is not a real one is kept, to be refused at its field.
 */
export function receivedOn(side: ReferralSide, given: unknown, today: string): unknown {
  if (side !== 'partner') return given;
  const text = typeof given === 'string' ? given.trim() : given;
  return text === undefined || text === null || text === '' || isIsoDate(text) ? today : given;
}

/** A partner always refers as its own organisation; staff and the operator name the source. */
export const refersAsItself = (side: ReferralSide) => side === 'partner';
