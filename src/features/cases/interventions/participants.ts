// Choosing a case's participants for a piece of work: they must be in this case, and anyone who
// withdrew consent is out of it ("withdrawal stops work with that participant").
import { canWorkWith, type CaseFacts } from '../../../domain/case-lifecycle.js';
import { AppError, validationFailed } from '../../../platform/errors.js';

/** A participant of this case with whom work may go on, or an error at the field saying why not. */
export function workableParticipant(facts: CaseFacts, id: string, field: string) {
  const participant = facts.participants.find((p) => p.id === id);
  if (!participant)
    throw validationFailed([{ field, key: 'cases.interventions.errors.participantUnknown' }]);
  if (!canWorkWith(participant))
    throw new AppError('conflict', 'cases.interventions.errors.cannotProceed', {
      fieldErrors: [
        { field, key: 'cases.rules.attendeeWithdrew', params: { name: participant.name } },
      ],
    });
  return participant;
}
