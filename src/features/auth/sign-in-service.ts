import { sql, type Kysely } from 'kysely';
import { withActor } from '../../db/actor-context.js';
import type { DB } from '../../db/schema.js';
import type { UserActor, Role } from '../../domain/roles.js';
import {
  FAILURE_MEMORY_MINUTES,
  KNOWN_ADDRESS_DAYS,
  secondsToWait,
  type FailureCount,
} from '../../domain/sign-in-throttle.js';
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
  | { outcome: 'throttled'; waitSeconds: number };

interface Deps {
  db: Kysely<DB>;
  clock: Clock;
  secret: string;
  sessions: SessionService;
}

export function signInService({ db, clock, secret, sessions }: Deps) {
  /** Failures in one scope since `since`: how many, and the last one's time. */
  async function failures(
    where: { account_key?: string; address?: string },
    since: Date,
  ): Promise<FailureCount> {
    let query = db
      .selectFrom('sign_in_attempts')
      .select((eb) => [eb.fn.countAll<string>().as('n'), eb.fn.max('attempted_at').as('last')])
      .where('succeeded', '=', false)
      .where('attempted_at', '>', since);
    if (where.account_key) query = query.where('account_key', '=', where.account_key);
    if (where.address) query = query.where('address', '=', where.address);
    const row = await query.executeTakeFirstOrThrow();
    return { count: Number(row.n), last: row.last ? new Date(row.last) : undefined };
  }

  async function lastSuccess(where: { account_key: string; address?: string }) {
    let query = db
      .selectFrom('sign_in_attempts')
      .select('attempted_at')
      .where('account_key', '=', where.account_key)
      .where('succeeded', '=', true);
    if (where.address) query = query.where('address', '=', where.address);
    const row = await query.orderBy('attempted_at', 'desc').limit(1).executeTakeFirst();
    return row?.attempted_at;
  }

  const later = (a: Date, b: Date | undefined) => (b && b > a ? b : a);

  /** Seconds before this account may be tried again from this address (0: now). */
  async function waitFor(accountKey: string, addressKey: string, now: Date) {
    const windowStart = new Date(now.getTime() - FAILURE_MEMORY_MINUTES * 60_000);
    const knownSince = new Date(now.getTime() - KNOWN_ADDRESS_DAYS * 86_400_000);
    const pairSuccess = await lastSuccess({ account_key: accountKey, address: addressKey });
    const accountSuccess = await lastSuccess({ account_key: accountKey });
    return secondsToWait(
      {
        pair: await failures(
          { account_key: accountKey, address: addressKey },
          later(windowStart, pairSuccess),
        ),
        address: await failures({ address: addressKey }, windowStart),
        account: await failures({ account_key: accountKey }, later(windowStart, accountSuccess)),
        knownAddress: pairSuccess !== undefined && pairSuccess > knownSince,
      },
      now,
    );
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

      // An attempt while the wait lasts is not checked, and not counted: it cannot lengthen
      // the wait, and it reveals nothing about the password or the account.
      const waitSeconds = await waitFor(accountKey, addressKey, now);
      if (waitSeconds > 0) {
        await withActor(db, anonymous, (tx) =>
          recordAudit(tx, anonymous, { action: 'sign_in.throttled', outcome: 'denied' }),
        );
        return { outcome: 'throttled', waitSeconds };
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

    /**
     * Forgets failures older than a day (throttling looks back an hour) and successes older
     * than the time an address stays known to an account.
     */
    async pruneAttempts(): Promise<void> {
      const now = clock.now().getTime();
      await db
        .deleteFrom('sign_in_attempts')
        .where((eb) =>
          eb.or([
            eb.and([
              eb('succeeded', '=', false),
              eb('attempted_at', '<', new Date(now - 24 * 3_600_000)),
            ]),
            eb('attempted_at', '<', new Date(now - KNOWN_ADDRESS_DAYS * 86_400_000)),
          ]),
        )
        .execute();
    },
  };
}

export type SignInService = ReturnType<typeof signInService>;
