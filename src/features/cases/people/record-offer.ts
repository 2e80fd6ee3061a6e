// Records RJ being offered and the answer; "not now" puts the person in the re-offer queue, by
// default after the service's interval. An offer made in conversation counts as a contact.
import { addDays } from '../../../domain/calendar-dates.js';
import { userIdOf } from '../../../domain/roles.js';
import { isConversation } from '../../../domain/journey-order.js';
import { londonDate } from '../../../platform/format.js';
import { refuseOutOfOrder } from '../journey-dates.js';
import { formChange } from '../kernel/form-change.js';
import { addToCase } from '../kernel/rows-of-case.js';
import {
  participantOf,
  reofferIntervalDays,
  requireCanWorkWith,
  requireSafeContact,
  safeContactOverrideEvents,
} from './participants.js';
import { offerSchema } from './schemas.js';

export const recordOffer = formChange(
  { action: 'case.offer_recorded' },
  { schema: offerSchema },
  async ({ data, tx, row, deps, actor, caseId }, participantId: string) => {
    refuseOutOfOrder('offered_on', row.receivedOn, data.offered_on, londonDate(deps.clock.now()));
    const participant = await participantOf(tx, caseId, participantId);
    requireCanWorkWith(participant);
    const overridden = requireSafeContact(
      participant,
      { method: data.method, leftMessage: false },
      data.safe_contact_reason,
    );
    const reofferOn =
      data.answer === 'not_now'
        ? (data.reoffer_on ?? addDays(data.offered_on, await reofferIntervalDays(tx, row.org_id)))
        : null;
    await addToCase(tx, row, 'case_offers', {
      participant_id: participantId,
      offered_on: data.offered_on,
      method: data.method,
      answer: data.answer,
      reoffer_on: reofferOn,
      notes: data.notes ?? null,
      safe_contact_reason: overridden.length > 0 ? data.safe_contact_reason! : null,
      recorded_by: userIdOf(actor),
    });
    // An offer made in conversation is a contact: it starts the case's time to first contact.
    const firstConversation =
      isConversation(data.method) &&
      (participant.role === 'harmed' || participant.role === 'harmer') &&
      (!row.first_contact_on || data.offered_on < row.first_contact_on);
    return {
      caseColumns: firstConversation ? { first_contact_on: data.offered_on } : undefined,
      event: [
        {
          kind: 'offer_recorded',
          happenedOn: data.offered_on,
          params: { name: participant.display_name, answer: data.answer, reofferOn },
        },
        ...safeContactOverrideEvents(participant.display_name, overridden),
      ],
      result: { reofferOn },
    };
  },
);
