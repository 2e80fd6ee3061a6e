// Restorative interventions, along the spectrum from full to light (migration 0004), and how
// reports group them: direct (the people meet, in person or by video) or indirect (messages
// carried between them, a letter). A community resolution is a police out-of-court
// resolution, recorded as the referral's context (migration 0021), not an intervention the service
// delivers: interventions recorded as one before then keep their kind, with no mode.
//
// Victim awareness work is done with the person who harmed alone, when the person harmed
// declines or cannot be found, or before they are asked (migration 0030). It is restorative
// work but not restorative justice between them: it is never counted as a victim-offender
// process, a case is never "completed" by it, and the person harmed never attends it.

export const INTERVENTION_KINDS = [
  'conference',
  'mediation',
  'shuttle',
  'letter_of_apology',
  'circle',
  'neighbourhood_mediation',
  'video_meeting',
  'victim_awareness',
] as const;
export type InterventionKind = (typeof INTERVENTION_KINDS)[number];

export const INTERVENTION_MODES = ['direct', 'indirect', 'harmer_alone'] as const;
export type InterventionMode = (typeof INTERVENTION_MODES)[number];

/** Every kind has a mode: adding a kind without one does not compile. */
export const INTERVENTION_MODE: Record<InterventionKind, InterventionMode> = {
  conference: 'direct',
  mediation: 'direct',
  shuttle: 'indirect',
  letter_of_apology: 'indirect',
  circle: 'direct',
  neighbourhood_mediation: 'direct',
  video_meeting: 'direct',
  victim_awareness: 'harmer_alone',
};

/** The mode of a kind as recorded (a kind no longer offered keeps the mode it had, or none). */
export function modeOf(kind: string): InterventionMode | null {
  return (INTERVENTION_MODE as Record<string, InterventionMode>)[kind] ?? null;
}

/** The modes in which the people harmed and who harmed communicate: restorative justice. */
export const VICTIM_OFFENDER_MODES: readonly InterventionMode[] = ['direct', 'indirect'];

/**
 * Whether an intervention of this kind is a victim-offender process (the people communicate,
 * directly or through the facilitator). A kind no longer offered, such as a community
 * resolution recorded before migration 0021, still counts as it did.
 */
export function isVictimOffenderProcess(kind: string): boolean {
  const mode = modeOf(kind);
  return mode === null || VICTIM_OFFENDER_MODES.includes(mode);
}

export type AttendeeRoleRefusal = 'harmedAtHarmerAlone' | 'harmerAloneNeedsHarmer';

/**
 * Who may attend an intervention of this kind, by their part in the case: work with the person
 * who harmed alone has the person who harmed (and, say, a supporter) but never a person harmed.
 * Every door that plans, changes or holds an intervention asks this.
 */
export function attendeeRoleRefusal(
  kind: string,
  roles: readonly string[],
): AttendeeRoleRefusal | null {
  if (modeOf(kind) !== 'harmer_alone') return null;
  if (roles.includes('harmed')) return 'harmedAtHarmerAlone';
  if (roles.length > 0 && !roles.includes('harmer')) return 'harmerAloneNeedsHarmer';
  return null;
}
