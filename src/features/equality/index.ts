// The equality feature's public surface: the service (staff on the case) and what the
// questionnaire link needs to ask the same questions and save the answers.
import type { CaseDeps } from '../cases/index.js';
import { recordEquality } from './record-equality.js';
import { viewEquality } from './view-equality.js';

export function equalityService(deps: CaseDeps) {
  return {
    form: viewEquality(deps),
    record: recordEquality(deps),
  };
}

export type EqualityService = ReturnType<typeof equalityService>;

export { equalityErrors, saveEquality, type EqualityTarget } from './save.js';
export { equalityQuestions } from './presenter.js';
