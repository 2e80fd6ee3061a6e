// A case's safety: its flags (sexual violence, domestic abuse, hate crime), which a service
// manager may change with a reason, and its Victims' Code duties.
import type { CaseDeps } from '../kernel/index.js';
import { changeFlags } from './change-flags.js';
import { viewFlags } from './view-flags.js';

export function caseSafetyService(deps: CaseDeps) {
  return { view: viewFlags(deps), change: changeFlags(deps) };
}

export type CaseSafetyService = ReturnType<typeof caseSafetyService>;
export { caseDuties } from './duties.js';
