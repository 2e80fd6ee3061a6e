// The Interventions tab: every intervention with its attendees, messages and letters.
import { checkHeld } from '../../../domain/case-lifecycle.js';
import type { Actor } from '../../../domain/roles.js';
import { londonDate } from '../../../platform/format.js';
import { caseFacts } from '../facts.js';
import type { CaseDeps } from '../kernel/index.js';

export const viewInterventions =
  ({ kernel, clock }: CaseDeps) =>
  (actor: Actor, caseId: string) =>
    kernel.readCase({ actor, caseId, part: 'interventions' }, async (tx, row) => {
      const facts = await caseFacts(tx, row);
      const interventions = await tx
        .selectFrom('case_interventions')
        .selectAll()
        .where('case_id', '=', caseId)
        .orderBy('created_at')
        .orderBy('id')
        .execute();
      const messages = await tx
        .selectFrom('case_shuttle_messages')
        .selectAll()
        .where('case_id', '=', caseId)
        .orderBy('carried_on')
        .orderBy('created_at')
        .execute();
      const letters = await tx
        .selectFrom('case_letters')
        .selectAll()
        .where('case_id', '=', caseId)
        .orderBy('created_at')
        .execute();
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
