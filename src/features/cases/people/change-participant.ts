// Changes someone's details and safe-contact instructions. A conflict is about this person's
// record only (ADR 0018): refused when their details changed since the form was shown, with the
// details as saved now, but not because something else in the case changed meanwhile. A
// caller that holds no stamp of the record may send the case's version instead (the whole-case
// check); one that sends neither is refused, never saved over what is there now.
import { recordChangedSince, recordStamp } from '../../../domain/record-stamp.js';
import type { Actor } from '../../../domain/roles.js';
import { expectedRecord, RecordChangedError, type CaseDeps } from '../kernel/index.js';
import { changeFromForm } from '../kernel/form-change.js';
import {
  PARTICIPANT_FORM_FIELDS,
  participantColumns,
  participantFormValues,
  participantOf,
} from './participants.js';
import { participantSchema } from './schemas.js';

export const changeParticipant =
  (deps: CaseDeps) => (actor: Actor, caseId: string, participantId: string, input: unknown) => {
    const stamp = expectedRecord(input);
    return changeFromForm(
      deps,
      { actor, caseId, action: 'case.participant_updated', versioned: stamp === undefined },
      { input, schema: participantSchema },
      async (data, tx) => {
        const saved = participantFormValues(await participantOf(tx, caseId, participantId));
        if (recordChangedSince(saved, PARTICIPANT_FORM_FIELDS, stamp))
          throw new RecordChangedError(saved, recordStamp(saved, PARTICIPANT_FORM_FIELDS));
        await tx
          .updateTable('case_participants')
          .set(participantColumns(data))
          .where('id', '=', participantId)
          .execute();
        return {
          event: {
            kind: 'participant_updated',
            params: { name: data.display_name },
            entity: { type: 'case_participant', id: participantId },
          },
        };
      },
    );
  };
