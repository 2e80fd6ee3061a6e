// Who may do what. Pure data: services check it, navigation shows it, tests prove it.
import { oneOf } from './one-of.js';

export const ROLES = [
  'practitioner',
  'volunteer',
  'service_manager',
  'referrer',
  'commissioner',
  'national_analyst',
  'org_admin',
  'system_admin',
] as const;
export type Role = (typeof ROLES)[number];

export const isRole = oneOf(ROLES);

export const CAPABILITIES = [
  'administer_organisation', // the actor's own organisation: its users, API tokens, audit trail
  'administer_system', // organisations and their first administrators (see domain/administration.ts)
  'work_cases', // case data inside the actor's own service
  'lead_cases', // case work a practitioner or manager does, not a volunteer: questionnaire links, approving testimonials
  'triage_referrals', // read and decide the referrals a service receives
  'record_measures', // wellbeing, questionnaires, reoffending checks, awareness work
  'manage_service', // allocation, sign-offs, service settings and outcomes
  'refer', // send referrals and follow the ones the actor's organisation sent
  'view_area', // aggregates for the actor's police force area
  'view_national', // aggregates across all areas
  'report_area', // the provision survey and monthly Victims' Code returns of the actor's own area
  'import_national', // survey responses and returns for any area, and the survey's settings
] as const;
export type Capability = (typeof CAPABILITIES)[number];

const GRANTS: Record<Role, readonly Capability[]> = {
  practitioner: ['work_cases', 'lead_cases', 'triage_referrals', 'record_measures', 'refer'],
  volunteer: ['work_cases', 'record_measures'],
  service_manager: [
    'work_cases',
    'lead_cases',
    'triage_referrals',
    'record_measures',
    'manage_service',
    'refer',
  ],
  referrer: ['refer'],
  commissioner: ['view_area', 'report_area'],
  national_analyst: ['view_national', 'import_national'],
  // Administrators run Waymark but never see case data. An organisation administrator looks
  // after its own organisation; the system administrator also creates organisations and gives
  // each its first administrator, and nothing more outside its own (docs/adr/0014).
  org_admin: ['administer_organisation'],
  system_admin: ['administer_organisation', 'administer_system'],
};

/** The roles that administer an organisation (and count as its administrators). */
export const ADMINISTRATOR_ROLES = ['org_admin', 'system_admin'] as const satisfies Role[];

export function isAdministratorRole(role: Role): boolean {
  return (ADMINISTRATOR_ROLES as readonly Role[]).includes(role);
}

// The command line is run by whoever operates the server, from outside every organisation:
// it administers the system, and imports on behalf of a named service, but never reads case data.
const SYSTEM_GRANTS: readonly Capability[] = ['administer_system', 'refer'];
// A system with an API token may send referrals and follow them; a service's own system may
// also record measures against its cases (row-level security keeps it to its own service).
const API_GRANTS: readonly Capability[] = ['refer', 'record_measures'];

/** A signed-in person. */
export interface UserActor {
  kind: 'user';
  userId: string;
  orgId: string;
  role: Role;
  name: string;
  /** Correlates the audit trail with the request log. */
  requestId?: string;
}

/** The operator at the command line. */
export interface SystemActor {
  kind: 'system';
  /** The organisation acted for, when the command names one. */
  orgId: string | null;
  name: string;
  requestId?: string;
}

/** A partner system (a police records system's daily feed, say) using an API token. */
export interface ApiActor {
  kind: 'api';
  orgId: string;
  tokenId: string;
  name: string;
  requestId?: string;
}

/**
 * Someone answering a questionnaire through a one-time link: no account, acting for the link's
 * organisation only to record their own answers (row-level security allows nothing more).
 */
export interface RespondentActor {
  kind: 'respondent';
  orgId: string;
  /** The hash of the link's token (never the token). */
  linkHash: string;
  requestId?: string;
}

export type Actor = UserActor | SystemActor | ApiActor | RespondentActor;

export function can(actor: Actor, capability: Capability): boolean {
  // A respondent holds no capability: the link's own use case is all they may do.
  if (actor.kind === 'respondent') return false;
  const grants =
    actor.kind === 'user' ? GRANTS[actor.role] : actor.kind === 'api' ? API_GRANTS : SYSTEM_GRANTS;
  return grants.includes(capability);
}

/**
 * What a commissioner or national analyst may do: see figures, nothing else. Answering the
 * provision survey and giving Victims' Code returns for an area, and importing them for every
 * area, touch no case data either.
 */
const FIGURE_CAPABILITIES: readonly Capability[] = [
  'view_area',
  'view_national',
  'report_area',
  'import_national',
];

/**
 * Whether the actor sees aggregates only. Such an actor acts in the database as the role
 * waymark_figures, which has no grant on any table of case data, and is told "not found" for
 * anything else (so a case, referral or person URL does not even say it exists).
 */
export function seesFiguresOnly(actor: Actor | null): boolean {
  return actor?.kind === 'user' && GRANTS[actor.role].every((c) => FIGURE_CAPABILITIES.includes(c));
}

export function roleCan(role: Role, capability: Capability): boolean {
  return GRANTS[role].includes(capability);
}

/** The roles that work on cases: who may be allocated one, or record time on it. */
export const CASE_WORKERS: readonly Role[] = ROLES.filter((role) => roleCan(role, 'work_cases'));

/** The signed-in person acting, for columns that say who did something (null otherwise). */
export function userIdOf(actor: Actor): string | null {
  return actor.kind === 'user' ? actor.userId : null;
}
