// Keeping people informed: how often each person is told how the case is going, and what they
// were told and how.
import type { CaseDeps } from '../kernel/index.js';
import { recordUpdate } from './record-update.js';
import { setUpdateInterval } from './set-interval.js';
import { viewUpdates } from './view-updates.js';

export function updateService(deps: CaseDeps) {
  return {
    tab: viewUpdates(deps),
    record: recordUpdate(deps),
    setInterval: setUpdateInterval(deps),
  };
}

export type UpdateService = ReturnType<typeof updateService>;
