// What staff recorded of a participant's equality and diversity: each question answered,
// "prefer not to say", or "not asked". Late answers are welcome on a closed case too.
import { readEqualityAnswers } from '../../domain/equality.js';
import { userIdOf, type Actor } from '../../domain/roles.js';
import { validationFailed } from '../../platform/errors.js';
import type { CaseDeps } from '../cases/index.js';
import { personOf } from './person.js';
import { equalityErrors, saveEquality } from './save.js';

export const recordEquality =
  ({ kernel }: CaseDeps) =>
  (actor: Actor, caseId: string, participantId: string, input: unknown) => {
    const read = readEqualityAnswers((input ?? {}) as Record<string, unknown>, {
      prefix: 'eq_',
      mayClear: true,
    });
    if (read.problems.length) throw validationFailed(equalityErrors(read.problems));
    return kernel.changeCase(
      { actor, caseId, action: 'case.equality.recorded', allowClosed: true },
      async (tx, row) => {
        const participant = await personOf(tx, caseId, participantId);
        await saveEquality(tx, { orgId: row.org_id, caseId, participantId }, read.answers, {
          via: 'staff',
          by: userIdOf(actor),
        });
        // The timeline and the audit trail say whose answers changed, never what they are:
        // special category data stays in its table.
        return {
          event: {
            kind: 'equality.recorded',
            params: { name: participant.display_name },
            entity: { type: 'case_participant', id: participantId },
          },
        };
      },
    );
  };
