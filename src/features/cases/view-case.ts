// The case page: summary, people, allocations, what to do next, recent notes, and the parts
// other features summarise on it (wired in the composition root, so cases imports none of them).
import type { Tx } from '../../db/actor-context.js';
import { availableActions, type CaseStage } from '../../domain/case-lifecycle.js';
import { nextActions } from '../../domain/next-actions.js';
import type { Actor } from '../../domain/roles.js';
import { londonDate } from '../../platform/format.js';
import { caseFacts } from './facts.js';
import type { CaseDeps } from './kernel/index.js';
import { allocationsOf } from './staff.js';

/** One person's wellbeing "distance travelled" between entry and exit, for the summary. */
export interface DistanceOnCase {
  participantId: string;
  name: string;
  overall: number | null;
  categoriesCompared: number;
}

/** What other features add to the case page. */
export interface CaseSummaryParts {
  wellbeingDistances(tx: Tx, caseId: string): Promise<DistanceOnCase[]>;
}

function participantsOf(tx: Tx, caseId: string) {
  return tx
    .selectFrom('case_participants')
    .leftJoin('persons', 'persons.id', 'case_participants.person_id')
    .selectAll('case_participants')
    .select([
      'persons.date_of_birth as dateOfBirth',
      'persons.phone',
      'persons.email',
      'persons.postcode',
      'persons.establishment',
    ])
    .where('case_participants.case_id', '=', caseId)
    .orderBy('case_participants.created_at')
    .execute();
}

function recentNotes(tx: Tx, caseId: string) {
  return tx
    .selectFrom('case_notes')
    .leftJoin('users', 'users.id', 'case_notes.created_by')
    .select([
      'case_notes.id',
      'case_notes.body',
      'case_notes.created_at as createdAt',
      'users.name as authorName',
    ])
    .where('case_notes.case_id', '=', caseId)
    .orderBy('case_notes.created_at', 'desc')
    .limit(20)
    .execute();
}

function reoffendingChecksOf(tx: Tx, caseId: string) {
  return tx
    .selectFrom('reoffending_checks')
    .innerJoin('case_participants', 'case_participants.id', 'reoffending_checks.participant_id')
    .select([
      'reoffending_checks.id',
      'reoffending_checks.due_on as dueOn',
      'reoffending_checks.checked_on as checkedOn',
      'reoffending_checks.further_offence as result',
      'case_participants.display_name as name',
    ])
    .where('reoffending_checks.case_id', '=', caseId)
    .orderBy('reoffending_checks.due_on')
    .execute();
}

export const viewCase =
  ({ kernel, clock }: CaseDeps, parts: CaseSummaryParts) =>
  (actor: Actor, caseId: string) =>
    kernel.readCase({ actor, caseId, part: 'summary' }, async (tx, row) => {
      const facts = await caseFacts(tx, row);
      const participants = await participantsOf(tx, caseId);
      return {
        case: row,
        facts,
        participants: participants.map((p) => ({
          ...p,
          facts: facts.participants.find((f) => f.id === p.id)!,
        })),
        allocations: await allocationsOf(tx, caseId),
        reoffendingChecks: await reoffendingChecksOf(tx, caseId),
        wellbeing: await parts.wellbeingDistances(tx, caseId),
        notes: await recentNotes(tx, caseId),
        actions: availableActions(row.stage as CaseStage),
        next: nextActions(facts, { today: londonDate(clock.now()) }),
      };
    });
