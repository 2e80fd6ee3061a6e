// The case page: summary, people, allocations, what to do next, recent notes, and the parts
// other features summarise on it (wired in the composition root, so cases imports none of them).
import { sql } from 'kysely';
import type { Tx } from '../../db/actor-context.js';
import { availableActions, type CaseStage } from '../../domain/case-lifecycle.js';
import { nextActions, type NextAction } from '../../domain/next-actions.js';
import type { Actor } from '../../domain/roles.js';
import { formatDate, londonDate } from '../../platform/format.js';
import { caseFacts, offersOf, peopleWithDetails } from './facts.js';
import { caseList, type CaseDeps } from './kernel/index.js';
import { caseDuties } from './safety/index.js';
import { allocationsOf } from './staff.js';
import { loadHolidays } from '../bank-holidays/index.js';
import { offenceDay, under18On } from '../../domain/youth.js';

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

function recentNotes(tx: Tx, caseId: string) {
  return caseList(tx, 'case_notes', caseId, 'authorName')
    .select(['case_notes.id', 'case_notes.body', 'case_notes.created_at as createdAt'])
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

/**
 * Agreement items not completed and past their due date (with an instalment plan, past the day
 * of an instalment not fully paid): how many, and the earliest date. The date is the database's
 * `agreement_item_due_on`, the one the queue's date is made of (migration 0032).
 */
async function overdueItems(tx: Tx, caseId: string, today: string) {
  const dueOn = sql<string | null>`agreement_item_due_on(case_agreement_items)`;
  const row = await tx
    .selectFrom('case_agreement_items')
    .select((eb) => [eb.fn.countAll<number>().as('count'), eb.fn.min(dueOn).as('earliest')])
    .where('case_id', '=', caseId)
    .where('completed_on', 'is', null)
    .where(dueOn, '<', today)
    .executeTakeFirstOrThrow();
  return row.earliest ? { count: Number(row.count), earliest: String(row.earliest) } : null;
}

const datesInWords = (actions: NextAction[]) =>
  actions.map((a) =>
    a.params?.date ? { ...a, params: { ...a.params, date: formatDate(a.params.date) } } : a,
  );

export const viewCase =
  ({ kernel, clock, db }: CaseDeps, parts: CaseSummaryParts) =>
  async (actor: Actor, caseId: string) => {
    const holidays = await loadHolidays(db);
    return kernel.readCase({ actor, caseId, part: 'summary' }, async (tx, row) => {
      // Read once and shared: the rules' facts, the Victims' Code duties and the page itself
      // all need the people, their offers and the allocations.
      const participants = await peopleWithDetails(tx, caseId).execute();
      const offers = await offersOf(tx, caseId);
      const allocations = await allocationsOf(tx, caseId);
      const facts = await caseFacts(tx, row, {
        participants,
        offers,
        hasLead: allocations.some((a) => a.lead),
      });
      const offenceOn = row.receivedOn
        ? offenceDay({
            offenceDate: row.offenceDate,
            reportedOn: row.reportedOn,
            receivedOn: row.receivedOn,
          })
        : null;
      return {
        case: row,
        facts,
        participants: participants.map((p) => ({
          ...p,
          facts: facts.participants.find((f) => f.id === p.id)!,
          // Flagged from the date of birth: under 18 on the date of the offence.
          under18AtOffence: offenceOn ? under18On(p.dateOfBirth, offenceOn) === true : false,
        })),
        duties: await caseDuties(tx, row, holidays, { people: participants, offers }),
        allocations,
        reoffendingChecks: await reoffendingChecksOf(tx, caseId),
        wellbeing: await parts.wellbeingDistances(tx, caseId),
        notes: await recentNotes(tx, caseId),
        actions: availableActions(row.stage as CaseStage),
        next: datesInWords(
          nextActions(facts, {
            today: londonDate(clock.now()),
            overdueItems: await overdueItems(tx, caseId, londonDate(clock.now())),
            reofferDueOn: row.reoffer_due_on,
            followUpDueOn: row.follow_up_due_on,
            reoffendingDueOn: row.reoffending_due_on,
          }),
        ),
      };
    });
  };
