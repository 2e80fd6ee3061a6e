import { sql, type Kysely } from 'kysely';
import { withActor } from '../../db/actor-context.js';
import type { DB } from '../../db/schema.js';
import type { UserActor, Role } from '../../domain/roles.js';
import { isThrottled, THROTTLE_WINDOW_MINUTES } from '../../domain/sessions.js';
import { recordAudit } from '../../platform/audit.js';
import type { Clock } from '../../platform/clock.js';
import { MAX_PASSWORD_LENGTH } from '../../domain/password-policy.js';
import { verifyAgainstDecoy, verifyPassword } from '../../platform/passwords.js';
import { keyedHash } from '../../platform/secure-tokens.js';
import type { SessionService } from './session-service.js';

export interface SignInAttempt {
  email: string;
  password: string;
  /** The client's IP address, kept only as a keyed hash. */
  address: string;
  requestId?: string;
}

export type SignInResult =
  | { outcome: 'signed_in'; sessionToken: string; userId: string }
  | { outcome: 'rejected' }
  | { outcome: 'throttled' };

interface Deps {
  db: Kysely<DB>;
  clock: Clock;
  secret: string;
  sessions: SessionService;
}

export function signInService({ db, clock, secret, sessions }: Deps) {
  async function failuresSince(column: 'account_key' | 'address', key: string, since: Date) {
    const row = await db
      .selectFrom('sign_in_attempts')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where(column, '=', key)
      .where('succeeded', '=', false)
      .where('attempted_at', '>', since)
      .executeTakeFirstOrThrow();
    return row.n;
  }

  async function lastSuccess(accountKey: string): Promise<Date | undefined> {
    const row = await db
      .selectFrom('sign_in_attempts')
      .select('attempted_at')
      .where('account_key', '=', accountKey)
      .where('succeeded', '=', true)
      .orderBy('attempted_at', 'desc')
      .limit(1)
      .executeTakeFirst();
    return row?.attempted_at;
  }

  async function throttled(accountKey: string, addressKey: string, now: Date) {
    const windowStart = new Date(now.getTime() - THROTTLE_WINDOW_MINUTES * 60_000);
    const success = await lastSuccess(accountKey);
    const accountSince = success && success > windowStart ? success : windowStart;
    return isThrottled({
      account: await failuresSince('account_key', accountKey, accountSince),
      address: await failuresSince('address', addressKey, windowStart),
    });
  }

  async function recordAttempt(accountKey: string, addressKey: string, succeeded: boolean) {
    await db
      .insertInto('sign_in_attempts')
      .values({
        account_key: accountKey,
        address: addressKey,
        attempted_at: clock.now(),
        succeeded,
      })
      .execute();
  }

  return {
    async signIn(attempt: SignInAttempt): Promise<SignInResult> {
      const email = attempt.email.trim().toLowerCase();
      const accountKey = keyedHash(secret, `account:${email}`);
      const addressKey = keyedHash(secret, `address:${attempt.address}`);
      const now = clock.now();
      const anonymous = null;

      if (await throttled(accountKey, addressKey, now)) {
        await recordAttempt(accountKey, addressKey, false);
        await withActor(db, anonymous, (tx) =>
          recordAudit(tx, anonymous, { action: 'sign_in.throttled', outcome: 'denied' }),
        );
        return { outcome: 'throttled' };
      }

      // Nobody is acting yet: the account is read by a function that runs as the owner.
      const { rows } = await sql<{
        id: string;
        org_id: string;
        role: string;
        name: string;
        password_hash: string | null;
        active: boolean;
      }>`select * from app_sign_in_account(${email})`.execute(db);
      const user = rows[0];

      const passwordOk =
        user?.password_hash && user.active && attempt.password.length <= MAX_PASSWORD_LENGTH
          ? await verifyPassword(user.password_hash, attempt.password)
          : await verifyAgainstDecoy(attempt.password);
      await recordAttempt(accountKey, addressKey, passwordOk);

      if (!user || !passwordOk) {
        const actor: UserActor | null = user
          ? {
              kind: 'user',
              userId: user.id,
              orgId: user.org_id,
              role: user.role as Role,
              name: user.name,
              requestId: attempt.requestId,
            }
          : null;
        await withActor(db, actor, (tx) =>
          recordAudit(tx, actor, {
            action: 'sign_in.failed',
            entityType: user ? 'user' : undefined,
            entityId: user?.id,
            outcome: 'failed',
          }),
        );
        return { outcome: 'rejected' };
      }

      const actor: UserActor = {
        kind: 'user',
        userId: user.id,
        orgId: user.org_id,
        role: user.role as Role,
        name: user.name,
        requestId: attempt.requestId,
      };
      const sessionToken = await sessions.start(user.id);
      await withActor(db, actor, async (tx) => {
        await tx
          .updateTable('users')
          .set({ last_signed_in_at: now })
          .where('id', '=', user.id)
          .execute();
        await recordAudit(tx, actor, {
          action: 'sign_in.succeeded',
          entityType: 'user',
          entityId: user.id,
        });
      });
      return { outcome: 'signed_in', sessionToken, userId: user.id };
    },

    /** Forgets attempts older than a day: throttling only ever looks back 15 minutes. */
    async pruneAttempts(): Promise<void> {
      const cutoff = new Date(clock.now().getTime() - 24 * 3_600_000);
      await db.deleteFrom('sign_in_attempts').where('attempted_at', '<', cutoff).execute();
    },
  };
}

export type SignInService = ReturnType<typeof signInService>;
