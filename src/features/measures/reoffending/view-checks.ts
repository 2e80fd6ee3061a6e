// The reoffending checks of one case, with whom each is about.
import type { Actor } from '../../../domain/roles.js';
import type { CaseDeps } from '../../cases/index.js';

export const viewChecks =
  ({ kernel }: CaseDeps) =>
  (actor: Actor, caseId: string) =>
    kernel.readCase({ actor, caseId, part: 'reoffending', capability: 'record_measures' }, (tx) =>
      tx
        .selectFrom('reoffending_checks')
        .innerJoin('case_participants', 'case_participants.id', 'reoffending_checks.participant_id')
        .selectAll('reoffending_checks')
        .select('case_participants.display_name as participantName')
        .where('reoffending_checks.case_id', '=', caseId)
        .orderBy('due_on')
        .execute(),
    );
