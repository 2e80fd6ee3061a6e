// Informed consent, with what was explained and how it was given: only after the person said
// yes to the offer of RJ.
import { userIdOf, type Actor } from '../../../domain/roles.js';
import { AppError, refuseFutureDate } from '../../../platform/errors.js';
import { londonDate } from '../../../platform/format.js';
import { parseInput } from '../../../platform/forms.js';
import type { CaseDeps } from '../kernel/index.js';
import { participantOf } from './participants.js';
import { consentSchema } from './schemas.js';

export const recordConsent =
  ({ kernel, clock }: CaseDeps) =>
  (actor: Actor, caseId: string, participantId: string, input: unknown) => {
    const data = parseInput(consentSchema, input);
    refuseFutureDate(data.given_on, londonDate(clock.now()), 'given_on');
    return kernel.changeCase(
      { actor, caseId, action: 'case.consent_recorded' },
      async (tx, row) => {
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
        await tx
          .insertInto('case_consents')
          .values({
            org_id: row.org_id,
            case_id: caseId,
            participant_id: participantId,
            given_on: data.given_on,
            how: data.how,
            witness: data.witness ?? null,
            explained: data.explained,
            notes: data.notes ?? null,
            recorded_by: userIdOf(actor),
          })
          .execute();
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
  };
