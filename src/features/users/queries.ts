import { sql, type Kysely } from 'kysely';
import type { Tx } from '../../db/actor-context.js';
import type { DB } from '../../db/schema.js';
import { ADMINISTRATOR_ROLES, type Role } from '../../domain/roles.js';
import { escapeLike } from '../../db/like.js';

type Reader = Kysely<DB> | Tx;

export interface UserRow {
  id: string;
  name: string;
  email: string;
  role: Role;
  active: boolean;
  orgId: string;
  orgSlug: string;
  orgName: string;
  orgKind: string;
  createdAt: Date;
  lastSignedInAt: Date | null;
  hasPassword: boolean;
  trainedSvDa: boolean;
}

function selectUsers(db: Reader) {
  return db
    .selectFrom('users')
    .innerJoin('organisations', 'organisations.id', 'users.org_id')
    .select((eb) => [
      'users.id',
      'users.name',
      'users.email',
      'users.role',
      'users.active',
      'users.org_id as orgId',
      'organisations.slug as orgSlug',
      'organisations.name as orgName',
      'organisations.kind as orgKind',
      'users.created_at as createdAt',
      'users.last_signed_in_at as lastSignedInAt',
      eb('users.password_hash', 'is not', null).as('hasPassword'),
      'users.trained_sv_da as trainedSvDa',
    ])
    .$castTo<UserRow>();
}

export function findUserById(db: Reader, id: string) {
  return selectUsers(db).where('users.id', '=', id).executeTakeFirst();
}

export interface UserScope {
  /** The acting administrator's own organisation: everyone in it. */
  orgId: string | null;
  /** The system administrator (or operator) also sees every organisation's administrators. */
  administratorsElsewhere: boolean;
}

export function listUsers(
  db: Reader,
  scope: UserScope,
  filter: { role?: Role; orgSlug?: string; search?: string },
) {
  let query = selectUsers(db).orderBy('users.name').limit(500);
  query = query.where((eb) =>
    eb.or([
      ...(scope.orgId ? [eb('users.org_id', '=', scope.orgId)] : []),
      ...(scope.administratorsElsewhere ? [eb('users.role', 'in', ADMINISTRATOR_ROLES)] : []),
      eb.lit(false),
    ]),
  );
  if (filter.role) query = query.where('users.role', '=', filter.role);
  if (filter.orgSlug) query = query.where('organisations.slug', '=', filter.orgSlug);
  if (filter.search) {
    const pattern = `%${escapeLike(filter.search)}%`;
    query = query.where((eb) =>
      eb.or([eb('users.name', 'ilike', pattern), eb('users.email', 'ilike', pattern)]),
    );
  }
  return query.execute();
}

// Accounts are hidden from other organisations by row-level security; these questions about
// all of them are answered by narrow functions that run as the owner (migration 0012).

export async function emailInUse(db: Reader, email: string): Promise<boolean> {
  const { rows } = await sql<{ used: boolean }>`select app_email_in_use(${email}) as used`.execute(
    db,
  );
  return rows[0]?.used === true;
}

/** Whether an organisation has an active administrator (until then it may be given one). */
export async function hasAdministrator(db: Reader, orgId: string): Promise<boolean> {
  const { rows } = await sql<{
    has: boolean;
  }>`select app_org_has_administrator(${orgId}::uuid) as has`.execute(db);
  return rows[0]?.has === true;
}

/** System administrators who can sign in: while there are none, set-up is offered. */
export async function countActiveSystemAdministrators(db: Reader): Promise<number> {
  const { rows } = await sql<{
    n: number;
  }>`select app_active_system_administrators()::int as n`.execute(db);
  return rows[0]?.n ?? 0;
}
