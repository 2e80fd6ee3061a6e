// Records RJ being offered and the answer; "not now" puts the person in the re-offer queue, by
// default after the service's interval.
import { addDays } from '../../../domain/calendar-dates.js';
import { userIdOf, type Actor } from '../../../domain/roles.js';
import { refuseFutureDate } from '../../../platform/errors.js';
import { londonDate } from '../../../platform/format.js';
import { parseInput } from '../../../platform/forms.js';
import type { CaseDeps } from '../kernel/index.js';
import { participantOf, reofferIntervalDays, requireCanWorkWith } from './participants.js';
import { offerSchema } from './schemas.js';

export const recordOffer =
  ({ kernel, clock }: CaseDeps) =>
  (actor: Actor, caseId: string, participantId: string, input: unknown) => {
    const data = parseInput(offerSchema, input);
    refuseFutureDate(data.offered_on, londonDate(clock.now()), 'offered_on');
    return kernel.changeCase({ actor, caseId, action: 'case.offer_recorded' }, async (tx, row) => {
      const participant = await participantOf(tx, caseId, participantId);
      requireCanWorkWith(participant);
      const reofferOn =
        data.answer === 'not_now'
          ? (data.reoffer_on ?? addDays(data.offered_on, await reofferIntervalDays(tx, row.org_id)))
          : null;
      await tx
        .insertInto('case_offers')
        .values({
          org_id: row.org_id,
          case_id: caseId,
          participant_id: participantId,
          offered_on: data.offered_on,
          method: data.method,
          answer: data.answer,
          reoffer_on: reofferOn,
          notes: data.notes ?? null,
          recorded_by: userIdOf(actor),
        })
        .execute();
      return {
        event: {
          kind: 'offer_recorded',
          params: { name: participant.display_name, answer: data.answer, reofferOn },
        },
        result: { reofferOn },
      };
    });
  };
