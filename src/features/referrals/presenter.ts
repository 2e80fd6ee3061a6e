// What the referral page shows beside the referral: the flash after a decision, and the victim
// awareness sessions a referral may be linked to. Pure functions, unit-tested.
import { formatDate } from '../../platform/format.js';
import type { Translate } from '../../platform/i18n/index.js';

const FLASHES = ['accepted', 'declined', 'requested', 'recorded', 'linked'];

/** The message after a decision, from the query it redirected with (`?accepted&case=…`). */
export function referralFlash(query: Record<string, unknown>, t: Translate) {
  const key = FLASHES.find((name) => name in query);
  return key ? t(`referrals.flash.${key}`) : undefined;
}

/** The sessions held before the referral, to link it to one (or to none). */
export function awarenessChoices(
  sessions: { id: string; heldOn: string | Date; topic: string; audienceName: string | null }[],
  t: Translate,
) {
  return [
    { value: '', text: t('measures.awareness.linkNone') },
    ...sessions.map((s) => ({
      value: s.id,
      text: `${formatDate(s.heldOn)}: ${s.topic}${s.audienceName ? ` (${s.audienceName})` : ''}`,
    })),
  ];
}
