// Whether someone agreed to be sent a questionnaire link, and the email address for it. Someone
// who no longer agrees is sent nothing more: links not yet used stop working.
import type { Actor } from '../../../domain/roles.js';
import { parseInput } from '../../../platform/forms.js';
import type { CaseDeps } from '../../cases/index.js';
import { participantIn } from './queries.js';
import { onlineContactSchema } from './schemas.js';

export const setOnlineContact =
  ({ kernel, clock }: CaseDeps) =>
  (actor: Actor, caseId: string, participantId: string, input: unknown) => {
    const data = parseInput(onlineContactSchema, input);
    return kernel.changeCase(
      { actor, caseId, action: 'case.feedback_contact_changed', allowClosed: true },
      async (tx) => {
        const participant = await participantIn(tx, caseId, participantId);
        await tx
          .updateTable('case_participants')
          .set({ online_contact_agreed: data.agreed, contact_email: data.email ?? null })
          .where('id', '=', participant.id)
          .execute();
        if (!data.agreed) {
          await tx
            .updateTable('questionnaire_links')
            .set({ expires_at: clock.now() })
            .where('participant_id', '=', participant.id)
            .where('used_at', 'is', null)
            .where('expires_at', '>', clock.now())
            .execute();
        }
        return {
          event: {
            kind: data.agreed
              ? 'feedback.online_contact_agreed'
              : 'feedback.online_contact_declined',
            params: { name: participant.display_name },
            entity: { type: 'case_participant', id: participant.id },
          },
        };
      },
    );
  };
