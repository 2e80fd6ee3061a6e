// Organisations and the roles their people may hold.
import type { Role } from './roles.js';
import { oneOf } from './one-of.js';

export const ORGANISATION_KINDS = [
  'rj_service',
  'pcc_office',
  'police',
  'prison',
  'probation',
  'youth_offending',
  'court',
  'school',
  'housing',
  'health',
  'victim_service',
  'other',
] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

export const isOrganisationKind = oneOf(ORGANISATION_KINDS);

/** Case work happens inside an RJ service; a commissioner sits in a PCC office. */
export function roleFitsOrganisation(role: Role, kind: OrganisationKind): boolean {
  switch (role) {
    case 'practitioner':
    case 'volunteer':
    case 'service_manager':
      return kind === 'rj_service';
    case 'commissioner':
      return kind === 'pcc_office';
    case 'referrer':
      return kind !== 'rj_service' && kind !== 'pcc_office';
    case 'national_analyst':
    case 'org_admin':
    case 'system_admin':
      return true;
  }
}

/** "Avon & Somerset RJ Hub" → "avon-somerset-rj-hub", at most `maxLength` characters. */
export function slugify(name: string, maxLength = 60): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, maxLength)
    .replace(/-+$/g, '');
}

export const SLUG_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/**
 * Organisations that never refer a case nor attend an awareness session: RJ services and PCC
 * offices by their kind; the national analysis unit and the organisation that administers
 * Waymark (kind "other") by their people's roles, in app_org_may_refer() (migration 0022).
 */
export const NOT_REFERRAL_SOURCES: readonly OrganisationKind[] = ['rj_service', 'pcc_office'];
