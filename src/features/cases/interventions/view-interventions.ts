// The Interventions tab: every intervention with its attendees, messages and letters.
import { checkHeld } from '../../../domain/case-lifecycle.js';
import type { Actor } from '../../../domain/roles.js';
import { londonDate } from '../../../platform/format.js';
import { caseFacts } from '../facts.js';
import type { CaseDeps } from '../kernel/index.js';
import { rowsOf } from '../kernel/rows-of-case.js';

export const viewInterventions =
  ({ kernel, clock }: CaseDeps) =>
  (actor: Actor, caseId: string) =>
    kernel.readCase({ actor, caseId, part: 'interventions' }, async (tx, row) => {
      const facts = await caseFacts(tx, row);
      const interventions = await rowsOf(tx, row, 'case_interventions', 'created_at', 'id');
      const messages = await rowsOf(tx, row, 'case_shuttle_messages', 'carried_on', 'created_at');
      const letters = await rowsOf(tx, row, 'case_letters', 'created_at');
      return {
        case: row,
        facts,
        today: londonDate(clock.now()),
        interventions: interventions.map((intervention) => {
          const own = facts.interventions.find((i) => i.id === intervention.id)!;
          const open = intervention.status === 'planned' || intervention.status === 'postponed';
          return {
            ...intervention,
            attendeeIds: own.attendeeIds,
            /** What stops it being recorded as held, while it is still to happen. */
            notReady: open ? checkHeld(facts, own) : [],
            messages: messages.filter((m) => m.intervention_id === intervention.id),
            letters: letters.filter((l) => l.intervention_id === intervention.id),
          };
        }),
      };
    });
