// Records, changes or removes someone's postal address (the address block of the letters the
// service makes for them). Through the kernel: the case version is checked and bumped, and the
// change is on the timeline and audited; the address itself is never in the timeline's words.
import { formChange } from '../kernel/form-change.js';
import { participantOf } from './participants.js';
import { addressSchema } from './schemas.js';

export const changeAddress = formChange(
  { action: 'case.participant_address_changed', versioned: true },
  { schema: addressSchema },
  async ({ data: address, tx, caseId }, participantId: string) => {
    const participant = await participantOf(tx, caseId, participantId);
    await tx
      .updateTable('case_participants')
      .set({
        address_line_1: address?.line1 ?? null,
        address_line_2: address?.line2 ?? null,
        address_town: address?.town ?? null,
        address_postcode: address?.postcode ?? null,
      })
      .where('id', '=', participantId)
      .execute();
    const had = participant.address_line_1 !== null;
    return {
      event: {
        kind: address ? (had ? 'address_changed' : 'address_added') : 'address_removed',
        params: { name: participant.display_name },
        entity: { type: 'case_participant', id: participantId },
      },
    };
  },
);
