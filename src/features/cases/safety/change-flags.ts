// A service manager changes a case's safety flags after triage, with a reason: the timeline
// says what changed and why, the audit trail records it, and the trained sign-off follows the
// flags (sexual violence or domestic abuse) from then on.
import { z } from 'zod';
import {
  flagChangeRefusal,
  needsTrainedSignOff,
  SAFETY_FLAGS,
  type SafetyFlags,
} from '../../../domain/safety-flags.js';
import type { Actor } from '../../../domain/roles.js';
import { validationFailed } from '../../../platform/errors.js';
import { optionalText, parseInput } from '../../../platform/forms.js';
import { expectedVersion, type CaseDeps, type CaseRow } from '../kernel/index.js';

const ticked = z.preprocess(
  (v) => {
    const values = Array.isArray(v) ? v : v === undefined ? [] : [v];
    return values.filter((value) => value !== '_unchecked');
  },
  z.array(z.enum(SAFETY_FLAGS, { error: 'validation.invalid' })),
);

export const flagsSchema = z.object({
  flags: ticked,
  reason: optionalText(1000),
});

export function flagsOf(row: CaseRow): SafetyFlags {
  return {
    sexualViolence: row.sexual_violence,
    domesticAbuse: row.domestic_abuse,
    hateCrime: row.hate_crime,
  };
}

export const changeFlags =
  ({ kernel }: CaseDeps) =>
  (actor: Actor, caseId: string, input: unknown) => {
    const data = parseInput(flagsSchema, input);
    const after: SafetyFlags = {
      sexualViolence: data.flags.includes('sexualViolence'),
      domesticAbuse: data.flags.includes('domesticAbuse'),
      hateCrime: data.flags.includes('hateCrime'),
    };
    return kernel.changeCase(
      {
        actor,
        caseId,
        action: 'case.safety_flags_changed',
        capability: 'manage_service',
        expectedVersion: expectedVersion(input),
      },
      async (_tx, row) => {
        const before = flagsOf(row);
        const refusal = flagChangeRefusal(before, after, data.reason);
        if (refusal === 'no_change')
          throw validationFailed([{ field: 'flags', key: 'cases.safety.errors.noChange' }]);
        if (refusal === 'reason_required')
          throw validationFailed([{ field: 'reason', key: 'cases.safety.errors.reason' }]);
        const trained = needsTrainedSignOff(after);
        return {
          caseColumns: {
            sexual_violence: after.sexualViolence,
            domestic_abuse: after.domesticAbuse,
            hate_crime: after.hateCrime,
            sv_da: trained,
            // Once a case has needed the specialist assessment, it still shows that it did.
            needs_specialist_assessment: row.needs_specialist_assessment || trained,
          },
          event: {
            kind: 'safety_flags_changed',
            params: {
              flags: SAFETY_FLAGS.filter((flag) => after[flag]).join(',') || 'none',
              reason: data.reason!,
            },
          },
        };
      },
    );
  };
