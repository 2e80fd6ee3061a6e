import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import {
  needsTouch,
  pendingExpired,
  sessionEnd,
  sessionState,
  type ResumeResult,
} from '../../domain/sessions.js';
import { isRole } from '../../domain/roles.js';
import type { Clock } from '../../platform/clock.js';
import { hashToken, newToken } from '../../platform/secure-tokens.js';

export type { ResumeResult, SignedInUser } from '../../domain/sessions.js';

export function sessionService({ db, clock }: { db: Kysely<DB>; clock: Clock }) {
  /** A session row under a fresh token, begun now. */
  function newSession(userId: string) {
    const token = newToken();
    const now = clock.now();
    const row = {
      token_hash: hashToken(token),
      user_id: userId,
      created_at: now,
      last_seen_at: now,
    };
    return { token, row, now };
  }

  return {
    /**
     * Starts a session after a correct password (a fresh token: sign-in always rotates the
     * session id). It signs nobody in until the second factor is answered (`signedIn`).
     */
    async start(userId: string): Promise<string> {
      const { token, row } = newSession(userId);
      await db.insertInto('sessions').values(row).execute();
      return token;
    },

    /**
     * The second factor was answered: the waiting session is replaced by a signed-in one under
     * a new token (the id changes as the privilege does), authenticated now.
     */
    async signedIn(pendingToken: string, userId: string): Promise<string> {
      const { token, row, now } = newSession(userId);
      await db.transaction().execute(async (tx) => {
        await tx.deleteFrom('sessions').where('token_hash', '=', hashToken(pendingToken)).execute();
        await tx
          .insertInto('sessions')
          .values({ ...row, second_factor_at: now, authenticated_at: now })
          .execute();
      });
      return token;
    },

    /** The person gave their password and a code again (step-up). */
    async reauthenticated(token: string): Promise<void> {
      const now = clock.now();
      await db
        .updateTable('sessions')
        .set({ authenticated_at: now, last_seen_at: now })
        .where('token_hash', '=', hashToken(token))
        .where('second_factor_at', 'is not', null)
        .execute();
    },

    /** The signed-in user for a session token, if the session is still alive. */
    async resume(token: string, options: { touch?: boolean } = {}): Promise<ResumeResult> {
      const tokenHash = hashToken(token);
      // Read afresh on every request, by a function that runs as the owner (the acting
      // organisation is what it finds): a changed role or organisation applies at once.
      const { rows } = await sql<{
        created_at: Date;
        last_seen_at: Date;
        user_id: string;
        org_id: string;
        role: string;
        name: string;
        email: string;
        active: boolean;
        org_name: string;
        org_kind: string;
        second_factor_at: Date | null;
        authenticated_at: Date | null;
      }>`select * from app_session_account(${tokenHash})`.execute(db);
      const row = rows[0];
      if (!row || !row.active || !isRole(row.role)) return { state: 'unknown' };
      const now = clock.now();
      const user = {
        userId: row.user_id,
        orgId: row.org_id,
        orgName: row.org_name,
        orgKind: row.org_kind,
        role: row.role,
        name: row.name,
        email: row.email,
      };
      if (row.second_factor_at === null) {
        if (!pendingExpired(row.created_at, now)) return { state: 'pending', user };
        await db.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute();
        return { state: 'unknown' };
      }
      const state = sessionState({ createdAt: row.created_at, lastSeenAt: row.last_seen_at }, now);
      if (state !== 'active') {
        await db.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute();
        return { state };
      }
      const touched = options.touch !== false && needsTouch(row.last_seen_at, now);
      if (touched) {
        await db
          .updateTable('sessions')
          .set({ last_seen_at: now })
          .where('token_hash', '=', tokenHash)
          .execute();
      }
      return {
        state: 'active',
        endsAt: sessionEnd(
          { createdAt: row.created_at, lastSeenAt: touched ? now : row.last_seen_at },
          now,
        ),
        user,
        authenticatedAt: row.authenticated_at ? new Date(row.authenticated_at) : null,
      };
    },

    /** Keeps a live session going: the person chose to stay signed in. */
    async extend(token: string): Promise<void> {
      await db
        .updateTable('sessions')
        .set({ last_seen_at: clock.now() })
        .where('token_hash', '=', hashToken(token))
        .execute();
    },

    async end(token: string): Promise<void> {
      await db.deleteFrom('sessions').where('token_hash', '=', hashToken(token)).execute();
    },

    /** Signs a user out everywhere, e.g. when their account is deactivated. */
    async endAllFor(userId: string): Promise<void> {
      await db.deleteFrom('sessions').where('user_id', '=', userId).execute();
    },
  };
}

export type SessionService = ReturnType<typeof sessionService>;
