// First-time set-up: while no system administrator can sign in, start-up prints a one-time link
// that lets whoever installed Waymark create the first system administrator, in the
// organisation they name (their home organisation, see docs/adr/0014). There is no default
// password.
import type { Kysely } from 'kysely';
import { withActor } from '../../db/actor-context.js';
import type { DB } from '../../db/schema.js';
import type { Actor, SystemActor } from '../../domain/roles.js';
import { recordAudit } from '../../platform/audit.js';
import type { Clock } from '../../platform/clock.js';
import { AppError, validationFailed, type FieldError } from '../../platform/errors.js';
import { toFieldErrors } from '../../platform/forms.js';
import { hashPassword } from '../../platform/passwords.js';
import { hashToken, oneTimeLink } from '../../platform/secure-tokens.js';
import { createOrganisation } from '../organisations/index.js';
import {
  countActiveSystemAdministrators,
  emailInUse,
  passwordProblem,
  recordStaffEvent,
} from '../users/index.js';
import type { SessionService } from './session-service.js';
import { setupSchema } from './setup-schema.js';

export const SETUP_LINK_HOURS = 24;

/** Set-up acts from outside every organisation, as the command line does. */
const SETUP: SystemActor = { kind: 'system', orgId: null, name: 'first-time set-up' };

export function setupService({
  db,
  clock,
  sessions,
}: {
  db: Kysely<DB>;
  clock: Clock;
  sessions: SessionService;
}) {
  async function tokenUsable(token: string): Promise<boolean> {
    const row = await db
      .selectFrom('setup_tokens')
      .select('token_hash')
      .where('token_hash', '=', hashToken(token))
      .where('used_at', 'is', null)
      .where('expires_at', '>', clock.now())
      .executeTakeFirst();
    return row !== undefined && (await countActiveSystemAdministrators(db)) === 0;
  }

  return {
    /** A new set-up link token if nobody can administer Waymark yet; otherwise null. */
    async issueLinkIfNeeded(): Promise<string | null> {
      if ((await countActiveSystemAdministrators(db)) > 0) return null;
      const { token, row } = oneTimeLink(clock.now(), SETUP_LINK_HOURS);
      await db.deleteFrom('setup_tokens').where('used_at', 'is', null).execute();
      await db.insertInto('setup_tokens').values(row).execute();
      return token;
    },

    tokenUsable,

    /** Creates the organisation and its administrator, and signs them in. */
    async complete(token: string, input: unknown): Promise<{ sessionToken: string }> {
      if (!(await tokenUsable(token))) throw new AppError('not_found', 'setup.linkInvalid');
      const parsed = setupSchema.safeParse(input);
      if (!parsed.success) throw validationFailed(toFieldErrors(parsed.error));
      const data = parsed.data;
      const errors: FieldError[] = [];
      const problem = passwordProblem(data.password, data.email);
      if (problem) errors.push({ field: 'password', key: problem });
      else if (data.password !== data.confirmPassword) {
        errors.push({ field: 'confirmPassword', key: 'passwords.errors.mismatch' });
      }
      if (await emailInUse(db, data.email))
        errors.push({ field: 'email', key: 'users.errors.emailTaken' });
      if (errors.length > 0) throw validationFailed(errors);

      const hash = await hashPassword(data.password);
      const { userId, orgId } = await withActor(db, SETUP, async (tx) => {
        const organisation = await createOrganisation(tx, SETUP, {
          name: data.orgName,
          kind: data.orgKind,
          area: data.area,
          slug: undefined,
        }).catch((error: unknown) => {
          // Field names on this page differ from the organisation form's.
          if (error instanceof AppError) {
            throw validationFailed(
              error.fieldErrors.map((e) => ({
                ...e,
                field: e.field === 'name' ? 'orgName' : e.field,
              })),
            );
          }
          throw error;
        });
        const user = await tx
          .insertInto('users')
          .values({
            org_id: organisation.id,
            email: data.email,
            name: data.name,
            role: 'system_admin',
            password_hash: hash,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        await recordStaffEvent(tx, SETUP, organisation.id, {
          action: 'user.created',
          entityType: 'user',
          entityId: user.id,
          details: { role: 'system_admin' },
        });
        await tx
          .updateTable('setup_tokens')
          .set({ used_at: clock.now() })
          .where('token_hash', '=', hashToken(token))
          .execute();
        return { userId: user.id, orgId: organisation.id };
      });
      const actor: Actor = { kind: 'user', userId, orgId, role: 'system_admin', name: data.name };
      await withActor(db, actor, (tx) =>
        recordAudit(tx, actor, { action: 'setup.completed', entityType: 'user', entityId: userId }),
      );
      return { sessionToken: await sessions.start(userId) };
    },
  };
}

export type SetupService = ReturnType<typeof setupService>;
