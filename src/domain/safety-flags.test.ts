import { describe, expect, it } from 'vitest';
import { flagChangeRefusal, flagsAtIntake, needsTrainedSignOff } from './safety-flags.js';

const answers = {
  offenceGroup: 'theft-offences',
  svDa: false,
  domesticAbuse: false,
  hateCrime: false,
};

describe('safety flags at intake', () => {
  it('a sexual offence is sexual violence even with the box left blank', () => {
    const flags = flagsAtIntake({ ...answers, offenceGroup: 'sexual-offences' });
    expect(flags.sexualViolence).toBe(true);
    expect(needsTrainedSignOff(flags)).toBe(true);
  });

  it('the domestic abuse marker is domestic abuse, which needs the trained sign-off', () => {
    const flags = flagsAtIntake({ ...answers, domesticAbuse: true });
    expect(flags.domesticAbuse).toBe(true);
    expect(needsTrainedSignOff(flags)).toBe(true);
  });

  it('the combined answer is domestic abuse outside a sexual offence', () => {
    expect(flagsAtIntake({ ...answers, svDa: true })).toEqual({
      sexualViolence: false,
      domesticAbuse: true,
      hateCrime: false,
    });
    expect(flagsAtIntake({ ...answers, offenceGroup: 'sexual-offences', svDa: true })).toEqual({
      sexualViolence: true,
      domesticAbuse: false,
      hateCrime: false,
    });
  });

  it('hate crime is a flag of its own that needs no trained sign-off', () => {
    const flags = flagsAtIntake({ ...answers, hateCrime: true });
    expect(flags.hateCrime).toBe(true);
    expect(needsTrainedSignOff(flags)).toBe(false);
  });

  it('nothing flagged for a theft with no answers', () => {
    expect(needsTrainedSignOff(flagsAtIntake(answers))).toBe(false);
  });
});

describe("a manager's change of flags", () => {
  const before = { sexualViolence: false, domesticAbuse: false, hateCrime: false };
  it('needs a change and a reason', () => {
    expect(flagChangeRefusal(before, before, 'because')).toBe('no_change');
    expect(flagChangeRefusal(before, { ...before, domesticAbuse: true }, '  ')).toBe(
      'reason_required',
    );
    expect(flagChangeRefusal(before, { ...before, domesticAbuse: true }, 'disclosed')).toBeNull();
  });
});
