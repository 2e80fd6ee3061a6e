// Consent withdrawn: work with this person stops, and every page says so.
import type { Actor } from '../../../domain/roles.js';
import { AppError } from '../../../platform/errors.js';
import { parseInput } from '../../../platform/forms.js';
import type { CaseDeps } from '../kernel/index.js';
import { participantOf } from './participants.js';
import { withdrawalSchema } from './schemas.js';

export const withdrawConsent =
  ({ kernel }: CaseDeps) =>
  (actor: Actor, caseId: string, participantId: string, input: unknown) => {
    const data = parseInput(withdrawalSchema, input);
    return kernel.changeCase({ actor, caseId, action: 'case.consent_withdrawn' }, async (tx) => {
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
    });
  };
