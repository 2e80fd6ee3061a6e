// Who may administer whose accounts and API tokens (docs/adr/0014). Pure rules: the users and
// API token services ask them first, and migration 0012 enforces the same rules again in the
// database. An organisation's people are its own administrators' business. From outside an
// organisation, the system administrator (or the operator at the command line) may only give
// it its first administrator, and never adds, changes or signs in as anyone who works there.
import { isAdministratorRole, type Actor, type Role } from './roles.js';

/**
 * Why something is refused. `hidden`: not the actor's to see at all (answered "not found", so
 * another organisation's people are not revealed). The others are told to the actor.
 */
export type Refusal =
  | 'hidden'
  | 'read_only'
  | 'only_first_administrator'
  | 'has_administrator'
  | 'system_admin_only'
  | 'own_account';

export type Decision = { allowed: true } | { allowed: false; refusal: Refusal };

/** An account, as much of it as the rules need. */
export interface Account {
  id: string;
  orgId: string;
  role: Role;
  hasPassword: boolean;
}

/** An organisation someone would add a user to. */
export interface TargetOrganisation {
  id: string;
  /** Whether it has an active organisation or system administrator. */
  hasAdministrator: boolean;
}

/**
 * Where the actor stands towards an organisation: one of its administrators (`inside`), the
 * system administrator of another organisation or the operator at the command line, who
 * belongs to none (`outside`), or neither.
 */
export type Standing = 'inside' | 'outside' | 'none';

export function standing(actor: Actor, orgId: string): Standing {
  if (actor.kind === 'system') return actor.orgId === null ? 'outside' : 'none';
  if (actor.kind !== 'user' || !isAdministratorRole(actor.role)) return 'none';
  if (actor.orgId === orgId) return 'inside';
  return actor.role === 'system_admin' ? 'outside' : 'none';
}

const ALLOWED: Decision = { allowed: true };
const refuse = (refusal: Refusal): Decision => ({ allowed: false, refusal });

/** The person who administers the system (not the command line, which acts for no one). */
export const isSystemAdministrator = (actor: Actor | null | undefined) =>
  actor?.kind === 'user' && actor.role === 'system_admin';
const isSelf = (actor: Actor, account: Account) =>
  actor.kind === 'user' && actor.userId === account.id;

/** May the actor add a user with this role to this organisation? */
export function mayAddUser(actor: Actor, target: TargetOrganisation, role: Role): Decision {
  switch (standing(actor, target.id)) {
    case 'inside':
      // Only a system administrator makes another (first-time set-up makes the first).
      return role === 'system_admin' && !isSystemAdministrator(actor)
        ? refuse('system_admin_only')
        : ALLOWED;
    case 'outside':
      if (!isAdministratorRole(role)) return refuse('only_first_administrator');
      return target.hasAdministrator ? refuse('has_administrator') : ALLOWED;
    case 'none':
      return refuse('hidden');
  }
}

/** May the actor see this account? From outside, only an organisation's administrators. */
export function mayViewUser(actor: Actor, account: Account): Decision {
  switch (standing(actor, account.orgId)) {
    case 'inside':
      return ALLOWED;
    case 'outside':
      return isAdministratorRole(account.role) ? ALLOWED : refuse('hidden');
    case 'none':
      return refuse('hidden');
  }
}

export type AccountChange = 'deactivate' | 'reactivate' | 'training' | 'role';

/** May the actor change this account (status, training, role)? Only from inside. */
export function mayChangeUser(actor: Actor, account: Account, change: AccountChange): Decision {
  const view = mayViewUser(actor, account);
  if (!view.allowed) return view;
  if (standing(actor, account.orgId) !== 'inside') return refuse('read_only');
  if (account.role === 'system_admin' && !isSystemAdministrator(actor)) {
    return refuse('system_admin_only');
  }
  // Nobody locks themselves out: another administrator deactivates or re-roles them.
  if ((change === 'deactivate' || change === 'role') && isSelf(actor, account)) {
    return refuse('own_account');
  }
  return ALLOWED;
}

/** May the actor give this account a new role? */
export function mayChangeRole(actor: Actor, account: Account, newRole: Role): Decision {
  const change = mayChangeUser(actor, account, 'role');
  if (!change.allowed) return change;
  return newRole === 'system_admin' && !isSystemAdministrator(actor)
    ? refuse('system_admin_only')
    : ALLOWED;
}

/**
 * May the actor make a one-time link that sets this account's password? Whoever holds the link
 * can sign in as the account, so from outside only for an administrator the actor added who
 * has not yet chosen a password (their first link expired).
 */
export function mayIssuePasswordLink(actor: Actor, account: Account): Decision {
  const view = mayViewUser(actor, account);
  if (!view.allowed) return view;
  if (standing(actor, account.orgId) === 'inside') {
    return account.role === 'system_admin' && !isSystemAdministrator(actor)
      ? refuse('system_admin_only')
      : ALLOWED;
  }
  return account.hasPassword ? refuse('read_only') : ALLOWED;
}

/**
 * May the actor reset this account's second factor (its owner sets up a new authenticator at
 * their next sign-in)? Its organisation's administrators; and from outside, the system
 * administrator for another organisation's administrators, who may have nobody inside to ask.
 * Only a system administrator resets a system administrator's.
 */
export function mayResetSecondFactor(actor: Actor, account: Account): Decision {
  const view = mayViewUser(actor, account);
  if (!view.allowed) return view;
  return account.role === 'system_admin' && !isSystemAdministrator(actor) && actor.kind !== 'system'
    ? refuse('system_admin_only')
    : ALLOWED;
}

/** May the actor issue an API token for this organisation? Only its own administrators. */
export function mayIssueToken(actor: Actor, orgId: string): Decision {
  return standing(actor, orgId) === 'inside' ? ALLOWED : refuse('hidden');
}

/**
 * May the actor see or revoke this organisation's API tokens? Its own administrators, and the
 * operator at the command line, who can stop a leaked token for any organisation.
 */
export function mayManageTokens(actor: Actor, orgId: string): Decision {
  const where = standing(actor, orgId);
  if (where === 'inside') return ALLOWED;
  return where === 'outside' && actor.kind === 'system' ? ALLOWED : refuse('hidden');
}

/** Whether an action on this organisation's people comes from outside it (and must be told). */
export function actsFromOutside(actor: Actor, orgId: string): boolean {
  return standing(actor, orgId) === 'outside';
}
