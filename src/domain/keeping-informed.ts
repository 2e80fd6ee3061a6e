// Keeping people informed ("an essential element of what works"): each person in a case is
// told how it is going at least every so many days, the service's interval unless their own
// differs. The clock runs from the last update they were given, or else from the last time
// someone spoke with them, or else from when the case opened.
import { addDays, type IsoDate } from './calendar-dates.js';

export const DEFAULT_UPDATE_INTERVAL_DAYS = 28;

export interface InformedFacts {
  role: string;
  consent: string;
  unsafeToContact: boolean;
  /** This person's own interval, if set. */
  ownIntervalDays: number | null;
  serviceIntervalDays: number;
  lastToldOn: IsoDate | null;
  lastSpokeOn: IsoDate | null;
  caseOpenedOn: IsoDate;
}

/** Who is kept informed: the person harmed and the person who harmed, while they may be contacted. */
export function keptInformed(
  facts: Pick<InformedFacts, 'role' | 'consent' | 'unsafeToContact'>,
): boolean {
  return (
    (facts.role === 'harmed' || facts.role === 'harmer') &&
    facts.consent !== 'withdrawn' &&
    !facts.unsafeToContact
  );
}

export function intervalDays(
  facts: Pick<InformedFacts, 'ownIntervalDays' | 'serviceIntervalDays'>,
): number {
  return facts.ownIntervalDays ?? facts.serviceIntervalDays;
}

/** When this person's next update is due, or null when they are not kept informed. */
export function updateDueOn(facts: InformedFacts): IsoDate | null {
  if (!keptInformed(facts)) return null;
  const from = facts.lastToldOn ?? facts.lastSpokeOn ?? facts.caseOpenedOn;
  return addDays(from, intervalDays(facts));
}
