import { sql, type Kysely } from 'kysely';
import { withActor } from '../../db/actor-context.js';
import type { DB } from '../../db/schema.js';
import type { UserActor, Role } from '../../domain/roles.js';
import { KNOWN_ADDRESS_DAYS } from '../../domain/sign-in-throttle.js';
import { recordAudit } from '../../platform/audit.js';
import type { Clock } from '../../platform/clock.js';
import { MAX_PASSWORD_LENGTH } from '../../domain/password-policy.js';
import { verifyAgainstDecoy, verifyPassword } from '../../platform/passwords.js';
import type { SessionService } from './session-service.js';
import type { SignInThrottle } from './throttle.js';

export interface SignInAttempt {
  email: string;
  password: string;
  /** The client's IP address, kept only as a keyed hash. */
  address: string;
  requestId?: string;
}

export type SignInResult =
  | { outcome: 'password_accepted'; sessionToken: string; userId: string }
  | { outcome: 'rejected' }
  | { outcome: 'throttled'; waitSeconds: number };

interface Deps {
  db: Kysely<DB>;
  clock: Clock;
  sessions: SessionService;
  throttle: SignInThrottle;
}

export function signInService({ db, clock, sessions, throttle }: Deps) {
  return {
    async signIn(attempt: SignInAttempt): Promise<SignInResult> {
      const email = attempt.email.trim().toLowerCase();
      const keys = throttle.keys(email, attempt.address);
      const anonymous = null;

      // An attempt while the wait lasts is not checked, and not counted: it cannot lengthen
      // the wait, and it reveals nothing about the password or the account.
      const waitSeconds = await throttle.waitFor(keys);
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
      // Only a failure is counted now; the success is the second factor's (features/auth/throttle).
      if (!passwordOk) await throttle.record(keys, false);

      const actorOf = (account: NonNullable<typeof user>): UserActor => ({
        kind: 'user',
        userId: account.id,
        orgId: account.org_id,
        role: account.role as Role,
        name: account.name,
        requestId: attempt.requestId,
      });
      if (!user || !passwordOk) {
        const actor = user ? actorOf(user) : null;
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

      const actor = actorOf(user);
      // The session waits for the second factor (second-factor-service.ts) before it signs in.
      const sessionToken = await sessions.start(user.id);
      await withActor(db, actor, (tx) =>
        recordAudit(tx, actor, {
          action: 'sign_in.password_accepted',
          entityType: 'user',
          entityId: user.id,
        }),
      );
      return { outcome: 'password_accepted', sessionToken, userId: user.id };
    },

    /** Whether this is the account's password (for re-authentication; not counted here). */
    async passwordMatches(email: string, password: string): Promise<boolean> {
      const { rows } = await sql<{
        password_hash: string | null;
        active: boolean;
      }>`select * from app_sign_in_account(${email})`.execute(db);
      const user = rows[0];
      if (!user?.password_hash || !user.active || password.length > MAX_PASSWORD_LENGTH) {
        return verifyAgainstDecoy(password);
      }
      return verifyPassword(user.password_hash, password);
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
