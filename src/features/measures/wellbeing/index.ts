// Wellbeing on a case: each participant's measures across the categories of need (entry, exit
// review, follow-ups), their distance travelled, and their cope-and-recover plan; the service's
// categories of need; and the CSV import. Someone who withdrew consent is not measured.
import type { CaseDeps } from '../../cases/index.js';
import { addGoal, reviewGoals } from './goals-use-cases.js';
import { wellbeingImport } from './import.js';
import { recordMeasureFromApi } from './record-measure-from-api.js';
import { recordMeasure } from './record-measure.js';
import { categorySettings } from './settings.js';
import { viewParticipantWellbeing, viewWellbeing } from './view-wellbeing.js';

export function wellbeingService(deps: CaseDeps) {
  const participantPage = viewParticipantWellbeing(deps);
  return {
    ...categorySettings(deps),
    ...wellbeingImport(deps),
    tab: viewWellbeing(deps),
    measureForm: participantPage,
    record: recordMeasure(deps),
    recordFromApi: recordMeasureFromApi(deps),
    goalForm: participantPage,
    addGoal: addGoal(deps),
    reviewForm: participantPage,
    reviewGoals: reviewGoals(deps),
  };
}

export type WellbeingService = ReturnType<typeof wellbeingService>;
export type { MeasureInput } from './record-measure.js';
export { distancesOnCase } from './summary.js';
