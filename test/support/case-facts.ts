// Facts the case lifecycle's rules read, as the domain tests build them.
import type { ParticipantFacts } from '../../src/domain/case-lifecycle.js';

/** Someone in the case who said yes to RJ, gave consent and was found suitable. */
export const readyParticipant = (
  id: string,
  role: ParticipantFacts['role'],
  extra: Partial<ParticipantFacts> = {},
): ParticipantFacts => ({
  id,
  name: id,
  role,
  offerAnswer: 'yes',
  consent: 'given',
  suitability: 'suitable',
  ...extra,
});
