// The People tab, and one person's page with their offers and consents.
import type { Actor } from '../../../domain/roles.js';
import { caseFacts, participantsOf } from '../facts.js';
import type { CaseDeps } from '../kernel/index.js';
import { offersAndConsents, participantOf, reofferIntervalDays } from './participants.js';

export const viewPeople =
  ({ kernel }: CaseDeps) =>
  (actor: Actor, caseId: string) =>
    kernel.readCase({ actor, caseId, part: 'people' }, async (tx, row) => {
      const facts = await caseFacts(tx, row);
      const participants = await participantsOf(tx, caseId);
      return {
        case: row,
        participants: participants.map((p) => ({
          ...p,
          facts: facts.participants.find((f) => f.id === p.id)!,
        })),
        ...(await offersAndConsents(tx, caseId)),
      };
    });

export const viewPerson =
  ({ kernel }: CaseDeps) =>
  (actor: Actor, caseId: string, participantId: string) =>
    kernel.readCase({ actor, caseId, part: 'people' }, async (tx, row) => {
      const participant = await participantOf(tx, caseId, participantId);
      const facts = await caseFacts(tx, row);
      const { offers, consents } = await offersAndConsents(tx, caseId);
      return {
        case: row,
        participant: {
          ...participant,
          facts: facts.participants.find((f) => f.id === participant.id)!,
        },
        offers: offers.filter((o) => o.participantId === participantId),
        consents: consents.filter((c) => c.participantId === participantId),
        reofferIntervalDays: await reofferIntervalDays(tx, row.org_id),
      };
    });
