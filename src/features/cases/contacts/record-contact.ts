// Logs an attempt or a contact; refused for someone who withdrew consent or is unsafe to
// contact. The first conversation with the person harmed or the person who harmed sets the
// case's time to first contact.
import { userIdOf, type Actor } from '../../../domain/roles.js';
import { AppError } from '../../../platform/errors.js';
import { londonDate } from '../../../platform/format.js';
import { refuseOutOfOrder } from '../journey-dates.js';
import { parseInput } from '../../../platform/forms.js';
import { londonInstant } from '../interventions/london-time.js';
import type { CaseDeps } from '../kernel/index.js';
import {
  participantOf,
  requireCanWorkWith,
  requireSafeContact,
  safeContactOverrideEvents,
} from '../people/index.js';
import { contactSchema } from './schemas.js';

/** 'H:MM', 'HH.MM' or nothing (midday) as the 'HH:MM' a London instant is made from. */
function wallTime(time: string | undefined): string {
  const [hours, minutes] = (time ?? '12:00').split(/[:.]/);
  return `${hours!.padStart(2, '0')}:${minutes}`;
}

export const recordContact =
  ({ kernel, clock }: CaseDeps) =>
  (actor: Actor, caseId: string, input: unknown) => {
    const data = parseInput(contactSchema, input);
    return kernel.changeCase(
      { actor, caseId, action: 'case.contact_recorded' },
      async (tx, row) => {
        refuseOutOfOrder(
          'contacted_on',
          row.receivedOn,
          data.contacted_on,
          londonDate(clock.now()),
        );
        const participant = await participantOf(tx, caseId, data.participant_id);
        requireCanWorkWith(participant);
        if (participant.unsafe_to_contact) {
          throw new AppError('conflict', 'cases.contacts.errors.unsafe', {
            params: { name: participant.display_name },
          });
        }
        const overridden = requireSafeContact(
          participant,
          {
            method: data.outcome === 'letter_sent' ? 'letter' : data.method,
            leftMessage: data.outcome === 'left_message',
          },
          data.safe_contact_reason,
        );
        await tx
          .insertInto('case_contacts')
          .values({
            org_id: row.org_id,
            case_id: caseId,
            participant_id: participant.id,
            contacted_at: londonInstant(data.contacted_on, wallTime(data.contacted_time)),
            // Without a time it is stored at midday but shown as the date alone.
            time_given: data.contacted_time !== undefined,
            method: data.method,
            outcome: data.outcome,
            notes: data.notes ?? null,
            rj_explained: data.rj_explained,
            safe_contact_reason: overridden.length > 0 ? data.safe_contact_reason! : null,
            recorded_by: userIdOf(actor),
          })
          .execute();
        const firstConversation =
          data.outcome === 'spoke' &&
          (participant.role === 'harmed' || participant.role === 'harmer') &&
          (!row.first_contact_on || data.contacted_on < row.first_contact_on);
        const params = {
          name: participant.display_name,
          method: data.method,
          contactOutcome: data.outcome,
        };
        return {
          caseColumns: firstConversation ? { first_contact_on: data.contacted_on } : undefined,
          event: [
            { kind: 'contact_recorded', happenedOn: data.contacted_on, params },
            ...safeContactOverrideEvents(participant.display_name, overridden),
          ],
        };
      },
    );
  };
