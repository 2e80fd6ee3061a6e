// Informed consent, with what was explained and how it was given: only after the person said
// yes to the offer of RJ.
import { userIdOf } from '../../../domain/roles.js';
import { AppError } from '../../../platform/errors.js';
import { formChange } from '../kernel/form-change.js';
import { addToCase } from '../kernel/rows-of-case.js';
import { participantOf } from './participants.js';
import { consentSchema } from './schemas.js';

export const recordConsent = formChange(
  { action: 'case.consent_recorded' },
  { schema: consentSchema, notInFuture: 'given_on' },
  async ({ data, tx, row, actor, caseId }, participantId: string) => {
    const participant = await participantOf(tx, caseId, participantId);
    const latestOffer = await tx
      .selectFrom('case_offers')
      .select('answer')
      .where('participant_id', '=', participantId)
      .orderBy('offered_on', 'desc')
      .orderBy('created_at', 'desc')
      .limit(1)
      .executeTakeFirst();
    if (latestOffer?.answer !== 'yes')
      throw new AppError('conflict', 'cases.consent.errors.needsYes', {
        params: { name: participant.display_name },
      });
    await addToCase(tx, row, 'case_consents', {
      participant_id: participantId,
      given_on: data.given_on,
      how: data.how,
      witness: data.witness ?? null,
      explained: data.explained,
      notes: data.notes ?? null,
      recorded_by: userIdOf(actor),
    });
    await tx
      .updateTable('case_participants')
      .set({ consent_status: 'given' })
      .where('id', '=', participantId)
      .execute();
    return {
      event: {
        kind: 'consent_given',
        happenedOn: data.given_on,
        params: { name: participant.display_name, how: data.how },
      },
    };
  },
);
