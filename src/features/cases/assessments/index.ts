// Needs, risk and suitability assessments for each participant: structured questions from the
// service's question set plus a summary. A suitability decision counts only once signed off:
// in a sexual violence or domestic abuse case by a practitioner trained for such cases, and by a
// second person when a manager (or the service's high-risk rule) asks for it.
import type { CaseDeps } from '../kernel/index.js';
import { recordAssessment } from './record-assessment.js';
import { requireSecondSignOff, secondSignOff, signOff } from './sign-off.js';
import { assessmentForm, viewAssessments } from './view-assessments.js';

export function assessmentService(deps: CaseDeps) {
  return {
    list: viewAssessments(deps),
    form: assessmentForm(deps),
    record: recordAssessment(deps),
    signOff: signOff(deps),
    requireSecondSignOff: requireSecondSignOff(deps),
    secondSignOff: secondSignOff(deps),
  };
}

export type AssessmentService = ReturnType<typeof assessmentService>;
