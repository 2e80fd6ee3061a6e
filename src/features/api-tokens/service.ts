// API tokens let a partner system (a police records system's daily feed, say) send referrals
// as its organisation. A token is shown once when issued; only its hash is kept.
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { withActor } from '../../db/actor-context.js';
import type { DB } from '../../db/schema.js';
import { isUuid } from '../../domain/ids.js';
import type { Actor, ApiActor } from '../../domain/roles.js';
import { recordAudit } from '../../platform/audit.js';
import { authorize } from '../../platform/authorize.js';
import type { Clock } from '../../platform/clock.js';
import { notFound, validationFailed } from '../../platform/errors.js';
import { optionalText, requiredText, toFieldErrors } from '../../platform/forms.js';
import { hashToken, newToken } from '../../platform/secure-tokens.js';

export const TOKEN_PREFIX = 'wmk_';
/** last_used_at is written at most this often. */
const TOUCH_MS = 60_000;

export const issueTokenSchema = z.object({
  org: requiredText('apiTokens.errors.orgRequired', 60),
  name: optionalText(100),
});

export function apiTokenService({ db, clock }: { db: Kysely<DB>; clock: Clock }) {
  return {
    async list(actor: Actor) {
      await authorize(db, actor, 'administer', 'api_token.listed');
      return db
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
        .orderBy('api_tokens.created_at', 'desc')
        .execute();
    },

    /** Issues a token for an organisation; the token itself is returned only here. */
    async issue(
      actor: Actor,
      input: unknown,
    ): Promise<{ id: string; token: string; orgName: string }> {
      await authorize(db, actor, 'administer', 'api_token.issued');
      const parsed = issueTokenSchema.safeParse(input ?? {});
      if (!parsed.success) throw validationFailed(toFieldErrors(parsed.error));
      const organisation = await db
        .selectFrom('organisations')
        .select(['id', 'name'])
        .where('slug', '=', parsed.data.org.toLowerCase())
        .executeTakeFirst();
      if (!organisation)
        throw validationFailed([{ field: 'org', key: 'apiTokens.errors.orgUnknown' }]);
      const token = `${TOKEN_PREFIX}${newToken()}`;
      return withActor(db, actor, async (tx) => {
        const row = await tx
          .insertInto('api_tokens')
          .values({
            org_id: organisation.id,
            name: parsed.data.name ?? `Token for ${organisation.name}`,
            token_hash: hashToken(token),
            created_by: actor.kind === 'user' ? actor.userId : null,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        await recordAudit(tx, actor, {
          action: 'api_token.issued',
          entityType: 'api_token',
          entityId: row.id,
          details: { org: organisation.id },
        });
        return { id: row.id, token, orgName: organisation.name };
      });
    },

    async revoke(actor: Actor, id: string): Promise<void> {
      await authorize(db, actor, 'administer', 'api_token.revoked');
      if (!isUuid(id)) throw notFound();
      await withActor(db, actor, async (tx) => {
        const result = await tx
          .updateTable('api_tokens')
          .set({ revoked_at: clock.now() })
          .where('id', '=', id)
          .where('revoked_at', 'is', null)
          .executeTakeFirst();
        if (result.numUpdatedRows === 0n) {
          const exists = await tx
            .selectFrom('api_tokens')
            .select('id')
            .where('id', '=', id)
            .executeTakeFirst();
          if (!exists) throw notFound();
          return; // already revoked: nothing to do
        }
        await recordAudit(tx, actor, {
          action: 'api_token.revoked',
          entityType: 'api_token',
          entityId: id,
        });
      });
    },

    /** The partner a bearer token acts for, or null if it is unknown or revoked. */
    async authenticate(token: string, requestId?: string): Promise<ApiActor | null> {
      if (!token.startsWith(TOKEN_PREFIX)) return null;
      const row = await db
        .selectFrom('api_tokens')
        .innerJoin('organisations', 'organisations.id', 'api_tokens.org_id')
        .select([
          'api_tokens.id',
          'api_tokens.org_id',
          'api_tokens.last_used_at',
          'organisations.name',
        ])
        .where('api_tokens.token_hash', '=', hashToken(token))
        .where('api_tokens.revoked_at', 'is', null)
        .executeTakeFirst();
      if (!row) return null;
      const now = clock.now();
      if (!row.last_used_at || now.getTime() - row.last_used_at.getTime() > TOUCH_MS) {
        await db
          .updateTable('api_tokens')
          .set({ last_used_at: now })
          .where('id', '=', row.id)
          .execute();
      }
      return { kind: 'api', orgId: row.org_id, tokenId: row.id, name: row.name, requestId };
    },
  };
}

export type ApiTokenService = ReturnType<typeof apiTokenService>;
