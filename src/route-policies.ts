// Who may reach each route: one declared policy for every route and API operation. The app
// refuses to start with a route that matches none (src/app.ts), and the authorization matrix
// test (test/int/authorization-matrix.int.test.ts) checks every route against every role.
// The services remain the authority (they check capabilities, and the database checks rows);
// this table says what they are meant to allow, so a route added without thought fails.
import type { Role } from './domain/roles.js';

/** Which of a role's records a route reaches. */
export type Scope =
  | 'none' // nothing held about anyone (public pages, one's own account)
  | 'own_organisation' // its own organisation's records; another's answer 404
  | 'own_case' // a case of its own service (a volunteer: only cases allocated to them)
  | 'own_referrals' // referrals its own organisation sent
  | 'own_area' // aggregates for its own police force area
  | 'all_areas' // aggregates for every area
  | 'link' // a one-time link or token in the path, whoever holds it
  | 'api_token'; // an API token's organisation

export interface RoutePolicy {
  /** Roles that may use it; 'anyone' includes people not signed in, 'signed_in' every role. */
  who: readonly Role[] | 'anyone' | 'signed_in' | 'api_token';
  scope: Scope;
  /**
   * The password and a current code must have been given in the last 15 minutes (ADR 0019):
   * every export of personal or case data, and changes to one's own password or second factor.
   * app.ts puts the platform's one step-up guard in front of every route whose policy says so.
   */
  stepUp?: true;
}

const STAFF = ['practitioner', 'volunteer', 'service_manager'] as const;
const CASEWORKERS = ['practitioner', 'service_manager'] as const;
const MANAGER = ['service_manager'] as const;
const ADMINS = ['org_admin', 'system_admin'] as const;

/** [method or '*', path pattern (Fastify's), policy]; the first that matches applies. */
export const ROUTE_POLICIES: readonly (readonly [string, RegExp, RoutePolicy])[] = [
  ['*', /^\/(assets\/.*|\*|ping|health|cookies|accessibility)$/, { who: 'anyone', scope: 'none' }],
  ['*', /^\/(sign-in|sign-out)$/, { who: 'anyone', scope: 'none' }],
  // The second factor, answered by whoever has just given the right password (anyone else is
  // sent to sign in, as from any page for the signed-in).
  [
    '*',
    /^\/sign-in\/(set-up-authenticator|code|recovery-code)$/,
    { who: 'signed_in', scope: 'none' },
  ],
  ['*', /^\/(setup|set-password|q)\/:token$/, { who: 'anyone', scope: 'link' }],
  ['*', /^\/q\/thank-you$/, { who: 'anyone', scope: 'none' }],
  ['*', /^\/api\/v1\/openapi\.json$/, { who: 'anyone', scope: 'none' }],
  // How each published figure is defined: public, like the figures' definitions themselves.
  ['*', /^\/definitions(\.json|\/:id)?$/, { who: 'anyone', scope: 'none' }],
  // Aggregates only, above the service: an area's for its commissioner, every area's nationally.
  ['*', /^\/area$/, { who: ['commissioner'], scope: 'own_area' }],
  [
    '*',
    /^\/areas\/:areaId(\/return\.(csv|xlsx))?$/,
    { who: ['commissioner', 'national_analyst'], scope: 'own_area' },
  ],
  ['*', /^\/areas\/:areaId\/spend$/, { who: ['commissioner'], scope: 'own_area' }],
  ['*', /^\/provision(\/|$)/, { who: ['commissioner'], scope: 'own_area' }],
  ['*', /^\/national\//, { who: ['national_analyst'], scope: 'all_areas' }],
  ['*', /^\/api\/v1\//, { who: 'api_token', scope: 'api_token' }],
  ['*', /^\/account\/(password|authenticator)$/, { who: 'signed_in', scope: 'none', stepUp: true }],
  [
    '*',
    /^\/(account|reauthenticate|session\/(ending|extend))?$/,
    { who: 'signed_in', scope: 'none' },
  ],
  // An organisation's own administrator may open its own organisation's page.
  ['GET', /^\/admin\/organisations\/:slug$/, { who: ADMINS, scope: 'own_organisation' }],
  ['*', /^\/admin\/organisations/, { who: ['system_admin'], scope: 'own_organisation' }],
  ['*', /^\/admin\//, { who: ADMINS, scope: 'own_organisation' }],
  ['*', /^\/staff-changes$/, { who: [...MANAGER, ...ADMINS], scope: 'own_organisation' }],
  // Exports of personal or case data: each asks for the password and a code again (step-up).
  [
    'GET',
    /^\/cases\/:id\/people\/:pid\/subject-access\/report\.:format$/,
    { who: MANAGER, scope: 'own_case', stepUp: true },
  ],
  [
    'GET',
    /^\/cases\/:id\/documents\/:documentId$/,
    { who: STAFF, scope: 'own_case', stepUp: true },
  ],
  [
    'GET',
    /^\/referrals\/import\/:jobId\/rejects\.csv$/,
    { who: MANAGER, scope: 'own_organisation', stepUp: true },
  ],
  [
    'GET',
    /^\/outcomes\/report\.(csv|xlsx)$/,
    { who: MANAGER, scope: 'own_organisation', stepUp: true },
  ],
  ['*', /^\/cases\/:id\/(allocate|safety-flags|seen-by)$/, { who: MANAGER, scope: 'own_case' }],
  // A person's own data, gathered for their subject access request: the service manager's duty.
  ['*', /^\/cases\/:id\/people\/:pid\/subject-access/, { who: MANAGER, scope: 'own_case' }],
  ['*', /^\/cases\/:id\/transfer$/, { who: CASEWORKERS, scope: 'own_case' }],
  // A one-time questionnaire link goes to a person's email: made by the service's staff.
  ['*', /^\/cases\/:id\/feedback\/people\/:pid\/link$/, { who: CASEWORKERS, scope: 'own_case' }],
  ['*', /^\/cases(\/|$)/, { who: STAFF, scope: 'own_case' }],
  ['*', /^\/awareness/, { who: STAFF, scope: 'own_organisation' }],
  ['*', /^\/transfers/, { who: CASEWORKERS, scope: 'own_organisation' }],
  ['*', /^\/referrals\/import/, { who: MANAGER, scope: 'own_organisation' }],
  [
    '*',
    /^\/referrals\/(new|sent|drafts|confirmation)(\/|$)/,
    { who: [...CASEWORKERS, 'referrer'], scope: 'own_referrals' },
  ],
  ['*', /^\/referrals(\/|$)/, { who: CASEWORKERS, scope: 'own_organisation' }],
  [
    '*',
    /^\/(outcomes|time|settings|feedback\/questionnaires)(\/|$)/,
    { who: MANAGER, scope: 'own_organisation' },
  ],
];

/** The declared policy for a route as Fastify registers it ("/cases/:id/people"), if any. */
export function policyFor(method: string, path: string): RoutePolicy | undefined {
  return ROUTE_POLICIES.find(
    ([m, pattern]) => (m === '*' || m === method) && pattern.test(path),
  )?.[2];
}

/** Whether a role may use a route under its policy (within the policy's scope). */
export function allows(policy: RoutePolicy, role: Role | null): boolean {
  if (policy.who === 'anyone') return true;
  if (policy.who === 'api_token') return false;
  if (role === null) return false;
  return policy.who === 'signed_in' || policy.who.includes(role);
}
