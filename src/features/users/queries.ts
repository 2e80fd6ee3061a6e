import type { Kysely } from 'kysely';
import type { Tx } from '../../db/actor-context.js';
import type { DB } from '../../db/schema.js';
import type { Role } from '../../domain/roles.js';
import { escapeLike } from '../organisations/index.js';

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

export function listUsers(db: Reader, filter: { role?: Role; orgSlug?: string; search?: string }) {
  let query = selectUsers(db).orderBy('users.name').limit(500);
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

export async function emailInUse(db: Reader, email: string): Promise<boolean> {
  const row = await db
    .selectFrom('users')
    .select('id')
    .where((eb) => eb(eb.fn('lower', ['email']), '=', email.toLowerCase()))
    .executeTakeFirst();
  return row !== undefined;
}

export async function countActiveAdmins(db: Reader): Promise<number> {
  const row = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('role', '=', 'admin')
    .where('active', '=', true)
    .where('password_hash', 'is not', null)
    .executeTakeFirstOrThrow();
  return row.n;
}
