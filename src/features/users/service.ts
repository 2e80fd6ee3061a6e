// Accounts: an organisation's administrators add and look after its people; the system
// administrator and the command line may only give an organisation its first administrator
// (src/domain/administration.ts, docs/adr/0014). Each use case asks the rule, and row-level
// security on users (migration 0012) refuses the same things again.
import type { Kysely } from 'kysely';
import { withActor, type Tx } from '../../db/actor-context.js';
import type { DB } from '../../db/schema.js';
import {
  mayAddUser,
  mayChangeRole,
  mayChangeUser,
  mayIssuePasswordLink,
  mayViewUser,
  type AccountChange,
  type Decision,
  type Refusal,
  isSystemAdministrator,
} from '../../domain/administration.js';
import { isOrganisationKind, roleFitsOrganisation } from '../../domain/organisations.js';
import { isUuid } from '../../domain/ids.js';
import { ROLES, type Actor, type Capability } from '../../domain/roles.js';
import { authorize } from '../../platform/authorize.js';
import type { Clock } from '../../platform/clock.js';
import {
  AppError,
  forbidden,
  notFound,
  validationFailed,
  type FieldError,
} from '../../platform/errors.js';
import { choice, toFieldErrors } from '../../platform/forms.js';
import { hashPassword } from '../../platform/passwords.js';
import {
  findOrganisationById,
  findOrganisationBySlug,
  type OrganisationRow,
} from '../organisations/index.js';
import { passwordLinks, passwordProblem, type SessionEnder } from './password-links.js';
import { emailInUse, findUserById, hasAdministrator, listUsers, type UserRow } from './queries.js';
import { newUserSchema, userFilterSchema, type NewUser } from './schemas.js';
import { markTrainingByManager } from './mark-training.js';
import { secondFactorReset } from './second-factor-reset.js';
import { sessionsEnder } from './end-sessions.js';
import { recordStaffEvent, recordStaffRefusal } from './staff-events.js';

export { PASSWORD_LINK_HOURS, passwordProblem } from './password-links.js';

interface Deps {
  db: Kysely<DB>;
  clock: Clock;
  sessions: SessionEnder;
}

/** The web administers from inside an organisation; the command line from outside all. */
const capabilityOf = (actor: Actor): Capability =>
  actor.kind === 'system' ? 'administer_system' : 'administer_organisation';

/** What a refusal of a change to an existing account is answered with. */
function refusalError(refusal: Refusal): AppError {
  if (refusal === 'hidden') return notFound();
  if (refusal === 'own_account') return new AppError('conflict', 'users.errors.ownAccount');
  return forbidden();
}

/** A refusal to add, told at the field that decides it. */
const ADD_REFUSALS: Partial<Record<Refusal, FieldError>> = {
  only_first_administrator: { field: 'role', key: 'users.errors.onlyFirstAdministrator' },
  has_administrator: { field: 'org', key: 'users.errors.hasAdministrator' },
  system_admin_only: { field: 'role', key: 'users.errors.systemAdminOnly' },
};

const roleSchema = choice(ROLES, 'users.errors.roleRequired');

