// The people in a case: who they are, how to reach them safely, the offer of restorative
// justice and its answer, and their informed consent (which they may withdraw at any time).
import type { CaseDeps } from '../kernel/index.js';
import { addParticipant } from './add-participant.js';
import { changeAddress } from './change-address.js';
import { changeParticipant } from './change-participant.js';
import { recordConsent } from './record-consent.js';
import { recordOffer } from './record-offer.js';
import { viewPeople, viewPerson } from './view-people.js';
import { withdrawConsent } from './withdraw-consent.js';

export function peopleService(deps: CaseDeps) {
  return {
    list: viewPeople(deps),
    get: viewPerson(deps),
    add: addParticipant(deps),
    update: changeParticipant(deps),
    changeAddress: changeAddress(deps),
    recordOffer: recordOffer(deps),
    recordConsent: recordConsent(deps),
    withdrawConsent: withdrawConsent(deps),
  };
}

export type PeopleService = ReturnType<typeof peopleService>;
export {
  addressPath,
  participantOf,
  requireCanWorkWith,
  requireSafeContact,
  safeContactOverrideEvents,
  type Participant,
} from './participants.js';
