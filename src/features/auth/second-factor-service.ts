// The second factor (ADR 0019): setting up an authenticator app, answering its code (or a
// recovery code) to finish signing in, and giving the password and a code again before exports
// and security changes (step-up). Wrong codes count toward the sign-in throttle like wrong
// passwords; each event is audited. Which codes are accepted is domain/second-factor.ts.
import { withActor } from '../../db/actor-context.js';
import type { KeyedStore } from './keyed-store.js';
import type { UserActor } from '../../domain/roles.js';
import { checkCode } from '../../domain/second-factor.js';
import type { SignedInUser } from '../../domain/sessions.js';
import { recordAudit, type AuditEvent } from '../../platform/audit.js';
import { secretBox } from '../../platform/secret-box.js';
import { newTotpSecret, totpCode } from '../../platform/totp.js';
import { recoveryCodes } from './recovery-codes.js';
import type { SessionService } from './session-service.js';
import type { SignInService } from './sign-in-service.js';
import type { SignInThrottle } from './throttle.js';

const SEAL_PURPOSE = 'totp-secret';

/** What became of a code: accepted, refused (and why), or not checked during a wait. */
export type CodeOutcome =
  | { outcome: 'accepted' }
  | { outcome: 'refused'; reason: 'wrong' | 'used' | 'password' }
  | { outcome: 'throttled'; waitSeconds: number };

/** Who is answering, and from where (the throttle's address). */
export interface Answerer {
  user: SignedInUser;
  address: string;
  requestId?: string;
}

interface Deps extends KeyedStore {
  sessions: SessionService;
  signIn: SignInService;
  throttle: SignInThrottle;
}

const actorOf = ({ user, requestId }: Answerer): UserActor => ({
  kind: 'user',
  userId: user.userId,
  orgId: user.orgId,
  role: user.role,
  name: user.name,
  requestId,
});

