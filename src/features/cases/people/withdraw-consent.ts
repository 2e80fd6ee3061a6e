// Consent withdrawn: work with this person stops, and every page says so.
import { AppError } from '../../../platform/errors.js';
import { formChange } from '../kernel/form-change.js';
import { participantOf } from './participants.js';
import { withdrawalSchema } from './schemas.js';

export const withdrawConsent = formChange(
  { action: 'case.consent_withdrawn' },
  { schema: withdrawalSchema },
  async ({ data, tx, caseId }, participantId: string) => {
    const participant = await participantOf(tx, caseId, participantId);
    if (participant.consent_status !== 'given')
      throw new AppError('conflict', 'cases.consent.errors.notGiven');
    await tx
      .updateTable('case_consents')
      .set({ withdrawn_on: data.withdrawn_on, withdrawal_note: data.withdrawal_note ?? null })
      .where('participant_id', '=', participantId)
      .where('withdrawn_on', 'is', null)
      .execute();
    await tx
      .updateTable('case_participants')
      .set({ consent_status: 'withdrawn' })
      .where('id', '=', participantId)
      .execute();
    return { event: { kind: 'consent_withdrawn', params: { name: participant.display_name } } };
  },
);
