// Passwords are only ever chosen by their owner: through a one-time link an administrator makes
// (shown once to the administrator, who sends it), or on the account page with the current one.
import { sql, type Kysely } from 'kysely';
import { withActor, type Tx } from '../../db/actor-context.js';
import type { DB } from '../../db/schema.js';
import { checkPassword } from '../../domain/password-policy.js';
import { isRole, type Actor, type UserActor } from '../../domain/roles.js';
import { recordAudit } from '../../platform/audit.js';
import type { Clock } from '../../platform/clock.js';
import { commonPasswords } from '../../platform/common-passwords.js';
import { AppError, notFound, validationFailed, type FieldError } from '../../platform/errors.js';
import { hashPassword, verifyPassword } from '../../platform/passwords.js';
import { hashToken, oneTimeLink } from '../../platform/secure-tokens.js';

export const PASSWORD_LINK_HOURS = 72;

/** Translation key of the problem with a proposed password, or null. */
export function passwordProblem(password: string, email: string): string | null {
  const problem = checkPassword(password, { email, commonPasswords: commonPasswords() });
  return problem ? `passwords.errors.${problem}` : null;
}

/** Ends a person's sessions (the auth feature's, wired in services.ts). */
export interface SessionEnder {
  endAllFor(userId: string): Promise<unknown>;
}

interface Deps {
  db: Kysely<DB>;
  clock: Clock;
  sessions: SessionEnder;
}

interface LinkAccount {
  id: string;
  email: string;
  org_id: string;
  role: string;
  name: string;
  active: boolean;
}

export function passwordLinks({ db, clock, sessions }: Deps) {
  /** The account a usable link is for (read by a function that runs as the owner). */
  async function accountFor(token: string): Promise<LinkAccount | undefined> {
    const { rows } = await sql<LinkAccount>`
      select * from app_password_link_account(${hashToken(token)}, ${clock.now()})`.execute(db);
    const row = rows[0];
    return row?.active ? row : undefined;
  }

  /** The actor's new password saved as they act, with its audit line and what else goes with it. */
  async function savePassword(
    actor: UserActor,
    password: string,
    action: string,
    alongside?: (tx: Tx) => Promise<unknown>,
  ) {
    const hash = await hashPassword(password);
    await withActor(db, actor, async (tx) => {
      await tx
        .updateTable('users')
        .set({ password_hash: hash })
        .where('id', '=', actor.userId)
        .execute();
      await alongside?.(tx);
      await recordAudit(tx, actor, { action, entityType: 'user', entityId: actor.userId });
    });
  }

  return {
    /** A new link for an account (any earlier one stops working); the caller has checked. */
    async issue(tx: Tx, userId: string): Promise<string> {
      const { token, row } = oneTimeLink(clock.now(), PASSWORD_LINK_HOURS);
      await tx.deleteFrom('password_tokens').where('user_id', '=', userId).execute();
      await tx
        .insertInto('password_tokens')
        .values({ ...row, user_id: userId })
        .execute();
      return token;
    },

    /** Whether a set-password link can still be used (without revealing whose it is). */
    async valid(token: string): Promise<boolean> {
      return (await accountFor(token)) !== undefined;
    },

    /** The owner of the link chooses a password; they act as themselves to save it. */
    async use(token: string, password: string): Promise<{ userId: string }> {
      const user = await accountFor(token);
      if (!user || !isRole(user.role)) throw new AppError('not_found', 'passwords.linkInvalid');
      const problem = passwordProblem(password, user.email);
      if (problem) throw validationFailed([{ field: 'password', key: problem }]);
      const actor: UserActor = {
        kind: 'user',
        userId: user.id,
        orgId: user.org_id,
        role: user.role,
        name: user.name,
      };
      await savePassword(actor, password, 'user.password_set', (tx) =>
        tx
          .updateTable('password_tokens')
          .set({ used_at: clock.now() })
          .where('token_hash', '=', hashToken(token))
          .execute(),
      );
      await sessions.endAllFor(user.id);
      return { userId: user.id };
    },

    async changeOwn(actor: Actor, current: string, replacement: string) {
      if (actor.kind !== 'user') throw notFound();
      const row = await withActor(db, actor, (tx) =>
        tx
          .selectFrom('users')
          .select(['password_hash', 'email'])
          .where('id', '=', actor.userId)
          .executeTakeFirstOrThrow(),
      );
      const errors: FieldError[] = [];
      if (!row.password_hash || !(await verifyPassword(row.password_hash, current))) {
        errors.push({ field: 'currentPassword', key: 'passwords.errors.currentWrong' });
      }
      const problem = passwordProblem(replacement, row.email);
      if (problem) errors.push({ field: 'newPassword', key: problem });
      if (errors.length > 0) throw validationFailed(errors);
      await savePassword(actor, replacement, 'user.password_changed');
    },
  };
}