export function secondFactorService({ db, clock, secret, sessions, signIn, throttle }: Deps) {
  const box = secretBox(secret);
  const recovery = recoveryCodes({ db, clock, secret });

  const audit = (who: Answerer, event: AuditEvent) =>
    withActor(db, actorOf(who), (tx) =>
      recordAudit(tx, actorOf(who), { entityType: 'user', entityId: who.user.userId, ...event }),
    );

  async function factorOf(userId: string) {
    return db
      .selectFrom('second_factors')
      .selectAll()
      .where('user_id', '=', userId)
      .executeTakeFirst();
  }

  /** Checks the throttle, then `check`; counts the failure, audits either way. */
  async function throttled(
    who: Answerer,
    check: () => Promise<CodeOutcome>,
    refusedAction: string,
  ): Promise<CodeOutcome> {
    const keys = throttle.keys(who.user.email, who.address);
    const waitSeconds = await throttle.waitFor(keys);
    if (waitSeconds > 0) {
      await audit(who, { action: 'second_factor.throttled', outcome: 'denied' });
      return { outcome: 'throttled', waitSeconds };
    }
    const result = await check();
    if (result.outcome === 'refused') {
      await throttle.record(keys, false);
      await audit(who, {
        action: refusedAction,
        outcome: 'failed',
        details: { reason: result.reason },
      });
    }
    return result;
  }

  /** Checks a code against the account's authenticator and, if right, uses up its step. */
  async function acceptCode(userId: string, code: string): Promise<CodeOutcome> {
    const factor = await factorOf(userId);
    const plain = factor?.secret ? box.open(factor.secret, SEAL_PURPOSE) : undefined;
    if (!factor || !plain) return { outcome: 'refused', reason: 'wrong' };
    const result = checkCode({
      code,
      now: clock.now(),
      lastUsedStep: factor.last_used_step === null ? null : Number(factor.last_used_step),
      codeFor: (step) => totpCode(plain, step),
    });
    if (!result.accepted) return { outcome: 'refused', reason: result.reason };
    // Only one request can move the step past this one: the same code sent twice at once
    // is accepted once.
    const moved = await db
      .updateTable('second_factors')
      .set({ last_used_step: result.step })
      .where('user_id', '=', userId)
      .where((eb) =>
        eb.or([eb('last_used_step', 'is', null), eb('last_used_step', '<', result.step)]),
      )
      .executeTakeFirst();
    return Number(moved.numUpdatedRows) === 1
      ? { outcome: 'accepted' }
      : { outcome: 'refused', reason: 'used' };
  }

  /** The second factor was answered at sign-in: the session signs in, the success is counted. */
  async function finishSignIn(who: Answerer, pendingToken: string): Promise<string> {
    await throttle.record(throttle.keys(who.user.email, who.address), true);
    const token = await sessions.signedIn(pendingToken, who.user.userId);
    const actor = actorOf(who);
    await withActor(db, actor, async (tx) => {
      await tx
        .updateTable('users')
        .set({ last_signed_in_at: clock.now() })
        .where('id', '=', who.user.userId)
        .execute();
      await recordAudit(tx, actor, {
        action: 'sign_in.succeeded',
        entityType: 'user',
        entityId: who.user.userId,
      });
    });
    return token;
  }

  return {
    /** Whether the account has an authenticator set up. */
    async enrolled(userId: string): Promise<boolean> {
      return Boolean((await factorOf(userId))?.secret);
    },

    /** The secret being set up (made once, kept until confirmed), for the QR code and typing. */
    async pendingSecret(userId: string): Promise<string> {
      const factor = await factorOf(userId);
      const kept = factor?.pending_secret
        ? box.open(factor.pending_secret, SEAL_PURPOSE)
        : undefined;
      if (kept) return kept;
      const fresh = newTotpSecret();
      const sealed = box.seal(fresh, SEAL_PURPOSE);
      await db
        .insertInto('second_factors')
        .values({ user_id: userId, pending_secret: sealed })
        .onConflict((oc) => oc.column('user_id').doUpdateSet({ pending_secret: sealed }))
        .execute();
      return fresh;
    },

    /**
     * A code from the app being set up: if right, it becomes the account's authenticator (any
     * earlier one stops working) and ten new recovery codes are made, to be shown once.
     */
    async confirmEnrolment(
      who: Answerer,
      code: string,
    ): Promise<CodeOutcome & { recoveryCodes?: string[] }> {
      const result = await throttled(
        who,
        async () => {
          const factor = await factorOf(who.user.userId);
          const plain = factor?.pending_secret
            ? box.open(factor.pending_secret, SEAL_PURPOSE)
            : undefined;
          if (!factor?.pending_secret || !plain) return { outcome: 'refused', reason: 'wrong' };
          const check = checkCode({
            code,
            now: clock.now(),
            lastUsedStep: null,
            codeFor: (step) => totpCode(plain, step),
          });
          if (!check.accepted) return { outcome: 'refused', reason: check.reason };
          const swapped = await db
            .updateTable('second_factors')
            .set({
              secret: factor.pending_secret,
              pending_secret: null,
              last_used_step: check.step,
              enrolled_at: clock.now(),
            })
            .where('user_id', '=', who.user.userId)
            .where('pending_secret', '=', factor.pending_secret)
            .executeTakeFirst();
          return Number(swapped.numUpdatedRows) === 1
            ? { outcome: 'accepted' }
            : { outcome: 'refused', reason: 'used' };
        },
        'second_factor.enrolment_code_refused',
      );
      if (result.outcome !== 'accepted') return result;
      const recoveryCodes = await recovery.replace(who.user.userId);
      await audit(who, { action: 'second_factor.enrolled' });
      return { ...result, recoveryCodes };
    },

    /** The code from the account's authenticator, to finish signing in. */
    async answerCode(who: Answerer, code: string): Promise<CodeOutcome> {
      const result = await throttled(
        who,
        () => acceptCode(who.user.userId, code),
        'second_factor.code_refused',
      );
      if (result.outcome === 'accepted') {
        await audit(who, { action: 'second_factor.code_accepted' });
      }
      return result;
    },

    /** A recovery code instead of the app's code: each works once. */
    async answerRecoveryCode(who: Answerer, code: string): Promise<CodeOutcome> {
      const result = await throttled(
        who,
        async () =>
          (await recovery.use(who.user.userId, code))
            ? { outcome: 'accepted' }
            : { outcome: 'refused', reason: 'wrong' },
        'second_factor.recovery_code_refused',
      );
      if (result.outcome === 'accepted') {
        await audit(who, {
          action: 'second_factor.recovery_code_used',
          details: { recoveryCodesLeft: await recovery.left(who.user.userId) },
        });
      }
      return result;
    },

    finishSignIn,

    /**
     * Sets an account's authenticator to a known secret, without a code: only for the demo
     * loader, which prints the secret beside the demo passwords (README, "Two commands").
     */
    async enrolDemoAccount(userId: string, base32Secret: string): Promise<void> {
      const sealed = box.seal(base32Secret, SEAL_PURPOSE);
      const values = {
        secret: sealed,
        pending_secret: null,
        last_used_step: null,
        enrolled_at: clock.now(),
      };
      await db
        .insertInto('second_factors')
        .values({ user_id: userId, ...values })
        .onConflict((oc) => oc.column('user_id').doUpdateSet(values))
        .execute();
      await db.deleteFrom('recovery_codes').where('user_id', '=', userId).execute();
    },

    /** Step-up: the password and a current code again; the session counts as authenticated now. */
    async reauthenticate(
      who: Answerer,
      sessionToken: string,
      answer: { password: string; code: string },
    ): Promise<CodeOutcome> {
      const result = await throttled(
        who,
        async () => {
          // A code is only used up when the password was right.
          if (!(await signIn.passwordMatches(who.user.email, answer.password))) {
            return { outcome: 'refused', reason: 'password' };
          }
          return acceptCode(who.user.userId, answer.code);
        },
        'reauthentication.refused',
      );
      if (result.outcome === 'accepted') {
        await sessions.reauthenticated(sessionToken);
        await audit(who, { action: 'reauthentication.succeeded' });
      }
      return result;
    },
  };
}

export type SecondFactorService = ReturnType<typeof secondFactorService>;
