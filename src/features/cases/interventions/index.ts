// Interventions along the spectrum: planning one, changing it, recording what happened, and the
// two kinds with more to them: shuttle communication (each message carried, each way) and the
// letter of apology (released only after the harmed person chose to receive it).
import type { CaseDeps } from '../kernel/index.js';
import { carryMessage } from './carry-message.js';
import { changeIntervention } from './change-intervention.js';
import { planIntervention } from './plan-intervention.js';
import { receiveLetter } from './receive-letter.js';
import { recordInterventionOutcome } from './record-intervention-outcome.js';
import { recordLetterDecision } from './record-letter-decision.js';
import { releaseLetter } from './release-letter.js';
import { viewInterventions } from './view-interventions.js';

export function interventionService(deps: CaseDeps) {
  return {
    tab: viewInterventions(deps),
    plan: planIntervention(deps),
    update: changeIntervention(deps),
    recordOutcome: recordInterventionOutcome(deps),
    addMessage: carryMessage(deps),
    receiveLetter: receiveLetter(deps),
    recordRecipientDecision: recordLetterDecision(deps),
    markDelivered: releaseLetter(deps),
  };
}

export type InterventionService = ReturnType<typeof interventionService>;
