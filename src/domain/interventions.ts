// Restorative interventions, along the spectrum from full to light (migration 0004), and how
// reports group them: direct (the people meet, in person or by video) or indirect (messages
// carried between them, a letter). A community resolution is a police out-of-court
// resolution, recorded as the referral's context (migration 0021), not an intervention the service
// delivers: interventions recorded as one before then keep their kind, with no mode.

export const INTERVENTION_KINDS = [
  'conference',
  'mediation',
  'shuttle',
  'letter_of_apology',
  'circle',
  'neighbourhood_mediation',
  'video_meeting',
] as const;
export type InterventionKind = (typeof INTERVENTION_KINDS)[number];

export const INTERVENTION_MODES = ['direct', 'indirect'] as const;
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
};

/** The mode of a kind as recorded (a kind no longer offered keeps the mode it had, or none). */
export function modeOf(kind: string): InterventionMode | null {
  return (INTERVENTION_MODE as Record<string, InterventionMode>)[kind] ?? null;
}
