// The outcome agreement of a case (apology, reparation, restitution with its payments, community
// work, other items), each tracked to completion; and follow-up contact after an intervention.
import type { CaseDeps } from '../kernel/index.js';
import { addItem } from './add-item.js';
import { changeItem } from './change-item.js';
import { completeFollowUp } from './complete-follow-up.js';
import { completeItem } from './complete-item.js';
import { recordPayment } from './record-payment.js';
import { scheduleFollowUp } from './schedule-follow-up.js';
import { endPlan, setPlan } from './set-plan.js';
import { viewAgreement } from './view-agreement.js';

export function agreementService(deps: CaseDeps) {
  return {
    tab: viewAgreement(deps),
    addItem: addItem(deps),
    updateItem: changeItem(deps),
    completeItem: completeItem(deps),
    addPayment: recordPayment(deps),
    setPlan: setPlan(deps),
    endPlan: endPlan(deps),
    scheduleFollowUp: scheduleFollowUp(deps),
    markFollowUpDone: completeFollowUp(deps),
  };
}

export type AgreementService = ReturnType<typeof agreementService>;
