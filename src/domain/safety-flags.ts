// The safety flags of a referral and its case: sexual violence, domestic abuse and hate crime.
// A sexual violence or domestic abuse case is decided on its merits by a practitioner trained
// for such cases (RJC Service Provider Code D), so the flags may not rest on the referrer's
// optional answer alone: they are derived from the offence at intake, and a service manager may
// change them after triage, with a reason.

/** Home Office offence groups that are sexual violence whatever else the referrer says. */
export const SEXUAL_VIOLENCE_OFFENCE_GROUPS: readonly string[] = ['sexual-offences'];

export interface SafetyFlags {
  sexualViolence: boolean;
  domesticAbuse: boolean;
  hateCrime: boolean;
}

export const SAFETY_FLAGS = ['sexualViolence', 'domesticAbuse', 'hateCrime'] as const;
export type SafetyFlag = (typeof SAFETY_FLAGS)[number];

export interface IntakeAnswers {
  offenceGroup: string | null;
  /** The referrer's "sexual violence or domestic abuse" answer, which does not say which. */
  svDa: boolean;
  /** The domestic abuse marker (as the police flag a crime record). */
  domesticAbuse: boolean;
  hateCrime: boolean;
}

/**
 * The flags a referral arrives with. The combined answer is read as sexual violence in a sexual
 * offence and as domestic abuse otherwise (sexual violence outside the sexual offence groups is
 * rare; a manager corrects the case when it is not so).
 */
export function flagsAtIntake(answers: IntakeAnswers): SafetyFlags {
  const sexualOffence =
    answers.offenceGroup !== null && SEXUAL_VIOLENCE_OFFENCE_GROUPS.includes(answers.offenceGroup);
  return {
    sexualViolence: sexualOffence,
    domesticAbuse: answers.domesticAbuse || (answers.svDa && !sexualOffence),
    hateCrime: answers.hateCrime,
  };
}

/** Whether a suitability decision needs the sign-off of a practitioner trained for SV/DA cases. */
export function needsTrainedSignOff(flags: SafetyFlags): boolean {
  return flags.sexualViolence || flags.domesticAbuse;
}

export type FlagChangeRefusal = 'no_change' | 'reason_required';

/** Why a manager's change of flags is refused, or null: something must change, with a reason. */
export function flagChangeRefusal(
  before: SafetyFlags,
  after: SafetyFlags,
  reason: string | undefined,
): FlagChangeRefusal | null {
  if (SAFETY_FLAGS.every((flag) => before[flag] === after[flag])) return 'no_change';
  if (!reason || reason.trim() === '') return 'reason_required';
  return null;
}
