// API tokens let a partner system (a police records system's daily feed, say) send referrals
// as its organisation. A token is shown once when issued; only its hash is kept. An
// organisation's own administrators issue and revoke its tokens; the operator at the command
// line can list and revoke any (src/domain/administration.ts).
import { sql, type Kysely } from 'kysely';
import { z } from 'zod';
import { withActor } from '../../db/actor-context.js';
import type { DB } from '../../db/schema.js';
import { isUuid } from '../../domain/ids.js';
import { mayIssueToken, mayManageTokens } from '../../domain/administration.js';
import { type Actor, type ApiActor, type Capability, userIdOf } from '../../domain/roles.js';
import { authorize } from '../../platform/authorize.js';
import type { Clock } from '../../platform/clock.js';
import { notFound } from '../../platform/errors.js';
import { optionalText, parseInput } from '../../platform/forms.js';
import { hashToken, newToken } from '../../platform/secure-tokens.js';
import { recordStaffEvent, recordStaffRefusal } from '../users/index.js';

export const TOKEN_PREFIX = 'wmk_';
/** last_used_at is written at most this often. */
const TOUCH_MS = 60_000;

export const issueTokenSchema = z.object({
  /** Only ever the actor's own organisation (named by the JSON of older callers). */
  org: optionalText(60),
  name: optionalText(100),
});

const capabilityOf = (actor: Actor): Capability =>
  actor.kind === 'system' ? 'administer_system' : 'administer_organisation';

export function apiTokenService({ db, clock }: { db: Kysely<DB>; clock: Clock }) {
  return {
    /** The actor's organisation's tokens (every organisation's, for the command line). */
    async list(actor: Actor) {
      await authorize(db, actor, capabilityOf(actor), 'api_token.listed');
      return withActor(db, actor, (tx) => {
        let query = tx
          .selectFrom('api_tokens')
          .innerJoin('organisations', 'organisations.id', 'api_tokens.org_id')
          .leftJoin('users', 'users.id', 'api_tokens.created_by')
          .select([
            'api_tokens.id',
            'api_tokens.name',
            'api_tokens.created_at as createdAt',
            'api_tokens.last_used_at as lastUsedAt',
            'api_tokens.revoked_at as revokedAt',
            'organisations.name as orgName',
            'organisations.slug as orgSlug',
            'users.name as createdByName',
          ])
          .orderBy('api_tokens.revoked_at', (ob) => ob.nullsFirst())
          .orderBy('api_tokens.created_at', 'desc');
        if (actor.kind !== 'system') query = query.where('api_tokens.org_id', '=', actor.orgId);
        return query.execute();
      });
    },

    /** Issues a token for the actor's own organisation; the token itself is returned only here. */
    async issue(
      actor: Actor,
      input: unknown,
    ): Promise<{ id: string; token: string; orgName: string }> {
      await authorize(db, actor, 'administer_organisation', 'api_token.issued');
      const data = parseInput(issueTokenSchema, input);
      const organisation = await db
        .selectFrom('organisations')
        .select(['id', 'name', 'slug'])
        .where('id', '=', actor.orgId!)
        .executeTakeFirstOrThrow();
      const named = data.org?.toLowerCase();
      if (
        !mayIssueToken(actor, organisation.id).allowed ||
        (named && named !== organisation.slug)
      ) {
        await recordStaffRefusal(db, actor, null, {
          action: 'api_token.issued',
          refusal: 'hidden',
        });
        throw notFound();
      }
      const token = `${TOKEN_PREFIX}${newToken()}`;
      return withActor(db, actor, async (tx) => {
        const row = await tx
          .insertInto('api_tokens')
          .values({
            org_id: organisation.id,
            name: data.name ?? `Token for ${organisation.name}`,
            token_hash: hashToken(token),
            created_by: userIdOf(actor),
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        await recordStaffEvent(tx, actor, organisation.id, {
          action: 'api_token.issued',
          entityType: 'api_token',
          entityId: row.id,
        });
        return { id: row.id, token, orgName: organisation.name };
      });
    },

    async revoke(actor: Actor, id: string): Promise<void> {
      await authorize(db, actor, capabilityOf(actor), 'api_token.revoked');
      const found = isUuid(id)
        ? await withActor(db, actor, (tx) =>
            tx
              .selectFrom('api_tokens')
              .select(['org_id', 'revoked_at'])
              .where('id', '=', id)
              .executeTakeFirst(),
          )
        : undefined;
      if (!found || !mayManageTokens(actor, found.org_id).allowed) {
        await recordStaffRefusal(db, actor, null, {
          action: 'api_token.revoked',
          entityType: 'api_token',
          entityId: isUuid(id) ? id : undefined,
          refusal: 'hidden',
        });
        throw notFound();
      }
      if (found.revoked_at) return; // already revoked: nothing to do
      await withActor(db, actor, async (tx) => {
        await tx
          .updateTable('api_tokens')
          .set({ revoked_at: clock.now() })
          .where('id', '=', id)
          .where('revoked_at', 'is', null)
          .execute();
        await recordStaffEvent(tx, actor, found.org_id, {
          action: 'api_token.revoked',
          entityType: 'api_token',
          entityId: id,
        });
      });
    },

    /** The partner a bearer token acts for, or null if it is unknown or revoked. */
    async authenticate(token: string, requestId?: string): Promise<ApiActor | null> {
      if (!token.startsWith(TOKEN_PREFIX)) return null;
      // Nobody is acting yet: the token is looked up by a function that runs as the owner.
      const { rows } = await sql<{
        id: string;
        org_id: string;
        last_used_at: Date | null;
        org_name: string;
      }>`select * from app_api_token(${hashToken(token)})`.execute(db);
      const row = rows[0];
      if (!row) return null;
      const now = clock.now();
      if (!row.last_used_at || now.getTime() - row.last_used_at.getTime() > TOUCH_MS) {
        await sql`select app_api_token_used(${row.id}::uuid, ${now})`.execute(db);
      }
      return { kind: 'api', orgId: row.org_id, tokenId: row.id, name: row.org_name, requestId };
    },
  };
}

export type ApiTokenService = ReturnType<typeof apiTokenService>;
