// A participant's equality and diversity answers, for the form on their case.
import { EQUALITY_FIELDS, type EqualityField } from '../../domain/equality.js';
import type { Actor } from '../../domain/roles.js';
import type { CaseDeps } from '../cases/index.js';
import { personOf } from './person.js';

export const viewEquality =
  ({ kernel }: CaseDeps) =>
  (actor: Actor, caseId: string, participantId: string) =>
    kernel.readCase(
      {
        actor,
        caseId,
        part: 'equality',
        refusedAs: 'case.equality_viewed',
        // The person's answers are read, not the case as a whole: the audit names them.
        audit: () => ({
          action: 'case.equality_viewed',
          entityType: 'case_participant',
          entityId: participantId,
          details: { case: caseId },
        }),
      },
      async (tx, row) => {
        const participant = await personOf(tx, caseId, participantId);
        const saved = await tx
          .selectFrom('participant_equality')
          .selectAll()
          .where('participant_id', '=', participant.id)
          .executeTakeFirst();
        return {
          case: row,
          participant: {
            id: participant.id,
            display_name: participant.display_name,
            role: participant.role,
          },
          answers: Object.fromEntries(
            EQUALITY_FIELDS.map((f) => [f, saved?.[f] ?? null]),
          ) as Record<EqualityField, string | null>,
          recordedVia: saved?.recorded_via ?? null,
          recordedAt: saved?.recorded_at ?? null,
        };
      },
    );
