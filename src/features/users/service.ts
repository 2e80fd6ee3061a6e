import type { Kysely } from 'kysely';
import { withActor, type Tx } from '../../db/actor-context.js';
import type { DB } from '../../db/schema.js';
import { isOrganisationKind, roleFitsOrganisation } from '../../domain/organisations.js';
import { checkPassword } from '../../domain/password-policy.js';
import { isUuid } from '../../domain/ids.js';
import type { Actor, Role } from '../../domain/roles.js';
import { recordAudit } from '../../platform/audit.js';
import { authorize } from '../../platform/authorize.js';
import type { Clock } from '../../platform/clock.js';
import { commonPasswords } from '../../platform/common-passwords.js';
import { AppError, notFound, validationFailed, type FieldError } from '../../platform/errors.js';
import { toFieldErrors } from '../../platform/forms.js';
import { hashPassword, verifyPassword } from '../../platform/passwords.js';
import { hashToken, newToken } from '../../platform/secure-tokens.js';
import { findOrganisationBySlug } from '../organisations/index.js';
import { emailInUse, findUserById, listUsers } from './queries.js';
import { newUserSchema, userFilterSchema, type NewUser } from './schemas.js';

export const PASSWORD_LINK_HOURS = 72;

interface Deps {
  db: Kysely<DB>;
  clock: Clock;
  /** Ends a person's sessions (the auth feature's, wired in services.ts). */
  sessions: { endAllFor(userId: string): Promise<unknown> };
}

/** Translation key of the problem with a proposed password, or null. */
export function passwordProblem(password: string, email: string): string | null {
  const problem = checkPassword(password, { email, commonPasswords: commonPasswords() });
  return problem ? `passwords.errors.${problem}` : null;
}

