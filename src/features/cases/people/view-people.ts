// The People tab, and one person's page with their offers and consents.
import type { Actor } from '../../../domain/roles.js';
import { caseFacts, participantsOf } from '../facts.js';
import type { CaseDeps } from '../kernel/index.js';
import { offersAndConsents, participantOf, reofferIntervalDays } from './participants.js';

/** The tab's offers (latest first) as the rules read them: in the order made. */
const inOrderMade = (offers: Awaited<ReturnType<typeof offersAndConsents>>['offers']) =>
  offers
    .map((o) => ({ participant_id: o.participantId, answer: o.answer, offered_on: o.offeredOn }))
    .reverse();

export const viewPeople =
  ({ kernel }: CaseDeps) =>
  (actor: Actor, caseId: string) =>
    kernel.readCase({ actor, caseId, part: 'people' }, async (tx, row) => {
      const participants = await participantsOf(tx, caseId);
      const { offers, consents } = await offersAndConsents(tx, caseId);
      const facts = await caseFacts(tx, row, { participants, offers: inOrderMade(offers) });
      return {
        case: row,
        participants: participants.map((p) => ({
          ...p,
          facts: facts.participants.find((f) => f.id === p.id)!,
        })),
        offers,
        consents,
      };
    });

export const viewPerson =
  ({ kernel }: CaseDeps) =>
  (actor: Actor, caseId: string, participantId: string) =>
    kernel.readCase({ actor, caseId, part: 'people' }, async (tx, row) => {
      const participant = await participantOf(tx, caseId, participantId);
      const { offers, consents } = await offersAndConsents(tx, caseId);
      const facts = await caseFacts(tx, row, { offers: inOrderMade(offers) });
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
