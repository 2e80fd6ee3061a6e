// The Government Security Classifications marking each person's pages and exports carry. Case
// and referral data about victims and the people who harmed them is special-category and
// criminal offence data: OFFICIAL-SENSITIVE. Commissioners and national analysts see only
// suppressed aggregates (no person can be identified), which are OFFICIAL.
import type { Role } from './roles.js';

export type ProtectiveMarking = 'OFFICIAL-SENSITIVE' | 'OFFICIAL';

const AGGREGATES_ONLY: readonly Role[] = ['commissioner', 'national_analyst'];

export function protectiveMarking(role: Role): ProtectiveMarking {
  return AGGREGATES_ONLY.includes(role) ? 'OFFICIAL' : 'OFFICIAL-SENSITIVE';
}

/** Figures with small numbers suppressed identify nobody (OFFICIAL); a service's own are not. */
export function figuresMarking(suppressed: boolean): ProtectiveMarking {
  return suppressed ? 'OFFICIAL' : 'OFFICIAL-SENSITIVE';
}
