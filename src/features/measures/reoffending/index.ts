// Reoffending follow-up for people who harmed: a check date in a queue when their case closes,
// and the result with where it came from.
import type { CaseDeps, StageHooks } from '../../cases/index.js';
import { recordCheck } from './record-check.js';
import { cancelReoffendingChecks, scheduleReoffendingChecks } from './schedule.js';
import { viewChecks } from './view-checks.js';

export function reoffendingService(deps: CaseDeps) {
  return { forCase: viewChecks(deps), record: recordCheck(deps) };
}

export type ReoffendingService = ReturnType<typeof reoffendingService>;

/** Closing a case schedules its reoffending checks; reopening takes back those not made. */
export const reoffendingStageHooks: StageHooks = {
  closed: (tx, closed) => scheduleReoffendingChecks(tx, closed),
  reopened: (tx, { caseId }) => cancelReoffendingChecks(tx, caseId),
};

export { REOFFENDING_SOURCES } from './schemas.js';
