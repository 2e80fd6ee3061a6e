// How awareness work is summed up in a sentence, on its own page and on the outcomes page.
import { formatNumber } from '../../../platform/format.js';
import type { Translate } from '../../../platform/i18n/index.js';

export interface AwarenessTotals {
  sessions: number;
  attendees: number;
  hours: number;
}

/** "3 sessions, reaching 45 people, over 7.5 hours." */
export function awarenessTotals(totals: AwarenessTotals, t: Translate): string {
  const count = (kind: string, n: number, digits = 0) =>
    t(`measures.awareness.counts.${kind}`, { count: formatNumber(n, digits) });
  return t('measures.awareness.totals', {
    sessions: count('sessions', totals.sessions),
    attendees: count('people', totals.attendees),
    hours: count('hours', totals.hours, Number.isInteger(totals.hours) ? 0 : 1),
  });
}