export function userService({ db, clock, sessions }: Deps) {
  async function issuePasswordToken(tx: Tx, userId: string): Promise<string> {
    const token = newToken();
    const now = clock.now();
    await tx.deleteFrom('password_tokens').where('user_id', '=', userId).execute();
    await tx
      .insertInto('password_tokens')
      .values({
        token_hash: hashToken(token),
        user_id: userId,
        created_at: now,
        expires_at: new Date(now.getTime() + PASSWORD_LINK_HOURS * 3_600_000),
      })
      .execute();
    return token;
  }

  async function validTokenUser(token: string) {
    const row = await db
      .selectFrom('password_tokens')
      .innerJoin('users', 'users.id', 'password_tokens.user_id')
      .select([
        'users.id',
        'users.email',
        'users.org_id',
        'users.role',
        'users.name',
        'users.active',
      ])
      .where('password_tokens.token_hash', '=', hashToken(token))
      .where('password_tokens.used_at', 'is', null)
      .where('password_tokens.expires_at', '>', clock.now())
      .executeTakeFirst();
    return row?.active ? row : undefined;
  }

  return {
    async list(actor: Actor, filter: unknown) {
      await authorize(db, actor, 'administer', 'user.listed');
      const { role, org, search } = userFilterSchema.parse(filter ?? {});
      return listUsers(db, { role, orgSlug: org, search });
    },

    async get(actor: Actor, id: string) {
      await authorize(db, actor, 'administer', 'user.viewed');
      const user = isUuid(id) ? await findUserById(db, id) : undefined;
      if (!user) throw notFound();
      return user;
    },

    /**
     * Adds a user. With a password (command line), they can sign in at once; without one,
     * the result carries a one-time link for them to choose their own.
     */
    async add(actor: Actor, input: unknown) {
      await authorize(db, actor, 'administer', 'user.created');
      const parsed = newUserSchema.safeParse(input);
      if (!parsed.success) throw validationFailed(toFieldErrors(parsed.error));
      const data = parsed.data;
      return withActor(db, actor, async (tx) => {
        const { orgId, errors } = await checkNewUser(tx, data);
        if (errors.length > 0 || !orgId) throw validationFailed(errors);
        const row = await tx
          .insertInto('users')
          .values({
            org_id: orgId,
            email: data.email,
            name: data.name,
            role: data.role,
            password_hash: data.password ? await hashPassword(data.password) : null,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        const passwordToken = data.password ? undefined : await issuePasswordToken(tx, row.id);
        await recordAudit(tx, actor, {
          action: 'user.created',
          entityType: 'user',
          entityId: row.id,
          details: { role: data.role, org: data.org },
        });
        return { id: row.id, passwordToken };
      });
    },

    async setActive(actor: Actor, id: string, active: boolean) {
      await authorize(db, actor, 'administer', active ? 'user.reactivated' : 'user.deactivated');
      if (actor.kind === 'user' && actor.userId === id && !active) {
        throw new AppError('conflict', 'users.errors.cannotDeactivateSelf');
      }
      await withActor(db, actor, async (tx) => {
        const result = await tx
          .updateTable('users')
          .set({ active })
          .where('id', '=', id)
          .executeTakeFirst();
        if (result.numUpdatedRows === 0n) throw notFound();
        await recordAudit(tx, actor, {
          action: active ? 'user.reactivated' : 'user.deactivated',
          entityType: 'user',
          entityId: id,
        });
      });
      if (!active) await sessions.endAllFor(id);
    },

    /** Marks whether a practitioner is trained for sexual violence and domestic abuse cases. */
    async setTrainedSvDa(actor: Actor, id: string, trained: boolean) {
      await authorize(db, actor, 'administer', 'user.training_changed');
      await withActor(db, actor, async (tx) => {
        const result = await tx
          .updateTable('users')
          .set({ trained_sv_da: trained })
          .where('id', '=', id)
          .executeTakeFirst();
        if (result.numUpdatedRows === 0n) throw notFound();
        await recordAudit(tx, actor, {
          action: 'user.training_changed',
          entityType: 'user',
          entityId: id,
          details: { trainedSvDa: trained },
        });
      });
    },

    /** A fresh one-time link for a user to set a new password (any earlier link stops working). */
    async issuePasswordLink(actor: Actor, id: string): Promise<string> {
      await authorize(db, actor, 'administer', 'user.password_link_issued');
      return withActor(db, actor, async (tx) => {
        if (!isUuid(id) || !(await findUserById(tx, id))) throw notFound();
        const token = await issuePasswordToken(tx, id);
        await recordAudit(tx, actor, {
          action: 'user.password_link_issued',
          entityType: 'user',
          entityId: id,
        });
        return token;
      });
    },

    /** Whether a set-password link can still be used (without revealing whose it is). */
    async passwordLinkValid(token: string): Promise<boolean> {
      return (await validTokenUser(token)) !== undefined;
    },

    async setPasswordWithLink(token: string, password: string): Promise<{ userId: string }> {
      const user = await validTokenUser(token);
      if (!user) throw new AppError('not_found', 'passwords.linkInvalid');
      const problem = passwordProblem(password, user.email);
      if (problem) throw validationFailed([{ field: 'password', key: problem }]);
      const actor: Actor = {
        kind: 'user',
        userId: user.id,
        orgId: user.org_id,
        role: user.role as Role,
        name: user.name,
      };
      const hash = await hashPassword(password);
      await withActor(db, actor, async (tx) => {
        await tx
          .updateTable('users')
          .set({ password_hash: hash })
          .where('id', '=', user.id)
          .execute();
        await tx
          .updateTable('password_tokens')
          .set({ used_at: clock.now() })
          .where('token_hash', '=', hashToken(token))
          .execute();
        await recordAudit(tx, actor, {
          action: 'user.password_set',
          entityType: 'user',
          entityId: user.id,
        });
      });
      await sessions.endAllFor(user.id);
      return { userId: user.id };
    },

    async changeOwnPassword(actor: Actor, current: string, replacement: string) {
      if (actor.kind !== 'user') throw notFound();
      const row = await db
        .selectFrom('users')
        .select(['password_hash', 'email'])
        .where('id', '=', actor.userId)
        .executeTakeFirstOrThrow();
      const errors: FieldError[] = [];
      if (!row.password_hash || !(await verifyPassword(row.password_hash, current))) {
        errors.push({ field: 'currentPassword', key: 'passwords.errors.currentWrong' });
      }
      const problem = passwordProblem(replacement, row.email);
      if (problem) errors.push({ field: 'newPassword', key: problem });
      if (errors.length > 0) throw validationFailed(errors);
      const hash = await hashPassword(replacement);
      await withActor(db, actor, async (tx) => {
        await tx
          .updateTable('users')
          .set({ password_hash: hash })
          .where('id', '=', actor.userId)
          .execute();
        await recordAudit(tx, actor, {
          action: 'user.password_changed',
          entityType: 'user',
          entityId: actor.userId,
        });
      });
    },
  };
}

async function checkNewUser(
  tx: Tx,
  data: NewUser,
): Promise<{ orgId?: string; errors: FieldError[] }> {
  const errors: FieldError[] = [];
  const organisation = await findOrganisationBySlug(tx, data.org);
  if (!organisation) {
    errors.push({ field: 'org', key: 'users.errors.orgUnknown' });
  } else if (
    isOrganisationKind(organisation.kind) &&
    !roleFitsOrganisation(data.role, organisation.kind)
  ) {
    errors.push({ field: 'role', key: `users.errors.roleNotFor.${data.role}` });
  }
  if (await emailInUse(tx, data.email))
    errors.push({ field: 'email', key: 'users.errors.emailTaken' });
  if (data.password) {
    const problem = passwordProblem(data.password, data.email);
    if (problem) errors.push({ field: 'password', key: problem });
  }
  return { orgId: organisation?.id, errors };
}

export type UserService = ReturnType<typeof userService>;