export function userService({ db, clock, sessions }: Deps) {
  const links = passwordLinks({ db, clock, sessions });

  /**
   * Loads an account and asks the rule, refusing (and recording the refusal) before any change:
   * another organisation's people are "not found".
   */
  async function decided(
    actor: Actor,
    id: string,
    action: string,
    decide: (account: UserRow) => Decision,
  ): Promise<UserRow> {
    await authorize(db, actor, capabilityOf(actor), action);
    const account = isUuid(id)
      ? await withActor(db, actor, (tx) => findUserById(tx, id))
      : undefined;
    const decision: Decision = account ? decide(account) : { allowed: false, refusal: 'hidden' };
    if (!decision.allowed) {
      const orgId = decision.refusal === 'hidden' ? null : account!.orgId;
      await recordStaffRefusal(db, actor, orgId, {
        action,
        entityType: 'user',
        entityId: isUuid(id) ? id : undefined,
        refusal: decision.refusal,
      });
      throw refusalError(decision.refusal);
    }
    return account!;
  }

  async function change(
    actor: Actor,
    id: string,
    kind: AccountChange,
    action: string,
    work: (tx: Tx, account: UserRow) => Promise<Record<string, unknown> | void>,
  ): Promise<void> {
    const account = await decided(actor, id, action, (a) => mayChangeUser(actor, a, kind));
    await withActor(db, actor, async (tx) => {
      const details = await work(tx, account);
      await recordStaffEvent(tx, actor, account.orgId, {
        action,
        entityType: 'user',
        entityId: id,
        details: details ?? undefined,
      });
    });
  }

  return {
    /** A service manager marks the service's own staff as trained for SV/DA cases. */
    markTrainingByManager: markTrainingByManager({ db }),
    /** The actor's own organisation; for the system administrator, every organisation's administrators too. */
    async list(actor: Actor, filter: unknown) {
      await authorize(db, actor, 'administer_organisation', 'user.listed');
      const { role, org, search } = userFilterSchema.parse(filter ?? {});
      const scope = { orgId: actor.orgId, administratorsElsewhere: isSystemAdministrator(actor) };
      return withActor(db, actor, (tx) => listUsers(tx, scope, { role, orgSlug: org, search }));
    },

    async get(actor: Actor, id: string) {
      return decided(actor, id, 'user.viewed', (account) => mayViewUser(actor, account));
    },

    /**
     * Adds a user. With a password (command line), they can sign in at once; without one,
     * the result carries a one-time link for them to choose their own. Without an
     * organisation, the user joins the actor's own.
     */
    async add(actor: Actor, input: unknown) {
      await authorize(db, actor, capabilityOf(actor), 'user.created');
      const parsed = newUserSchema.safeParse(input);
      if (!parsed.success) throw validationFailed(toFieldErrors(parsed.error));
      const data = parsed.data;
      const outcome = await withActor(db, actor, async (tx) => {
        const checked = await checkNewUser(tx, actor, data);
        if ('refusal' in checked) return checked;
        const { organisation } = checked;
        const row = await tx
          .insertInto('users')
          .values({
            org_id: organisation.id,
            email: data.email,
            name: data.name,
            role: data.role,
            password_hash: data.password ? await hashPassword(data.password) : null,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        const passwordToken = data.password ? undefined : await links.issue(tx, row.id);
        await recordStaffEvent(tx, actor, organisation.id, {
          action: 'user.created',
          entityType: 'user',
          entityId: row.id,
          details: { role: data.role },
        });
        return { id: row.id, passwordToken, orgId: organisation.id };
      });
      if ('refusal' in outcome) {
        await recordStaffRefusal(db, actor, outcome.refusal === 'hidden' ? null : outcome.orgId, {
          action: 'user.created',
          entityType: 'user',
          refusal: outcome.refusal,
          details: { role: data.role },
        });
        const fieldError = ADD_REFUSALS[outcome.refusal];
        throw fieldError ? validationFailed([fieldError]) : notFound();
      }
      return outcome;
    },

    async setActive(actor: Actor, id: string, active: boolean) {
      const kind = active ? 'reactivate' : 'deactivate';
      await change(actor, id, kind, `user.${kind}d`, async (tx) => {
        await tx.updateTable('users').set({ active }).where('id', '=', id).execute();
        // Removing someone ends every session they have, in the same transaction.
        if (!active) await tx.deleteFrom('sessions').where('user_id', '=', id).execute();
      });
    },

    /** Marks whether a practitioner is trained for sexual violence and domestic abuse cases. */
    async setTrainedSvDa(actor: Actor, id: string, trained: boolean) {
      await change(actor, id, 'training', 'user.training_changed', async (tx) => {
        await tx
          .updateTable('users')
          .set({ trained_sv_da: trained })
          .where('id', '=', id)
          .execute();
        return { trainedSvDa: trained };
      });
    },

    /** A new role, which applies from the person's next request (sessions hold no role). */
    async changeRole(actor: Actor, id: string, input: unknown) {
      const parsed = roleSchema.safeParse((input as { role?: unknown } | undefined)?.role);
      if (!parsed.success)
        throw validationFailed([{ field: 'role', key: 'users.errors.roleRequired' }]);
      const role = parsed.data;
      const account = await decided(actor, id, 'user.role_changed', (a) =>
        mayChangeRole(actor, a, role),
      );
      if (isOrganisationKind(account.orgKind) && !roleFitsOrganisation(role, account.orgKind)) {
        throw validationFailed([{ field: 'role', key: `users.errors.roleNotFor.${role}` }]);
      }
      if (role === account.role) return;
      await withActor(db, actor, async (tx) => {
        await tx.updateTable('users').set({ role }).where('id', '=', id).execute();
        await recordStaffEvent(tx, actor, account.orgId, {
          action: 'user.role_changed',
          entityType: 'user',
          entityId: id,
          details: { from: account.role, to: role },
        });
      });
    },

    /** A fresh one-time link for a user to set a new password (any earlier link stops working). */
    async issuePasswordLink(actor: Actor, id: string): Promise<string> {
      const account = await decided(actor, id, 'user.password_link_issued', (a) =>
        mayIssuePasswordLink(actor, a),
      );
      return withActor(db, actor, async (tx) => {
        const token = await links.issue(tx, id);
        await recordStaffEvent(tx, actor, account.orgId, {
          action: 'user.password_link_issued',
          entityType: 'user',
          entityId: id,
        });
        return token;
      });
    },
    /** Its authenticator and recovery codes go, and its sessions end; or its sessions only. */
    resetSecondFactor: secondFactorReset({ db, decided }),
    endSessions: sessionsEnder({ db, decided }),

    passwordLinkValid: (token: string) => links.valid(token),
    setPasswordWithLink: (token: string, password: string) => links.use(token, password),
    changeOwnPassword: (actor: Actor, current: string, replacement: string) =>
      links.changeOwn(actor, current, replacement),
  };
}

type NewUserCheck = { organisation: OrganisationRow } | { refusal: Refusal; orgId: string | null };

/** Field problems throw; a refusal by the administration rule is returned to be recorded. */
async function checkNewUser(tx: Tx, actor: Actor, data: NewUser): Promise<NewUserCheck> {
  const errors: FieldError[] = [];
  const organisation = data.org
    ? await findOrganisationBySlug(tx, data.org)
    : await ownOrganisation(tx, actor);
  if (!organisation) {
    errors.push({
      field: 'org',
      key: data.org ? 'users.errors.orgUnknown' : 'users.errors.orgRequired',
    });
  } else {
    const target = {
      id: organisation.id,
      hasAdministrator: await hasAdministrator(tx, organisation.id),
    };
    const decision = mayAddUser(actor, target, data.role);
    if (!decision.allowed) return { refusal: decision.refusal, orgId: organisation.id };
    if (
      isOrganisationKind(organisation.kind) &&
      !roleFitsOrganisation(data.role, organisation.kind)
    ) {
      errors.push({ field: 'role', key: `users.errors.roleNotFor.${data.role}` });
    }
  }
  if (await emailInUse(tx, data.email))
    errors.push({ field: 'email', key: 'users.errors.emailTaken' });
  if (data.password) {
    const problem = passwordProblem(data.password, data.email);
    if (problem) errors.push({ field: 'password', key: problem });
  }
  if (errors.length > 0 || !organisation) throw validationFailed(errors);
  return { organisation };
}

function ownOrganisation(tx: Tx, actor: Actor) {
  return actor.kind === 'user' ? findOrganisationById(tx, actor.orgId) : Promise.resolve(undefined);
}

export type UserService = ReturnType<typeof userService>;
