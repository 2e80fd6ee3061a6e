// Records that someone was told how the case is going: when, how and what they were told.
// Refused for someone who withdrew consent or is unsafe to contact, or in a way their
// safe-contact instructions rule out (unless the practitioner says why it was safe), and dated
// in the order of the case. The referrer's "last update" moves to that day (never what was said, nor to whom).
import { sql } from 'kysely';
import { userIdOf, type Actor } from '../../../domain/roles.js';
import { AppError } from '../../../platform/errors.js';
import { londonDate } from '../../../platform/format.js';
import { parseInput } from '../../../platform/forms.js';
import { refuseOutOfOrder } from '../journey-dates.js';
import type { CaseDeps } from '../kernel/index.js';
import {
  participantOf,
  requireCanWorkWith,
  requireSafeContact,
  safeContactOverrideEvents,
} from '../people/index.js';
import { updateSchema } from './schemas.js';

export const recordUpdate =
  ({ kernel, clock }: CaseDeps) =>
  (actor: Actor, caseId: string, input: unknown) => {
    const data = parseInput(updateSchema, input);
    return kernel.changeCase({ actor, caseId, action: 'case.update_given' }, async (tx, row) => {
      refuseOutOfOrder('told_on', row.receivedOn, data.told_on, londonDate(clock.now()));
      const participant = await participantOf(tx, caseId, data.participant_id);
      requireCanWorkWith(participant);
      if (participant.unsafe_to_contact)
        throw new AppError('conflict', 'cases.contacts.errors.unsafe', {
          params: { name: participant.display_name },
        });
      // An update is given, not left: a message left is a contact, logged on the Contacts tab.
      const overridden = requireSafeContact(
        participant,
        { method: data.method, leftMessage: false },
        data.safe_contact_reason,
      );
      await tx
        .insertInto('case_updates')
        .values({
          org_id: row.org_id,
          case_id: caseId,
          participant_id: participant.id,
          told_on: data.told_on,
          method: data.method,
          what_told: data.what_told,
          safe_contact_reason: overridden.length > 0 ? data.safe_contact_reason! : null,
          recorded_by: userIdOf(actor),
        })
        .execute();
      if (row.referral_id)
        await tx
          .updateTable('referrals')
          .set({
            last_update_on: sql<string>`greatest(coalesce(last_update_on, ${data.told_on}::date), ${data.told_on}::date)`,
          })
          .where('id', '=', row.referral_id)
          .execute();
      return {
        event: [
          {
            kind: 'update_given',
            happenedOn: data.told_on,
            params: { name: participant.display_name, method: data.method },
          },
          ...safeContactOverrideEvents(participant.display_name, overridden),
        ],
      };
    });
  };
